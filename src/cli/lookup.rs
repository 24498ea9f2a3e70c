//! `tarjima lookup`: fuzzy matches for a sentence, or for each line of a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::fuzzy::{self, LookupOptions, Match, score};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the query; without it, detected among the memory's languages
    /// (every stored side is searched when detection cannot tell).
    #[arg(long, value_parser = super::lang_tag)]
    src_lang: Option<String>,
    /// Language of the translations wanted (without it, all).
    #[arg(long, value_parser = super::lang_tag)]
    tgt_lang: Option<String>,
    /// Lowest score shown (0 to 101; 101 = identical with matching neighbours).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(0..=101))]
    min: u32,
    /// Most matches shown per query.
    #[arg(long, default_value_t = 5)]
    limit: usize,
    /// Score every stored pair instead of using the index (same answer, slower).
    #[arg(long)]
    exhaustive: bool,
    /// The sentence before the query in its document (a 101 context match needs it to match).
    #[arg(long)]
    prev: Option<String>,
    /// The sentence after the query in its document.
    #[arg(long)]
    next: Option<String>,
    /// Only match stored sources (by default a pair also answers from its target side, reversed).
    #[arg(long)]
    stored_direction_only: bool,
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
        "source": m.source,
        "target": m.target,
        "src_lang": m.src_lang,
        "tgt_lang": m.tgt_lang,
        "id": m.pair.id,
        "origin": m.pair.origin,
        "reversed": m.reversed,
        "context": m.context,
        "distance": m.distance,
        "differences": m.differences,
        "diff": m.diff,
        "diff_line": score::diff_line(&m.diff),
        "numbers_substituted": m.substituted.is_some(),
        "substituted_target": m.substituted,
    })
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let mut store = Store::open_existing(db)?;
    if store.search_indexes_stale()? {
        // A memory from before the index existed: build it once. If the file is
        // read-only this fails, and lookup scans every pair instead (same answer).
        let rebuilt = store
            .writer()
            .and_then(|mut w| w.rebuild_search_indexes().and_then(|()| w.commit()));
        if let Err(e) = rebuilt {
            eprintln!("tarjima: note: could not build the lookup index ({e}); scanning every pair");
        }
    }
    let opts = LookupOptions {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        min: args.min,
        limit: args.limit,
        exhaustive: args.exhaustive,
        prev: args.prev.clone(),
        next: args.next.clone(),
        both_directions: !args.stored_direction_only,
    };
    let queries: Vec<String> = match (&args.batch, &args.text) {
        (Some(file), _) => crate::import::read_text_file(file)?
            .lines()
            .map(str::to_string)
            .collect(),
        (None, Some(t)) => vec![t.clone()],
        (None, None) => {
            return Err(crate::Error::Usage("give a sentence or --batch FILE".into()).into());
        }
    };
    // Without --src-lang the query's language is detected among the languages the
    // memory holds; when the detector cannot tell (`und`), every stored side is searched.
    let detector = if opts.src_lang.is_none() {
        let mut langs: Vec<String> = Vec::new();
        for (s, t) in store.language_pairs()? {
            langs.push(s);
            langs.push(t);
        }
        langs.sort();
        langs.dedup();
        Some(crate::lang::Detector::with_expected(langs))
    } else {
        None
    };
    let mut out = std::io::stdout().lock();
    for q in &queries {
        let matches = if q.trim().is_empty() {
            Vec::new()
        } else if let Some(d) = &detector {
            let detected = d.detect(q);
            let mut o = opts.clone();
            o.src_lang = (!detected.is_undetermined()).then_some(detected.tag);
            fuzzy::lookup(&store, q, &o)?
        } else {
            fuzzy::lookup(&store, q, &opts)?
        };
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
                        "{:>3}%  [{} -> {}]{}  #{}  {}",
                        m.score,
                        m.src_lang,
                        m.tgt_lang,
                        if m.reversed { " (reversed)" } else { "" },
                        m.pair.id,
                        m.pair.origin.as_deref().unwrap_or("")
                    )?;
                    writeln!(out, "      source: {}", m.source)?;
                    writeln!(out, "      target: {}", m.target)?;
                    if m.score < 100 {
                        writeln!(out, "      diff:   {}", score::diff_line(&m.diff))?;
                    }
                    if !m.differences.is_empty() {
                        writeln!(out, "      differs in: {}", m.differences.join(", "))?;
                    }
                    if let Some(s) = &m.substituted {
                        writeln!(out, "      with the query's numbers: {s}")?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
