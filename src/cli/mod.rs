//! The command line: argument parsing, and all printing. Each subcommand has
//! its own file with its `Args` and `run`; see `../shared/interface.md` for
//! the contract (names, flags, output formats, exit codes).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod align;
mod concordance;
mod detect;
mod export;
mod import;
mod import_tm;
mod lookup;
mod qa;
mod segment;
mod stats;

/// A bilingual translation memory: import parallel articles, look up prior renderings, check terminology.
#[derive(Debug, Parser)]
#[command(name = "tarjima", version, about, long_about = None)]
pub struct Cli {
    /// The translation memory (SQLite file).
    #[arg(long, global = true, env = "TARJIMA_DB", default_value = "memory.db")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Detect the language of a text.
    Detect(detect::Args),
    /// Split a text into sentences.
    Segment(segment::Args),
    /// Align the sentences of a text and its translation.
    Align(align::Args),
    /// Import an article and its translation, a folder of articles, or a TMX/CSV file.
    Import(import::Args),
    /// Find prior translations of a sentence (fuzzy match).
    Lookup(lookup::Args),
    /// Find the pairs that contain a word or phrase.
    Concordance(concordance::Args),
    /// Export the memory as TMX or TSV.
    Export(export::Args),
    /// Check terminology consistency.
    Qa(qa::Args),
    /// Counts per language pair, origins, size.
    Stats(stats::Args),
}

/// Runs the command line and maps the outcome to an exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("tarjima: {}", one_sentence(&err));
            let code = err
                .downcast_ref::<crate::Error>()
                .map_or(2, crate::Error::exit_code);
            ExitCode::from(code)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let db = cli.db.as_path();
    match cli.command {
        Command::Detect(a) => detect::run(a),
        Command::Segment(a) => segment::run(a),
        Command::Align(a) => align::run(a, db),
        Command::Import(a) => import::run(a, db),
        Command::Lookup(a) => lookup::run(a, db),
        Command::Concordance(a) => concordance::run(a, db),
        Command::Export(a) => export::run(a, db),
        Command::Qa(a) => qa::run(a, db),
        Command::Stats(a) => stats::run(a, db),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The error and its causes on one line.
fn one_sentence(err: &anyhow::Error) -> String {
    let mut out = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !out.contains(&c) {
            out.push_str(": ");
            out.push_str(&c);
        }
    }
    out
}

/// Reads a text argument: a file path, or `-` / nothing for standard input.
pub(crate) fn read_input(path: Option<&Path>) -> crate::Result<String> {
    match path {
        Some(p) if p != Path::new("-") => crate::import::read_text_file(p),
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| crate::Error::io("<stdin>", e))?;
            if bytes.is_empty() {
                return Ok(String::new());
            }
            crate::import::decode_text(Path::new("<stdin>"), &bytes).or_else(|e| match e {
                // Empty or blank standard input is not an error for filters like detect --per-line.
                crate::Error::Input { ref message, .. } if message == "is empty" => {
                    Ok(String::from_utf8_lossy(&bytes).into_owned())
                }
                e => Err(e),
            })
        }
    }
}

/// Parses a language-tag argument (`--src-lang`, `--langs`, ...): a BCP 47 tag
/// in the form the memory stores (`en-GB` → `en`, `zh-CN` → `zh-Hans`, `uz-latn`
/// → `uz-Latn`); anything that is not a tag is a usage error, not an empty answer.
pub(crate) fn lang_tag(s: &str) -> Result<String, String> {
    use crate::formats::tmx::{is_language_tag, memory_tag};
    let s = s.trim();
    if !is_language_tag(s) {
        return Err(format!(
            "\"{s}\" is not a language tag (BCP 47, e.g. en, de, uz-Latn, zh-Hans)"
        ));
    }
    Ok(memory_tag(s))
}

#[cfg(test)]
mod tests {
    use super::lang_tag;

    #[test]
    fn language_arguments_are_checked_and_put_in_memory_form() {
        assert_eq!(lang_tag("en-GB").as_deref(), Ok("en"));
        assert_eq!(lang_tag("zh-CN").as_deref(), Ok("zh-Hans"));
        assert_eq!(lang_tag("uz-latn").as_deref(), Ok("uz-Latn"));
        assert_eq!(lang_tag("kk").as_deref(), Ok("kk"));
        for bad in ["", "english!", "x", "en--", "xx-invalid-!!"] {
            assert!(lang_tag(bad).is_err(), "{bad}");
        }
    }
}
