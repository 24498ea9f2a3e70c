//! Terminology QA: checks that terms are rendered consistently, against a
//! glossary and across the memory itself.
//!
//! A [`Checker`] is fed pairs one at a time ([`Checker::check_pair`]), so a
//! whole memory streams through it in constant memory per pair, and gives
//! [`Finding`]s:
//! - `term-missing`: a glossary source term occurs, none of its admitted
//!   renderings does (in any inflected form, see [`morph`]);
//! - `term-forbidden`: a deprecated, superseded or forbidden rendering occurs;
//! - `term-inconsistent`: one source term rendered in several ways over the
//!   pairs seen (glossary terms, and recurring capitalised or multi-word
//!   expressions found without one);
//! - `source-inconsistent` / `target-inconsistent`: the same source with
//!   different targets, and the reverse.
//!
//! Terms are matched whole-word, longest term first, each matched span used
//! once. Every finding has a stable id (a hash of its rule, its pair's texts
//! and the term), so a team can accept it once and not see it again.
//!
//! ```
//! use tarjima::qa::{Checker, PairInput};
//! use tarjima::qa::glossary::{Glossary, TermStatus};
//! let mut g = Glossary::default();
//! g.add_term("c", "en", "railway station", TermStatus::Preferred);
//! g.add_term("c", "de", "Bahnhof", TermStatus::Preferred);
//! g.add_term("c", "de", "Station", TermStatus::Forbidden);
//! let mut qa = Checker::new(g);
//! let ok = PairInput::new("en", "de", "Meet me at the railway station.", "Treffen wir uns am Hauptbahnhof.");
//! let bad = PairInput::new("en", "de", "The railway stations are closed.", "Die Stationen sind geschlossen.");
//! qa.check_pair(&ok);
//! qa.check_pair(&bad);
//! let findings = qa.finish(|_| None);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].rule, "term-forbidden");
//! assert_eq!(findings[0].found.as_deref(), Some("Stationen"));
//! ```

pub mod glossary;
pub mod morph;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;

use glossary::{Glossary, TermStatus};
use morph::{Analysis, MatchKind, Morph, TermWord, WordMap};

use crate::text::{self, TokenKind};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A byte range in a pair's source or target text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// One way a term was rendered over the memory, for `term-inconsistent`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Variant {
    pub rendering: String,
    pub count: usize,
    /// Pairs with this rendering (the first [`MAX_VARIANT_PAIRS`]).
    pub pair_ids: Vec<i64>,
}

/// Pairs listed per variant.
pub const MAX_VARIANT_PAIRS: usize = 20;

/// One QA finding, in the shape of the CLI contract.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Finding {
    pub id: String,
    pub rule: String,
    pub severity: Severity,
    pub pair_id: Option<i64>,
    pub origin: Option<String>,
    pub src_lang: String,
    pub tgt_lang: String,
    pub source: String,
    pub target: String,
    pub term: Option<String>,
    pub expected: Vec<String>,
    pub found: Option<String>,
    #[serde(rename = "match")]
    pub match_kind: Option<String>,
    /// Where the term (or found rendering) is in `source` / `target`, in bytes.
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
    /// For memory-wide rules: every rendering seen, with counts and pairs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
}

/// A pair to check.
#[derive(Debug, Clone)]
pub struct PairInput<'a> {
    pub id: Option<i64>,
    pub origin: Option<&'a str>,
    pub src_lang: &'a str,
    pub tgt_lang: &'a str,
    pub source: &'a str,
    pub target: &'a str,
}

impl<'a> From<&'a crate::store::Pair> for PairInput<'a> {
    fn from(p: &'a crate::store::Pair) -> Self {
        PairInput {
            id: Some(p.id),
            origin: p.origin.as_deref(),
            src_lang: &p.src_lang,
            tgt_lang: &p.tgt_lang,
            source: &p.source,
            target: &p.target,
        }
    }
}

impl<'a> PairInput<'a> {
    pub fn new(src_lang: &'a str, tgt_lang: &'a str, source: &'a str, target: &'a str) -> Self {
        PairInput {
            id: None,
            origin: None,
            src_lang,
            tgt_lang,
            source,
            target,
        }
    }
}

