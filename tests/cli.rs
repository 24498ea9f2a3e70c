//! End-to-end runs of the `tarjima` binary on temporary memories.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

mod common;
use common::{RunExt, fixture, tarjima};

const EN: &str = "Tashkent hosts a conference on water management\n\n\
12 March 2026\n\n\
More than 300 experts from 25 countries met in Tashkent on Tuesday to discuss water management in Central Asia. \
The conference was opened by the Minister of Water Resources.\n\n\
Participants discussed new irrigation technologies. They also visited a pumping station near the Chirchik river.\n\n\
The next meeting will take place in Almaty in 2027.\n";

const DE: &str = "Taschkent ist Gastgeber einer Konferenz über Wassermanagement\n\n\
12. März 2026\n\n\
Mehr als 300 Experten aus 25 Ländern trafen sich am Dienstag in Taschkent, um über das Wassermanagement in Zentralasien zu beraten. \
Die Konferenz wurde vom Minister für Wasserwirtschaft eröffnet.\n\n\
Die Teilnehmer erörterten neue Bewässerungstechnologien. Sie besuchten auch eine Pumpstation am Fluss Tschirtschik.\n\n\
Das nächste Treffen findet 2027 in Almaty statt.\n";

struct Env {
    dir: TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }
    fn db(&self) -> PathBuf {
        self.path("memory.db")
    }
    fn cmd(&self) -> Command {
        let mut c = tarjima();
        c.current_dir(self.dir.path());
        c
    }
    fn import_pair(&self) -> assert_cmd::assert::Assert {
        let en = self.write("water.en.txt", EN.as_bytes());
        let de = self.write("water.de.txt", DE.as_bytes());
        self.cmd().arg("import").arg(&en).arg(&de).assert()
    }
    /// `import` of two fixture articles into this memory.
    fn import_fixtures(&self, a: &str, b: &str) -> assert_cmd::assert::Assert {
        self.cmd()
            .arg("import")
            .arg(fixture(a))
            .arg(fixture(b))
            .assert()
    }
    fn pair_count(&self) -> i64 {
        let v = self.cmd().args(["stats", "--format", "json"]).ok_json();
        v["stats"]["pairs"].as_i64().expect("pairs count")
    }
}

fn file_bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_default()
}

#[test]
fn import_then_lookup_finds_itself_at_100() {
    let env = Env::new();
    env.import_pair()
        .success()
        .stdout(predicate::str::contains("stored"));
    assert!(env.pair_count() >= 4, "expected the sentences to be stored");
    let v = env
        .cmd()
        .args([
            "lookup",
            "--format",
            "json",
            "The next meeting will take place in Almaty in 2027.",
        ])
        .ok_json();
    let first = &v[0];
    assert_eq!(first["score"], 100, "{v}");
    assert_eq!(
        first["target"],
        "Das nächste Treffen findet 2027 in Almaty statt."
    );
    assert_eq!(first["src_lang"], "en");
    assert_eq!(first["tgt_lang"], "de");
}

#[test]
fn reimporting_the_same_articles_changes_nothing() {
    let env = Env::new();
    env.import_pair().success();
    let before = env.pair_count();
    env.import_pair()
        .success()
        .stdout(predicate::str::contains("already imported"));
    assert_eq!(env.pair_count(), before);
}

#[test]
fn missing_file_is_one_clear_error_and_creates_no_memory() {
    let env = Env::new();
    let de = env.write("a.de.txt", DE.as_bytes());
    env.cmd()
        .args(["import", "nope.en.txt"])
        .arg(&de)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("nope.en.txt").and(predicate::str::contains("does not exist")),
        );
    assert!(!env.db().exists());
}

#[test]
fn empty_binary_and_folder_inputs_are_refused_without_touching_the_memory() {
    let env = Env::new();
    env.import_pair().success();
    let before = file_bytes(&env.db());
    let de = env.write("ok.de.txt", DE.as_bytes());
    let empty = env.write("empty.en.txt", b"  \n\n");
    let binary = env.write("bin.en.txt", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3]);
    let latin1 = env.write("latin1.en.txt", b"caf\xe9 au lait\n");
    std::fs::create_dir(env.path("folder")).expect("mkdir");
    for (bad, says) in [
        (empty, "is empty"),
        (binary, "binary"),
        (latin1, "not UTF-8"),
        (env.path("folder"), "is a folder"),
    ] {
        let assert = env.cmd().arg("import").arg(&bad).arg(&de).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains(says), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one sentence: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    assert_eq!(
        file_bytes(&env.db()),
        before,
        "memory changed by a failed import"
    );
}

