//! End-to-end runs of `tarjima qa` on temporary memories built through the CLI
//! (a small TMX imported with `tarjima import`), checking the exit statuses,
//! the JSON contract of `/work/shared/interface.md`, accepted findings, and
//! that correct inflected renderings pass.

use std::path::PathBuf;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;

const GLOSSARY: &str = "concept\tlang\tterm\tstatus\n\
road\ten\troad\tpreferred\n\
road\tru\tдорога\tpreferred\n\
road\tru\tпуть\tforbidden\n\
station\ten\trailway station\tpreferred\n\
station\tde\tBahnhof\tpreferred\n\
station\tde\tStation\tdeprecated\n";

/// Correct renderings, inflected: Russian locative `дороге`, German plural `Bahnhöfe`.
const CLEAN: &[(&str, &str, &str, &str)] = &[
    (
        "en",
        "ru",
        "We walked along the road to the village.",
        "Мы шли по дороге в деревню.",
    ),
    (
        "en",
        "de",
        "Both railway stations were rebuilt last year.",
        "Beide Bahnhöfe wurden letztes Jahr umgebaut.",
    ),
];

/// A forbidden rendering (error).
const FORBIDDEN: (&str, &str, &str, &str) = (
    "en",
    "ru",
    "The road was closed after the storm.",
    "После бури путь был закрыт.",
);

/// A deprecated rendering (warning).
const DEPRECATED: (&str, &str, &str, &str) = (
    "en",
    "de",
    "The railway station is near the river.",
    "Die Station liegt am Fluss.",
);

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

struct Env {
    dir: TempDir,
}

impl Env {
    /// A memory made by importing `pairs` as a TMX file, and the glossary file.
    fn new(pairs: &[(&str, &str, &str, &str)]) -> Env {
        let env = Env {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::write(env.path("glossary.tsv"), GLOSSARY).expect("write glossary");
        if !pairs.is_empty() {
            let mut tmx = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
                 <header creationtool=\"test\" creationtoolversion=\"1\" datatype=\"plaintext\" \
                 segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"test\"/>\n<body>\n",
            );
            for (sl, tl, s, t) in pairs {
                tmx.push_str(&format!(
                    "<tu><tuv xml:lang=\"{sl}\"><seg>{}</seg></tuv><tuv xml:lang=\"{tl}\"><seg>{}</seg></tuv></tu>\n",
                    xml(s),
                    xml(t)
                ));
            }
            tmx.push_str("</body></tmx>\n");
            std::fs::write(env.path("pairs.tmx"), tmx).expect("write tmx");
            env.cmd()
                .arg("import")
                .arg(env.path("pairs.tmx"))
                .assert()
                .success();
        }
        env
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn cmd(&self) -> Command {
        let mut c = common::tarjima_on(&self.path("memory.db"));
        c.current_dir(self.dir.path());
        c
    }

    fn qa(&self, extra: &[&str]) -> Command {
        let mut c = self.cmd();
        c.arg("qa").arg("--glossary").arg(self.path("glossary.tsv"));
        c.args(extra);
        c
    }

    fn json(&self, extra: &[&str]) -> Vec<serde_json::Value> {
        let out = self
            .qa(&[&["--format", "json", "--no-fail"], extra].concat())
            .output()
            .expect("run qa");
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice(&out.stdout).expect("qa --format json prints a JSON array")
    }
}

fn rules(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn clean_memory_exits_0_and_inflected_renderings_pass() {
    let env = Env::new(CLEAN);
    env.qa(&[])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("No findings"));
    assert!(env.json(&[]).is_empty());
}

#[test]
fn a_finding_at_fail_on_exits_1_and_no_fail_exits_0() {
    let env = Env::new(&[CLEAN[0], FORBIDDEN]);
    env.qa(&[])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("путь"));
    env.qa(&["--fail-on", "error"]).assert().code(1);
    env.qa(&["--no-fail"]).assert().code(0);
}

#[test]
fn a_warning_fails_only_with_fail_on_warning() {
    let env = Env::new(&[CLEAN[1], DEPRECATED]);
    let f = env.json(&[]);
    assert_eq!(rules(&f), vec!["term-forbidden"], "{f:#?}");
    assert_eq!(f[0]["severity"], "warning");
    env.qa(&[]).assert().code(0);
    env.qa(&["--fail-on", "warning"]).assert().code(1);
}

