//! `tarjima qa`: terminology consistency findings, for the whole memory, one
//! origin (`--origin`), or a new article pair before it is imported
//! (`qa SRC TGT`). Exit 0 when clean, 1 when a finding reaches `--fail-on`
//! (unless `--no-fail`), 2 on error.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::qa::glossary::Glossary;
use crate::qa::{CheckOptions, Checker, Finding, PairInput, Severity};
use crate::store::{PairFilter, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Warning,
    Error,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A glossary (CSV/TSV long or wide form, or TBX).
    #[arg(long)]
    glossary: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a finding of this severity or worse is reported.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Report only: exit 0 whatever is found.
    #[arg(long)]
    no_fail: bool,
    /// Check only the pairs of this origin (an imported article or file).
    #[arg(long)]
    origin: Option<String>,
    /// Source language: filters the memory, or names the language of SRC.
    #[arg(long, value_parser = super::lang_tag)]
    src_lang: Option<String>,
    /// Target language: filters the memory, or names the language of TGT.
    #[arg(long, value_parser = super::lang_tag)]
    tgt_lang: Option<String>,
    /// Mark these finding ids as accepted in the memory, and report nothing.
    #[arg(long, num_args = 1.., value_name = "ID")]
    accept: Vec<String>,
    /// A file of accepted finding ids (one a line, `#` comments) not to report.
    #[arg(long, value_name = "FILE")]
    accepted: Option<PathBuf>,
    /// Do not look for recurring capitalised expressions rendered in several ways.
    #[arg(long)]
    no_discover: bool,
    /// With SRC TGT: check even when the two do not look like translations.
    #[arg(long)]
    force: bool,
    /// A new article and its translation, checked before import (no memory needed).
    #[arg(num_args = 0..=2, value_name = "SRC TGT")]
    paths: Vec<PathBuf>,
}

