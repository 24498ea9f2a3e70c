//! The large lookup benchmark (see docs/bench/lookup.md).
//!
//! ```text
//! cargo run --release --example tm_bench -- gen PATH N        # make a memory of N pairs
//! cargo run --release --example tm_bench -- lookup PATH Q K   # Q indexed queries, K of them also exhaustive
//! cargo run --release --example tm_bench -- concordance PATH
//! cargo run --release --example tm_bench -- gen-tmx N FILE    # the same N pairs as a TMX 1.4b file
//! ```
//!
//! `gen-tmx` writes exactly the pairs `gen` stores (the first N distinct ones),
//! so `tarjima --db X import FILE` followed by `lookup X …` measures a memory
//! imported through the CLI (scripts/bench_lookup.sh).
//!
//! `TM_GEN=small` selects the first, small-vocabulary generator (the hard
//! case) for `gen` and `lookup`; the default is the realistic one.

#[path = "../benches/support/tm_gen.rs"]
mod tm_gen;

use std::path::Path;
use std::time::Instant;

use tarjima::fuzzy::concord::{ConcordanceQuery, Side};
use tarjima::fuzzy::{LookupOptions, lookup};
use tarjima::store::{NewPair, Store};

const SEED: u64 = 20_260_201;

/// Whether `TM_GEN=small` asks for the small-vocabulary generator.
fn small() -> bool {
    std::env::var("TM_GEN").is_ok_and(|v| v == "small")
}

fn gen_pair(i: u64) -> (String, String) {
    if small() {
        tm_gen::pair_small(SEED, i)
    } else {
        tm_gen::pair(SEED, i)
    }
}

fn gen_query(k: u64, stored: u64) -> String {
    if small() {
        tm_gen::query_small(SEED, k, stored)
    } else {
        tm_gen::query(SEED, k, stored)
    }
}

