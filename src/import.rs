//! The import pipeline: article files in, aligned pairs in the memory out.
//!
//! For each article pair: read and check both files, parse the article
//! structure ([`crate::segment::article`]), detect the languages
//! ([`crate::lang`]), split sentences ([`crate::segment`]), align them
//! ([`crate::align`]), judge whether the two are translations at all, and store
//! the confident beads through one [`crate::store::Writer`] transaction. Beads
//! below the confidence threshold are held back and reported, never stored.
//!
//! This module reads files; everything it calls is pure.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::align::{self, AlignOptions, Bead, DocSummary, Lexicon, Sentence};
use crate::error::{Error, Result};
use crate::lang::{self, Detection, Detector};
use crate::segment::Segmenter;
use crate::segment::article::Article;
use crate::store::{Inserted, NewOrigin, NewPair, OriginOutcome, Store, Writer};

/// Largest article accepted, in bytes (a news article is a few tens of kB).
pub const MAX_ARTICLE_BYTES: u64 = 16 * 1024 * 1024;

/// Settings of an import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Source language, instead of detecting it.
    pub src_lang: Option<String>,
    /// Target language, instead of detecting it.
    pub tgt_lang: Option<String>,
    /// Beads below this confidence are held back.
    pub min_confidence: f64,
    /// Store pairs even when the two articles do not look like translations.
    pub force: bool,
    /// Languages the detector may answer (empty: any).
    pub expected_langs: Vec<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            src_lang: None,
            tgt_lang: None,
            min_confidence: 0.5,
            force: false,
            expected_langs: Vec::new(),
        }
    }
}

/// A text file read and checked: UTF-8 (BOM removed), not empty, not binary.
pub fn read_text_file(path: &Path) -> Result<String> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a folder, not a text file"));
    }
    if meta.len() > MAX_ARTICLE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "is {} MB, larger than the {} MB an article may be",
                meta.len() / (1024 * 1024),
                MAX_ARTICLE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    decode_text(path, &bytes)
}

/// Checks and decodes the bytes of a text file (see [`read_text_file`]).
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::input(
            path,
            "is UTF-16; tarjima reads articles in UTF-8 (save the file as UTF-8)",
        ));
    }
    if crate::text::looks_binary(bytes) {
        return Err(Error::input(path, "is a binary file, not a text article"));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        Error::input(
            path,
            format!("is not UTF-8 (invalid byte at line {line}); save the file as UTF-8"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Error::input(path, "is empty"));
    }
    Ok(text.to_string())
}

/// One side of an article pair, ready to align.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    pub path: PathBuf,
    pub text: String,
    pub article: Article,
    pub detection: Detection,
    /// The language used (the override if given, else the detection).
    pub lang: String,
    /// True when `lang` was given (flag or file name) rather than detected.
    pub declared: bool,
    /// Sentences with their paragraph index.
    pub sentences: Vec<(String, u32)>,
}

/// Reads, parses, detects and segments one article. `lang` overrides detection.
pub fn prepare_article(
    path: &Path,
    lang: Option<&str>,
    detector: &Detector,
) -> Result<PreparedArticle> {
    let text = read_text_file(path)?;
    let markdown = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    let article = Article::parse(&text, markdown);
    if article.paragraphs.is_empty() {
        return Err(Error::input(path, "has no text to segment"));
    }
    let body = article.paragraphs.join("\n\n");
    let detection = detector.detect(&body);
    let lang_given = lang.is_some();
    let lang = match lang {
        Some(l) => l.to_string(),
        None if detection.tag == "und" => {
            return Err(Error::input(
                path,
                "language could not be detected; name it with --src-lang/--tgt-lang",
            ));
        }
        None => detection.tag.clone(),
    };
    let segmenter = Segmenter::for_lang(&lang);
    let mut sentences = Vec::new();
    for (p, para) in article.paragraphs.iter().enumerate() {
        for s in segmenter.split(para) {
            sentences.push((s.to_string(), p as u32));
        }
    }
    Ok(PreparedArticle {
        path: path.to_path_buf(),
        text,
        article,
        detection,
        declared: lang_given,
        lang,
        sentences,
    })
}

/// A bead that was not stored, and why.
#[derive(Debug, Clone, serde::Serialize)]
pub struct HeldBack {
    pub source: String,
    pub target: String,
    pub confidence: f64,
    pub reason: String,
}