fn read_accept_file(path: &Path) -> crate::Result<HashSet<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
    Ok(text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .filter_map(|l| l.split([',', '\t', ' ']).next())
        .map(str::to_string)
        .collect())
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    if !args.accept.is_empty() {
        let mut store = Store::open_existing(db)?;
        let added = store.accept_findings(&args.accept, None)?;
        eprintln!(
            "accepted {added} finding(s) ({} already accepted)",
            args.accept.len() - added
        );
        return Ok(ExitCode::SUCCESS);
    }
    if args.paths.len() == 1 {
        return Err(crate::Error::Usage(
            "qa takes no path (check the memory) or two: an article and its translation".into(),
        )
        .into());
    }
    let glossary = match &args.glossary {
        Some(p) => crate::formats::glossary::read_glossary(p)?,
        None => Glossary::default(),
    };
    let mut accepted = match &args.accepted {
        Some(p) => read_accept_file(p)?,
        None => HashSet::new(),
    };
    let options = CheckOptions {
        discover_terms: !args.no_discover,
        ..Default::default()
    };
    let mut checker = Checker::with_options(glossary, options);
    let findings = if let [src, tgt] = args.paths.as_slice() {
        let new_pairs = check_articles(&args, &mut checker, src, tgt)?;
        // With a memory at hand, its pairs with the same sources join the run as
        // context, so a new translation that differs from the memory's is found;
        // only the new pairs are reported.
        let store = if db.exists() {
            Some(Store::open_existing(db)?)
        } else {
            None
        };
        if let Some(store) = &store {
            accepted.extend(store.accepted_findings()?);
            let mut seen = HashSet::new();
            for (src_lang, _, source) in &new_pairs {
                for p in store.pairs_with_key(Some(src_lang), source)? {
                    if seen.insert(p.id) {
                        checker.check_pair(&PairInput::from(&p));
                    }
                }
            }
            // And the memory pairs holding the new sources' names and
            // recurring expressions, so a term rendered otherwise than the
            // memory usually renders it is found (discovery).
            if !args.no_discover {
                add_expression_context(store, &mut checker, &new_pairs, &mut seen)?;
            }
        }
        checker
            .finish(|id| {
                store
                    .as_ref()
                    .and_then(|s| s.pair(id).ok().flatten())
                    .map(|p| (p.source, p.target))
            })
            .into_iter()
            .filter(|f| f.pair_id.is_none())
            .collect()
    } else {
        let store = Store::open_existing(db)?;
        accepted.extend(store.accepted_findings()?);
        if let Some(o) = &args.origin
            && !store.origins()?.iter().any(|x| &x.name == o)
        {
            return Err(crate::Error::Usage(format!(
                "no origin named \"{o}\" in the memory (see `tarjima stats`)"
            ))
            .into());
        }
        let filter = PairFilter {
            src_lang: args.src_lang.clone(),
            tgt_lang: args.tgt_lang.clone(),
            origin: args.origin.clone(),
        };
        store.for_each_pair(&filter, |p| {
            checker.check_pair(&PairInput::from(&p));
            Ok(())
        })?;
        checker.finish(|id| store.pair(id).ok().flatten().map(|p| (p.source, p.target)))
    };
    let findings: Vec<Finding> = findings
        .into_iter()
        .filter(|f| !accepted.contains(&f.id))
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &findings)?;
            writeln!(out)?;
        }
        Format::Csv => write_csv(&mut out, &findings)?,
        Format::Text => write_text(&mut out, &findings)?,
    }
    out.flush()?;
    let threshold = match args.fail_on {
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    let fails = findings.iter().any(|f| f.severity >= threshold);
    Ok(if fails && !args.no_fail {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Memory pairs searched per expression of a new pair, and in all.
const CONTEXT_PER_EXPRESSION: usize = 300;
const MAX_CONTEXT_PAIRS: usize = 20_000;

/// Feeds the checker the memory pairs (of the new pairs' language pairs)
/// whose source has a word-prefix match for every word of an expression of a
/// new source; the checker itself decides whether the expression is there.
fn add_expression_context(
    store: &Store,
    checker: &mut Checker,
    new_pairs: &[(String, String, String)],
    seen: &mut HashSet<i64>,
) -> crate::Result<()> {
    let langs: HashSet<(&str, &str)> = new_pairs
        .iter()
        .map(|(s, t, _)| (s.as_str(), t.as_str()))
        .collect();
    let mut queries = Vec::new();
    for (src_lang, _, source) in new_pairs {
        for words in crate::qa::expression_search_keys(src_lang, source) {
            let q = words
                .iter()
                .map(|w| format!("source : \"{}\"*", w.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(" AND ");
            if !queries.contains(&q) {
                queries.push(q);
            }
        }
    }
    for q in queries {
        if seen.len() >= MAX_CONTEXT_PAIRS {
            break;
        }
        // A query the index cannot run is no context, not an error.
        let Ok(ids) = store.concordance_ids(&q, CONTEXT_PER_EXPRESSION) else {
            continue;
        };
        for id in ids {
            if !seen.insert(id) {
                continue;
            }
            if let Some(p) = store.pair(id)?
                && langs.contains(&(p.src_lang.as_str(), p.tgt_lang.as_str()))
            {
                checker.check_pair(&PairInput::from(&p));
            }
        }
    }
    Ok(())
}

fn check_articles(
    args: &Args,
    checker: &mut Checker,
    src: &Path,
    tgt: &Path,
) -> crate::Result<Vec<(String, String, String)>> {
    for p in [src, tgt] {
        if !p.exists() {
            return Err(crate::Error::input(p, "does not exist"));
        }
    }
    let opts = crate::import::ImportOptions {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        force: args.force,
        ..Default::default()
    };
    let detector = crate::lang::Detector::with_expected(Vec::new());
    let a = crate::import::prepare_article(src, opts.src_lang.as_deref(), &detector)?;
    let b = crate::import::prepare_article(tgt, opts.tgt_lang.as_deref(), &detector)?;
    let plan = crate::import::plan_pair(&a, &b, &opts);
    if let Some(why) = plan.report.refused {
        return Err(crate::Error::input(tgt, why));
    }
    let origin = src.display().to_string();
    let mut sources = Vec::new();
    for p in &plan.pairs {
        sources.push((p.src_lang.clone(), p.tgt_lang.clone(), p.source.clone()));
        checker.check_pair(&PairInput {
            id: None,
            origin: Some(&origin),
            src_lang: &p.src_lang,
            tgt_lang: &p.tgt_lang,
            source: &p.source,
            target: &p.target,
        });
    }
    Ok(sources)
}

fn write_csv(out: &mut impl Write, findings: &[Finding]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "rule",
        "severity",
        "pair_id",
        "origin",
        "src_lang",
        "tgt_lang",
        "term",
        "expected",
        "found",
        "match",
        "source",
        "target",
        "source_start",
        "source_end",
        "target_start",
        "target_end",
    ])?;
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    for f in findings {
        w.write_record([
            f.id.clone(),
            f.rule.clone(),
            f.severity.as_str().to_string(),
            f.pair_id.map(|i| i.to_string()).unwrap_or_default(),
            f.origin.clone().unwrap_or_default(),
            f.src_lang.clone(),
            f.tgt_lang.clone(),
            f.term.clone().unwrap_or_default(),
            f.expected.join("; "),
            f.found.clone().unwrap_or_default(),
            f.match_kind.clone().unwrap_or_default(),
            f.source.clone(),
            f.target.clone(),
            num(f.source_span.map(|s| s.start)),
            num(f.source_span.map(|s| s.end)),
            num(f.target_span.map(|s| s.start)),
            num(f.target_span.map(|s| s.end)),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Marks `span` of `text` with brackets for the text report.
fn mark(text: &str, span: Option<crate::qa::Span>) -> String {
    match span {
        Some(s)
            if s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end) =>
        {
            format!(
                "{}[{}]{}",
                &text[..s.start],
                &text[s.start..s.end],
                &text[s.end..]
            )
        }
        _ => text.to_string(),
    }
}

fn write_text(out: &mut impl Write, findings: &[Finding]) -> std::io::Result<()> {
    if findings.is_empty() {
        writeln!(out, "No findings.")?;
        return Ok(());
    }
    let mut groups: BTreeMap<(String, String), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        let key = match &f.term {
            Some(t) => (t.clone(), String::new()),
            None => (String::from("\u{10FFFF}"), f.rule.clone()),
        };
        groups.entry(key).or_default().push(f);
    }
    for ((term, rule), fs) in &groups {
        let title = if rule.is_empty() {
            format!("Term \"{term}\"")
        } else {
            format!("Sentences ({rule})")
        };
        writeln!(out, "{title}: {} finding(s)", fs.len())?;
        if let Some(v) = fs
            .iter()
            .find(|f| !f.variants.is_empty())
            .map(|f| &f.variants)
            && fs.iter().all(|f| f.rule == "term-inconsistent")
        {
            for var in v {
                writeln!(
                    out,
                    "  rendered \"{}\" in {} pair(s){}",
                    var.rendering,
                    var.count,
                    if var.pair_ids.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ": {}",
                            var.pair_ids
                                .iter()
                                .map(|i| format!("#{i}"))
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    }
                )?;
            }
        }
        for f in fs {
            let pair = f
                .pair_id
                .map(|i| format!("pair #{i}"))
                .unwrap_or_else(|| "new pair".into());
            let origin = f
                .origin
                .as_deref()
                .map(|o| format!(" in {o}"))
                .unwrap_or_default();
            let how = f
                .match_kind
                .as_deref()
                .map(|m| format!(" ({m} match)"))
                .unwrap_or_default();
            writeln!(
                out,
                "  {} {} {}{}{} [{}]",
                f.severity.as_str(),
                f.rule,
                pair,
                origin,
                how,
                f.id
            )?;
            writeln!(out, "    source: {}", mark(&f.source, f.source_span))?;
            writeln!(out, "    target: {}", mark(&f.target, f.target_span))?;
            if let Some(found) = &f.found
                && f.term.is_some()
            {
                writeln!(out, "    found: {found}")?;
            }
            if !f.expected.is_empty() {
                let label = if f.term.is_some() {
                    "expected"
                } else {
                    "elsewhere"
                };
                writeln!(out, "    {label}: {}", f.expected.join(" | "))?;
            }
        }
        writeln!(out)?;
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "{} finding(s): {} error(s), {} warning(s), {} info",
        findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::qa::glossary::TermStatus;

    fn findings() -> Vec<Finding> {
        let mut g = Glossary::default();
        g.add_term("r", "en", "road", TermStatus::Preferred);
        g.add_term("r", "ru", "дорога", TermStatus::Preferred);
        let mut c = Checker::new(g);
        let mut p = PairInput::new("en", "ru", "The road, \"closed\".", "Путь закрыт.");
        p.id = Some(7);
        c.check_pair(&p);
        c.finish(|_| None)
    }

    #[test]
    fn text_report_groups_by_term_and_marks_the_span() {
        let mut out = Vec::new();
        write_text(&mut out, &findings()).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.starts_with("Term \"road\": 1 finding(s)"), "{s}");
        assert!(s.contains("source: The [road], \"closed\"."), "{s}");
        assert!(s.contains("expected: дорога"), "{s}");
    }

    #[test]
    fn csv_report_quotes_and_has_spans() {
        let mut out = Vec::new();
        write_csv(&mut out, &findings()).unwrap();
        let s = String::from_utf8(out).unwrap();
        let mut lines = s.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("id,rule,severity,pair_id")
        );
        let row = lines.next().unwrap();
        assert!(row.contains(",term-missing,error,7,"), "{row}");
        assert!(row.contains("\"The road, \"\"closed\"\".\""), "{row}");
        assert!(row.ends_with(",4,8,,"), "{row}");
    }
}
