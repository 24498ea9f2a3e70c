//! TMX reading and writing throughput on a synthetic 10,000-unit memory
//! (`cargo bench --bench tmx`). The 1M-unit end-to-end figure (time and peak
//! memory of `import` / `export`) is `scripts/bench_tmx.sh`; see docs/bench/tmx.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tarjima::formats::tmx::{convert, read::TmxReader};
use tarjima::store::{PairFilter, Store};

const UNITS: usize = 10_000;

fn synthetic_tmx(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" \
         o-tmf=\"x\" adminlang=\"en\" creationtool=\"b\" creationtoolversion=\"1\"/><body>\n",
    );
    for i in 0..n {
        let markup = if i % 5 == 0 {
            "<bpt i=\"1\">&lt;b&gt;</bpt>valve<ept i=\"1\">&lt;/b&gt;</ept>"
        } else {
            "valve"
        };
        s.push_str(&format!(
            "<tu tuid=\"{i}\" creationdate=\"20240101T000000Z\"><prop type=\"x-batch\">{b}</prop>\
             <tuv xml:lang=\"en-US\"><seg>Close the {markup} number {i} and wait.</seg></tuv>\
             <tuv xml:lang=\"de-DE\"><seg>Schließen Sie das Ventil Nummer {i} und warten Sie.</seg></tuv></tu>\n",
            b = i / 1000
        ));
    }
    s.push_str("</body></tmx>\n");
    s.into_bytes()
}

fn bench(c: &mut Criterion) {
    let bytes = synthetic_tmx(UNITS);
    let mut g = c.benchmark_group("tmx");
    g.sample_size(10);
    g.throughput(Throughput::Elements(UNITS as u64));
    g.bench_function("read 10k units", |b| {
        b.iter(|| {
            let mut r = TmxReader::from_bytes("b.tmx", bytes.clone()).unwrap();
            let mut n = 0;
            while let Some(u) = r.next_unit().unwrap() {
                n += convert::unit_to_pairs(&u, r.header()).len();
            }
            assert_eq!(n, UNITS);
        })
    });
    g.bench_function("import 10k units (in-memory store)", |b| {
        b.iter(|| {
            let mut store = Store::open_in_memory().unwrap();
            let mut r = TmxReader::from_bytes("b.tmx", bytes.clone()).unwrap();
            convert::import_reader(&mut store, &mut r, "b.tmx", "h").unwrap();
        })
    });
    let mut store = Store::open_in_memory().unwrap();
    let mut r = TmxReader::from_bytes("b.tmx", bytes.clone()).unwrap();
    convert::import_reader(&mut store, &mut r, "b.tmx", "h").unwrap();
    g.bench_function("export 10k units", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(bytes.len() * 2);
            convert::export(&store, &PairFilter::default(), &mut out).unwrap();
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