/// What importing one article pair did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PairReport {
    pub src_path: String,
    pub tgt_path: String,
    pub src_lang: String,
    pub src_confidence: f64,
    pub tgt_lang: String,
    pub tgt_confidence: f64,
    pub src_sentences: usize,
    pub tgt_sentences: usize,
    pub beads: usize,
    /// Pairs stored for the first time.
    pub stored: usize,
    /// Pairs already in the memory (their count went up).
    pub seen_before: usize,
    /// Source or target sentences with no counterpart (1-0 / 0-1 beads).
    pub unpaired_sentences: usize,
    pub held_back: Vec<HeldBack>,
    /// Set when the pair was refused as a whole (nothing stored from it).
    pub refused: Option<String>,
    /// The same two files were imported before: nothing done.
    pub already_imported: bool,
    /// Document-level translation score, 0 to 1.
    pub document_score: f64,
    /// Words in the lexicon learned from the memory that helped this alignment (0: none yet).
    pub lexicon_entries: usize,
}

/// What an import did, over all article pairs.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub pairs: Vec<PairReport>,
    /// Files in a folder that could not be paired with another.
    pub unpaired_files: Vec<String>,
}

impl ImportReport {
    /// True when some article pair was refused (exit status 1).
    pub fn any_refused(&self) -> bool {
        self.pairs.iter().any(|p| p.refused.is_some())
    }
}

/// Imports one article and its translation, in one transaction.
pub fn import_pair(
    store: &mut Store,
    src: &Path,
    tgt: &Path,
    opts: &ImportOptions,
) -> Result<ImportReport> {
    let opts = &with_memory_langs(store, opts)?;
    let detector = detector_for(opts);
    let a = prepare_article(src, opts.src_lang.as_deref(), &detector)?;
    let b = prepare_article(tgt, opts.tgt_lang.as_deref(), &detector)?;
    let lexicon = learn_lexicons(store, [(a.lang.as_str(), b.lang.as_str())])?
        .into_values()
        .next();
    let mut w = store.writer()?;
    remember_langs(&mut w, opts)?;
    let report = store_pair(&mut w, &a, &b, opts, lexicon)?;
    w.commit()?;
    Ok(ImportReport {
        pairs: vec![report],
        unpaired_files: Vec::new(),
    })
}

/// The setting under which a memory remembers its expected languages.
pub const EXPECTED_LANGS_SETTING: &str = "expected_langs";

/// Options with the memory's remembered expected languages filled in when none were given.
fn with_memory_langs(store: &Store, opts: &ImportOptions) -> Result<ImportOptions> {
    let mut opts = opts.clone();
    if opts.expected_langs.is_empty()
        && let Some(v) = store.setting(EXPECTED_LANGS_SETTING)?
    {
        opts.expected_langs = v
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
    }
    Ok(opts)
}

/// Saves the expected languages given for this import as the memory's default.
fn remember_langs(w: &mut Writer<'_>, opts: &ImportOptions) -> Result<()> {
    if opts.expected_langs.is_empty() {
        return Ok(());
    }
    w.set_setting(EXPECTED_LANGS_SETTING, &opts.expected_langs.join(","))
}

fn detector_for(opts: &ImportOptions) -> Detector {
    Detector::with_expected(opts.expected_langs.clone())
}

/// A file name of the form `NAME.LANG.txt` / `NAME.LANG.md`, split into NAME and LANG.
pub fn split_article_name(path: &Path) -> Option<(String, String)> {
    let file = path.file_name()?.to_str()?;
    let (stem, ext) = file.rsplit_once('.')?;
    if !matches!(ext.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown") {
        return None;
    }
    let (name, lang) = stem.rsplit_once('.')?;
    let ok = !lang.is_empty()
        && lang.len() <= 12
        && lang.split('-').next().is_some_and(|p| {
            (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic())
        })
        && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then(|| (name.to_string(), lang.to_string()))
}

