//! `tarjima lookup`: fuzzy matches for a sentence, or for each line of a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::fuzzy::{self, LookupOptions, Match};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    src_lang: Option<String>,
    #[arg(long)]
    tgt_lang: Option<String>,
    /// Lowest score shown (0 to 100).
    #[arg(long, default_value_t = 50)]
    min: u32,
    /// Most matches shown per query.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Score every stored pair instead of using the index (same answer, slower).
    #[arg(long)]
    exhaustive: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// A file with one query sentence a line.
    #[arg(long, conflicts_with = "text")]
    batch: Option<PathBuf>,
    /// The query sentence.
    #[arg(required_unless_present = "batch")]
    text: Option<String>,
}

fn json_of(m: &Match) -> serde_json::Value {
    serde_json::json!({
        "score": m.score,
        "source": m.pair.source,
        "target": m.pair.target,
        "src_lang": m.pair.src_lang,
        "tgt_lang": m.pair.tgt_lang,
        "id": m.pair.id,
        "origin": m.pair.origin,
    })
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let opts = LookupOptions {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        min: args.min,
        limit: args.limit,
        exhaustive: args.exhaustive,
    };
    let queries: Vec<String> = match (&args.batch, &args.text) {
        (Some(file), _) => crate::import::read_text_file(file)?
            .lines()
            .map(str::to_string)
            .collect(),
        (None, Some(t)) => vec![t.clone()],
        (None, None) => unreachable!("clap requires text or --batch"),
    };
    let mut out = std::io::stdout().lock();
    for q in &queries {
        let matches = fuzzy::lookup(&store, q, &opts)?;
        match args.format {
            Format::Json | Format::Jsonl => {
                let arr: Vec<_> = matches.iter().map(json_of).collect();
                if args.format == Format::Json && args.batch.is_none() {
                    writeln!(out, "{}", serde_json::to_string_pretty(&arr)?)?;
                } else {
                    writeln!(out, "{}", serde_json::to_string(&arr)?)?;
                }
            }
            Format::Text => {
                if queries.len() > 1 {
                    writeln!(out, "query: {q}")?;
                }
                if matches.is_empty() {
                    writeln!(out, "no match at or above {}%", args.min)?;
                }
                for m in &matches {
                    writeln!(
                        out,
                        "{:>3}%  [{} -> {}]  #{}  {}",
                        m.score,
                        m.pair.src_lang,
                        m.pair.tgt_lang,
                        m.pair.id,
                        m.pair.origin.as_deref().unwrap_or("")
                    )?;
                    writeln!(out, "      source: {}", m.pair.source)?;
                    writeln!(out, "      target: {}", m.pair.target)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
