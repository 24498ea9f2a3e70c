//! The lookup and concordance commands against a small memory built through the library.

mod common;
use common::{RunExt, tarjima_on};
use tarjima::store::{NewPair, Store};

fn memory(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("memory.db");
    let mut store = Store::open(&path).unwrap();
    let mut w = store.writer().unwrap();
    let pairs = [
        (
            "Delivery takes 3 working days.",
            "Die Lieferung dauert 3 Werktage.",
        ),
        (
            "Delivery takes 5 working days in Berlin.",
            "Die Lieferung dauert 5 Werktage in Berlin.",
        ),
        (
            "The report was published today.",
            "Der Bericht wurde heute veröffentlicht.",
        ),
        ("乌兹别克斯坦和中国。", "Usbekistan und China."),
    ];
    for (s, t) in pairs {
        let (sl, tl) = if s.starts_with('乌') {
            ("zh", "de")
        } else {
            ("en", "de")
        };
        w.insert_pair(&NewPair::new(sl, tl, s, t, 1.0)).unwrap();
    }
    w.commit().unwrap();
    path
}

fn run(db: &std::path::Path, args: &[&str]) -> String {
    tarjima_on(db).args(args).ok_text()
}

#[test]
fn batch_jsonl_equals_exhaustive_and_substitutes_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let db = memory(dir.path());
    let q = dir.path().join("q.txt");
    std::fs::write(
        &q,
        "Delivery takes 7 working days.\n\nDie Lieferung dauert 3 Werktage.\n",
    )
    .unwrap();
    let q = q.to_str().unwrap();
    let fast = run(&db, &["lookup", "--batch", q, "--format", "jsonl"]);
    let slow = run(
        &db,
        &["lookup", "--batch", q, "--format", "jsonl", "--exhaustive"],
    );
    assert_eq!(fast, slow);
    let lines: Vec<serde_json::Value> = fast
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "one array per input line");
    assert_eq!(lines[0][0]["score"], 98);
    assert_eq!(
        lines[0][0]["substituted_target"],
        "Die Lieferung dauert 7 Werktage."
    );
    assert!(lines[1].as_array().unwrap().is_empty());
    // The German line finds the pair backwards.
    assert_eq!(lines[2][0]["reversed"], true);
    assert_eq!(lines[2][0]["target"], "Delivery takes 3 working days.");
}

#[test]
fn concordance_marks_phrases_and_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = memory(dir.path());
    let out = run(&db, &["concordance", "--side", "source", "working days"]);
    assert!(out.contains("takes 3 [[working days]]."), "{out}");
    let out = run(&db, &["concordance", "--format", "json", "中国"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["source_marked"], "乌兹别克斯坦和[[中国]]。");
    let out = run(&db, &["concordance", "--side", "target", "veröffentl*"]);
    assert!(out.contains("[[veröffentlicht]]"), "{out}");
    // No hit is said, not left as silence; FTS5 operator words are plain words here.
    for phrase in ["never stored", "AND OR NOT ("] {
        let out = run(&db, &["concordance", phrase]);
        assert!(out.starts_with("No pair contains"), "{phrase}: {out}");
    }
}
