//! Terminology QA: checks that terms are rendered consistently, against a
//! glossary and across the memory itself.
//!
//! (The checks are built by issue 6; this module holds the finding type they report.)

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// One QA finding, in the shape of the CLI contract.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub severity: Severity,
    pub pair_id: Option<i64>,
    pub origin: Option<String>,
    pub source: String,
    pub target: String,
    pub term: Option<String>,
    pub expected: Vec<String>,
    pub found: Option<String>,
    #[serde(rename = "match")]
    pub match_kind: Option<String>,
}
