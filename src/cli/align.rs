//! `tarjima align`: the sentence beads of a text and its translation.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::align::{self, AlignOptions, Sentence};
use crate::lang::Detector;
use crate::segment::Segmenter;
use crate::segment::article::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Vecalign,
    Tsv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, value_parser = super::lang_tag)]
    src_lang: Option<String>,
    #[arg(long, value_parser = super::lang_tag)]
    tgt_lang: Option<String>,
    /// The inputs hold one sentence per line (line i = sentence i).
    #[arg(long)]
    presegmented: bool,
    #[arg(long, value_enum, default_value = "vecalign")]
    format: Format,
    /// Print only the document verdict (is the target a translation of the source?) as JSON.
    #[arg(long)]
    assess: bool,
    /// Also use word translations learned from the memory (`--db`), as `import` does.
    #[arg(long)]
    memory_lexicon: bool,
    src: PathBuf,
    tgt: PathBuf,
}

/// Sentences (text, paragraph) of one side.
fn sentences(text: &str, lang: &str, presegmented: bool) -> Vec<(String, u32)> {
    if presegmented {
        // Keep line numbering: line i is sentence i, even when blank.
        let lines: Vec<&str> = text.lines().collect();
        let numbered = numbered_lines(&lines);
        return lines
            .iter()
            .map(|l| {
                let l = if numbered {
                    l.split_once('\t').map_or(*l, |(_, rest)| rest)
                } else {
                    l
                };
                (l.trim().to_string(), 0)
            })
            .collect();
    }
    let article = Article::parse(text, false);
    let seg = Segmenter::for_lang(lang);
    let mut out = Vec::new();
    for (p, para) in article.paragraphs.iter().enumerate() {
        for s in seg.split(para) {
            out.push((s.to_string(), p as u32));
        }
    }
    out
}

/// Do all non-blank lines start with a line number and a tab (an id column, not text)?
fn numbered_lines(lines: &[&str]) -> bool {
    let mut any = false;
    for l in lines.iter().filter(|l| !l.trim().is_empty()) {
        match l.split_once('\t') {
            Some((id, _)) if !id.is_empty() && id.trim().chars().all(|c| c.is_ascii_digit()) => {
                any = true
            }
            _ => return false,
        }
    }
    any
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    let src_text = crate::import::read_text_file(&args.src)?;
    let tgt_text = crate::import::read_text_file(&args.tgt)?;
    let det = Detector::default();
    let src_lang = args.src_lang.unwrap_or_else(|| det.detect(&src_text).tag);
    let tgt_lang = args.tgt_lang.unwrap_or_else(|| det.detect(&tgt_text).tag);
    let s = sentences(&src_text, &src_lang, args.presegmented);
    let t = sentences(&tgt_text, &tgt_lang, args.presegmented);
    let ss: Vec<Sentence> = s.iter().map(|(x, p)| Sentence::new(x, *p)).collect();
    let ts: Vec<Sentence> = t.iter().map(|(x, p)| Sentence::new(x, *p)).collect();
    let mut opts = AlignOptions::new(&src_lang, &tgt_lang);
    if args.memory_lexicon {
        let store = crate::store::Store::open_existing(db)?;
        if let Some(lexicon) = crate::import::memory_lexicon(&store, &src_lang, &tgt_lang)? {
            opts = opts.with_lexicon(lexicon);
        }
    }
    let beads = align::align(&ss, &ts, &opts);
    let mut out = std::io::stdout().lock();
    if args.assess {
        let verdict = align::assess_documents(&ss, &ts, &beads);
        writeln!(out, "{}", serde_json::to_string(&verdict)?)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let join = |ids: &[usize], side: &[(String, u32)]| {
        ids.iter()
            .map(|&i| side[i].0.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    match args.format {
        Format::Vecalign => {
            for b in &beads {
                writeln!(out, "{:?}:{:?}", b.src, b.tgt)?;
            }
        }
        Format::Tsv => {
            for b in &beads {
                writeln!(
                    out,
                    "{}\t{}\t{:.3}",
                    crate::formats::tsv::escape(&join(&b.src, &s)),
                    crate::formats::tsv::escape(&join(&b.tgt, &t)),
                    b.confidence
                )?;
            }
        }
        Format::Json => {
            let v: Vec<_> = beads
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "src": b.src, "tgt": b.tgt,
                        "source": join(&b.src, &s), "target": join(&b.tgt, &t),
                        "score": b.confidence,
                    })
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_column_is_dropped_only_when_every_line_has_one() {
        let s = sentences("0\tOne.\n1\tTwo 2.\n", "en", true);
        assert_eq!(s[1].0, "Two 2.");
        let s = sentences("0\tOne.\nTwo.\n", "en", true);
        assert_eq!(s[0].0, "0\tOne.");
    }
}
