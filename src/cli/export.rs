//! `tarjima export`: the memory as TMX 1.4b, TSV or CSV.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::formats::{csv, tmx};
use crate::store::{PairFilter, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tmx,
    Tsv,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "tmx")]
    format: Format,
    #[arg(long, value_parser = super::lang_tag)]
    src_lang: Option<String>,
    #[arg(long, value_parser = super::lang_tag)]
    tgt_lang: Option<String>,
    /// TSV/CSV: a header row of the two language tags and two columns (needs --src-lang and --tgt-lang).
    #[arg(long)]
    by_language: bool,
    /// Only the pairs of this origin (as `stats` names it).
    #[arg(long)]
    origin: Option<String>,
    /// Write here instead of standard output.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    if args.by_language && (args.src_lang.is_none() || args.tgt_lang.is_none()) {
        return Err(
            crate::Error::Usage("--by-language needs --src-lang and --tgt-lang".into()).into(),
        );
    }
    if args.by_language && args.format == Format::Tmx {
        return Err(crate::Error::Usage("--by-language is for --format tsv or csv".into()).into());
    }
    let store = Store::open_existing(db)?;
    let filter = PairFilter {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        origin: args.origin.clone(),
    };
    let w: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).map_err(|e| crate::Error::io(p, e))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let layout = if args.by_language {
        csv::ExportLayout::Languages
    } else {
        csv::ExportLayout::PairRows
    };
    match args.format {
        Format::Tsv => csv::export(&store, &filter, w, true, layout)?,
        Format::Csv => csv::export(&store, &filter, w, false, layout)?,
        Format::Tmx => tmx::convert::export(&store, &filter, w)?,
    };
    Ok(ExitCode::SUCCESS)
}
