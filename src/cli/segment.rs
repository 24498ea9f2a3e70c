//! `tarjima segment`: a text split into sentences.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::lang::Detector;
use crate::segment::Segmenter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Lines,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the text (BCP 47); detected when absent.
    #[arg(long, value_parser = super::lang_tag)]
    lang: Option<String>,
    #[arg(long, value_enum, default_value = "lines")]
    format: Format,
    /// The text (`-` or nothing: standard input).
    file: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = super::read_input(args.file.as_deref())?;
    let lang = match args.lang {
        Some(l) => l,
        None => Detector::default().detect(&text).tag,
    };
    let sentences = Segmenter::for_lang(&lang).split(&text);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Lines => {
            for s in &sentences {
                writeln!(out, "{}", s.replace('\n', " "))?;
            }
        }
        Format::Json => writeln!(out, "{}", serde_json::to_string(&sentences)?)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
