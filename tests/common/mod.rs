//! Helpers shared by the end-to-end tests: running the binary and reading what it printed.
#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `tarjima` binary, with `TARJIMA_DB` cleared so a developer's setting cannot leak in.
pub fn tarjima() -> Command {
    let mut c = Command::cargo_bin("tarjima").expect("the tarjima binary is built");
    c.env_remove("TARJIMA_DB");
    c
}

/// The binary on the memory `db`.
pub fn tarjima_on(db: &Path) -> Command {
    let mut c = tarjima();
    c.arg("--db").arg(db);
    c
}

/// A file of `fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Running a command that must succeed, and reading its standard output.
pub trait RunExt {
    /// Standard output as text; fails the test (with stderr) on a non-zero exit.
    fn ok_text(&mut self) -> String;
    /// Standard output parsed as JSON; fails the test on a non-zero exit or bad JSON.
    fn ok_json(&mut self) -> serde_json::Value {
        let text = self.ok_text();
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }
}

impl RunExt for Command {
    fn ok_text(&mut self) -> String {
        let out = self.output().expect("the binary runs");
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }
}
