//! `tarjima concordance`: the pairs that contain a word or phrase, with the hit marked.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::fuzzy::concord::{ConcordanceQuery, Side as QuerySide};
use crate::store::Store;

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
    /// Find all the words anywhere in the text, instead of the exact phrase.
    #[arg(long)]
    any_order: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The word or phrase (a final `*` makes the last word a prefix: `translat*`).
    phrase: String,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(db)?;
    if store.search_indexes_stale()? {
        let mut w = store.writer()?;
        w.rebuild_search_indexes()?;
        w.commit()?;
    }
    let side = match args.side {
        Side::Source => QuerySide::Source,
        Side::Target => QuerySide::Target,
        Side::Both => QuerySide::Both,
    };
    let q = ConcordanceQuery::new(&args.phrase, side, args.any_order)?;
    let ids = store.concordance_ids(&q.fts, args.limit)?;
    let mut out = std::io::stdout().lock();
    let mut hits = Vec::with_capacity(ids.len());
    let mut shown = 0usize;
    for id in ids {
        let Some(p) = store.pair(id)? else { continue };
        shown += 1;
        let src = side != QuerySide::Target;
        let tgt = side != QuerySide::Source;
        let spans = |on: bool, s: &str| if on { q.hits(s) } else { Vec::new() };
        let (ss, ts) = (spans(src, &p.source), spans(tgt, &p.target));
        let mark = |on: bool, s: &str, open: &str, close: &str| {
            if on {
                q.mark(s, open, close)
            } else {
                s.to_string()
            }
        };
        match args.format {
            Format::Json => hits.push(serde_json::json!({
                "id": p.id,
                "source": p.source,
                "target": p.target,
                "src_lang": p.src_lang,
                "tgt_lang": p.tgt_lang,
                "origin": p.origin,
                "source_marked": mark(src, &p.source, "[[", "]]"),
                "target_marked": mark(tgt, &p.target, "[[", "]]"),
                "source_hits": ss,
                "target_hits": ts,
            })),
            Format::Text => {
                writeln!(out, "#{} [{} -> {}]", p.id, p.src_lang, p.tgt_lang)?;
                writeln!(out, "  {}", mark(src, &p.source, "[[", "]]"))?;
                writeln!(out, "  {}", mark(tgt, &p.target, "[[", "]]"))?;
            }
        }
    }
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&hits)?)?,
        Format::Text if shown == 0 => writeln!(out, "No pair contains \"{}\".", args.phrase)?,
        Format::Text => {}
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
