//! TMX units to memory pairs and back, and the import/export of whole files.
//!
//! **Which pairs a unit gives.** The source variant is the `<tuv>` in the
//! unit's `srclang`, else in the header's `srclang` (unless that is `*all*`),
//! matched exactly, then by memory tag, then by primary language; failing
//! all that, the first `<tuv>`. Every other `<tuv>` gives one pair, source →
//! that variant. A unit with more than two variants thus gives several pairs;
//! they carry a group key so export writes them back as one unit.
//!
//! **What is kept.** Everything a unit carries beyond the two texts goes in
//! the pair's `meta` under `"tmx"`: the unit's attributes (minus `srclang`,
//! which the pair's direction records) and its notes and props in order; per
//! side the language tag as written (when it differs from the memory tag),
//! the `<tuv>` attributes, notes, props, and the inline codes. Header
//! defaults a unit inherits are copied into it when our own export header
//! would say otherwise: `datatype` (ours is `unknown`), `segtype` (ours is
//! `sentence`), and `adminlang` as the `xml:lang` of notes and props that
//! have none (ours is `en`). The unit's `creationdate` (else the target's)
//! becomes the pair's `created_at`. Import → export → import therefore gives
//! the same pairs with the same `meta`. The file's header itself (every
//! attribute, including `o-tmf` and `creationtool`, its notes, props and
//! `<ude>`s) is kept in the origin's meta; an export writes tarjima's own
//! header. Duplicate units (same languages and texts) are stored once, the
//! first one's meta kept, the pair's count raised.
//!
//! ```
//! use tarjima::formats::tmx::convert;
//! use tarjima::store::{PairFilter, Store};
//! let tmx = r#"<tmx version="1.4"><header srclang="en-US" datatype="html"/><body>
//! <tu tuid="1"><tuv xml:lang="en-US"><seg>Save <ph x="1">&lt;br/&gt;</ph></seg></tuv>
//! <tuv xml:lang="fr-FR"><seg>Enregistrer <ph x="1">&lt;br/&gt;</ph></seg></tuv></tu></body></tmx>"#;
//! let mut store = Store::open_in_memory().unwrap();
//! let mut r = tarjima::formats::tmx::read::TmxReader::from_bytes("a.tmx", tmx.as_bytes().to_vec()).unwrap();
//! let report = convert::import_reader(&mut store, &mut r, "a.tmx", "hash1").unwrap();
//! assert_eq!(report.pairs_new, 1);
//! let mut out = Vec::new();
//! convert::export(&store, &PairFilter::default(), &mut out).unwrap();
//! let xml = String::from_utf8(out).unwrap();
//! assert!(xml.contains(r#"<tuv xml:lang="fr-FR">"#));
//! assert!(xml.contains(r#"<seg>Enregistrer <ph x="1">&lt;br/&gt;</ph></seg>"#));
//! ```

use std::io::{Read, Write};
use std::path::Path;

use super::inline::Seg;
use super::read::TmxReader;
use super::write::TmxWriter;
use super::{Annot, Attrs, Header, Unit, Variant, attr, iso_date, memory_tag, tmx_date};
use crate::error::{Error, Result};
use crate::formats::ExchangeReport;
use crate::lang;
use crate::store::{NewOrigin, NewPair, OriginOutcome, Pair, PairFilter, PreparedPair, Store};

// The fields of the meta structs below are declared in the order of their JSON names: the
// import serialises them directly (`meta_json`), and that must write exactly what the
// `serde_json::Value` route (sorted keys) writes, which memories already hold.

/// One side (source or target) of a pair, as TMX wrote it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SideMeta {
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Attrs,
    /// Inline codes: (token, XML).
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<(String, String)>,
    /// The language tag as written, when it differs from the memory's tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(rename = "n", default, skip_serializing_if = "Vec::is_empty")]
    pub annots: Vec<Annot>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl SideMeta {
    fn is_empty(&self) -> bool {
        *self == SideMeta::default()
    }
}

