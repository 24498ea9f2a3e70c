//! The binary: importing TMX/CSV/TSV files, exporting, and refusing bad input
//! with exit status 2, one sentence naming file, line and column, and the memory unchanged.

use std::path::{Path, PathBuf};

mod common;
use common::{RunExt, tarjima_on};

fn fixture(name: &str) -> PathBuf {
    common::fixture("tmx").join(name)
}

fn export_tsv(db: &Path) -> String {
    tarjima_on(db).args(["export", "--format", "tsv"]).ok_text()
}

const HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n";
const GOOD_TU: &str = "<tu><tuv xml:lang=\"en\"><seg>New text.</seg></tuv><tuv xml:lang=\"de\"><seg>Neuer Text.</seg></tuv></tu>\n";

#[test]
fn bad_files_exit_2_naming_the_place_and_leave_the_memory_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    tarjima_on(&db)
        .arg("import")
        .arg(fixture("omegat.tmx"))
        .assert()
        .success();
    let before = export_tsv(&db);
    let big = "x".repeat(1024 * 1024 + 10);
    let cases: Vec<(&str, String, &str, &str)> = vec![
        (
            "malformed",
            format!("{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>a</sg></tuv></tu></body></tmx>"),
            ":6:",
            "malformed XML",
        ),
        (
            "version",
            "<tmx version=\"3.0\"><header srclang=\"en\"/><body/></tmx>".into(),
            ":1:1:",
            "unknown TMX version",
        ),
        (
            "onelang",
            format!(
                "{HEAD}{GOOD_TU}\n<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv></tu></body></tmx>"
            ),
            ":7:1:",
            "only one language",
        ),
        (
            "oversized",
            format!(
                "{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>{big}</seg></tuv><tuv xml:lang=\"de\"><seg>b</seg></tuv></tu></body></tmx>"
            ),
            ":6:",
            "oversized",
        ),
        (
            "truncated",
            format!("{HEAD}{GOOD_TU}<tu><tuv xml:lang=\"en\"><seg>a</seg>"),
            ":6:",
            "truncated",
        ),
    ];
    for (name, text, place, what) in cases {
        let path = dir.path().join(format!("{name}.tmx"));
        std::fs::write(&path, text).unwrap();
        let out = tarjima_on(&db).arg("import").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim().lines().count(), 1, "{name}: {err}");
        assert!(err.contains(&format!("{name}.tmx{place}")), "{name}: {err}");
        assert!(err.contains(what), "{name}: {err}");
        assert_eq!(export_tsv(&db), before, "{name}: the memory changed");
    }
}

#[test]
fn a_bad_first_file_does_not_create_a_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    let path = dir.path().join("x.tmx");
    std::fs::write(&path, "<tmx version=\"9\"><header/><body/></tmx>").unwrap();
    tarjima_on(&db).arg("import").arg(&path).assert().code(2);
    assert!(!db.exists());
}

#[test]
fn tmx_import_reports_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    let out = tarjima_on(&db)
        .args(["import", "--format", "json"])
        .arg(fixture("okapi.tmx"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["units"], 4);
    assert_eq!(report["pairs_new"], 7);
    let again = tarjima_on(&db)
        .arg("import")
        .arg(fixture("okapi.tmx"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("already imported"));
    let tmx = tarjima_on(&db)
        .args(["export", "--tgt-lang", "es"])
        .output()
        .unwrap();
    let xml = String::from_utf8(tmx.stdout).unwrap();
    assert_eq!(xml.matches("<tu ").count(), 3, "{xml}");
}

#[test]
fn csv_with_language_header_imports_every_target_and_exports_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    let csv = dir.path().join("terms.csv");
    std::fs::write(
        &csv,
        "en-GB,de-DE,fr\n\"Hello, world\",\"Hallo, Welt\",Bonjour le monde\n\"Say \"\"hi\"\"\",\"Sag \"\"hallo\"\"\",\nTwo\nlines,Zwei Zeilen,Deux lignes\n",
    )
    .unwrap();
    // The third row's newline is inside no quotes: it is a row of one field, a syntax error.
    let out = tarjima_on(&db).arg("import").arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("terms.csv:4:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(
        &csv,
        "en-GB,de-DE,fr\n\"Hello, world\",\"Hallo, Welt\",Bonjour le monde\n\"Say \"\"hi\"\"\",\"Sag \"\"hallo\"\"\",\n\"Two\nlines\",Zwei Zeilen,Deux lignes\n",
    )
    .unwrap();
    let out = tarjima_on(&db)
        .args(["import", "--format", "json"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["pairs_new"], 5);
    assert_eq!(report["empty_cells"], 1);
    let tsv = export_tsv(&db);
    assert!(
        tsv.starts_with("source\ttarget\tsrc_lang\ttgt_lang"),
        "{tsv}"
    );
    assert!(tsv.contains("Two\\nlines\tZwei Zeilen\ten\tde"), "{tsv}");
    assert!(tsv.contains("Say \"hi\"\tSag \"hallo\"\ten\tde"), "{tsv}");
    // Our TSV export imports into a fresh memory with the same pairs.
    let tsv_path = dir.path().join("back.tsv");
    std::fs::write(&tsv_path, &tsv).unwrap();
    let db2 = dir.path().join("two.db");
    tarjima_on(&db2)
        .arg("import")
        .arg(&tsv_path)
        .assert()
        .success();
    let strip = |s: &str| {
        s.lines()
            .map(|l| l.split('\t').take(4).collect::<Vec<_>>().join("\t"))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&export_tsv(&db2)), strip(&tsv));
    // CSV by language columns.
    let out = tarjima_on(&db)
        .args([
            "export",
            "--format",
            "csv",
            "--by-language",
            "--src-lang",
            "en",
            "--tgt-lang",
            "fr",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "en,fr\n\"Hello, world\",Bonjour le monde\n\"Two\nlines\",Deux lignes\n"
    );
}

#[test]
fn csv_without_header_needs_languages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("memory.db");
    let csv = dir.path().join("plain.csv");
    std::fs::write(&csv, "Good morning,Guten Morgen\n").unwrap();
    let out = tarjima_on(&db).arg("import").arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("plain.csv:1:1:"));
    tarjima_on(&db)
        .args(["import", "--src-lang", "en", "--tgt-lang", "de"])
        .arg(&csv)
        .assert()
        .success();
    assert!(export_tsv(&db).contains("Good morning\tGuten Morgen\ten\tde"));
}
