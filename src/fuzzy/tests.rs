//! Equivalence of the index with the exhaustive scan, on random memories.

use super::*;
use crate::store::NewPair;

/// A small deterministic generator (SplitMix64), so failures replay.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the", "the", "the", "a", "of", "and", "cat", "dog", "sat", "on", "mat", "house", "red",
    "blue", "runs", "fast", "slow", "Berlin", "river", "{1}", "<b>", "</b>", "7", "12", "3.5",
    "der", "die", "das", "Hund", "Katze", "läuft", "schnell", "中", "国", ",", ".", "!",
];

fn sentence(rng: &mut Rng) -> String {
    let n = rng.below(10);
    let mut out: Vec<String> = Vec::new();
    for _ in 0..n {
        let mut w = WORDS[rng.below(WORDS.len())].to_string();
        if rng.below(8) == 0 {
            w = w.to_uppercase();
        }
        out.push(w);
    }
    out.join(" ")
}

fn mutate(rng: &mut Rng, s: &str) -> String {
    let mut w: Vec<String> = s
        .split(' ')
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect();
    for _ in 0..rng.below(3) {
        match rng.below(3) {
            0 if !w.is_empty() => {
                let i = rng.below(w.len());
                w.remove(i);
            }
            1 => {
                let i = rng.below(w.len() + 1);
                w.insert(i, WORDS[rng.below(WORDS.len())].to_string());
            }
            _ if !w.is_empty() => {
                let i = rng.below(w.len());
                w[i] = WORDS[rng.below(WORDS.len())].to_string();
            }
            _ => {}
        }
    }
    w.join(" ")
}

fn memory(rng: &mut Rng, n: usize) -> (Store, Vec<String>) {
    let mut store = Store::open_in_memory().unwrap();
    let mut sources: Vec<String> = Vec::new();
    // Several commits, so postings are appended to existing chunks.
    for _ in 0..3 {
        let mut w = store.writer().unwrap();
        for _ in 0..n / 3 {
            let src = if !sources.is_empty() && rng.below(2) == 0 {
                let base = sources[rng.below(sources.len())].clone();
                mutate(rng, &base)
            } else {
                sentence(rng)
            };
            let tgt = sentence(rng);
            let (sl, tl) = match rng.below(4) {
                0 => ("de", "en"),
                1 => ("en", "en"),
                _ => ("en", "de"),
            };
            let mut p = NewPair::new(sl, tl, &src, &tgt, 1.0);
            if rng.below(3) == 0 {
                p.prev_source = Some(sentence(rng));
                p.next_source = Some(sentence(rng));
            }
            w.insert_pair(&p).unwrap();
            sources.push(src);
        }
        w.commit().unwrap();
    }
    (store, sources)
}

type Answer = Vec<(u32, i64, bool)>;

fn answer(store: &Store, q: &str, opts: &LookupOptions) -> Answer {
    lookup(store, q, opts)
        .unwrap()
        .iter()
        .map(|m| (m.score, m.pair.id, m.reversed))
        .collect()
}

#[test]
fn index_answers_exactly_like_the_exhaustive_scan() {
    let mut rng = Rng(0x5EED);
    let (store, sources) = memory(&mut rng, 240);
    let mut nonempty = 0;
    for round in 0..70 {
        let q = match round % 3 {
            0 => sources[rng.below(sources.len())].clone(),
            1 => {
                let base = sources[rng.below(sources.len())].clone();
                mutate(&mut rng, &base)
            }
            _ => sentence(&mut rng),
        };
        let min = [1, 30, 50, 67, 80, 95, 100, 101][rng.below(8)];
        let limit = [1, 3, 5, 50][rng.below(4)];
        let src_lang = [None, Some("en"), Some("de")][rng.below(3)].map(String::from);
        let tgt_lang = [None, None, Some("de")][rng.below(3)].map(String::from);
        let mut opts = LookupOptions {
            src_lang,
            tgt_lang,
            min,
            limit,
            both_directions: rng.below(4) != 0,
            ..Default::default()
        };
        if rng.below(4) == 0 {
            let src = &sources[rng.below(sources.len())];
            opts.prev = Some(src.clone());
        }
        let fast = answer(&store, &q, &opts);
        opts.exhaustive = true;
        let slow = answer(&store, &q, &opts);
        assert_eq!(fast, slow, "query {q:?} with {opts:?}");
        nonempty += usize::from(!slow.is_empty());
        // Order: score descending, ties by id ascending.
        for w in slow.windows(2) {
            assert!(w[0].0 > w[1].0 || (w[0].0 == w[1].0 && (w[0].1, w[0].2) < (w[1].1, w[1].2)));
        }
    }
    assert!(
        nonempty > 20,
        "the test must exercise real matches ({nonempty})"
    );
}