/// What a pair keeps of the unit it came from (the `"tmx"` member of its meta).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PairMeta {
    /// For units with more than two variants: a key shared by the unit's pairs,
    /// and the places of the source and target among the unit's variants.
    #[serde(rename = "g", default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(rename = "s", default, skip_serializing_if = "SideMeta::is_empty")]
    pub source: SideMeta,
    #[serde(rename = "si", default, skip_serializing_if = "Option::is_none")]
    pub source_index: Option<usize>,
    #[serde(rename = "t", default, skip_serializing_if = "SideMeta::is_empty")]
    pub target: SideMeta,
    #[serde(rename = "ti", default, skip_serializing_if = "Option::is_none")]
    pub target_index: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tu: Attrs,
    /// The unit's notes and props, in order.
    #[serde(rename = "tun", default, skip_serializing_if = "Vec::is_empty")]
    pub annots: Vec<Annot>,
}

/// A pair's meta as stored: `{"tmx": meta}`.
#[derive(serde::Serialize)]
struct StoredMeta<'a> {
    tmx: &'a PairMeta,
}

/// The JSON text of a pair's meta, written directly (no `serde_json::Value` tree): the same
/// text as `json!({"tmx": meta}).to_string()`.
fn meta_json(meta: &PairMeta) -> String {
    serde_json::to_string(&StoredMeta { tmx: meta }).unwrap_or_default()
}

/// Finds the variant in language `want` (exact tag, then memory tag, then primary language).
fn find_lang(variants: &[Variant], want: &str) -> Option<usize> {
    let exact = variants
        .iter()
        .position(|v| v.lang.eq_ignore_ascii_case(want));
    exact
        .or_else(|| {
            let m = memory_tag(want);
            variants.iter().position(|v| memory_tag(&v.lang) == m)
        })
        .or_else(|| {
            let p = memory_tag(want);
            let p = lang::primary(&p);
            variants
                .iter()
                .position(|v| lang::primary(&memory_tag(&v.lang)) == p)
        })
}

/// The index of the source variant of `unit` (see the module documentation).
pub fn source_index(unit: &Unit, header: &Header) -> usize {
    let want = unit
        .get("srclang")
        .filter(|s| *s != "*all*")
        .or_else(|| header.get("srclang").filter(|s| *s != "*all*"));
    want.and_then(|w| find_lang(&unit.variants, w)).unwrap_or(0)
}

fn side_meta(v: &Variant, adminlang: Option<&str>) -> SideMeta {
    let tag = memory_tag(&v.lang);
    SideMeta {
        lang: (v.lang != tag).then(|| v.lang.clone()),
        attrs: v.attrs.clone(),
        annots: with_adminlang(&v.annots, adminlang),
        codes: v.seg.codes.clone(),
        raw: v.seg.raw.clone(),
    }
}

fn with_adminlang(annots: &[Annot], adminlang: Option<&str>) -> Vec<Annot> {
    let mut out = annots.to_vec();
    if let Some(al) = adminlang {
        for a in &mut out {
            if attr(&a.attrs, "xml:lang").is_none() && attr(&a.attrs, "lang").is_none() {
                a.attrs.push(("xml:lang".into(), al.to_string()));
            }
        }
    }
    out
}

/// A short stable key for a unit's content (for grouping a multilingual unit's pairs).
fn group_key(unit: &Unit) -> String {
    let mut parts: Vec<&[u8]> = Vec::new();
    for v in &unit.variants {
        parts.push(v.lang.as_bytes());
        parts.push(v.seg.text.as_bytes());
    }
    crate::import::fingerprint(&parts)[..16].to_string()
}

/// The pairs a unit gives (see the module documentation); `origin_id`/`position` are set by the caller.
pub fn unit_to_pairs(unit: &Unit, header: &Header) -> Vec<NewPair> {
    unit_pairs(unit, header)
        .into_iter()
        .map(|(mut pair, meta)| {
            pair.meta = Some(serde_json::json!({ "tmx": meta }));
            pair
        })
        .collect()
}

