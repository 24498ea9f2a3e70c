//! `tarjima concordance`: the pairs that contain a word or phrase.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::store::{PairFilter, Store};
use crate::text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Side {
    Source,
    Target,
    Both,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "both")]
    side: Side,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The word or phrase.
    phrase: String,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let needle = text::fold_case(&text::normalize(&args.phrase));
    let mut hits = Vec::new();
    store.for_each_pair(&PairFilter::default(), |p| {
        if hits.len() >= args.limit {
            return Ok(());
        }
        let in_src = matches!(args.side, Side::Source | Side::Both)
            && text::fold_case(&p.source).contains(&needle);
        let in_tgt = matches!(args.side, Side::Target | Side::Both)
            && text::fold_case(&p.target).contains(&needle);
        if in_src || in_tgt {
            hits.push(p);
        }
        Ok(())
    })?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        Format::Text => {
            for p in &hits {
                writeln!(out, "#{} [{} -> {}]", p.id, p.src_lang, p.tgt_lang)?;
                writeln!(out, "  {}", p.source)?;
                writeln!(out, "  {}", p.target)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