#[test]
fn corrupt_memory_is_refused_and_left_untouched() {
    let env = Env::new();
    let junk: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
        .collect();
    std::fs::write(env.db(), &junk).expect("write junk");
    env.import_pair()
        .code(2)
        .stderr(predicate::str::contains("not a tarjima memory"));
    env.cmd()
        .args(["lookup", "hello"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a tarjima memory"));
    assert_eq!(file_bytes(&env.db()), junk);
}

#[test]
fn locked_memory_is_reported_and_not_changed() {
    let env = Env::new();
    env.import_pair().success();
    let before = env.pair_count();
    // Another process (here: a connection of this test) holds the write lock.
    let conn = rusqlite::Connection::open(env.db()).expect("open");
    conn.execute_batch("BEGIN EXCLUSIVE").expect("lock");
    let en = env.write("other.en.txt", EN.replace("Almaty", "Bishkek").as_bytes());
    let de = env.write("other.de.txt", DE.replace("Almaty", "Bischkek").as_bytes());
    env.cmd()
        .arg("import")
        .arg(&en)
        .arg(&de)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("locked"));
    conn.execute_batch("ROLLBACK").expect("unlock");
    drop(conn);
    assert_eq!(env.pair_count(), before);
}

#[test]
fn read_commands_on_a_missing_memory_say_so() {
    let env = Env::new();
    for args in [
        vec!["stats"],
        vec!["lookup", "x"],
        vec!["export", "--format", "tsv"],
    ] {
        env.cmd()
            .args(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("no translation memory"));
    }
    assert!(!env.db().exists());
}

#[test]
fn same_language_on_both_sides_is_refused_with_exit_1() {
    let env = Env::new();
    let a = env.write("a.en.txt", EN.as_bytes());
    let b = env.write("b.en.txt", EN.replace("Tuesday", "Monday").as_bytes());
    env.cmd()
        .arg("import")
        .arg(&a)
        .arg(&b)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("same language"));
}

#[test]
fn export_tsv_has_the_contract_columns() {
    let env = Env::new();
    env.import_pair().success();
    let text = env.cmd().args(["export", "--format", "tsv"]).ok_text();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .expect("header")
            .starts_with("source\ttarget\tsrc_lang\ttgt_lang")
    );
    let row: Vec<&str> = lines.next().expect("a row").split('\t').collect();
    assert_eq!((row[2], row[3]), ("en", "de"));
}

#[test]
fn detect_reads_standard_input_per_line() {
    let env = Env::new();
    env.cmd()
        .args(["detect", "--per-line", "-"])
        .write_stdin("Das ist ein ganz normaler deutscher Satz über das Wetter.\n\nЎзбекистон ва Хитой ўртасидаги ҳамкорлик кенгаймоқда.\n")
        .assert()
        .success()
        .stdout(predicate::str::is_match("^de\t[0-9.]+\nund\t[0-9.]+\nuz-Cyrl\t[0-9.]+\n$").expect("regex"));
}

#[test]
fn broken_pipe_exits_quietly() {
    // 20,000 answers (about 200 kB) are far more than a pipe buffer holds, so tarjima is still
    // writing when `head -c1` closes the pipe: it must exit 0 without a word.
    let bin = assert_cmd::cargo::cargo_bin("tarjima");
    let script = format!(
        "yes 'This is a plain English sentence.' | head -n 20000 | '{}' detect --per-line - | head -c1 >/dev/null; echo \"status=${{PIPESTATUS[2]}}\"",
        bin.display()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .output()
        .expect("bash");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "status=0");
}

#[test]
fn folder_import_pairs_by_name_and_refuses_a_wrongly_named_file() {
    let env = Env::new();
    let dir = env.path("articles");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("water.en.txt"), EN).expect("write");
    std::fs::write(dir.join("water.de.txt"), DE).expect("write");
    // German text in a file that claims to be Russian.
    std::fs::write(dir.join("wrong.en.txt"), EN).expect("write");
    std::fs::write(dir.join("wrong.ru.txt"), DE).expect("write");
    std::fs::write(dir.join("lonely.en.txt"), EN).expect("write");
    std::fs::write(dir.join("README.md"), "notes, not an article").expect("write");
    let assert = env.cmd().arg("import").arg(&dir).assert().code(1);
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(out.contains("declared as ru but its text is de"), "{out}");
    assert!(out.contains("lonely.en.txt"), "{out}");
    assert!(!out.contains("README"), "{out}");
    assert!(env.pair_count() >= 4, "the good pair is stored");
}

