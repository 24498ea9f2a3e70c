//! Throughput of the terminology checks per pair, against a 10,000-concept
//! glossary (generated deterministically). The whole-memory figure (1M pairs)
//! is measured by `scripts/bench_qa.py`; see docs/bench/qa.md.

use criterion::{Criterion, criterion_group, criterion_main};
use tarjima::qa::glossary::{Glossary, TermStatus};
use tarjima::qa::{CheckOptions, Checker, PairInput};

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(rng: &mut Rng) -> String {
    const SYL: [&str; 15] = [
        "ka", "lo", "mi", "ren", "tas", "bu", "ver", "do", "sen", "al", "tor", "ni", "pe", "gru",
        "ho",
    ];
    let n = 2 + rng.below(3);
    (0..n).map(|_| SYL[rng.below(SYL.len())]).collect()
}

fn setup() -> (Glossary, Vec<(String, String)>) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let vocab: Vec<String> = (0..20_000).map(|_| word(&mut rng)).collect();
    let mut g = Glossary::default();
    let mut terms = Vec::new();
    for i in 0..10_000 {
        let k = if i % 3 == 0 { 2 } else { 1 };
        let en: Vec<String> = (0..k)
            .map(|_| format!("{}x", vocab[rng.below(vocab.len())]))
            .collect();
        let de: Vec<String> = (0..k)
            .map(|_| format!("{}ung", vocab[rng.below(vocab.len())]))
            .collect();
        let (en, de) = (en.join(" "), de.join(" "));
        let c = format!("c{i}");
        g.add_term(&c, "en", &en, TermStatus::Preferred);
        g.add_term(&c, "de", &de, TermStatus::Preferred);
        g.add_term(
            &c,
            "de",
            &format!("{}heit", vocab[rng.below(vocab.len())]),
            TermStatus::Forbidden,
        );
        terms.push((en, de));
    }
    let mut pairs = Vec::new();
    for _ in 0..1_000 {
        let n = 12 + rng.below(9);
        let mut src: Vec<String> = (0..n)
            .map(|_| vocab[rng.below(vocab.len())].clone())
            .collect();
        let mut tgt: Vec<String> = src.iter().map(|w| format!("{w}e")).collect();
        if rng.below(3) == 0 {
            let (en, de) = &terms[rng.below(terms.len())];
            let pos = rng.below(n);
            src.insert(pos, en.clone());
            tgt.insert(pos, de.clone());
        }
        pairs.push((src.join(" ") + ".", tgt.join(" ") + "."));
    }
    (g, pairs)
}

fn bench(c: &mut Criterion) {
    let (g, pairs) = setup();
    c.bench_function("qa 1000 pairs x 10000 concepts", |b| {
        b.iter(|| {
            let mut qa = Checker::with_options(g.clone(), CheckOptions::default());
            for (s, t) in &pairs {
                qa.check_pair(&PairInput::new("en", "de", s, t));
            }
            qa.finish(|_| None).len()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