/// Imports every article pair of a folder: files `NAME.LANG.txt`/`.md` with the
/// same NAME are translations of one another; every two languages of a NAME
/// make one pair (source = the language that sorts first). One transaction for the whole folder.
///
/// `on_progress(done, total)` is called after each article pair is prepared and after each is stored.
pub fn import_dir(
    store: &mut Store,
    dir: &Path,
    opts: &ImportOptions,
    on_progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let opts = &with_memory_langs(store, opts)?;
    let mut groups: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    let mut unnamed: Vec<PathBuf> = Vec::new();
    let mut report = ImportReport::default();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for path in entries {
        let is_article = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "markdown"));
        let is_readme = path
            .file_stem()
            .and_then(|s| s.to_str())
            .is_some_and(|s| s.eq_ignore_ascii_case("readme") || s.eq_ignore_ascii_case("license"));
        if !is_article || is_readme {
            continue;
        }
        match split_article_name(&path) {
            Some((name, lang)) => groups.entry(name).or_default().push((lang, path)),
            None => unnamed.push(path),
        }
    }
    let detector = detector_for(opts);
    let files = groups.values().map(Vec::len).sum::<usize>() + unnamed.len();
    let mut done = 0;
    // Every file is read, checked and segmented once, before anything is written.
    let mut articles: Vec<PreparedArticle> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (_, mut versions) in groups {
        versions.sort();
        let first = articles.len();
        for (lang, path) in &versions {
            articles.push(prepare_article(path, Some(lang), &detector)?);
            done += 1;
            on_progress(done, files * 2);
        }
        if versions.len() < 2 {
            report
                .unpaired_files
                .extend(versions.iter().map(|(_, p)| p.display().to_string()));
        }
        for i in first..articles.len() {
            for j in i + 1..articles.len() {
                pairs.push((i, j));
            }
        }
    }
    // Files whose names do not say which is which: paired by content (dates, numbers, names, length).
    let first_unnamed = articles.len();
    for path in &unnamed {
        articles.push(prepare_article(path, None, &detector)?);
        done += 1;
        on_progress(done, files * 2);
    }
    let summaries: Vec<DocSummary> = articles[first_unnamed..]
        .iter()
        .map(|a| {
            DocSummary::new(
                &a.article.paragraphs.join("\n\n"),
                &a.lang,
                a.sentences.len(),
            )
        })
        .collect();
    let mut paired = vec![false; summaries.len()];
    for (i, j, _) in align::pair_documents(&summaries) {
        paired[i] = true;
        paired[j] = true;
        let (i, j) = (first_unnamed + i, first_unnamed + j);
        // Source = the language tag that sorts first, as for named files.
        pairs.push(if articles[i].lang <= articles[j].lang {
            (i, j)
        } else {
            (j, i)
        });
    }
    for (k, was_paired) in paired.iter().enumerate() {
        if !was_paired {
            report
                .unpaired_files
                .push(articles[first_unnamed + k].path.display().to_string());
        }
    }
    if articles.is_empty() {
        return Err(Error::input(
            dir,
            "holds no articles (.txt or .md files; name translations NAME.LANG.txt)",
        ));
    }
    let lexicons = learn_lexicons(
        store,
        pairs
            .iter()
            .map(|&(i, j)| (articles[i].lang.as_str(), articles[j].lang.as_str())),
    )?;
    let mut w = store.writer()?;
    remember_langs(&mut w, opts)?;
    for (k, &(i, j)) in pairs.iter().enumerate() {
        let (a, b) = (&articles[i], &articles[j]);
        let lexicon = lexicons.get(&(a.lang.clone(), b.lang.clone())).cloned();
        report.pairs.push(store_pair(&mut w, a, b, opts, lexicon)?);
        on_progress(files + (k + 1) * files / pairs.len().max(1), files * 2);
    }
    w.commit()?;
    Ok(report)
}

/// Most pairs read from the memory to learn one language pair's lexicon.
pub const LEXICON_SAMPLE: usize = 20_000;

/// The lexicon `import` would use to align `src_lang` against `tgt_lang`: learned from the
/// pairs the memory holds for those languages (`None` when it holds none).
pub fn memory_lexicon(
    store: &Store,
    src_lang: &str,
    tgt_lang: &str,
) -> Result<Option<Arc<Lexicon>>> {
    Ok(learn_lexicons(store, [(src_lang, tgt_lang)])?
        .remove(&(src_lang.to_string(), tgt_lang.to_string())))
}

/// For each language pair to be aligned, a lexicon learned from the pairs the memory already
/// holds for it (none when the memory has no pairs of those languages).
fn learn_lexicons<'a>(
    store: &Store,
    lang_pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<HashMap<(String, String), Arc<Lexicon>>> {
    let mut out = HashMap::new();
    for (a, b) in lang_pairs {
        let key = (a.to_string(), b.to_string());
        if out.contains_key(&key) {
            continue;
        }
        let sample = store.sample_pairs(&key.0, &key.1, LEXICON_SAMPLE)?;
        if sample.is_empty() {
            continue;
        }
        let lexicon = Lexicon::learn(
            &key.0,
            &key.1,
            sample
                .iter()
                .map(|(sl, tl, s, t)| (sl.as_str(), tl.as_str(), s.as_str(), t.as_str())),
        );
        if !lexicon.is_empty() {
            out.insert(key, Arc::new(lexicon));
        }
    }
    Ok(out)
}