#[test]
fn the_seed_articles_are_not_a_translation_pair() {
    // The two seed articles (copied into fixtures/) are on related topics but are not translations.
    let env = Env::new();
    env.import_fixtures("ai-partnership.de.txt", "uzbek-delegation-china.en.txt")
        .code(1)
        .stdout(predicate::str::contains("REFUSED").and(predicate::str::contains("--force")));
    assert_eq!(env.pair_count(), 0);
    // --force overrides the verdict.
    env.cmd()
        .args(["import", "--force"])
        .arg(fixture("ai-partnership.de.txt"))
        .arg(fixture("uzbek-delegation-china.en.txt"))
        .assert()
        .success();
    assert!(env.pair_count() > 0);
}

#[test]
fn folder_files_without_language_names_are_paired_by_content() {
    let env = Env::new();
    let dir = env.path("unnamed");
    std::fs::create_dir(&dir).expect("mkdir");
    for (from, to) in [
        ("digital-services-law.en.txt", "law-a.txt"),
        ("digital-services-law.ru.txt", "law-b.txt"),
        ("khorezm-drip-irrigation.uz-Latn.txt", "farm-1.txt"),
        ("khorezm-drip-irrigation.en.txt", "farm-2.txt"),
        ("samarkand-crafts-festival.uz-Cyrl.txt", "alone.txt"),
    ] {
        std::fs::copy(fixture(from), dir.join(to)).expect("copy");
    }
    let v = env
        .cmd()
        .args(["import", "--format", "json"])
        .arg(&dir)
        .ok_json();
    let mut pairs: Vec<(String, String)> = v["pairs"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| {
            let name = |k: &str| {
                Path::new(p[k].as_str().unwrap_or_default())
                    .file_name()
                    .map(|f| f.to_string_lossy().to_string())
                    .unwrap_or_default()
            };
            (name("src_path"), name("tgt_path"))
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("farm-2.txt".to_string(), "farm-1.txt".to_string()),
            ("law-a.txt".to_string(), "law-b.txt".to_string())
        ]
    );
    let unpaired = v["unpaired_files"].to_string();
    assert!(unpaired.contains("alone.txt"), "{unpaired}");
}

#[test]
fn a_second_import_learns_a_lexicon_from_the_memory() {
    let env = Env::new();
    env.import_fixtures("ai-partnership.en.txt", "ai-partnership.ru.txt")
        .success();
    let v = env
        .cmd()
        .args(["import", "--format", "json"])
        .arg(fixture("uzbek-delegation-china.en.txt"))
        .arg(fixture("uzbek-delegation-china.ru.txt"))
        .ok_json();
    assert!(
        v["pairs"][0]["lexicon_entries"].as_u64().unwrap_or(0) > 0,
        "{v}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let env = Env::new();
    let huge = env.path("huge.en.txt");
    // A sparse 64 MiB file: over the article limit, costs no disk.
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(64 * 1024 * 1024))
        .expect("sparse file");
    let de = env.write("ok.de.txt", DE.as_bytes());
    env.cmd()
        .arg("import")
        .arg(&huge)
        .arg(&de)
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("huge.en.txt").and(predicate::str::contains("larger than")),
        );
    assert!(!env.db().exists());
}

#[test]
fn align_with_the_memory_lexicon_needs_a_memory_and_keeps_clear_beads() {
    let env = Env::new();
    let en = fixture("ai-partnership.en.txt");
    let de = fixture("ai-partnership.de.txt");
    // No memory yet: one clear error, and no memory is created.
    env.cmd()
        .args(["align", "--memory-lexicon"])
        .arg(&en)
        .arg(&de)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no translation memory"));
    assert!(!env.db().exists());
    // With a memory of another en-de article the same beads come out, one per line.
    env.import_fixtures(
        "uzbek-delegation-china.en.txt",
        "uzbek-delegation-china.de.txt",
    )
    .success();
    let with = env
        .cmd()
        .args(["align", "--memory-lexicon"])
        .arg(&en)
        .arg(&de)
        .ok_text();
    let without = env.cmd().arg("align").arg(&en).arg(&de).ok_text();
    assert!(with.lines().count() >= 10, "{with}");
    assert!(with.lines().all(|l| l.contains("]:[")), "{with}");
    // Both cover every sentence once; on this clear pair they agree bead for bead.
    assert_eq!(with, without);
}