#[test]
fn context_match_scores_101() {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.writer().unwrap();
    let mut p = NewPair::new("en", "de", "Close the door.", "Schließen Sie die Tür.", 1.0);
    p.prev_source = Some("It is cold.".into());
    p.next_source = Some("Thank you.".into());
    let with_ctx = w.insert_pair(&p).unwrap().id();
    let plain = w
        .insert_pair(&NewPair::new("en", "de", "Close the door.", "Tür zu.", 1.0))
        .unwrap()
        .id();
    w.commit().unwrap();
    let mut opts = LookupOptions {
        src_lang: Some("en".into()),
        prev: Some("it is cold".into()),
        next: Some("Thank you!".into()),
        ..Default::default()
    };
    let m = lookup(&store, "Close the door.", &opts).unwrap();
    assert_eq!(
        (m[0].score, m[0].pair.id, m[0].context),
        (101, with_ctx, true)
    );
    assert_eq!((m[1].score, m[1].pair.id), (100, plain));
    opts.next = Some("Goodbye.".into());
    let m = lookup(&store, "Close the door.", &opts).unwrap();
    assert_eq!((m[0].score, m[0].pair.id), (100, with_ctx));
    opts.min = 101;
    assert!(lookup(&store, "Close the door.", &opts).unwrap().is_empty());
}

#[test]
fn stale_index_is_rebuilt_and_gives_the_same_answer() {
    let mut rng = Rng(7);
    let (mut store, sources) = memory(&mut rng, 60);
    let opts = LookupOptions::default();
    let q = sources[5].clone();
    let before = answer(&store, &q, &opts);
    {
        let mut w = store.writer().unwrap();
        w.set_setting("fuzzy_index_stale", "1").unwrap();
        w.commit().unwrap();
    }
    assert!(store.search_indexes_stale().unwrap());
    let mut w = store.writer().unwrap();
    w.rebuild_search_indexes().unwrap();
    w.commit().unwrap();
    assert!(!store.search_indexes_stale().unwrap());
    assert_eq!(answer(&store, &q, &opts), before);
}

#[test]
fn dense_bitmaps_hold_exactly_their_posting_lists() {
    let mut rng = Rng(11);
    let (store, _) = memory(&mut rng, 240);
    let mut dense = 0;
    let mut words: Vec<String> = WORDS.iter().map(|w| w.to_lowercase()).collect();
    words.extend(["#", "the\u{1}2", "the\u{1}3"].map(String::from));
    for w in &words {
        let (df, is_dense) = store.index_term(w).unwrap();
        if !is_dense {
            continue;
        }
        dense += 1;
        let mut from_list: Vec<u64> = Vec::new();
        store
            .index_postings(w, |blob| {
                for e in blob.chunks_exact(search::ENTRY_BYTES) {
                    let (id, side, _) = search::decode_entry(e);
                    from_list.push(u64::from(id) << 1 | u64::from(side));
                }
            })
            .unwrap();
        let mut from_bits: Vec<u64> = Vec::new();
        store
            .index_bitmap(w, |block, bits| {
                for k in 0..search::BLOCK_KEYS {
                    if search::bit(bits, k) {
                        from_bits.push(block * search::BLOCK_KEYS + k);
                    }
                }
            })
            .unwrap();
        assert_eq!(from_list.len() as u64, df, "{w}");
        assert_eq!(from_bits, from_list, "{w}");
    }
    assert!(dense > 3, "the memory must have dense terms ({dense})");
}