/// CPU seconds (user + system) this process has used, from /proc/self/stat
/// (the machine is shared, so wall time alone overstates the cost).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // Fields 14 and 15 (utime, stime) are at 11 and 12 after the command name.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let cmd = args.get(1).map(String::as_str).unwrap_or("");
    let path = Path::new(args.get(2).map(String::as_str).unwrap_or("bench.db"));
    match cmd {
        "gen" => {
            let n: u64 = args.get(3).map_or(Ok(100_000), |s| s.parse())?;
            let _ = std::fs::remove_file(path);
            let mut store = Store::open(path)?;
            // TM_CACHE_MIB: the page cache during the import (default: the store's 64 MiB).
            if let Some(mib) = std::env::var("TM_CACHE_MIB")
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
            {
                store.set_cache_kib(mib * 1024)?;
            }
            // TM_MMAP_MIB: the memory map during the import (default: the store's 1 GiB).
            if let Some(mib) = std::env::var("TM_MMAP_MIB")
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
            {
                store.set_mmap_mib(mib)?;
            }
            let t = Instant::now();
            let mut stored = 0u64;
            let mut i = 0u64;
            while stored < n {
                let mut w = store.writer()?;
                let end = (stored + 250_000).min(n);
                while stored < end {
                    let (en, de) = gen_pair(i);
                    i += 1;
                    if let tarjima::store::Inserted::New(_) =
                        w.insert_pair(&NewPair::new("en", "de", &en, &de, 1.0))?
                    {
                        stored += 1;
                    }
                }
                w.commit()?;
            }
            let secs = t.elapsed().as_secs_f64();
            let size = std::fs::metadata(path)?.len();
            println!(
                "stored {stored} pairs ({i} generated) in {secs:.1} s ({:.0} pairs/s); file {:.1} MiB, {:.0} bytes/pair",
                stored as f64 / secs,
                size as f64 / 1048576.0,
                size as f64 / stored as f64
            );
        }
        "vocab" => {
            // The head of the realistic vocabulary and where the real words end.
            let v = tm_gen::vocabulary();
            let real = tm_gen::ranked_words(tm_gen::REAL_EN).len();
            let de = tm_gen::ranked_words(tm_gen::REAL_DE).len();
            println!(
                "{} words: {real} English fixture words (ranked), {de} German fixture words; the rest invented",
                v.len()
            );
            for (r, (e, d)) in v.iter().take(40).enumerate() {
                println!("{r:>3} {e} / {d}");
            }
        }
        "gen-tmx" => {
            // Here the arguments are N FILE (the order of the issue's wording).
            let n: u64 = args.get(2).map_or(Ok(100_000), |s| s.parse())?;
            let out = Path::new(args.get(3).map(String::as_str).unwrap_or("bench.tmx"));
            let t = Instant::now();
            let (written, generated) = write_tmx(out, n)?;
            let size = std::fs::metadata(out)?.len();
            println!(
                "wrote {written} units ({generated} generated) in {:.1} s; file {:.1} MiB, {:.0} bytes/pair",
                t.elapsed().as_secs_f64(),
                size as f64 / 1048576.0,
                size as f64 / written as f64
            );
        }
        "lookup" => {
            let q: u64 = args.get(3).map_or(Ok(300), |s| s.parse())?;
            let k: u64 = args.get(4).map_or(Ok(5), |s| s.parse())?;
            let store = Store::open_existing(path)?;
            // TM_MMAP_MIB: the memory map of the lookups (default: the store's 1 GiB;
            // a 5M-pair memory is larger, and the rest is read through the page cache).
            if let Some(mib) = std::env::var("TM_MMAP_MIB")
                .ok()
                .and_then(|s| s.parse::<u32>().ok())
            {
                store.set_mmap_mib(mib)?;
            }
            let stored = store.stats()?.pairs as u64;
            let opts = LookupOptions {
                src_lang: Some("en".into()),
                tgt_lang: Some("de".into()),
                min: 50,
                limit: 5,
                ..Default::default()
            };
            let queries: Vec<String> = (0..q).map(|j| gen_query(j, stored)).collect();
            // Warm the page cache once (the file is read through the OS cache afterwards).
            for qq in queries.iter().take(20) {
                lookup(&store, qq, &opts)?;
            }
            let mut times = Vec::new();
            let mut found = 0;
            let cpu0 = cpu_seconds();
            for qq in &queries {
                let t = Instant::now();
                let m = lookup(&store, qq, &opts)?;
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                if std::env::var("TM_SLOW").is_ok_and(|v| v.parse::<f64>().is_ok_and(|s| ms > s)) {
                    println!("slow {ms:.1} ms: {qq:?} -> {} matches", m.len());
                }
                times.push(ms);
                found += usize::from(!m.is_empty());
            }
            let cpu = (cpu_seconds() - cpu0) * 1000.0 / q as f64;
            times.sort_by(f64::total_cmp);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
            println!(
                "indexed: {q} queries on {stored} pairs: mean {mean:.3} ms wall ({cpu:.3} ms CPU), p50 {:.3}, p95 {:.3}, p99 {:.3}, max {:.3}; {found} with matches",
                pct(0.5),
                pct(0.95),
                pct(0.99),
                pct(1.0)
            );
            let mut ex = Vec::new();
            let mut idx = Vec::new();
            let mut same = 0;
            let ex_opts = LookupOptions {
                exhaustive: true,
                ..opts.clone()
            };
            for qq in queries.iter().take(k as usize) {
                let t = Instant::now();
                let a = lookup(&store, qq, &opts)?;
                idx.push(t.elapsed().as_secs_f64() * 1000.0);
                let t = Instant::now();
                let b = lookup(&store, qq, &ex_opts)?;
                ex.push(t.elapsed().as_secs_f64() * 1000.0);
                let key = |m: &[tarjima::fuzzy::Match]| {
                    m.iter()
                        .map(|x| (x.score, x.pair.id, x.reversed))
                        .collect::<Vec<_>>()
                };
                if key(&a) == key(&b) {
                    same += 1;
                } else {
                    println!(
                        "DIFFERENT answers for {qq:?}: {:?} vs {:?}",
                        key(&a),
                        key(&b)
                    );
                }
            }
            if k > 0 {
                let me = ex.iter().sum::<f64>() / ex.len() as f64;
                let mi = idx.iter().sum::<f64>() / idx.len() as f64;
                println!(
                    "exhaustive: {k} queries: mean {me:.1} ms; indexed on the same queries {mi:.3} ms; ratio {:.0}x; identical answers {same}/{k}",
                    me / mi
                );
            }
        }
        "concordance" => {
            let store = Store::open_existing(path)?;
            let phrases = [
                "report",
                "delivery",
                "the new",
                "working days",
                "price of the",
                "Samarkand",
                "Lieferung",
                "Schaltfläche",
                "transl*",
                "Kraftwerk",
                "the annual budget",
                "in the north",
                "Taschkent",
                "Krankenhaus",
                "kari*",
                "founded in",
            ];
            let mut times = Vec::new();
            let mut cpu0 = 0.0;
            for round in 0..2 {
                if round == 1 {
                    cpu0 = cpu_seconds();
                }
                for p in phrases {
                    for side in [Side::Source, Side::Target, Side::Both] {
                        let t = Instant::now();
                        let q = ConcordanceQuery::new(p, side, false)?;
                        let ids = store.concordance_ids(&q.fts, 20)?;
                        let mut marked = 0;
                        for id in &ids {
                            if let Some(pair) = store.pair(*id)? {
                                marked += q.hits(&pair.source).len() + q.hits(&pair.target).len();
                            }
                        }
                        std::hint::black_box(marked);
                        if round == 1 {
                            times.push(t.elapsed().as_secs_f64() * 1000.0);
                        }
                    }
                }
            }
            let cpu = (cpu_seconds() - cpu0) * 1000.0 / times.len() as f64;
            times.sort_by(f64::total_cmp);
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            println!(
                "concordance: {} queries (limit 20, hits marked): mean {mean:.3} ms wall ({cpu:.3} ms CPU), max {:.3} ms",
                times.len(),
                times[times.len() - 1]
            );
        }
        _ => eprintln!(
            "usage: tm_bench gen PATH N | lookup PATH Q K | concordance PATH | gen-tmx N FILE | vocab"
        ),
    }
    Ok(())
}

