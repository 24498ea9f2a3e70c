//! Sentence-alignment time on a generated parallel text (2,000 source sentences).
//!
//! The generator writes source sentences of random length from a small vocabulary with numbers
//! and capitalised names; the "translation" replaces every ordinary word by a longer made-up word
//! (so only numbers, names and punctuation are shared), merges every 17th sentence with the next
//! one, drops every 41st and inserts an unrelated sentence before every 53rd. The true beads are
//! known, so before timing the bench checks that at least 95% of the aligner's beads are exactly
//! right. Run: `cargo bench --bench align`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tarjima::align::{AlignOptions, Sentence, align};

const SENTENCES: usize = 2000;

/// A small deterministic generator (xorshift), so runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: &[&str] = &[
    "the", "river", "village", "walked", "quickly", "mountain", "under", "bright", "council",
    "decided", "build", "bridge", "winter", "across", "market", "people", "often", "spoke",
    "about", "weather", "harvest", "school", "teacher", "letter", "morning", "road", "small",
];
const NAMES: &[&str] = &[
    "Anna", "Berlin", "Kowalski", "Tashkent", "Miller", "Oslo", "Dupont", "Kyoto", "Ivanova",
];

/// The made-up translation of an ordinary word: longer, sharing nothing with it.
fn foreign(word: &str) -> String {
    let syllables = ["ka", "lo", "mi", "zu", "te", "ra", "no", "vi"];
    let h = word
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    (0..word.len().div_ceil(2) + 1)
        .map(|i| syllables[((h >> (i * 3)) & 7) as usize])
        .collect()
}

fn sentence(rng: &mut Rng) -> (String, String) {
    let n = 4 + rng.below(18) as usize;
    let (mut s, mut t) = (Vec::new(), Vec::new());
    for _ in 0..n {
        match rng.below(12) {
            0 => {
                let num = (1 + rng.below(2100)).to_string();
                s.push(num.clone());
                t.push(num);
            }
            1 => {
                let name = NAMES[rng.below(NAMES.len() as u64) as usize];
                s.push(name.to_string());
                t.push(name.to_string());
            }
            _ => {
                let w = WORDS[rng.below(WORDS.len() as u64) as usize];
                s.push(w.to_string());
                t.push(foreign(w));
            }
        }
    }
    let end = if rng.below(8) == 0 { "?" } else { "." };
    (
        format!("{}{end}", s.join(" ")),
        format!("{}{end}", t.join(" ")),
    )
}

/// Source sentences, target sentences, and the true beads (source indices, target indices).
type Parallel = (Vec<String>, Vec<String>, Vec<(Vec<usize>, Vec<usize>)>);

fn parallel() -> Parallel {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut src, mut tgt, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < SENTENCES {
        if i % 53 == 52 {
            let (_, noise) = sentence(&mut rng);
            gold.push((vec![], vec![tgt.len()]));
            tgt.push(noise);
        }
        let (s, t) = sentence(&mut rng);
        if i % 41 == 40 {
            gold.push((vec![src.len()], vec![]));
            src.push(s);
            i += 1;
            continue;
        }
        if i % 17 == 16 && i + 1 < SENTENCES {
            let (s2, t2) = sentence(&mut rng);
            gold.push((vec![src.len(), src.len() + 1], vec![tgt.len()]));
            src.push(s);
            src.push(s2);
            tgt.push(format!("{t} {t2}"));
            i += 2;
            continue;
        }
        gold.push((vec![src.len()], vec![tgt.len()]));
        src.push(s);
        tgt.push(t);
        i += 1;
    }
    (src, tgt, gold)
}

fn bench(c: &mut Criterion) {
    let (src, tgt, gold) = parallel();
    let s: Vec<Sentence> = src.iter().map(|t| Sentence::new(t, 0)).collect();
    let t: Vec<Sentence> = tgt.iter().map(|t| Sentence::new(t, 0)).collect();
    let opts = AlignOptions::new("en", "xx");
    let beads = align(&s, &t, &opts);
    let right = beads
        .iter()
        .filter(|b| gold.contains(&(b.src.clone(), b.tgt.clone())))
        .count();
    let precision = right as f64 / beads.len() as f64;
    assert!(
        precision >= 0.95,
        "only {right} of {} beads are right ({precision:.3})",
        beads.len()
    );
    let mut group = c.benchmark_group("align");
    group.sample_size(10);
    group.bench_function("2000 sentences, first pass + in-document lexicon", |b| {
        b.iter(|| align(black_box(&s), black_box(&t), &opts))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