/// Which checks run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Same source with different targets, and the reverse.
    pub sentence_consistency: bool,
    /// Recurring capitalised / multi-word source expressions rendered in several ways.
    pub discover_terms: bool,
    /// A discovered expression must occur in at least this many pairs.
    pub min_recurrence: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            sentence_consistency: true,
            discover_terms: true,
            min_recurrence: 3,
        }
    }
}

/// Search keys for the expressions memory-wide discovery follows in a
/// source text (capitalised expressions, and lower-case expressions of two to
/// four words): for each expression, a beginning of each of its words shared
/// by its inflected forms (lower case, letters and digits only, three or more),
/// so the memory pairs holding it can be found with a word-prefix search and
/// given to the checker as context for a new pair.
///
/// ```
/// let keys = tarjima::qa::expression_search_keys("en", "Drip irrigation came to Khorezm.");
/// assert!(keys.contains(&vec!["drip".to_string(), "irrig".to_string()]));
/// assert!(keys.contains(&vec!["khorezm".to_string()]));
/// ```
pub fn expression_search_keys(src_lang: &str, source: &str) -> Vec<Vec<String>> {
    let mut morph = Morph::new(src_lang);
    let toks = tokenize(&mut morph, source);
    let mut spans = discover::Discovery::source_runs(source, &toks, &[]);
    if let Some(stop) = recurring::stop_list(src_lang) {
        spans.extend(
            recurring::source_expressions(source, &toks, stop, &[])
                .into_iter()
                .map(|(a, b, _)| (a, b)),
        );
    }
    let mut out: Vec<Vec<String>> = Vec::new();
    for (a, b) in spans {
        let words: Vec<String> = toks[a..=b]
            .iter()
            .filter_map(|t| {
                let an = t.an.as_ref()?;
                let written = text::fold_case(&source[t.start..t.end]);
                let stem_chars = an
                    .stems
                    .iter()
                    .filter(|s| an.folded.starts_with(s.as_str()))
                    .map(|s| s.chars().count())
                    .min()
                    .unwrap_or_else(|| an.folded.chars().count());
                // The written form up to the stem's length, stopping where
                // folding changed a letter or a non-letter begins.
                let key: String = written
                    .chars()
                    .zip(an.folded.chars())
                    .take(stem_chars)
                    .take_while(|(w, f)| w == f && w.is_alphanumeric())
                    .map(|(w, _)| w)
                    .collect();
                (key.chars().count() >= 3).then_some(key)
            })
            .collect();
        if !words.is_empty() && !out.contains(&words) {
            out.push(words);
        }
    }
    out
}

/// The stable id of a finding.
pub fn finding_id(rule: &str, p: &PairInput, term: &str, found: &str) -> String {
    let fp = crate::import::fingerprint(&[
        rule.as_bytes(),
        p.src_lang.as_bytes(),
        p.tgt_lang.as_bytes(),
        p.source.as_bytes(),
        p.target.as_bytes(),
        term.as_bytes(),
        found.as_bytes(),
    ]);
    fp[..16].to_string()
}

/// A glossary term prepared for matching in one language.
#[derive(Debug)]
struct PTerm {
    concept: usize,
    text: String,
    status: TermStatus,
    words: Vec<TermWord>,
    chars: usize,
}

/// A token of a text with its analysis (None for punctuation).
struct Tok {
    an: Option<Rc<Analysis>>,
    start: usize,
    end: usize,
}

/// A term found in a text.
#[derive(Debug, Clone, Copy)]
struct Hit {
    term: usize,
    first: usize,
    last: usize,
    kind: MatchKind,
    span: Span,
}

/// Matching state for one language pair.
struct LangPair {
    src_lang: String,
    tgt_lang: String,
    src: Morph,
    tgt: Morph,
    src_terms: Vec<PTerm>,
    src_index: WordMap<String, Vec<usize>>,
    tgt_terms: Vec<PTerm>,
    /// Target terms of each concept.
    tgt_by_concept: HashMap<usize, Vec<usize>>,
    /// Disallowed target terms, indexed for search in every target.
    bad_index: WordMap<String, Vec<usize>>,
}

fn prepare_terms(
    g: &Glossary,
    lang: &str,
    morph: &Morph,
    filter: impl Fn(usize) -> bool,
) -> Vec<PTerm> {
    let mut out = Vec::new();
    for (ci, c) in g.concepts.iter().enumerate() {
        if !filter(ci) {
            continue;
        }
        for t in c.terms_in(lang) {
            let words: Vec<TermWord> = word_spans(&t.text)
                .into_iter()
                .filter(|w| w.2)
                .map(|(a, b, _)| morph.term_word(&t.text[a..b]))
                .collect();
            if words.is_empty() {
                continue;
            }
            out.push(PTerm {
                concept: ci,
                text: t.text.clone(),
                status: t.status,
                chars: t.text.chars().count(),
                words,
            });
        }
    }
    out
}