/// A stable fingerprint of some byte strings (FNV-1a, 64 bit, twice with different offsets), as hex.
pub fn fingerprint(parts: &[&[u8]]) -> String {
    let mut h1: u64 = 0xcbf29ce484222325;
    let mut h2: u64 = 0x84222325cbf29ce4;
    for part in parts {
        for &b in part.iter().chain(&[0xFFu8]) {
            h1 = (h1 ^ u64::from(b)).wrapping_mul(0x100000001b3);
            h2 = (h2 ^ u64::from(b))
                .wrapping_mul(0x100000001b3)
                .rotate_left(5);
        }
    }
    format!("{h1:016x}{h2:016x}")
}

/// Aligns two prepared articles and stores what is confident. Pure decisions live in [`plan_pair`].
fn store_pair(
    w: &mut Writer<'_>,
    a: &PreparedArticle,
    b: &PreparedArticle,
    opts: &ImportOptions,
    lexicon: Option<Arc<Lexicon>>,
) -> Result<PairReport> {
    let plan = plan_pair_with(a, b, opts, lexicon);
    let mut report = plan.report;
    if report.refused.is_some() {
        return Ok(report);
    }
    let origin = NewOrigin {
        name: format!("{} | {}", a.path.display(), b.path.display()),
        kind: "article".into(),
        src_path: Some(a.path.display().to_string()),
        tgt_path: Some(b.path.display().to_string()),
        src_lang: a.lang.clone(),
        tgt_lang: b.lang.clone(),
        content_hash: fingerprint(&[
            a.lang.as_bytes(),
            a.text.as_bytes(),
            b.lang.as_bytes(),
            b.text.as_bytes(),
        ]),
        meta: None,
    };
    let origin_id = match w.add_origin(&origin)? {
        OriginOutcome::New(id) => id,
        OriginOutcome::AlreadyImported(_) => {
            report.already_imported = true;
            return Ok(report);
        }
    };
    for mut pair in plan.pairs {
        pair.origin_id = Some(origin_id);
        match w.insert_pair(&pair)? {
            Inserted::New(_) => report.stored += 1,
            Inserted::Seen(_) => report.seen_before += 1,
        }
    }
    Ok(report)
}

/// When a language was declared (file name or flag) but the text is confidently
/// in another language, the sentence that says so.
fn declared_language_conflict(side: &PreparedArticle) -> Option<String> {
    let d = &side.detection;
    let conflict = side.declared
        && d.tag != "und"
        && d.confidence >= 0.8
        && lang::primary(&d.tag) != lang::primary(&side.lang);
    conflict.then(|| {
        format!(
            "{} is declared as {} but its text is {} (confidence {:.2}); fix the name or pass the right language",
            side.path.display(),
            side.lang,
            d.tag,
            d.confidence
        )
    })
}

/// The decisions for one article pair, before anything is written.
pub struct PairPlan {
    pub report: PairReport,
    pub beads: Vec<Bead>,
    pub pairs: Vec<NewPair>,
}

/// Aligns two prepared articles and decides what to store, what to hold back, or whether to refuse.
pub fn plan_pair(a: &PreparedArticle, b: &PreparedArticle, opts: &ImportOptions) -> PairPlan {
    plan_pair_with(a, b, opts, None)
}