/// Escapes text for XML character data.
fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            _ => o.push(c),
        }
    }
    o
}

/// Writes the first `n` distinct generated pairs (the ones `gen` stores, in the same
/// order) as a TMX 1.4b file, en -> de. Returns (units written, pairs generated).
fn write_tmx(out: &Path, n: u64) -> std::io::Result<(u64, u64)> {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    use std::io::Write;
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(out)?);
    writeln!(f, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(f, r#"<tmx version="1.4">"#)?;
    writeln!(
        f,
        r#"<header creationtool="tm_bench" creationtoolversion="1" segtype="sentence" o-tmf="tm_bench" adminlang="en" srclang="en" datatype="plaintext"/>"#
    )?;
    writeln!(f, "<body>")?;
    // Distinctness by a fixed 64-bit hash of the pair (deterministic; 8 bytes a pair in memory).
    let hasher = BuildHasherDefault::<DefaultHasher>::default();
    let mut seen = std::collections::HashSet::with_capacity(n as usize);
    let (mut written, mut i) = (0u64, 0u64);
    while written < n {
        let (en, de) = gen_pair(i);
        i += 1;
        if !seen.insert(hasher.hash_one((&en, &de))) {
            continue;
        }
        written += 1;
        writeln!(
            f,
            "<tu tuid=\"{written}\"><tuv xml:lang=\"en\"><seg>{}</seg></tuv><tuv xml:lang=\"de\"><seg>{}</seg></tuv></tu>",
            xml_escape(&en),
            xml_escape(&de)
        )?;
    }
    writeln!(f, "</body>")?;
    writeln!(f, "</tmx>")?;
    f.flush()?;
    Ok((written, i))
}