fn index_terms(terms: &[PTerm], only: impl Fn(&PTerm) -> bool) -> WordMap<String, Vec<usize>> {
    let mut idx: WordMap<String, Vec<usize>> = WordMap::default();
    for (i, t) in terms.iter().enumerate() {
        if !only(t) {
            continue;
        }
        let w = &t.words[0];
        idx.entry(w.folded.clone()).or_default().push(i);
        if w.stem != w.folded {
            idx.entry(w.stem.clone()).or_default().push(i);
        }
    }
    idx
}

impl LangPair {
    fn new(g: &Glossary, src_lang: &str, tgt_lang: &str) -> LangPair {
        let src = Morph::new(src_lang);
        let tgt = Morph::new(tgt_lang);
        // Concepts with something to say in the target language.
        let has_tgt: Vec<bool> = g
            .concepts
            .iter()
            .map(|c| c.terms_in(tgt_lang).next().is_some())
            .collect();
        let src_terms = prepare_terms(g, src_lang, &src, |ci| has_tgt[ci]);
        let src_index = index_terms(&src_terms, |_| true);
        let tgt_terms = prepare_terms(g, tgt_lang, &tgt, |_| true);
        let mut tgt_by_concept: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, t) in tgt_terms.iter().enumerate() {
            tgt_by_concept.entry(t.concept).or_default().push(i);
        }
        // Disallowed renderings of concepts with no source-language term are a
        // blacklist, looked for in every target; the others only where the
        // source has their concept (found by scanning that concept's terms).
        let target_only: Vec<bool> = g
            .concepts
            .iter()
            .map(|c| c.terms_in(src_lang).next().is_none())
            .collect();
        let bad_index = index_terms(&tgt_terms, |t| {
            !t.status.is_allowed() && target_only[t.concept]
        });
        LangPair {
            src_lang: src_lang.to_string(),
            tgt_lang: tgt_lang.to_string(),
            src,
            tgt,
            src_terms,
            src_index,
            tgt_terms,
            tgt_by_concept,
            bad_index,
        }
    }
}

/// Word tokens of `s` as (start, end), with the Uzbek letters o' and g' kept
/// whole at the end of a word (`bog'`, where the tokeniser leaves the final
/// apostrophe as punctuation).
fn word_spans(s: &str) -> Vec<(usize, usize, bool)> {
    let toks = text::tokens(s);
    let mut out: Vec<(usize, usize, bool)> = Vec::with_capacity(toks.len());
    let mut skip = false;
    for (i, t) in toks.iter().enumerate() {
        if skip {
            skip = false;
            continue;
        }
        let word = t.kind != TokenKind::Punct;
        if word
            && t.text.ends_with(['o', 'g', 'O', 'G', 'о', 'г'])
            && let Some(n) = toks.get(i + 1)
            && n.start == t.end
            && n.kind == TokenKind::Punct
            && n.text.chars().all(text::is_apostrophe)
        {
            out.push((t.start, n.end, true));
            skip = true;
            continue;
        }
        out.push((t.start, t.end, word));
    }
    out
}

fn tokenize(morph: &mut Morph, s: &str) -> Vec<Tok> {
    word_spans(s)
        .into_iter()
        .map(|(start, end, word)| Tok {
            an: word.then(|| morph.analyze(&s[start..end])),
            start,
            end,
        })
        .collect()
}

/// Tries term `ti` at token `i`; returns the hit if every word matches in sequence.
fn try_at(morph: &Morph, terms: &[PTerm], ti: usize, toks: &[Tok], i: usize) -> Option<Hit> {
    let t = &terms[ti];
    let single = t.words.len() == 1;
    let mut worst = MatchKind::Exact;
    let mut j = i;
    for (k, w) in t.words.iter().enumerate() {
        if k > 0 {
            j += 1;
        }
        let an = toks.get(j)?.an.as_ref()?;
        let kind = morph.word_match(w, an, single)?;
        worst = worst.max(kind);
    }
    Some(Hit {
        term: ti,
        first: i,
        last: j,
        kind: worst,
        span: Span {
            start: toks[i].start,
            end: toks[j].end,
        },
    })
}

