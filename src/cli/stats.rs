//! `tarjima stats`: counts per language pair, origins, size.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let store = Store::open_existing(db)?;
    let stats = store.stats()?;
    let origins = store.origins()?;
    let mut out = std::io::stdout().lock();
    if args.format == Format::Json {
        let v = serde_json::json!({"stats": stats, "origins": origins});
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "memory: {}", store.path().display())?;
    writeln!(
        out,
        "pairs: {}  origins: {}  size: {} KiB  schema: {}",
        stats.pairs,
        stats.origins,
        stats.file_bytes / 1024,
        stats.schema_version
    )?;
    for (s, t, n) in &stats.by_language_pair {
        writeln!(out, "  {s} -> {t}: {n}")?;
    }
    for o in &origins {
        writeln!(
            out,
            "  origin #{} [{}] {} ({} pairs)",
            o.id, o.kind, o.name, o.pairs
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