/// [`plan_pair`] with a lexicon learned from the memory for this language pair.
pub fn plan_pair_with(
    a: &PreparedArticle,
    b: &PreparedArticle,
    opts: &ImportOptions,
    lexicon: Option<Arc<Lexicon>>,
) -> PairPlan {
    let mut report = PairReport {
        src_path: a.path.display().to_string(),
        tgt_path: b.path.display().to_string(),
        src_lang: a.lang.clone(),
        src_confidence: a.detection.confidence,
        tgt_lang: b.lang.clone(),
        tgt_confidence: b.detection.confidence,
        src_sentences: a.sentences.len(),
        tgt_sentences: b.sentences.len(),
        ..Default::default()
    };
    for side in [a, b] {
        if let Some(why) = declared_language_conflict(side) {
            report.refused = Some(why);
            return PairPlan {
                report,
                beads: Vec::new(),
                pairs: Vec::new(),
            };
        }
    }
    if lang::same_language(&a.lang, &b.lang) {
        report.refused = Some(format!(
            "both articles are in the same language ({}); a translation memory pairs two languages",
            a.lang
        ));
        return PairPlan {
            report,
            beads: Vec::new(),
            pairs: Vec::new(),
        };
    }
    let src: Vec<Sentence> = a
        .sentences
        .iter()
        .map(|(t, p)| Sentence::new(t, *p))
        .collect();
    let tgt: Vec<Sentence> = b
        .sentences
        .iter()
        .map(|(t, p)| Sentence::new(t, *p))
        .collect();
    let beads = {
        let mut o = AlignOptions::new(&a.lang, &b.lang);
        if let Some(lex) = lexicon {
            report.lexicon_entries = lex.len();
            o = o.with_lexicon(lex);
        }
        align::align(&src, &tgt, &o)
    };
    let verdict = align::assess_documents(&src, &tgt, &beads);
    report.beads = beads.len();
    report.document_score = verdict.score;
    if !verdict.is_translation && !opts.force {
        report.refused = Some(format!(
            "the two articles do not look like translations of each other ({}); use --force to import anyway",
            verdict.reason
        ));
        return PairPlan {
            report,
            beads,
            pairs: Vec::new(),
        };
    }
    let join = |ids: &[usize], side: &[(String, u32)], sep: &str| {
        ids.iter()
            .map(|&i| side[i].0.as_str())
            .collect::<Vec<_>>()
            .join(sep)
    };
    let sep_of = |lang: &str| {
        if matches!(lang::primary(lang), "zh" | "ja" | "th") {
            ""
        } else {
            " "
        }
    };
    let (ssep, tsep) = (sep_of(&a.lang), sep_of(&b.lang));
    let mut pairs = Vec::new();
    for (k, bead) in beads.iter().enumerate() {
        if bead.src.is_empty() || bead.tgt.is_empty() {
            report.unpaired_sentences += bead.src.len() + bead.tgt.len();
            continue;
        }
        let source = join(&bead.src, &a.sentences, ssep);
        let target = join(&bead.tgt, &b.sentences, tsep);
        if bead.confidence < opts.min_confidence {
            report.held_back.push(HeldBack {
                source,
                target,
                confidence: bead.confidence,
                reason: format!(
                    "alignment confidence {:.2} below {:.2}",
                    bead.confidence, opts.min_confidence
                ),
            });
            continue;
        }
        let first = bead.src[0];
        let last = *bead.src.last().unwrap_or(&first);
        let mut pair = NewPair::new(&a.lang, &b.lang, &source, &target, bead.confidence);
        pair.position = Some(k as i64);
        pair.prev_source = first.checked_sub(1).map(|i| a.sentences[i].0.clone());
        pair.next_source = a.sentences.get(last + 1).map(|s| s.0.clone());
        pairs.push(pair);
    }
    PairPlan {
        report,
        beads,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_names() {
        assert_eq!(
            split_article_name(Path::new("dir/visit.uz-Cyrl.txt")),
            Some(("visit".into(), "uz-Cyrl".into()))
        );
        assert_eq!(
            split_article_name(Path::new("a.en.md")),
            Some(("a".into(), "en".into()))
        );
        assert_eq!(split_article_name(Path::new("notes.txt")), None);
        assert_eq!(split_article_name(Path::new("a.en.pdf")), None);
    }

    #[test]
    fn decode_refuses_bad_bytes() {
        let p = Path::new("x.txt");
        assert!(
            decode_text(p, b"")
                .unwrap_err()
                .to_string()
                .contains("empty")
        );
        assert!(
            decode_text(p, b"\xFF\xFEh\0i\0")
                .unwrap_err()
                .to_string()
                .contains("UTF-16")
        );
        assert!(
            decode_text(p, b"ab\0cd")
                .unwrap_err()
                .to_string()
                .contains("binary")
        );
        assert!(
            decode_text(p, b"ok\n\xC3\x28")
                .unwrap_err()
                .to_string()
                .contains("line 2")
        );
        assert_eq!(decode_text(p, b"\xEF\xBB\xBFhi").unwrap(), "hi");
    }

    #[test]
    fn fingerprint_is_stable_and_sensitive_to_boundaries() {
        assert_eq!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"ab", b"c"]));
        assert_ne!(fingerprint(&[b"ab", b"c"]), fingerprint(&[b"a", b"bc"]));
    }
}