/// Hits of indexed terms anywhere in `toks`.
fn index_hits(
    morph: &Morph,
    terms: &[PTerm],
    index: &WordMap<String, Vec<usize>>,
    toks: &[Tok],
    out: &mut Vec<Hit>,
) {
    if index.is_empty() {
        return;
    }
    let mut tried: Vec<usize> = Vec::new();
    for (i, tok) in toks.iter().enumerate() {
        let Some(an) = &tok.an else { continue };
        tried.clear();
        for key in morph.lookup_keys(an) {
            if let Some(cands) = index.get(key) {
                for &ti in cands {
                    if tried.contains(&ti) {
                        continue;
                    }
                    tried.push(ti);
                    if let Some(h) = try_at(morph, terms, ti, toks, i) {
                        out.push(h);
                    }
                }
            }
        }
    }
}

/// Hits of the given terms, tried at every token (finds compounds too).
fn scan_hits(morph: &Morph, terms: &[PTerm], which: &[usize], toks: &[Tok], out: &mut Vec<Hit>) {
    for &ti in which {
        for i in 0..toks.len() {
            if let Some(h) = try_at(morph, terms, ti, toks, i) {
                out.push(h);
            }
        }
    }
}

/// Keeps the longest hits, each token used once.
fn consume(terms: &[PTerm], mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        (b.last - b.first)
            .cmp(&(a.last - a.first))
            .then(terms[b.term].chars.cmp(&terms[a.term].chars))
            .then(a.kind.cmp(&b.kind))
            .then(a.first.cmp(&b.first))
            .then(a.term.cmp(&b.term))
    });
    let mut taken: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for h in hits {
        if (h.first..=h.last).any(|i| taken.contains(&i)) {
            continue;
        }
        taken.extend(h.first..=h.last);
        out.push(h);
    }
    out.sort_by_key(|h| (h.first, h.term));
    out
}

/// A pair seen by the checker, for memory-wide findings.
#[derive(Debug, Clone)]
struct Seen {
    id: Option<i64>,
    origin: Option<u32>,
    lp: u32,
    /// Texts are kept only when pairs have no id to fetch them by.
    texts: Option<(String, String)>,
}

/// Glossary-term renderings: (lang pair, concept, source term) -> rendering -> pairs.
type RenderingMap = BTreeMap<(u32, usize, usize), BTreeMap<String, Vec<u32>>>;

/// Runs the checks over pairs fed one at a time.
pub struct Checker {
    glossary: Glossary,
    options: CheckOptions,
    pairs: Vec<LangPair>,
    origins: Vec<String>,
    origin_index: HashMap<String, u32>,
    seen: Vec<Seen>,
    /// (lang pair + source key hash, target key hash, seen index)
    sentence_keys: Vec<(u64, u64, u32)>,
    renderings: RenderingMap,
    discovered: discover::Discovery,
    recurring: recurring::Recurring,
    findings: Vec<Finding>,
}

