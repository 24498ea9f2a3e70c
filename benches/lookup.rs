//! Criterion benchmark of fuzzy lookup and concordance on a generated
//! 20,000-pair English-German memory (the 1M-pair figures come from
//! `examples/tm_bench.rs`; see docs/bench/lookup.md).

#[path = "support/tm_gen.rs"]
mod tm_gen;

use criterion::{Criterion, criterion_group, criterion_main};
use tarjima::fuzzy::concord::{ConcordanceQuery, Side};
use tarjima::fuzzy::{LookupOptions, lookup};
use tarjima::store::{NewPair, Store};

const SEED: u64 = 20_260_201;
const PAIRS: u64 = 20_000;

fn memory(dir: &std::path::Path) -> Store {
    let path = dir.join("bench.db");
    let mut store = Store::open(&path).expect("create the memory");
    let mut w = store.writer().expect("writer");
    for i in 0..PAIRS {
        let (en, de) = tm_gen::pair(SEED, i);
        w.insert_pair(&NewPair::new("en", "de", &en, &de, 1.0))
            .expect("insert");
    }
    w.commit().expect("commit");
    store
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = memory(dir.path());
    let queries: Vec<String> = (0..50).map(|k| tm_gen::query(SEED, k, PAIRS)).collect();
    let opts = LookupOptions {
        src_lang: Some("en".into()),
        tgt_lang: Some("de".into()),
        ..Default::default()
    };
    c.bench_function("lookup 50 queries, top 5, min 50, 20k pairs", |b| {
        b.iter(|| {
            for q in &queries {
                std::hint::black_box(lookup(&store, q, &opts).expect("lookup"));
            }
        })
    });
    let ex = LookupOptions {
        exhaustive: true,
        ..opts.clone()
    };
    let mut g = c.benchmark_group("exhaustive");
    g.sample_size(10);
    g.bench_function("lookup 1 query exhaustive, 20k pairs", |b| {
        b.iter(|| std::hint::black_box(lookup(&store, &queries[0], &ex).expect("lookup")))
    });
    g.finish();
    c.bench_function("concordance 'the new' both sides, limit 20", |b| {
        b.iter(|| {
            let q = ConcordanceQuery::new("the new", Side::Both, false).expect("query");
            std::hint::black_box(store.concordance_ids(&q.fts, 20).expect("search"))
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
