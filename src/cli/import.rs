//! `tarjima import`: an article and its translation, a folder of articles, or a TMX file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::import::{self, ImportOptions, ImportReport};
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Source language (BCP 47), instead of detecting it.
    #[arg(long, value_parser = super::lang_tag)]
    src_lang: Option<String>,
    /// Target language (BCP 47), instead of detecting it.
    #[arg(long, value_parser = super::lang_tag)]
    tgt_lang: Option<String>,
    /// Beads aligned with less confidence than this are held back (0 to 1).
    #[arg(long, default_value_t = 0.5)]
    min_confidence: f64,
    /// Import even when the two articles do not look like translations of each other.
    #[arg(long)]
    force: bool,
    /// Languages the detector may answer (comma-separated tags).
    #[arg(long, value_delimiter = ',', value_parser = super::lang_tag)]
    langs: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// An article and its translation; or one folder; or one TMX, CSV or TSV file.
    #[arg(required = true, num_args = 1..=2)]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<ExitCode> {
    if !(0.0..=1.0).contains(&args.min_confidence) {
        return Err(
            crate::Error::Usage("--min-confidence takes a number from 0 to 1".into()).into(),
        );
    }
    let opts = ImportOptions {
        src_lang: args.src_lang.clone(),
        tgt_lang: args.tgt_lang.clone(),
        min_confidence: args.min_confidence,
        force: args.force,
        expected_langs: args.langs.clone(),
    };
    // Check the inputs before the memory is opened (and perhaps created).
    for p in &args.paths {
        if !p.exists() {
            return Err(crate::Error::input(p, "does not exist").into());
        }
    }
    if let [one] = args.paths.as_slice()
        && !one.is_dir()
    {
        if super::import_tm::format_of(one).is_some() {
            return super::import_tm::run(
                one,
                db,
                args.src_lang.as_deref(),
                args.tgt_lang.as_deref(),
                args.format == Format::Json,
            );
        }
        return Err(crate::Error::Usage(format!(
            "{}: give an article and its translation, a folder of articles named NAME.LANG.txt, or a .tmx, .csv or .tsv file",
            one.display()
        ))
        .into());
    }
    // A memory this run creates is removed again if the import fails, so bad input
    // never leaves an empty memory.db behind.
    let created = !db.exists();
    let report = match import_articles(&args.paths, &opts, db) {
        Ok(r) => r,
        Err(e) => {
            if created {
                remove_memory_files(db);
            }
            return Err(e);
        }
    };
    print_report(&report, args.format)?;
    Ok(if report.any_refused() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Imports an article pair or a folder into the memory at `db` (one transaction).
fn import_articles(
    paths: &[PathBuf],
    opts: &ImportOptions,
    db: &Path,
) -> anyhow::Result<ImportReport> {
    let mut store = Store::open(db)?;
    let report = match paths {
        [dir] => {
            let bar = progress_bar();
            let mut tick = |done: usize, total: usize| {
                if let Some(b) = &bar {
                    b.set_length(total as u64);
                    b.set_position(done as u64);
                }
            };
            let r = import::import_dir(&mut store, dir, opts, &mut tick)?;
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            r
        }
        [src, tgt] => import::import_pair(&mut store, src, tgt, opts)?,
        _ => unreachable!("clap limits the number of paths"),
    };
    Ok(report)
}

/// Removes a memory file this run created, with its SQLite side files.
fn remove_memory_files(db: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A progress bar on stderr, only when stderr is a terminal (never in pipes, logs or tests).
fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("importing");
    Some(bar)
}

fn print_report(report: &ImportReport, format: Format) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(report)?)?;
        return Ok(());
    }
    let (mut stored, mut seen, mut held) = (0, 0, 0);
    for p in &report.pairs {
        writeln!(out, "{}  ->  {}", p.src_path, p.tgt_path)?;
        writeln!(
            out,
            "  languages: {} ({:.2}) -> {} ({:.2}); sentences: {} / {}",
            p.src_lang,
            p.src_confidence,
            p.tgt_lang,
            p.tgt_confidence,
            p.src_sentences,
            p.tgt_sentences
        )?;
        if let Some(why) = &p.refused {
            writeln!(out, "  REFUSED, nothing stored: {why}")?;
            continue;
        }
        if p.already_imported {
            writeln!(out, "  already imported before: nothing to do")?;
            continue;
        }
        writeln!(
            out,
            "  stored {} new pairs, {} seen before; {} unpaired sentences; {} held back (document score {:.2}{})",
            p.stored,
            p.seen_before,
            p.unpaired_sentences,
            p.held_back.len(),
            p.document_score,
            if p.lexicon_entries > 0 {
                format!(
                    "; lexicon of {} words learned from the memory",
                    p.lexicon_entries
                )
            } else {
                String::new()
            }
        )?;
        for h in &p.held_back {
            writeln!(
                out,
                "    held back ({}): {}  |  {}",
                h.reason, h.source, h.target
            )?;
        }
        stored += p.stored;
        seen += p.seen_before;
        held += p.held_back.len();
    }
    for f in &report.unpaired_files {
        writeln!(out, "unpaired file (no translation found beside it): {f}")?;
    }
    if report.pairs.len() > 1 {
        writeln!(
            out,
            "total: {} article pairs, {stored} new pairs stored, {seen} seen before, {held} held back, {} refused",
            report.pairs.len(),
            report.pairs.iter().filter(|p| p.refused.is_some()).count()
        )?;
    }
    Ok(())
}