fn hash64(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for &b in p.as_bytes().iter().chain(&[0xFF]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// A hash of [`text::match_key`]`(s)`, seeded with `seed`; ASCII texts take a
/// shortcut that gives the same grouping without building the key.
fn key_hash(seed: u64, s: &str) -> u64 {
    let mut h: u64 = seed ^ 0x5bd1_e995;
    let mut add = |word: &str| {
        for b in word.bytes() {
            h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100000001b3);
        }
        h = (h ^ 0xFF).wrapping_mul(0x100000001b3);
    };
    if s.is_ascii() {
        for t in text::tokens(s) {
            if t.kind != TokenKind::Punct {
                add(t.text);
            }
        }
    } else {
        for w in text::match_key(s).split(' ').filter(|w| !w.is_empty()) {
            add(w);
        }
    }
    h
}

impl Checker {
    /// A checker with the default options.
    pub fn new(glossary: Glossary) -> Checker {
        Checker::with_options(glossary, CheckOptions::default())
    }

    pub fn with_options(glossary: Glossary, options: CheckOptions) -> Checker {
        Checker {
            glossary,
            options,
            pairs: Vec::new(),
            origins: Vec::new(),
            origin_index: HashMap::new(),
            seen: Vec::new(),
            sentence_keys: Vec::new(),
            renderings: BTreeMap::new(),
            discovered: discover::Discovery::default(),
            recurring: recurring::Recurring::default(),
            findings: Vec::new(),
        }
    }

    fn lang_pair(&mut self, src: &str, tgt: &str) -> usize {
        if let Some(i) = self
            .pairs
            .iter()
            .position(|p| p.src_lang == src && p.tgt_lang == tgt)
        {
            return i;
        }
        self.pairs.push(LangPair::new(&self.glossary, src, tgt));
        self.pairs.len() - 1
    }

    fn origin_id(&mut self, o: Option<&str>) -> Option<u32> {
        let o = o?;
        if let Some(&i) = self.origin_index.get(o) {
            return Some(i);
        }
        let i = self.origins.len() as u32;
        self.origins.push(o.to_string());
        self.origin_index.insert(o.to_string(), i);
        Some(i)
    }

    /// Checks one pair against the glossary and records it for the memory-wide checks.
    pub fn check_pair(&mut self, p: &PairInput) {
        let lpi = self.lang_pair(p.src_lang, p.tgt_lang);
        let origin = self.origin_id(p.origin);
        let seen_idx = self.seen.len() as u32;
        self.seen.push(Seen {
            id: p.id,
            origin,
            lp: lpi as u32,
            texts: p
                .id
                .is_none()
                .then(|| (p.source.to_string(), p.target.to_string())),
        });
        if self.options.sentence_consistency {
            let lp = hash64(&[p.src_lang, p.tgt_lang]);
            let sk = key_hash(lp, p.source);
            let tk = key_hash(lp, p.target);
            self.sentence_keys.push((sk, tk, seen_idx));
        }
        let lp = &mut self.pairs[lpi];
        let discover = self.options.discover_terms;
        if lp.src_terms.is_empty() && lp.bad_index.is_empty() && !discover {
            return;
        }
        let stoks = tokenize(&mut lp.src, p.source);
        let mut shits = Vec::new();
        index_hits(&lp.src, &lp.src_terms, &lp.src_index, &stoks, &mut shits);
        let shits = consume(&lp.src_terms, shits);
        let runs = if discover {
            discover::Discovery::source_runs(p.source, &stoks, &shits)
        } else {
            Vec::new()
        };
        if discover
            && !self.recurring.is_full()
            && let Some(stop) = recurring::stop_list(p.src_lang)
        {
            let skip: Vec<(usize, usize)> = shits.iter().map(|h| (h.first, h.last)).collect();
            let fps = recurring::source_fingerprints(lpi as u32, p.source, &stoks, stop, &skip);
            self.recurring.record(seen_idx, &fps);
        }
        // The target is read only when something needs it.
        if shits.is_empty() && lp.bad_index.is_empty() && runs.is_empty() {
            return;
        }
        let ttoks = tokenize(&mut lp.tgt, p.target);
        self.discovered.observe(
            lpi as u32, seen_idx, p.source, &stoks, runs, p.target, &ttoks,
        );
        let lp = &mut self.pairs[lpi];
        if shits.is_empty() && lp.bad_index.is_empty() {
            return;
        }
        let mut thits = Vec::new();
        index_hits(&lp.tgt, &lp.tgt_terms, &lp.bad_index, &ttoks, &mut thits);
        let mut concepts: Vec<usize> = shits.iter().map(|h| lp.src_terms[h.term].concept).collect();
        concepts.sort_unstable();
        concepts.dedup();
        let mut which = Vec::new();
        for c in &concepts {
            if let Some(ts) = lp.tgt_by_concept.get(c) {
                which.extend_from_slice(ts);
            }
        }
        scan_hits(&lp.tgt, &lp.tgt_terms, &which, &ttoks, &mut thits);
        let thits = consume(&lp.tgt_terms, thits);

        let mut new_findings = Vec::new();
        let glossary = &self.glossary;
        let allowed_of = |concept: usize| -> Vec<String> {
            let mut v: Vec<(bool, String)> = lp
                .tgt_by_concept
                .get(&concept)
                .map(|ts| {
                    ts.iter()
                        .map(|&i| &lp.tgt_terms[i])
                        .filter(|t| t.status.is_allowed())
                        .map(|t| (t.status != TermStatus::Preferred, t.text.clone()))
                        .collect()
                })
                .unwrap_or_default();
            v.sort_by_key(|x| x.0);
            v.into_iter().map(|x| x.1).collect()
        };
        // Disallowed renderings: where the source has the concept and not every
        // occurrence of it is rendered by an admitted term (else the word renders
        // something else), or for target-only entries (no source-language term).
        let count = |hits: &[Hit], terms: &[PTerm], c: usize, allowed_only: bool| {
            hits.iter()
                .filter(|h| {
                    terms[h.term].concept == c
                        && (!allowed_only || terms[h.term].status.is_allowed())
                })
                .count()
        };
        for h in thits
            .iter()
            .filter(|h| !lp.tgt_terms[h.term].status.is_allowed())
        {
            let t = &lp.tgt_terms[h.term];
            let in_source = count(&shits, &lp.src_terms, t.concept, false);
            let target_only = glossary.concepts[t.concept]
                .terms_in(p.src_lang)
                .next()
                .is_none();
            if !target_only
                && (in_source == 0 || count(&thits, &lp.tgt_terms, t.concept, true) >= in_source)
            {
                continue;
            }
            let src_hit = shits
                .iter()
                .find(|s| lp.src_terms[s.term].concept == t.concept);
            let term = match src_hit {
                Some(s) => lp.src_terms[s.term].text.clone(),
                None => glossary.concepts[t.concept]
                    .terms_in(p.src_lang)
                    .max_by_key(|t| t.status == TermStatus::Preferred)
                    .map(|t| t.text.clone())
                    .unwrap_or_else(|| t.text.clone()),
            };
            let found = p.target[h.span.start..h.span.end].to_string();
            let severity = if t.status == TermStatus::Forbidden {
                Severity::Error
            } else {
                Severity::Warning
            };
            new_findings.push(Finding {
                id: finding_id("term-forbidden", p, &term, &found),
                rule: "term-forbidden".into(),
                severity,
                pair_id: p.id,
                origin: p.origin.map(str::to_string),
                src_lang: p.src_lang.to_string(),
                tgt_lang: p.tgt_lang.to_string(),
                source: p.source.to_string(),
                target: p.target.to_string(),
                term: Some(term),
                expected: allowed_of(t.concept),
                found: Some(found),
                match_kind: Some(h.kind.as_str().to_string()),
                source_span: src_hit.map(|s| s.span),
                target_span: Some(h.span),
                variants: Vec::new(),
            });
        }
        // Source terms without an admitted rendering.
        let mut reported: HashSet<usize> = HashSet::new();
        for s in &shits {
            let st = &lp.src_terms[s.term];
            let c = st.concept;
            if !reported.insert(c) {
                continue;
            }
            let expected = allowed_of(c);
            if expected.is_empty() {
                continue;
            }
            let rendered = thits.iter().find(|h| {
                let t = &lp.tgt_terms[h.term];
                t.concept == c && t.status.is_allowed()
            });
            if let Some(h) = rendered {
                self.renderings
                    .entry((lpi as u32, c, s.term))
                    .or_default()
                    .entry(lp.tgt_terms[h.term].text.clone())
                    .or_default()
                    .push(seen_idx);
                continue;
            }
            let forbidden_used = thits.iter().any(|h| lp.tgt_terms[h.term].concept == c);
            if forbidden_used {
                continue;
            }
            new_findings.push(Finding {
                id: finding_id("term-missing", p, &st.text, ""),
                rule: "term-missing".into(),
                severity: Severity::Error,
                pair_id: p.id,
                origin: p.origin.map(str::to_string),
                src_lang: p.src_lang.to_string(),
                tgt_lang: p.tgt_lang.to_string(),
                source: p.source.to_string(),
                target: p.target.to_string(),
                term: Some(st.text.clone()),
                expected,
                found: None,
                match_kind: Some(s.kind.as_str().to_string()),
                source_span: Some(s.span),
                target_span: None,
                variants: Vec::new(),
            });
        }
        self.findings.extend(new_findings);
    }

    /// Ends the run: adds the memory-wide findings and returns everything, in a
    /// stable order. `fetch` gives the source and target of a stored pair by id
    /// (pairs checked without an id keep their texts).
    pub fn finish(
        mut self,
        mut fetch: impl FnMut(i64) -> Option<(String, String)>,
    ) -> Vec<Finding> {
        let mut texts = |seen: &Seen| -> Option<(String, String)> {
            match (&seen.texts, seen.id) {
                (Some(t), _) => Some(t.clone()),
                (None, Some(id)) => fetch(id),
                _ => None,
            }
        };
        let mut memory = Vec::new();
        if self.options.sentence_consistency {
            let mut keys = std::mem::take(&mut self.sentence_keys);
            for (rule, swap) in [
                ("source-inconsistent", false),
                ("target-inconsistent", true),
            ] {
                if swap {
                    for k in &mut keys {
                        std::mem::swap(&mut k.0, &mut k.1);
                    }
                }
                keys.sort_unstable();
                for group in keys.chunk_by(|a, b| a.0 == b.0) {
                    if group.first().map(|g| g.1) == group.last().map(|g| g.1) {
                        continue;
                    }
                    let mut variants: Vec<(String, Vec<u32>)> = Vec::new();
                    let mut loaded: Vec<(u32, String, String)> = Vec::new();
                    for sub in group.chunk_by(|a, b| a.1 == b.1) {
                        let mut name = None;
                        let mut ids = Vec::new();
                        for &(_, _, si) in sub {
                            let Some((s, t)) = texts(&self.seen[si as usize]) else {
                                continue;
                            };
                            let varying = if swap { &s } else { &t };
                            name.get_or_insert_with(|| varying.clone());
                            ids.push(si);
                            loaded.push((si, s, t));
                        }
                        if let Some(n) = name {
                            variants.push((n, ids));
                        }
                    }
                    if variants.len() < 2 {
                        continue;
                    }
                    let vlist = self.variant_list(&variants);
                    for (si, s, t) in loaded {
                        let seen = &self.seen[si as usize];
                        let p = self.input_of(seen, &s, &t);
                        let own = if swap { &s } else { &t };
                        let expected: Vec<String> = variants
                            .iter()
                            .filter(|v| !v.1.contains(&si))
                            .map(|v| v.0.clone())
                            .collect();
                        memory.push(self.memory_finding(
                            rule,
                            Severity::Warning,
                            &p,
                            None,
                            expected,
                            Some(own.clone()),
                            None,
                            vlist.clone(),
                        ));
                    }
                }
            }
        }
        // Glossary terms rendered in several admitted ways.
        let renderings = std::mem::take(&mut self.renderings);
        for ((lpi, concept, sterm), by_rendering) in &renderings {
            if by_rendering.len() < 2 {
                continue;
            }
            let variants: Vec<(String, Vec<u32>)> = by_rendering
                .iter()
                .map(|(r, ids)| (r.clone(), ids.clone()))
                .collect();
            let vlist = self.variant_list(&variants);
            let lp = &self.pairs[*lpi as usize];
            let term = lp.src_terms[*sterm].text.clone();
            let preferred: Vec<String> = lp
                .tgt_by_concept
                .get(concept)
                .map(|ts| {
                    ts.iter()
                        .map(|&i| &lp.tgt_terms[i])
                        .filter(|t| t.status == TermStatus::Preferred)
                        .map(|t| t.text.clone())
                        .collect()
                })
                .unwrap_or_default();
            // The dominant rendering: the preferred one if used, else the most frequent.
            let dominant = variants
                .iter()
                .filter(|v| preferred.contains(&v.0))
                .max_by_key(|v| v.1.len())
                .or_else(|| variants.iter().max_by_key(|v| v.1.len()))
                .map(|v| v.0.clone())
                .unwrap_or_default();
            for (rendering, ids) in &variants {
                if *rendering == dominant {
                    continue;
                }
                for &si in ids {
                    let seen = self.seen[si as usize].clone();
                    let Some((s, t)) = texts(&seen) else { continue };
                    let p = self.input_of(&seen, &s, &t);
                    memory.push(self.memory_finding(
                        "term-inconsistent",
                        if preferred.is_empty() {
                            Severity::Info
                        } else {
                            Severity::Warning
                        },
                        &p,
                        Some(term.clone()),
                        vec![dominant.clone()],
                        Some(rendering.clone()),
                        Some("stem"),
                        vlist.clone(),
                    ));
                }
            }
        }
        // Recurring expressions found without a glossary.
        let discovered = std::mem::take(&mut self.discovered);
        let pairs = &mut self.pairs;
        let mut inconsistent = discovered.inconsistent(self.options.min_recurrence, |lp, a, b| {
            pairs[lp as usize].tgt.same_lemma(a, b)
        });
        let recurring = std::mem::take(&mut self.recurring);
        let seen_list = &self.seen;
        inconsistent.extend(recurring.inconsistent(
            self.options.min_recurrence,
            &mut self.pairs,
            |si| {
                let seen = seen_list.get(si as usize)?;
                texts(seen).map(|(s, t)| (seen.lp, s, t))
            },
        ));
        for d in inconsistent {
            let variants: Vec<(String, Vec<u32>)> = d.variants.clone();
            let vlist = self.variant_list(&variants);
            for (rendering, ids) in variants.iter().skip(1) {
                for &si in ids {
                    let seen = self.seen[si as usize].clone();
                    let Some((s, t)) = texts(&seen) else { continue };
                    let p = self.input_of(&seen, &s, &t);
                    let found = d
                        .forms
                        .iter()
                        .find(|f| f.0 == si)
                        .map_or(rendering, |f| &f.1);
                    memory.push(self.memory_finding(
                        "term-inconsistent",
                        Severity::Info,
                        &p,
                        Some(d.term.clone()),
                        vec![variants[0].0.clone()],
                        Some(found.clone()),
                        Some("stem"),
                        vlist.clone(),
                    ));
                }
            }
        }
        let mut all = self.findings;
        all.extend(memory);
        let mut ids = HashSet::new();
        all.retain(|f| ids.insert(f.id.clone()));
        all.sort_by(|a, b| {
            a.term
                .cmp(&b.term)
                .then(a.rule.cmp(&b.rule))
                .then(a.pair_id.cmp(&b.pair_id))
                .then(a.id.cmp(&b.id))
        });
        all
    }

    /// The pair a memory-wide finding is about, from what was kept of it while checking.
    fn input_of<'a>(&'a self, seen: &Seen, source: &'a str, target: &'a str) -> PairInput<'a> {
        let lp = &self.pairs[seen.lp as usize];
        PairInput {
            id: seen.id,
            origin: seen.origin.map(|o| self.origins[o as usize].as_str()),
            src_lang: &lp.src_lang,
            tgt_lang: &lp.tgt_lang,
            source,
            target,
        }
    }

    fn variant_list(&self, variants: &[(String, Vec<u32>)]) -> Vec<Variant> {
        let mut v: Vec<Variant> = variants
            .iter()
            .map(|(r, ids)| Variant {
                rendering: r.clone(),
                count: ids.len(),
                pair_ids: ids
                    .iter()
                    .filter_map(|&si| self.seen[si as usize].id)
                    .take(MAX_VARIANT_PAIRS)
                    .collect(),
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then(a.rendering.cmp(&b.rendering)));
        v
    }

    #[allow(clippy::too_many_arguments)]
    fn memory_finding(
        &self,
        rule: &str,
        severity: Severity,
        p: &PairInput,
        term: Option<String>,
        expected: Vec<String>,
        found: Option<String>,
        match_kind: Option<&str>,
        variants: Vec<Variant>,
    ) -> Finding {
        // As written, else in another case (`Drip irrigation` opening a
        // sentence, for the expression `drip irrigation`) when case folding
        // keeps the byte offsets.
        let spans = |needle: &Option<String>, hay: &str| {
            let n = needle.as_ref()?;
            let at = hay.find(n.as_str()).or_else(|| {
                let (fh, fnd) = (text::fold_case(hay), text::fold_case(n));
                (fh.len() == hay.len() && fnd.len() == n.len())
                    .then(|| fh.find(fnd.as_str()))
                    .flatten()
            })?;
            Some(Span {
                start: at,
                end: at + n.len(),
            })
        };
        Finding {
            id: finding_id(
                rule,
                p,
                term.as_deref().unwrap_or(""),
                found.as_deref().unwrap_or(""),
            ),
            rule: rule.to_string(),
            severity,
            pair_id: p.id,
            origin: p.origin.map(str::to_string),
            src_lang: p.src_lang.to_string(),
            tgt_lang: p.tgt_lang.to_string(),
            source: p.source.to_string(),
            target: p.target.to_string(),
            source_span: spans(&term, p.source),
            target_span: if term.is_some() {
                spans(&found, p.target)
            } else {
                None
            },
            term,
            expected,
            found,
            match_kind: match_kind.map(str::to_string),
            variants,
        }
    }
}

mod discover;
mod recurring;

#[cfg(test)]
mod tests;
