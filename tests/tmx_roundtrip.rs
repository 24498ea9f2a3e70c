//! TMX import -> export -> import keeps every pair and everything TMX carries;
//! fixtures in the styles of OmegaT, Okapi, Trados and memoQ import with nothing lost;
//! the export validates against the TMX 1.4b DTD and Translate Toolkit reads every unit.

use std::path::{Path, PathBuf};
use std::process::Command;

use tarjima::formats::tmx::read::TmxReader;
use tarjima::formats::tmx::{Annot, Unit, convert};
use tarjima::store::{NewPair, Pair, PairFilter, Store};

const FIXTURES: &[&str] = &["omegat.tmx", "okapi.tmx", "trados.tmx", "memoq.tmx"];

mod common;

fn fixture(name: &str) -> PathBuf {
    common::fixture("tmx").join(name)
}

fn import(path: &Path) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    convert::import_file(&mut store, path).unwrap();
    store
}

fn export(store: &Store) -> Vec<u8> {
    let mut out = Vec::new();
    convert::export(store, &PairFilter::default(), &mut out).unwrap();
    out
}

fn pairs(store: &Store) -> Vec<Pair> {
    let mut v = Vec::new();
    store
        .for_each_pair(&PairFilter::default(), |p| {
            v.push(p);
            Ok(())
        })
        .unwrap();
    v
}

fn units_of(path: &Path) -> Vec<Unit> {
    let mut r = TmxReader::open(path).unwrap();
    let mut v = Vec::new();
    while let Some(u) = r.next_unit().unwrap() {
        v.push(u);
    }
    v
}

/// The fields a round trip must keep (ids and import times aside).
fn essence(
    p: &Pair,
) -> (
    String,
    String,
    String,
    String,
    String,
    Option<serde_json::Value>,
) {
    (
        p.src_lang.clone(),
        p.tgt_lang.clone(),
        p.source.clone(),
        p.target.clone(),
        p.created_at.clone(),
        p.meta.clone(),
    )
}

#[test]
fn import_export_import_keeps_every_pair_and_its_meta() {
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let a = import(&fixture(name));
        let first = export(&a);
        let path = dir.path().join(name);
        std::fs::write(&path, &first).unwrap();
        let b = import(&path);
        let (pa, pb) = (pairs(&a), pairs(&b));
        assert!(!pa.is_empty(), "{name}: nothing imported");
        assert_eq!(
            pa.iter().map(essence).collect::<Vec<_>>(),
            pb.iter().map(essence).collect::<Vec<_>>(),
            "{name}: pairs changed in the round trip"
        );
        assert_eq!(
            String::from_utf8(first).unwrap(),
            String::from_utf8(export(&b)).unwrap(),
            "{name}: a second export differs from the first"
        );
    }
}

fn without_lang(annots: &[Annot]) -> Vec<Annot> {
    annots
        .iter()
        .map(|a| Annot {
            attrs: a
                .attrs
                .iter()
                .filter(|(k, _)| k != "xml:lang")
                .cloned()
                .collect(),
            ..a.clone()
        })
        .collect()
}

#[test]
fn fixtures_in_cat_tool_styles_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let original = units_of(&fixture(name));
        let path = dir.path().join(name);
        std::fs::write(&path, export(&import(&fixture(name)))).unwrap();
        let back = units_of(&path);
        assert_eq!(original.len(), back.len(), "{name}: unit count");
        for (o, b) in original.iter().zip(&back) {
            // Every attribute the unit had is there with its value (srclang may be added, header defaults copied in).
            for (k, v) in &o.attrs {
                assert_eq!(b.get(k), Some(v.as_str()), "{name}: tu attribute {k}");
            }
            for (k, _) in &b.attrs {
                assert!(
                    o.get(k).is_some() || ["srclang", "datatype", "segtype"].contains(&k.as_str()),
                    "{name}: tu attribute {k} appeared"
                );
            }
            assert_eq!(
                without_lang(&o.annots),
                without_lang(&b.annots),
                "{name}: notes/props"
            );
            assert_eq!(o.variants.len(), b.variants.len(), "{name}: variants");
            for (ov, bv) in o.variants.iter().zip(&b.variants) {
                assert_eq!(ov.lang, bv.lang, "{name}: language tag as written");
                assert_eq!(ov.attrs, bv.attrs, "{name}: tuv attributes");
                assert_eq!(
                    without_lang(&ov.annots),
                    without_lang(&bv.annots),
                    "{name}: tuv notes/props"
                );
                assert_eq!(ov.seg, bv.seg, "{name}: segment text and inline markup");
            }
        }
    }
}