/// [`unit_to_pairs`], prepared for the writer, the meta serialised without a JSON tree.
pub fn unit_to_prepared(unit: &Unit, header: &Header) -> Vec<PreparedPair> {
    unit_pairs(unit, header)
        .into_iter()
        .map(|(pair, meta)| PreparedPair::with_meta_json(pair, Some(meta_json(&meta))))
        .collect()
}

/// The pairs of a unit (without meta) and the meta each keeps.
fn unit_pairs(unit: &Unit, header: &Header) -> Vec<(NewPair, PairMeta)> {
    let si = source_index(unit, header);
    let Some(src) = unit.variants.get(si) else {
        return Vec::new();
    };
    let adminlang = header
        .get("adminlang")
        .filter(|a| !a.is_empty() && lang::primary(&memory_tag(a)) != "en");
    let mut tu: Attrs = unit
        .attrs
        .iter()
        .filter(|(k, _)| k != "srclang")
        .cloned()
        .collect();
    for (name, ours) in [("datatype", "unknown"), ("segtype", "sentence")] {
        if let Some(v) = header.get(name)
            && v != ours
            && attr(&tu, name).is_none()
        {
            tu.push((name.to_string(), v.to_string()));
        }
    }
    let annots = with_adminlang(&unit.annots, adminlang);
    let multi = unit.variants.len() > 2;
    let group = multi.then(|| group_key(unit));
    let source_meta = side_meta(src, adminlang);
    let mut pairs = Vec::with_capacity(unit.variants.len() - 1);
    for (ti, tgt) in unit.variants.iter().enumerate() {
        if ti == si {
            continue;
        }
        let meta = PairMeta {
            tu: tu.clone(),
            annots: annots.clone(),
            source: source_meta.clone(),
            target: side_meta(tgt, adminlang),
            group: group.clone(),
            source_index: multi.then_some(si),
            target_index: multi.then_some(ti),
        };
        let created = unit
            .get("creationdate")
            .or_else(|| attr(&tgt.attrs, "creationdate"))
            .and_then(iso_date);
        pairs.push((
            NewPair {
                src_lang: memory_tag(&src.lang),
                tgt_lang: memory_tag(&tgt.lang),
                source: src.seg.text.clone(),
                target: tgt.seg.text.clone(),
                confidence: 1.0,
                created_at: created,
                ..NewPair::default()
            },
            meta,
        ));
    }
    pairs
}

/// The TMX meta of a stored pair, if it came from TMX.
pub fn pair_meta(p: &Pair) -> Option<PairMeta> {
    let m = p.meta.as_ref()?.get("tmx")?;
    serde_json::from_value(m.clone()).ok()
}

fn variant(lang: String, side: SideMeta, text: &str) -> Variant {
    Variant {
        lang,
        attrs: side.attrs,
        annots: side.annots,
        seg: Seg {
            text: text.to_string(),
            codes: side.codes,
            raw: side.raw,
        },
    }
}

/// The unit a stored pair is written as, with the positions of its source and target among the variants.
pub fn pair_to_unit(p: &Pair) -> (Unit, Option<PairMeta>) {
    match pair_meta(p) {
        Some(m) => {
            let src_lang = m.source.lang.clone().unwrap_or_else(|| p.src_lang.clone());
            let tgt_lang = m.target.lang.clone().unwrap_or_else(|| p.tgt_lang.clone());
            let unit = Unit {
                attrs: m.tu.clone(),
                annots: m.annots.clone(),
                variants: vec![
                    variant(src_lang, m.source.clone(), &p.source),
                    variant(tgt_lang, m.target.clone(), &p.target),
                ],
                offset: 0,
            };
            (unit, Some(m))
        }
        None => {
            let mut attrs = Attrs::new();
            if let Some(d) = tmx_date(&p.created_at) {
                attrs.push(("creationdate".into(), d));
            }
            let mut annots = Vec::new();
            if let Some(o) = &p.origin {
                annots.push(Annot {
                    name: "prop".into(),
                    attrs: vec![("type".into(), "x-tarjima-origin".into())],
                    text: o.clone(),
                });
            }
            if p.confidence < 1.0 {
                annots.push(Annot {
                    name: "prop".into(),
                    attrs: vec![("type".into(), "x-tarjima-confidence".into())],
                    text: format!("{:.3}", p.confidence),
                });
            }
            let unit = Unit {
                attrs,
                annots,
                variants: vec![
                    variant(p.src_lang.clone(), SideMeta::default(), &p.source),
                    variant(p.tgt_lang.clone(), SideMeta::default(), &p.target),
                ],
                offset: 0,
            };
            (unit, None)
        }
    }
}

