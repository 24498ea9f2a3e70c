//! Sentence-segmentation throughput on English news text (issue 3 target: >= 50 MB/s on one core).
//!
//! The text is a paragraph of news sentences (abbreviations, numbers, quotes, a URL) repeated to
//! about 4 MB, one paragraph per line. Before timing, the output is checked: every paragraph must
//! split into exactly its sentences. Run: `cargo bench --bench segment`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tarjima::segment::Segmenter;

/// One paragraph's sentences, in order; the paragraph is them joined with spaces.
const SENTENCES: &[&str] = &[
    "The central bank raised its key rate by 0.5 percentage points on Tuesday, the third increase this year.",
    "Inflation reached 7.2% in March, according to figures published by the statistics office at 10 a.m. local time.",
    "\"We will do whatever it takes to bring prices down,\" said Dr. Anna Petrova, the bank's deputy governor.",
    "Analysts at J.P. Morgan and other firms had expected a smaller move.",
    "Shares of Acme Corp. fell 3.4 percent in early trading, while the U.S. dollar gained against most currencies.",
    "Is the economy heading for a recession?",
    "Most economists interviewed by the agency said no, pointing to strong hiring in the services sector.",
    "The full statement is available at https://www.example.org/press/2026-03.html for readers who want details.",
    "Mr. Smith, who chairs the finance committee, called the decision \"necessary but painful.\"",
    "Exports rose to $4.5 billion in the first quarter, driven by demand for machinery, cars, etc.",
    "The next meeting is scheduled for June 12.",
    "Officials declined to say whether further increases would follow!",
];

fn corpus() -> (String, usize) {
    let paragraph = SENTENCES.join(" ");
    let mut text = String::new();
    let mut paragraphs = 0;
    while text.len() < 4 << 20 {
        text.push_str(&paragraph);
        text.push('\n');
        paragraphs += 1;
    }
    (text, paragraphs)
}

fn bench(c: &mut Criterion) {
    let (text, paragraphs) = corpus();
    let seg = Segmenter::for_lang("en");
    let out = seg.split(&text);
    assert_eq!(out.len(), paragraphs * SENTENCES.len(), "sentence count");
    for (got, want) in out.iter().zip(SENTENCES.iter().cycle()) {
        assert_eq!(got, want);
    }
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("en_news_4MB", |b| b.iter(|| seg.split(black_box(&text))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