#[test]
fn inline_markup_becomes_placeholders_for_matching() {
    let store = import(&fixture("trados.tmx"));
    let p = &pairs(&store)[0];
    assert_eq!(p.source, "Click {1}Settings{/1} and select a language.");
    assert_eq!(
        p.target,
        "{1}Ayarlar{/1} öğesine tıklayın ve bir dil seçin."
    );
    assert_eq!(p.src_lang, "en");
    assert_eq!(p.tgt_lang, "tr");
    assert_eq!(p.created_at, "2024-01-05T10:20:00Z");
    let hits = store
        .pairs_with_key(Some("en"), "click {1}settings{/1} and select a language")
        .unwrap();
    assert_eq!(hits.len(), 1);
}

#[test]
fn multilingual_units_give_a_pair_per_target_and_export_as_one_unit() {
    let store = import(&fixture("okapi.tmx"));
    let ps = pairs(&store);
    let langs: Vec<(&str, &str)> = ps
        .iter()
        .map(|p| (p.src_lang.as_str(), p.tgt_lang.as_str()))
        .collect();
    assert_eq!(langs.iter().filter(|l| **l == ("en", "fr")).count(), 4);
    assert_eq!(langs.iter().filter(|l| **l == ("en", "es")).count(), 3);
    let xml = String::from_utf8(export(&store)).unwrap();
    assert_eq!(xml.matches("<tu ").count(), 4, "{xml}");
}

#[test]
fn pairs_not_from_tmx_export_with_their_date_and_origin() {
    let mut store = Store::open_in_memory().unwrap();
    let mut w = store.writer().unwrap();
    let mut p = NewPair::new("uz-Latn", "ru", "Salom & <xayr>", "Привет", 0.8);
    p.created_at = Some("2026-01-02T03:04:05Z".into());
    w.insert_pair(&p).unwrap();
    w.commit().unwrap();
    let xml = String::from_utf8(export(&store)).unwrap();
    assert!(xml.contains("srclang=\"uz-Latn\""), "{xml}");
    assert!(xml.contains("creationdate=\"20260102T030405Z\""), "{xml}");
    assert!(xml.contains("<seg>Salom &amp; &lt;xayr&gt;</seg>"), "{xml}");
    assert!(xml.contains("x-tarjima-confidence"), "{xml}");
}

fn dtd() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/formats/tmx14.dtd");
    p.exists().then_some(p)
}

#[test]
fn export_validates_against_the_tmx14_dtd() {
    let Some(dtd) = dtd() else {
        eprintln!("skipped: ../shared/formats/tmx14.dtd is not there");
        return;
    };
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!("skipped: xmllint is not installed (apt-get install libxml2-utils)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    for name in FIXTURES {
        convert::import_file(&mut store, &fixture(name)).unwrap();
    }
    {
        let mut w = store.writer().unwrap();
        w.insert_pair(&NewPair::new("de", "en", "Grüße <b>", "Greetings", 0.7))
            .unwrap();
        w.commit().unwrap();
    }
    let path = dir.path().join("all.tmx");
    std::fs::write(&path, export(&store)).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--dtdvalid")
        .arg(&dtd)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A broken export must fail the same check (the test can fail).
    let broken = String::from_utf8(export(&store))
        .unwrap()
        .replacen("<seg>", "<sag>", 1);
    std::fs::write(&path, broken).unwrap();
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--dtdvalid")
        .arg(&dtd)
        .arg(&path)
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// The text a plain reader sees in a segment: codes expanded to their native text.
fn native_text(seg: &tarjima::formats::tmx::inline::Seg) -> String {
    let xml = seg.to_xml();
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

#[test]
fn translate_toolkit_reads_every_unit_of_our_export() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/tmx_peer_check.py");
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let path = dir.path().join(name);
        std::fs::write(&path, export(&import(&fixture(name)))).unwrap();
        let out = match Command::new("python3").arg(&script).arg(&path).output() {
            Ok(o) => o,
            Err(_) => {
                eprintln!("skipped: python3 is not installed");
                return;
            }
        };
        if out.status.code() == Some(3) {
            eprintln!("{}", String::from_utf8_lossy(&out.stderr).trim());
            return;
        }
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ours = units_of(&path);
        assert_eq!(got["units"].as_u64(), Some(ours.len() as u64), "{name}");
        for (u, tt) in ours.iter().zip(got["pairs"].as_array().unwrap()) {
            assert_eq!(
                tt[0].as_str(),
                Some(native_text(&u.variants[0].seg).as_str()),
                "{name}: source"
            );
            assert_eq!(
                tt[1].as_str(),
                Some(native_text(&u.variants[1].seg).as_str()),
                "{name}: target"
            );
        }
    }
}