/// A hash of a file's bytes, read in chunks (constant memory), via [`crate::import::fingerprint`].
pub fn file_hash(path: &Path) -> Result<String> {
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut buf = vec![0u8; 1 << 20];
    let mut h = crate::import::fingerprint(&[b"tarjima-file"]);
    loop {
        let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            return Ok(h);
        }
        h = crate::import::fingerprint(&[h.as_bytes(), &buf[..n]]);
    }
}

/// The page cache used while importing an exchange file (bounded, so memory stays constant).
/// 256 MiB keeps the indexes' hot pages cached through a million-pair import; 64 MiB made
/// the 1M import about twice as slow (docs/bench/lookup.md, "Import, issue 5 target").
pub const BULK_CACHE_KIB: u32 = 256 * 1024;

/// Imports one TMX file in one transaction: on any fault nothing is stored.
pub fn import_file(store: &mut Store, path: &Path) -> Result<ExchangeReport> {
    let hash = file_hash(path)?;
    let mut reader = TmxReader::open(path)?;
    store.set_cache_kib(BULK_CACHE_KIB)?;
    // Read through the page cache only: mapped pages count as resident memory, and building
    // the indexes at the end reads the whole table (~1 GiB at 1M pairs) through the map.
    store.set_mmap_mib(0)?;
    let bulk = store.begin_bulk_load()?;
    let result = import_reader(store, &mut reader, &path.display().to_string(), &hash);
    if bulk {
        // Whatever the import did is committed or rolled back by now; should going back to
        // WAL fail, the next `Store::open` sets WAL again, so the import's result stands.
        let _ = store.end_bulk_load();
    }
    result
}

/// Units per message between the threads of an import.
const BATCH_UNITS: usize = 256;
/// Batches in flight between two threads (bounds the memory the pipeline holds).
const BATCHES_IN_FLIGHT: usize = 8;

/// A run of units as pairs, each with its unit's position in the file.
struct Batch<T> {
    units: usize,
    pairs: Vec<(i64, T)>,
}

/// A pair as read: the pair, and its meta as JSON text.
type ReadPair = (NewPair, String);

/// Stage 1 (`tmx-read`): parses units and maps them to pairs until the file ends, a fault is
/// met, or the next stage hangs up.
fn read_batches(
    reader: &mut TmxReader,
    header: &Header,
    out: &std::sync::mpsc::SyncSender<Result<Batch<ReadPair>>>,
) {
    let mut position = 0i64;
    loop {
        let mut batch = Batch {
            units: 0,
            pairs: Vec::with_capacity(BATCH_UNITS),
        };
        let mut end = false;
        while batch.units < BATCH_UNITS {
            match reader.next_unit() {
                Ok(Some(unit)) => {
                    batch.units += 1;
                    for (pair, meta) in unit_pairs(&unit, header) {
                        batch.pairs.push((position, (pair, meta_json(&meta))));
                    }
                    position += 1;
                }
                Ok(None) => {
                    end = true;
                    break;
                }
                Err(e) => {
                    // The units before the fault go first; the writer stops at the fault.
                    let _ = out.send(Ok(batch));
                    let _ = out.send(Err(e));
                    return;
                }
            }
        }
        if out.send(Ok(batch)).is_err() || end {
            return;
        }
    }
}

