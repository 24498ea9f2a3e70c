//! `tarjima detect`: the language of a text, or of each line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::lang::{Detection, Detector};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tsv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// One answer per input line, in order (an empty line gives `und`).
    #[arg(long)]
    per_line: bool,
    #[arg(long, value_enum, default_value = "tsv")]
    format: Format,
    /// Languages the answer may be (comma-separated tags, e.g. `uz-Latn,uz-Cyrl,ru,en`).
    #[arg(long, value_delimiter = ',', value_parser = super::lang_tag)]
    langs: Vec<String>,
    /// The text (`-` or nothing: standard input).
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = super::read_input(args.file.as_deref())?;
    let detector = Detector::with_expected(args.langs.clone());
    let answers: Vec<Detection> = if args.per_line {
        text.lines().map(|l| detector.detect(l)).collect()
    } else {
        vec![detector.detect(&text)]
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Tsv => {
            for d in &answers {
                writeln!(out, "{}\t{:.3}", d.tag, d.confidence)?;
            }
        }
        Format::Json if args.per_line => writeln!(out, "{}", serde_json::to_string(&answers)?)?,
        Format::Json => writeln!(out, "{}", serde_json::to_string(&answers[0])?)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
