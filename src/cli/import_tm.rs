//! `tarjima import FILE.tmx|FILE.csv|FILE.tsv`: a translation memory exchange file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::formats::{self, ExchangeReport};
use crate::store::Store;

/// The exchange format a file name says, if any.
pub fn format_of(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "tmx" => Some("tmx"),
        "csv" => Some("csv"),
        "tsv" | "tab" => Some("tsv"),
        _ => None,
    }
}

/// Imports one exchange file and prints what it did.
pub fn run(
    path: &Path,
    db: &Path,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let format = format_of(path).unwrap_or("tmx");
    if path.is_dir() {
        return Err(crate::Error::input(path, "is a folder, not a translation memory file").into());
    }
    // Read the header before the memory is opened (and perhaps created).
    if format == "tmx" {
        crate::formats::tmx::read::TmxReader::open(path)?;
    }
    let mut store = Store::open(db)?;
    let report = match format {
        "tmx" => formats::tmx::convert::import_file(&mut store, path)?,
        f => formats::csv::import_file(&mut store, path, f == "tsv", src_lang, tgt_lang)?,
    };
    print_report(&report, json)?;
    Ok(ExitCode::SUCCESS)
}

fn print_report(r: &ExchangeReport, json: bool) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(r)?)?;
        return Ok(());
    }
    writeln!(out, "{} ({})", r.file, r.format.to_uppercase())?;
    if r.already_imported {
        writeln!(out, "  already imported before: nothing to do")?;
        return Ok(());
    }
    let unit = if r.format == "tmx" { "units" } else { "rows" };
    writeln!(
        out,
        "  {} {unit}: stored {} new pairs, {} seen before; {} empty cells skipped",
        r.units, r.pairs_new, r.pairs_seen, r.empty_cells
    )?;
    for (s, t, n) in &r.languages {
        writeln!(out, "  {s} -> {t}: {n} pairs")?;
    }
    Ok(())
}