/// Stage 2 (`tmx-prepare`): the text work of each pair ([`PreparedPair`]: match key, hash,
/// index terms, concordance text); passes faults on.
fn prepare_batches(
    input: std::sync::mpsc::Receiver<Result<Batch<ReadPair>>>,
    out: &std::sync::mpsc::SyncSender<Result<Batch<PreparedPair>>>,
) {
    for batch in input {
        let prepared = batch.map(|b| Batch {
            units: b.units,
            pairs: b
                .pairs
                .into_iter()
                .map(|(pos, (pair, meta))| (pos, PreparedPair::with_meta_json(pair, Some(meta))))
                .collect(),
        });
        if out.send(prepared).is_err() {
            return;
        }
    }
}

/// Imports what `reader` yields as the origin `name` with content hash `hash`.
///
/// A pipeline of three threads: one parses the file and maps units to pairs, one does each
/// pair's text work ([`PreparedPair`]), and the calling thread writes them in one transaction.
pub fn import_reader(
    store: &mut Store,
    reader: &mut TmxReader,
    name: &str,
    hash: &str,
) -> Result<ExchangeReport> {
    let mut report = ExchangeReport::new(name, "tmx");
    let header = reader.header().clone();
    let mut w = store.bulk_writer()?;
    let mut origin_id = None;
    let (read_tx, read_rx) = std::sync::mpsc::sync_channel(BATCHES_IN_FLIGHT);
    let (tx, rx) = std::sync::mpsc::sync_channel(BATCHES_IN_FLIGHT);
    let stored = std::thread::scope(|scope| -> Result<bool> {
        let header = &header;
        let spawn_error = |e| Error::io(name, e);
        let reading = std::thread::Builder::new()
            .name("tmx-read".into())
            .spawn_scoped(scope, move || read_batches(reader, header, &read_tx))
            .map_err(spawn_error)?;
        let preparing = std::thread::Builder::new()
            .name("tmx-prepare".into())
            .spawn_scoped(scope, move || prepare_batches(read_rx, &tx))
            .map_err(spawn_error)?;
        // Leaving this closure early drops `rx`, which stops the other two threads in turn.
        for batch in rx {
            let batch: Batch<PreparedPair> = batch?;
            report.units += batch.units;
            for (position, pair) in batch.pairs {
                let origin = |p: &NewPair| NewOrigin {
                    name: name.to_string(),
                    kind: "tmx".into(),
                    src_path: Some(name.to_string()),
                    tgt_path: None,
                    src_lang: p.src_lang.clone(),
                    tgt_lang: p.tgt_lang.clone(),
                    content_hash: hash.to_string(),
                    meta: Some(header_meta(header)),
                };
                if !crate::formats::store_exchange_pair(
                    &mut w,
                    &mut origin_id,
                    origin,
                    pair,
                    position,
                    &mut report,
                )? {
                    return Ok(false);
                }
            }
        }
        let died = |_| Error::Input {
            path: name.into(),
            message: "reading the file failed unexpectedly".into(),
        };
        // The channels also close when a thread died: never commit a partial file.
        preparing.join().map_err(died)?;
        reading.join().map_err(died)?;
        Ok(true)
    })?;
    if !stored {
        return Ok(report);
    }
    if origin_id.is_none() {
        let src = header
            .get("srclang")
            .map(memory_tag)
            .unwrap_or_else(|| "und".into());
        let origin = NewOrigin {
            name: name.to_string(),
            kind: "tmx".into(),
            src_path: Some(name.to_string()),
            src_lang: src,
            tgt_lang: "und".into(),
            content_hash: hash.to_string(),
            meta: Some(header_meta(&header)),
            ..NewOrigin::default()
        };
        if let OriginOutcome::AlreadyImported(_) = w.add_origin(&origin)? {
            report.already_imported = true;
            return Ok(report);
        }
    }
    w.commit()?;
    Ok(report)
}