#[test]
fn missing_or_malformed_glossary_exits_2_naming_the_file() {
    let env = Env::new(CLEAN);
    for (name, content) in [
        ("absent.tsv", None),
        (
            "bad-status.tsv",
            Some("concept\tlang\tterm\tstatus\nroad\ten\troad\tmaybe\n"),
        ),
        ("broken.tbx", Some("<martif><text><body><termEntry>")),
    ] {
        if let Some(c) = content {
            std::fs::write(env.path(name), c).expect("write");
        }
        let out = env
            .cmd()
            .arg("qa")
            .arg("--glossary")
            .arg(env.path(name))
            .output()
            .expect("run qa");
        assert_eq!(out.status.code(), Some(2), "{name}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(name), "{name}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn json_findings_carry_the_contract_fields_with_stable_ids() {
    let env = Env::new(&[CLEAN[0], FORBIDDEN]);
    let a = env.json(&[]);
    let b = env.json(&[]);
    assert_eq!(a.len(), 1, "{a:#?}");
    let f = &a[0];
    for key in [
        "id", "rule", "severity", "pair_id", "origin", "source", "target", "term", "expected",
        "found", "match",
    ] {
        assert!(f.get(key).is_some(), "field {key} missing: {f:#}");
    }
    assert_eq!(f["rule"], "term-forbidden");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["term"], "road");
    assert_eq!(f["found"], "путь");
    assert_eq!(f["expected"], serde_json::json!(["дорога"]));
    assert_eq!(f["source"], FORBIDDEN.2);
    assert_eq!(f["target"], FORBIDDEN.3);
    assert_eq!(f["match"], "exact");
    assert!(f["pair_id"].is_i64());
    assert!(
        f["origin"]
            .as_str()
            .is_some_and(|o| o.contains("pairs.tmx"))
    );
    assert_eq!(a[0]["id"], b[0]["id"], "ids must be stable across runs");
}

#[test]
fn an_accepted_finding_is_not_reported_again() {
    let env = Env::new(&[FORBIDDEN, DEPRECATED]);
    let before = env.json(&[]);
    assert_eq!(before.len(), 2, "{before:#?}");
    let id = before
        .iter()
        .find(|f| f["found"] == "путь")
        .and_then(|f| f["id"].as_str())
        .expect("the forbidden rendering is found")
        .to_string();
    env.qa(&["--accept", &id]).assert().code(0);
    let after = env.json(&[]);
    assert_eq!(after.len(), 1, "{after:#?}");
    assert_ne!(after[0]["id"].as_str(), Some(id.as_str()));
    // The accepted one no longer fails the run.
    env.qa(&[]).assert().code(0);
}

#[test]
fn an_unstored_pair_is_checked_without_storing_it() {
    let env = Env::new(&[]);
    std::fs::write(env.path("new.en.txt"), format!("{}\n", FORBIDDEN.2)).expect("write");
    std::fs::write(env.path("new.ru.txt"), format!("{}\n", FORBIDDEN.3)).expect("write");
    let run = |fmt: &str| {
        let mut c = env.qa(&["--src-lang", "en", "--tgt-lang", "ru", "--format", fmt]);
        c.arg(env.path("new.en.txt")).arg(env.path("new.ru.txt"));
        c
    };
    let out = run("json").output().expect("run qa");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let f: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(rules(&f), vec!["term-forbidden"], "{f:#?}");
    assert_eq!(f[0]["found"], "путь");
    // Nothing was stored: no memory was created.
    assert!(!env.path("memory.db").exists());
    // A correct translation of the same sentence passes.
    std::fs::write(env.path("new.ru.txt"), "После бури дорога была закрыта.\n").expect("write");
    run("text").assert().code(0);
}

#[test]
fn an_unstored_pair_is_checked_against_how_the_memory_renders_its_expressions() {
    let memory: Vec<(&str, &str, &str, &str)> = [
        (
            "Drip irrigation saves water.",
            "Капельное орошение экономит воду.",
        ),
        (
            "Farmers like drip irrigation.",
            "Фермеры любят капельное орошение.",
        ),
        (
            "The cost of drip irrigation fell.",
            "Стоимость капельного орошения упала.",
        ),
        (
            "We studied drip irrigation there.",
            "Мы там изучали капельное орошение.",
        ),
        ("The village is small.", "Деревня маленькая."),
    ]
    .iter()
    .map(|(s, t)| ("en", "ru", *s, *t))
    .collect();
    let env = Env::new(&memory);
    std::fs::write(
        env.path("new.en.txt"),
        "Banks now fund drip irrigation.\n\nDrip irrigation is cheap in Khorezm.\n",
    )
    .expect("write");
    let run = |ru: &str| {
        std::fs::write(env.path("new.ru.txt"), ru).expect("write");
        let out = env
            .qa(&[
                "--src-lang",
                "en",
                "--tgt-lang",
                "ru",
                "--format",
                "json",
                "--no-fail",
            ])
            .arg(env.path("new.en.txt"))
            .arg(env.path("new.ru.txt"))
            .output()
            .expect("run qa");
        assert!(out.status.success(), "{out:?}");
        serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("json")
    };
    let f = run("Банки теперь финансируют капельный полив.\n\nКапельный полив в Хорезме дёшев.\n");
    assert_eq!(rules(&f), vec!["term-inconsistent"; 2], "{f:#?}");
    assert!(
        f.iter()
            .all(|x| x["pair_id"].is_null() && x["term"] == "drip irrigation")
    );
    assert_eq!(f[0]["expected"][0], "капельное орошение");
    // Rendered as the memory renders it: nothing to report.
    let f = run(
        "Банки теперь финансируют капельное орошение.\n\nКапельное орошение в Хорезме дёшево.\n",
    );
    assert!(f.is_empty(), "{f:#?}");
}
