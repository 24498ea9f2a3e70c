//! The memory.db shipped at the top of the repository: it opens, is at the
//! current schema, answers lookups, and is what tarjima makes of fixtures/.

use std::path::{Path, PathBuf};

mod common;
use common::{RunExt, tarjima_on};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the shipped memory in a temp dir (opening a memory may write WAL files beside it).
fn shipped_copy(dir: &Path) -> PathBuf {
    let to = dir.join("memory.db");
    std::fs::copy(root().join("memory.db"), &to).expect("memory.db is shipped at the top level");
    to
}

fn export_rows(db: &Path) -> Vec<String> {
    let text = tarjima_on(db).args(["export", "--format", "tsv"]).ok_text();
    // source, target, src_lang, tgt_lang: the columns that say what is stored.
    let mut rows: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| l.split('\t').take(4).collect::<Vec<_>>().join("\t"))
        .collect();
    rows.sort();
    rows
}

#[test]
fn shipped_memory_is_current_and_answers_lookups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = shipped_copy(dir.path());
    let v = tarjima_on(&db)
        .args(["stats", "--format", "json"])
        .ok_json();
    assert_eq!(
        v["stats"]["schema_version"].as_u64(),
        Some(u64::from(tarjima::store::current_version())),
        "memory.db is not at the current schema: run scripts/build-memory.sh"
    );
    assert!(v["stats"]["pairs"].as_i64().unwrap_or(0) > 100);
    // Every stored source looks itself up at 100 (sample: the first row of each language pair).
    let rows = export_rows(&db);
    let mut seen = std::collections::HashSet::new();
    for row in &rows {
        let f: Vec<&str> = row.split('\t').collect();
        if !seen.insert((f[2].to_string(), f[3].to_string())) {
            continue;
        }
        let source = f[0].replace("\\n", "\n").replace("\\t", "\t");
        let v = tarjima_on(&db)
            .args([
                "lookup",
                "--format",
                "json",
                "--src-lang",
                f[2],
                "--tgt-lang",
                f[3],
                &source,
            ])
            .ok_json();
        assert!(v[0]["score"].as_u64().unwrap_or(0) >= 100, "{source}: {v}");
    }
    assert!(seen.len() >= 4, "at least 4 language pairs");
}

#[test]
fn shipped_memory_is_what_tarjima_makes_of_the_fixtures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fresh = dir.path().join("fresh.db");
    tarjima_on(&fresh)
        .arg("import")
        .arg(root().join("fixtures"))
        .assert()
        .success();
    let shipped = shipped_copy(dir.path());
    assert!(
        export_rows(&fresh) == export_rows(&shipped),
        "memory.db differs from a fresh import of fixtures/: run scripts/build-memory.sh and commit"
    );
}