fn header_meta(h: &Header) -> serde_json::Value {
    serde_json::json!({ "tmx_header": { "version": h.version, "attrs": h.attrs, "annots": h.annots, "ude": h.udes } })
}

/// Consecutive pairs of one multilingual unit, gathered to be written as one `<tu>`.
struct Pending {
    group: String,
    unit: Unit,
    indexed: Vec<(usize, Variant)>,
}

/// Writes the pairs that pass `filter` as TMX 1.4b; returns the number of units written.
pub fn export(store: &Store, filter: &PairFilter, out: impl Write) -> Result<usize> {
    let srclang = match &filter.src_lang {
        Some(s) => s.clone(),
        None => {
            let stats = store.stats()?;
            let mut srcs: Vec<&str> = stats
                .by_language_pair
                .iter()
                .filter(|(_, t, _)| filter.tgt_lang.as_ref().is_none_or(|f| f == t))
                .map(|(s, _, _)| s.as_str())
                .collect();
            srcs.sort_unstable();
            srcs.dedup();
            match srcs.as_slice() {
                [one] => one.to_string(),
                _ => "*all*".to_string(),
            }
        }
    };
    let io = |e: std::io::Error| Error::io("<output>", e);
    let mut w = TmxWriter::new(out, &srclang).map_err(io)?;
    let mut units = 0usize;
    let mut pending: Option<Pending> = None;
    let mut emit = |w: &mut TmxWriter<_>, mut unit: Unit, src: String| -> Result<()> {
        if srclang == "*all*" || !src.eq_ignore_ascii_case(&srclang) {
            unit.attrs.push(("srclang".into(), src));
        }
        units += 1;
        w.write_unit(&unit).map_err(io)
    };
    // A multilingual unit's variants go back in their original order.
    let flush = |p: Pending| {
        let mut unit = p.unit;
        let src = unit
            .variants
            .first()
            .map(|v| v.lang.clone())
            .unwrap_or_default();
        let mut indexed = p.indexed;
        indexed.sort_by_key(|(i, _)| *i);
        indexed.dedup_by_key(|(i, _)| *i);
        unit.variants = indexed.into_iter().map(|(_, v)| v).collect();
        (unit, src)
    };
    store.for_each_pair(filter, |p| {
        let (unit, meta) = pair_to_unit(&p);
        let grouped = meta
            .as_ref()
            .and_then(|m| Some((m.group.clone()?, m.source_index?, m.target_index?)));
        match grouped {
            Some((g, si, ti)) => {
                if pending.as_ref().is_some_and(|pd| pd.group == g) {
                    if let Some(pd) = pending.as_mut()
                        && let Some(t) = unit.variants.get(1)
                    {
                        pd.indexed.push((ti, t.clone()));
                    }
                } else {
                    if let Some(pd) = pending.take() {
                        let (u, src) = flush(pd);
                        emit(&mut w, u, src)?;
                    }
                    let indexed = vec![
                        (si, unit.variants[0].clone()),
                        (ti, unit.variants[1].clone()),
                    ];
                    pending = Some(Pending {
                        group: g,
                        unit,
                        indexed,
                    });
                }
            }
            None => {
                if let Some(pd) = pending.take() {
                    let (u, src) = flush(pd);
                    emit(&mut w, u, src)?;
                }
                let src = unit.variants[0].lang.clone();
                emit(&mut w, unit, src)?;
            }
        }
        Ok(())
    })?;
    if let Some(pd) = pending.take() {
        let (u, src) = flush(pd);
        emit(&mut w, u, src)?;
    }
    w.finish().map_err(io)?;
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_str(store: &mut Store, tmx: &str, hash: &str) -> ExchangeReport {
        let mut r = TmxReader::from_bytes("t.tmx", tmx.as_bytes().to_vec()).unwrap();
        import_reader(store, &mut r, "t.tmx", hash).unwrap()
    }

    fn all(store: &Store) -> Vec<Pair> {
        let mut v = Vec::new();
        store
            .for_each_pair(&PairFilter::default(), |p| {
                v.push(p);
                Ok(())
            })
            .unwrap();
        v
    }

    const ALL: &str = r#"<tmx version="1.4"><header srclang="*all*" adminlang="fr"/><body>
<tu srclang="de"><note>n</note><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>
<tu><tuv xml:lang="it"><seg>Ciao</seg></tuv><tuv xml:lang="es"><seg>Hola</seg></tuv></tu>
</body></tmx>"#;

    #[test]
    fn unit_srclang_beats_all_and_first_variant_is_the_fallback() {
        let mut store = Store::open_in_memory().unwrap();
        import_str(&mut store, ALL, "a");
        let dirs: Vec<(String, String)> = all(&store)
            .iter()
            .map(|p| (p.src_lang.clone(), p.tgt_lang.clone()))
            .collect();
        let want = [("de", "en"), ("de", "fr"), ("it", "es")];
        assert_eq!(
            dirs,
            want.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        );
        // adminlang fr is copied into the note, since our header says en.
        let m = pair_meta(&all(&store)[0]).unwrap();
        assert_eq!(attr(&m.annots[0].attrs, "xml:lang"), Some("fr"));
    }

    #[test]
    fn multilingual_unit_keeps_its_variant_order_through_export() {
        let mut a = Store::open_in_memory().unwrap();
        import_str(&mut a, ALL, "a");
        let mut out = Vec::new();
        export(&a, &PairFilter::default(), &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let (en, de, fr) = (
            xml.find("<tuv xml:lang=\"en\"").unwrap(),
            xml.find("<tuv xml:lang=\"de\"").unwrap(),
            xml.find("<tuv xml:lang=\"fr\"").unwrap(),
        );
        assert!(en < de && de < fr, "{xml}");
        assert!(xml.contains("srclang=\"*all*\""), "{xml}");
        assert!(xml.contains("<tu srclang=\"de\">"), "{xml}");
        let mut b = Store::open_in_memory().unwrap();
        import_str(&mut b, &xml, "b");
        let strip = |v: Vec<Pair>| {
            v.into_iter()
                .map(|p| (p.src_lang, p.tgt_lang, p.source, p.target, p.meta))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(all(&a)), strip(all(&b)));
    }

    #[test]
    fn meta_written_directly_equals_the_json_tree_route() {
        let annot = |n: &str| Annot {
            name: n.into(),
            attrs: vec![
                ("type".into(), "x".into()),
                ("xml:lang".into(), "fr".into()),
            ],
            text: "t".into(),
        };
        let side = |l: &str| SideMeta {
            lang: Some(l.into()),
            attrs: vec![("creationid".into(), "me".into())],
            annots: vec![annot("note"), annot("prop")],
            codes: vec![("\u{e000}".into(), "<bpt i=\"1\">&lt;b&gt;</bpt>".into())],
            raw: Some("<seg>x</seg>".into()),
        };
        let full = PairMeta {
            tu: vec![
                ("tuid".into(), "7".into()),
                ("datatype".into(), "html".into()),
            ],
            annots: vec![annot("prop"), annot("note")],
            source: side("en-US"),
            target: side("de-DE"),
            group: Some("abc".into()),
            source_index: Some(0),
            target_index: Some(2),
        };
        for meta in [full, PairMeta::default()] {
            let tree = serde_json::json!({ "tmx": meta }).to_string();
            assert_eq!(meta_json(&meta), tree);
        }
    }

    #[test]
    fn a_fault_in_a_late_unit_stores_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = ALL.replace("<seg>Hola</seg>", "<seg>Hola</sag>");
        let mut r = TmxReader::from_bytes("t.tmx", bad.into_bytes()).unwrap();
        assert!(import_reader(&mut store, &mut r, "t.tmx", "c").is_err());
        assert_eq!(store.stats().unwrap().pairs, 0);
        assert_eq!(store.stats().unwrap().origins, 0);
    }
}
