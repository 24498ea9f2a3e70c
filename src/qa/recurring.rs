//! Terms found without a glossary, second kind: recurring lower-case
//! expressions of two to four words (`drip irrigation`, `digital services`,
//! `language model`), and how the target renders them.
//!
//! While pairs stream through the checker, each source's expressions are
//! remembered as 32-bit fingerprints only (an expression neither starts nor
//! ends with a function word of the language's stop list,
//! `src/qa/data/stop-*.txt`, and has no capitalised or numeric word). At the
//! end, the pairs holding a fingerprint seen in enough pairs are read again;
//! their expressions are checked word for word (so a fingerprint collision
//! costs time, never a finding) and their targets cut into candidate
//! renderings of one to three words. A rendering is the target expression most
//! strongly associated with the source expression (Dice over pairs, forms of
//! one word grouped by [`Morph::same_lemma`](super::morph::Morph::same_lemma)),
//! present in at least half of its pairs. A pair without it has a variant only
//! when its target has an expression that is related to the rendering (a
//! shared word with another word changed, a shared compound part, or a
//! similar spelling), never co-occurs with it, is found mostly where the
//! source expression is, and renders a source form the rendering also renders
//! (not a derived word that stems alike): `капельное орошение` / `капельный полив`,
//! `Tröpfchenbewässerung` / `Tropfbewässerung`. Precision over recall: a
//! synonym sharing nothing with the dominant rendering is not reported.
//!
//! ```
//! use tarjima::qa::{CheckOptions, Checker, PairInput};
//! use tarjima::qa::glossary::Glossary;
//! let pairs = [
//!     ("Drip irrigation saves water.", "Капельное орошение экономит воду."),
//!     ("Farmers like drip irrigation.", "Фермеры любят капельное орошение."),
//!     ("The cost of drip irrigation fell.", "Стоимость капельного орошения упала."),
//!     ("We studied drip irrigation in Khorezm.", "Мы изучали капельное орошение в Хорезме."),
//!     ("Banks fund drip irrigation now.", "Банки теперь финансируют капельный полив."),
//!     ("Is drip irrigation worth it?", "Окупается ли капельный полив?"),
//! ];
//! let mut qa = Checker::new(Glossary::default());
//! for (s, t) in pairs {
//!     qa.check_pair(&PairInput::new("en", "ru", s, t));
//! }
//! let f = qa.finish(|_| None);
//! assert_eq!(f.len(), 2);
//! assert_eq!(f[0].term.as_deref(), Some("drip irrigation"));
//! assert_eq!(f[0].found.as_deref(), Some("капельный полив"));
//! assert_eq!(f[0].variants[0].count, 4);
//! ```

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::Tok;
use super::discover::Inconsistent;
use super::morph::{Analysis, WordMap, fold_word};

/// Fingerprints remembered over a run (4 bytes each); later pairs are not followed.
const MAX_FINGERPRINTS: usize = 12_000_000;
/// Words in a source expression.
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 4;
/// Words in a candidate rendering.
const MAX_TARGET_WORDS: usize = 3;
/// Pairs of one expression analysed.
const MAX_PAIRS: usize = 2_000;
/// Expression occurrences read again at the end, at most (the most frequent
/// expressions first): bounds the time and memory of the second look.
const MAX_REVISITS: usize = 100_000;
/// Dice (expression, rendering over pairs) the dominant rendering needs...
const MIN_DICE: f64 = 0.5;
/// ...and by how much it must beat an unrelated candidate.
const DICE_MARGIN: f64 = 0.15;
/// Longest word taken for a function word by its frequency alone.
const MAX_FUNCTION_CHARS: usize = 4;
/// Shortest rendering (characters).
const MIN_RENDERING_CHARS: usize = 4;
/// A spelling variant's similarity to the dominant rendering, word by word
/// (two words of one language often share half their letters by chance).
const MIN_SIMILARITY: f64 = 0.75;
/// Shared part of two compound words, in characters...
const MIN_SHARED_PART: usize = 5;
/// ...and as a share of the shorter word.
const MIN_SHARED_SHARE: f64 = 0.4;

/// Function words of each language, folded (`src/qa/data/stop-*.txt`).
fn stop_words(primary: &str) -> Option<&'static HashSet<String>> {
    static LISTS: OnceLock<HashMap<&'static str, HashSet<String>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        let files: [(&str, &str); 7] = [
            ("en", include_str!("data/stop-en.txt")),
            ("de", include_str!("data/stop-de.txt")),
            ("ru", include_str!("data/stop-ru.txt")),
            ("uz", include_str!("data/stop-uz.txt")),
            ("kk", include_str!("data/stop-kk.txt")),
            ("fr", include_str!("data/stop-fr.txt")),
            ("es", include_str!("data/stop-es.txt")),
        ];
        files
            .iter()
            .map(|(lang, data)| {
                let words = data
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(fold_word)
                    .collect();
                (*lang, words)
            })
            .collect()
    });
    lists.get(primary)
}

/// The stop list for a language tag, if the language has one.
pub(super) fn stop_list(tag: &str) -> Option<&'static HashSet<String>> {
    stop_words(&crate::lang::primary(tag).to_ascii_lowercase())
}

/// A word fit to be part of an expression: letters (and inner apostrophes or
/// hyphens) only, two letters or more, not an acronym.
fn wordlike(an: &Analysis, surface: &str) -> bool {
    !an.upper
        && an.folded.chars().count() >= 2
        && surface
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || crate::text::is_apostrophe(c))
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// The key of a word: its shortest stem of three letters or more (forms of
/// one word share it), else its folded form.
fn word_key(an: &Analysis) -> &str {
    an.stems
        .iter()
        .filter(|s| s.chars().count() >= 3)
        .min_by_key(|s| (s.chars().count(), s.as_str()))
        .map_or(an.folded.as_str(), String::as_str)
}

/// The lower-case expressions of a source: (first, last) token indices.
/// Tokens inside `skip` ranges (glossary terms) are left out.
fn expression_spans(
    text: &str,
    toks: &[Tok],
    stop: &HashSet<String>,
    skip: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let first_word = toks.iter().position(|t| t.an.is_some());
    let ok: Vec<bool> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let Some(an) = &t.an else { return false };
            let s = &text[t.start..t.end];
            wordlike(an, s)
                && (!is_capitalised(s) || Some(i) == first_word)
                && !skip.iter().any(|&(a, b)| a <= i && i <= b)
        })
        .collect();
    let is_stop = |i: usize| {
        toks[i]
            .an
            .as_ref()
            .is_some_and(|a| stop.contains(&a.folded))
    };
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if !ok[i] || is_stop(i) {
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && ok[j + 1] && j + 1 - i < MAX_WORDS {
            j += 1;
            if j + 1 - i >= MIN_WORDS && !is_stop(j) {
                out.push((i, j));
            }
        }
    }
    out
}

fn span_key(toks: &[Tok], a: usize, b: usize) -> String {
    toks[a..=b]
        .iter()
        .filter_map(|t| t.an.as_ref().map(|a| word_key(a)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The lower-case expressions of a source: (first, last) token indices and key.
pub(super) fn source_expressions(
    text: &str,
    toks: &[Tok],
    stop: &HashSet<String>,
    skip: &[(usize, usize)],
) -> Vec<(usize, usize, String)> {
    expression_spans(text, toks, stop, skip)
        .into_iter()
        .map(|(a, b)| (a, b, span_key(toks, a, b)))
        .collect()
}

/// The fingerprints of a source's expressions in language pair `lp`
/// (`fingerprint(lp, key)` of each, without building the keys).
pub(super) fn source_fingerprints(
    lp: u32,
    text: &str,
    toks: &[Tok],
    stop: &HashSet<String>,
    skip: &[(usize, usize)],
) -> Vec<u32> {
    let spans = expression_spans(text, toks, stop, skip);
    let mut out: Vec<u32> = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        // Spans come grouped by first token, each group growing by one word.
        let a = spans[i].0;
        let mut h = Fnv::new(lp);
        let mut last = a;
        h.add(toks[a].an.as_ref().map_or("", |x| word_key(x)));
        while i < spans.len() && spans[i].0 == a {
            let b = spans[i].1;
            for t in &toks[last + 1..=b] {
                h.add(" ");
                h.add(t.an.as_ref().map_or("", |x| word_key(x)));
            }
            last = b;
            let fp = h.value();
            if !out.contains(&fp) {
                out.push(fp);
            }
            i += 1;
        }
    }
    out
}

/// Candidate renderings in a target: runs of one to three words, not
/// starting or ending with a function word: (folded words, surface).
fn target_candidates(
    text: &str,
    toks: &[Tok],
    stop: Option<&HashSet<String>>,
) -> Vec<(String, String)> {
    let ok: Vec<bool> = toks
        .iter()
        .map(|t| {
            t.an.as_ref()
                .is_some_and(|an| wordlike(an, &text[t.start..t.end]))
        })
        .collect();
    let is_stop =
        |i: usize| stop.is_some_and(|s| toks[i].an.as_ref().is_some_and(|a| s.contains(&a.folded)));
    let mut out = Vec::new();
    for i in 0..toks.len() {
        if !ok[i] || is_stop(i) {
            continue;
        }
        let mut j = i;
        loop {
            if !is_stop(j) {
                let key = toks[i..=j]
                    .iter()
                    .filter_map(|t| t.an.as_ref().map(|a| a.folded.as_str()))
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push((key, text[toks[i].start..toks[j].end].to_string()));
            }
            if j + 1 >= toks.len() || !ok[j + 1] || j + 1 - i >= MAX_TARGET_WORDS {
                break;
            }
            j += 1;
        }
    }
    out
}

/// FNV-1a over a language pair and the bytes of an expression's key.
struct Fnv(u64);

impl Fnv {
    fn new(lp: u32) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.bytes(&lp.to_le_bytes());
        h
    }
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn add(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn value(&self) -> u32 {
        (self.0 ^ (self.0 >> 32)) as u32
    }
}

fn fingerprint(lp: u32, key: &str) -> u32 {
    let mut h = Fnv::new(lp);
    h.add(key);
    h.value()
}

/// The fingerprints of the pairs seen, for the second look at the end.
#[derive(Debug, Default)]
pub(super) struct Recurring {
    fps: Vec<u32>,
    /// (seen index, end of its fingerprints in `fps`), ascending.
    pairs: Vec<(u32, u32)>,
    /// No room for more: later pairs are not followed.
    full: bool,
}

/// One pair read again: the source expressions that recur, and the target's candidates.
struct Revisit {
    seen: u32,
    lp: u32,
    /// Candidate ids, sorted.
    cands: Vec<u32>,
}

#[derive(Debug, Default)]
struct Expr {
    surfaces: HashMap<String, usize>,
    /// Indices into the revisited pairs, ascending.
    pairs: Vec<u32>,
    /// The source form (folded words) in each of `pairs`, as an index into `forms`.
    pair_forms: Vec<u32>,
    forms: Vec<String>,
}

/// Target candidates, interned (the key's hash finds its id).
#[derive(Default)]
struct Interner {
    ids: WordMap<u64, u32>,
    keys: Vec<Box<str>>,
    /// The first written form seen, or the first in lower case when there is one.
    surfaces: Vec<Box<str>>,
    /// Revisited pairs holding each candidate.
    df: Vec<u32>,
    /// Candidates bounded by a frequent word (see `mark_function_words`).
    set_aside: Vec<bool>,
}

impl Interner {
    fn id(&mut self, lp: u32, key: &str, surface: &str) -> u32 {
        let mut h = Fnv::new(lp);
        h.add(key);
        let next = self.keys.len() as u32;
        let id = *self.ids.entry(h.0).or_insert(next);
        if id == next {
            self.keys.push(key.into());
            self.surfaces.push(surface.into());
            self.df.push(0);
        } else if is_capitalised(&self.surfaces[id as usize]) && !is_capitalised(surface) {
            // Shown as written inside a sentence, not as opening one.
            self.surfaces[id as usize] = surface.into();
        }
        id
    }

    /// For target languages without a stop list, the short words found in a
    /// tenth of the revisited pairs (and five at least) stand in for one:
    /// candidates starting or ending with them are set aside (Icelandic `er
    /// ekki`). Short only: the revisited pairs are those of recurring
    /// expressions, where a term's own rendering is frequent too.
    fn mark_function_words(&mut self, visits: &[Revisit], has_list: impl Fn(u32) -> bool) {
        let mut per_lp: HashMap<u32, usize> = HashMap::new();
        for v in visits {
            *per_lp.entry(v.lp).or_insert(0) += 1;
        }
        let mut lp_of = vec![u32::MAX; self.keys.len()];
        for v in visits {
            for &c in &v.cands {
                lp_of[c as usize] = v.lp;
            }
        }
        let mut frequent: HashSet<(u32, &str)> = HashSet::new();
        for (id, key) in self.keys.iter().enumerate() {
            let lp = lp_of[id];
            if key.contains(' ') || lp == u32::MAX || has_list(lp) {
                continue;
            }
            let n = per_lp.get(&lp).copied().unwrap_or(0);
            if self.df[id] as usize >= (n / 10).max(5) && key.chars().count() <= MAX_FUNCTION_CHARS
            {
                frequent.insert((lp, key));
            }
        }
        self.set_aside = self
            .keys
            .iter()
            .enumerate()
            .map(|(id, key)| {
                let lp = lp_of[id];
                let first = key.split(' ').next().unwrap_or("");
                let last = key.rsplit(' ').next().unwrap_or("");
                frequent.contains(&(lp, first)) || frequent.contains(&(lp, last))
            })
            .collect();
    }

    fn top_surface(&self, id: u32) -> &str {
        &self.surfaces[id as usize]
    }
}

/// Forms of one target expression within one source expression's pairs.
#[derive(Debug, Default, Clone)]
struct Group {
    ids: Vec<u32>,
    /// Indices into the revisited pairs, ascending.
    pairs: Vec<u32>,
    df: usize,
}

impl Group {
    /// The form seen in most of the group's pairs.
    fn top(&self, counts: &HashMap<u32, Vec<u32>>) -> u32 {
        self.ids
            .iter()
            .copied()
            .max_by_key(|id| (counts.get(id).map_or(0, Vec::len), std::cmp::Reverse(*id)))
            .unwrap_or(0)
    }
}

/// A source expression's dominant rendering and its deviations.
struct Verdict {
    dominant: Group,
    dice: f64,
    variants: Vec<Group>,
}

fn words_of(key: &str) -> Vec<&str> {
    key.split(' ').collect()
}

/// Is `part` a run of whole words of `whole`?
fn contains_words(whole: &str, part: &str) -> bool {
    whole == part
        || whole.starts_with(&format!("{part} "))
        || whole.ends_with(&format!(" {part}"))
        || whole.contains(&format!(" {part} "))
}

/// Longest common substring of two words, in characters.
fn longest_common(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// Could `v` be another rendering of what `d` renders, and in how many pairs
/// must it be seen to say so? A similar spelling (`Нассар` / `Насар`) in one;
/// as many words, one kept in its place and another changed (`капельный
/// полив` / `капельное орошение`), or a long compound part shared
/// (`Tropfbewässerung` / `Tröpfchenbewässerung`), in two, since a word of
/// the rendering can occur beside an unrelated one by chance. Never `d` cut
/// short or with something added.
fn related(v: &str, d: &str, same: &mut dyn FnMut(&str, &str) -> bool) -> Option<usize> {
    if contains_words(v, d) || contains_words(d, v) || v.contains(d) || d.contains(v) {
        return None;
    }
    let (vw, dw) = (words_of(v), words_of(d));
    if vw.len() != dw.len() {
        return None;
    }
    // Word by word: some kept (as forms of one word), some changed.
    let kept: Vec<bool> = vw.iter().zip(&dw).map(|(a, b)| same(a, b)).collect();
    if kept.iter().any(|&k| k) {
        return kept.iter().any(|&k| !k).then_some(2);
    }
    // Every word spelled alike (one word: `Нассар` / `Насар`).
    if vw
        .iter()
        .zip(&dw)
        .all(|(a, b)| strsim::normalized_levenshtein(a, b) >= MIN_SIMILARITY)
        && !super::discover::derived(v, d)
    {
        return Some(1);
    }
    if vw.len() == 1 {
        let common = longest_common(v, d);
        let shorter = v.chars().count().min(d.chars().count());
        if common >= MIN_SHARED_PART && common as f64 >= MIN_SHARED_SHARE * shorter as f64 {
            return Some(2);
        }
    }
    None
}

impl Recurring {
    /// True once no more pairs are remembered (their fingerprints need not be computed).
    pub(super) fn is_full(&self) -> bool {
        self.full
    }

    /// Remembers the expressions of pair `seen` ([`source_fingerprints`]).
    pub(super) fn record(&mut self, seen: u32, fps: &[u32]) {
        if fps.is_empty() {
            return;
        }
        if self.fps.len() + fps.len() > MAX_FINGERPRINTS {
            self.full = true;
            return;
        }
        self.fps.extend_from_slice(fps);
        self.pairs.push((seen, self.fps.len() as u32));
    }

    /// The pairs worth reading again: each with the fingerprints it holds that
    /// recur in at least `min_pairs` pairs.
    fn candidates(&self, min_pairs: usize) -> Vec<(u32, Vec<u32>)> {
        let mut sorted = self.fps.clone();
        sorted.sort_unstable();
        let mut counted: Vec<(u32, u32)> = sorted
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= min_pairs)
            .map(|run| (run.len() as u32, run[0]))
            .collect();
        drop(sorted);
        // Within the budget, the most frequent expressions first (on a large
        // memory the rarest are left out, whole).
        counted.sort_unstable_by(|a, b| b.cmp(a));
        let mut budget = MAX_REVISITS;
        let mut recurring: HashSet<u32> = HashSet::new();
        for run in counted.chunk_by(|a, b| a.0 == b.0) {
            let cost = run.len() * run[0].0 as usize;
            if cost > budget {
                break;
            }
            budget -= cost;
            recurring.extend(run.iter().map(|x| x.1));
        }
        let mut out = Vec::new();
        let mut start = 0usize;
        for &(seen, end) in &self.pairs {
            let fps: Vec<u32> = self.fps[start..end as usize]
                .iter()
                .copied()
                .filter(|f| recurring.contains(f))
                .collect();
            if !fps.is_empty() {
                out.push((seen, fps));
            }
            start = end as usize;
        }
        out
    }

    /// Expressions in at least `min_pairs` pairs with a dominant rendering and
    /// deviations from it. `read(seen)` gives a pair's language pair (an
    /// index into `langs`), source and target.
    pub(super) fn inconsistent(
        self,
        min_pairs: usize,
        langs: &mut [super::LangPair],
        mut read: impl FnMut(u32) -> Option<(u32, String, String)>,
    ) -> Vec<Inconsistent> {
        let min_pairs = min_pairs.max(2);
        let todo = self.candidates(min_pairs);
        drop(self);
        let mut interner = Interner::default();
        let mut visits: Vec<Revisit> = Vec::new();
        let mut exprs: HashMap<(u32, String), Expr> = HashMap::new();
        for (seen, fps) in todo {
            let Some((lp, source, target)) = read(seen) else {
                continue;
            };
            let Some(m) = langs.get_mut(lp as usize) else {
                continue;
            };
            let Some(stop) = stop_list(&m.src_lang) else {
                continue;
            };
            let stoks = super::tokenize(&mut m.src, &source);
            let found: Vec<(usize, usize, String)> = source_expressions(&source, &stoks, stop, &[])
                .into_iter()
                .filter(|(_, _, k)| fps.contains(&fingerprint(lp, k)))
                .collect();
            if found.is_empty() {
                continue;
            }
            let ttoks = super::tokenize(&mut m.tgt, &target);
            let mut cands: Vec<u32> = target_candidates(&target, &ttoks, stop_list(&m.tgt_lang))
                .iter()
                .map(|(k, s)| interner.id(lp, k, s))
                .collect();
            cands.sort_unstable();
            cands.dedup();
            for &c in &cands {
                interner.df[c as usize] += 1;
            }
            let vi = visits.len() as u32;
            visits.push(Revisit { seen, lp, cands });
            for (a, b, key) in found {
                let e = exprs.entry((lp, key)).or_default();
                if e.pairs.last() == Some(&vi) || e.pairs.len() >= MAX_PAIRS {
                    continue;
                }
                e.pairs.push(vi);
                let surface = source[stoks[a].start..stoks[b].end].to_string();
                let form = super::morph::fold_word(&surface);
                let fi = match e.forms.iter().position(|f| *f == form) {
                    Some(i) => i,
                    None => {
                        e.forms.push(form);
                        e.forms.len() - 1
                    }
                };
                e.pair_forms.push(fi as u32);
                *e.surfaces.entry(surface).or_insert(0) += 1;
            }
        }
        exprs.retain(|_, e| e.pairs.len() >= min_pairs);
        interner.mark_function_words(&visits, |lp| {
            langs
                .get(lp as usize)
                .is_some_and(|l| stop_list(&l.tgt_lang).is_some())
        });
        // An expression always inside one longer expression (`drip irrigation`
        // of `drip irrigation systems`, both in the same pairs) is that one.
        let counts: HashMap<(u32, String), usize> = exprs
            .iter()
            .map(|(k, e)| (k.clone(), e.pairs.len()))
            .collect();
        let mut covered: HashSet<(u32, String)> = HashSet::new();
        for ((lp, key), n) in &counts {
            let w = words_of(key);
            for len in MIN_WORDS..w.len() {
                for i in 0..=w.len() - len {
                    let sub = (*lp, w[i..i + len].join(" "));
                    if counts.get(&sub) == Some(n) {
                        covered.insert(sub);
                    }
                }
            }
        }
        let mut list: Vec<((u32, String), Expr)> = exprs
            .into_iter()
            .filter(|(k, _)| !covered.contains(k))
            .collect();
        list.sort_by(|a, b| a.0.cmp(&b.0));
        let mut verdicts: Vec<Option<Verdict>> = Vec::with_capacity(list.len());
        for ((lp, key), e) in &list {
            let tgt = &mut langs[*lp as usize].tgt;
            let mut same = |a: &str, b: &str| tgt.same_lemma(a, b);
            let words = key.split(' ').count();
            verdicts.push(judge(e, words, &visits, &interner, &mut same));
        }
        // Competitive linking: a rendering belongs to the expression most
        // strongly associated with it.
        let mut owner: WordMap<u32, (f64, usize)> = WordMap::default();
        for (i, v) in verdicts.iter().enumerate() {
            let Some(v) = v else { continue };
            for &id in &v.dominant.ids {
                let o = owner.entry(id).or_insert((v.dice, i));
                if v.dice > o.0 {
                    *o = (v.dice, i);
                }
            }
        }
        let owned_by_other = |i: usize, id: &u32| owner.get(id).is_some_and(|&(_, j)| j != i);
        let mut out = Vec::new();
        for (i, ((_, _), e)) in list.iter().enumerate() {
            let Some(v) = &verdicts[i] else { continue };
            if v.dominant.ids.iter().any(|id| owned_by_other(i, id)) {
                continue;
            }
            let variants: Vec<&Group> = v
                .variants
                .iter()
                .filter(|g| !g.ids.iter().any(|id| owned_by_other(i, id)))
                .collect();
            let deviating: usize = variants.iter().map(|g| g.pairs.len()).sum();
            if variants.is_empty() || deviating >= v.dominant.pairs.len() {
                continue;
            }
            let counts = id_counts(e, &visits);
            let seen_of = |g: &Group| -> Vec<u32> {
                g.pairs.iter().map(|&p| visits[p as usize].seen).collect()
            };
            let mut out_variants = vec![(
                interner.top_surface(v.dominant.top(&counts)).to_string(),
                seen_of(&v.dominant),
            )];
            let mut forms = Vec::new();
            for g in variants {
                let name = interner.top_surface(g.top(&counts));
                for &p in &g.pairs {
                    let visit = &visits[p as usize];
                    let form = g
                        .ids
                        .iter()
                        .find(|id| visit.cands.binary_search(id).is_ok())
                        .map(|&id| interner.top_surface(id));
                    if let Some(form) = form
                        && form != name
                    {
                        forms.push((visit.seen, form.to_string()));
                    }
                }
                out_variants.push((name.to_string(), seen_of(g)));
            }
            let term = e
                .surfaces
                .iter()
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then(is_capitalised(b.0).cmp(&is_capitalised(a.0)))
                        .then(b.0.cmp(a.0))
                })
                .map_or(String::new(), |x| x.0.clone());
            out.push(Inconsistent {
                term,
                variants: out_variants,
                forms,
            });
        }
        out
    }
}

/// Candidate id -> revisited pairs of the expression holding it.
fn id_counts(e: &Expr, visits: &[Revisit]) -> HashMap<u32, Vec<u32>> {
    let mut counts: HashMap<u32, Vec<u32>> = HashMap::new();
    for &p in &e.pairs {
        for &c in &visits[p as usize].cands {
            counts.entry(c).or_default().push(p);
        }
    }
    counts
}

/// Groups the candidates of an expression's pairs into forms of one target expression.
fn group(
    counts: &HashMap<u32, Vec<u32>>,
    interner: &Interner,
    same: &mut dyn FnMut(&str, &str) -> bool,
) -> Vec<Group> {
    // Forms of one expression share their words' first letters: compare within buckets.
    let signature = |key: &str| -> String {
        key.split(' ')
            .map(|w| w.chars().take(3).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut ids: Vec<u32> = counts.keys().copied().collect();
    ids.sort_unstable();
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for id in ids {
        let key: &str = &interner.keys[id as usize];
        let bucket = buckets.entry(signature(key)).or_default();
        let found = bucket
            .iter()
            .copied()
            .find(|&g| same(&interner.keys[groups[g].ids[0] as usize], key));
        let gi = match found {
            Some(g) => g,
            None => {
                groups.push(Group::default());
                bucket.push(groups.len() - 1);
                groups.len() - 1
            }
        };
        let g = &mut groups[gi];
        g.ids.push(id);
        g.pairs.extend_from_slice(&counts[&id]);
        g.df += interner.df[id as usize] as usize;
    }
    for g in &mut groups {
        g.pairs.sort_unstable();
        g.pairs.dedup();
        g.df = g.df.max(g.pairs.len());
    }
    groups
}

/// `source_words`: the length of the source expression; a rendering has no
/// more words than that.
fn judge(
    e: &Expr,
    source_words: usize,
    visits: &[Revisit],
    interner: &Interner,
    same: &mut dyn FnMut(&str, &str) -> bool,
) -> Option<Verdict> {
    let n = e.pairs.len();
    let counts = id_counts(e, visits);
    let groups = group(&counts, interner, same);
    let dice = |g: &Group| 2.0 * g.pairs.len() as f64 / (n + g.df) as f64;
    let key_of = |g: &Group| &*interner.keys[g.top(&counts) as usize];
    let aside = |g: &Group| {
        interner
            .set_aside
            .get(g.top(&counts) as usize)
            .copied()
            .unwrap_or(false)
    };
    let mut ranked: Vec<(f64, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !aside(g))
        .filter(|(_, g)| g.pairs.len() >= 2 && g.pairs.len() * 2 >= n)
        .filter(|(_, g)| {
            let k = key_of(g);
            k.chars().count() >= MIN_RENDERING_CHARS && words_of(k).len() <= source_words
        })
        .map(|(i, g)| (dice(g), i))
        .collect();
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(key_of(&groups[b.1]).len().cmp(&key_of(&groups[a.1]).len()))
    });
    let &(best_dice, best) = ranked.first()?;
    if best_dice < MIN_DICE {
        return None;
    }
    // The whole expression rather than a word of it (`капельное орошение`,
    // not `капельное` alone, which a deviating `капельный полив` keeps), when it
    // too is in half the pairs and strongly associated.
    let best_key = key_of(&groups[best]);
    let (d_dice, d) = ranked
        .iter()
        .copied()
        .filter(|&(s, i)| {
            i == best || (s >= MIN_DICE && contains_words(key_of(&groups[i]), best_key))
        })
        .max_by(|a, b| {
            key_of(&groups[a.1])
                .len()
                .cmp(&key_of(&groups[b.1]).len())
                .then(a.0.total_cmp(&b.0))
        })?;
    let d_key = key_of(&groups[d]).to_string();
    // Co-occurrence must single the rendering out: no other expression of
    // those targets (not a part of it) in as many of the pairs and almost as
    // strongly associated (in a small memory, the words of one article all
    // co-occur with its terms).
    // The evidence is that of the best candidate, which the rendering contains.
    let rival = groups.iter().enumerate().any(|(i, g)| {
        let k = key_of(g);
        i != d
            && i != best
            && !aside(g)
            && g.pairs.len() >= groups[best].pairs.len()
            && !contains_words(&d_key, k)
            && !contains_words(k, &d_key)
            && dice(g) + DICE_MARGIN >= best_dice
    });
    if rival {
        return None;
    }
    let dominant = groups[d].clone();
    let form_of = |p: u32| -> u32 {
        e.pairs
            .binary_search(&p)
            .ok()
            .map_or(u32::MAX, |i| e.pair_forms[i])
    };
    let dominant_forms: HashSet<u32> = dominant.pairs.iter().map(|&p| form_of(p)).collect();
    // A pair whose target has every word of the rendering, apart or in
    // another order (`davlatning turli organlari` for `davlat organlari`),
    // does not deviate from it.
    let d_words = words_of(&d_key);
    let mut has_all_words = HashMap::new();
    for &p in &e.pairs {
        let words: Vec<&str> = visits[p as usize]
            .cands
            .iter()
            .map(|&c| &*interner.keys[c as usize])
            .filter(|k| !k.contains(' '))
            .collect();
        let all = d_words.iter().all(|w| words.iter().any(|x| same(x, w)));
        has_all_words.insert(p, all);
    }
    // Deviations: in pairs without the rendering, a related expression that
    // never appears beside it and is found mostly where the source expression is.
    let mut variants: Vec<Group> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        if i == d
            || g.pairs.iter().any(|p| {
                dominant.pairs.binary_search(p).is_ok() || has_all_words.get(p) == Some(&true)
            })
        {
            continue;
        }
        if g.pairs.len() * 2 < g.df || aside(g) {
            continue;
        }
        let k = key_of(g);
        if k.chars().count() < MIN_RENDERING_CHARS
            || related(k, &d_key, same).is_none_or(|min| g.pairs.len() < min)
        {
            continue;
        }
        // The same source words rendered otherwise, not other words that stem
        // alike (`national` / `nation`): some pair of the variant has a source
        // form that a pair of the rendering has too.
        if !g
            .pairs
            .iter()
            .any(|p| dominant_forms.contains(&form_of(*p)))
        {
            continue;
        }
        variants.push(g.clone());
    }
    // One variant per pair: the most frequent, then the longest.
    variants.sort_by(|a, b| {
        b.pairs
            .len()
            .cmp(&a.pairs.len())
            .then(key_of(b).len().cmp(&key_of(a).len()))
    });
    let mut taken: HashSet<u32> = HashSet::new();
    variants.retain(|g| {
        let fresh = g.pairs.iter().all(|p| !taken.contains(p));
        if fresh {
            taken.extend(g.pairs.iter().copied());
        }
        fresh
    });
    Some(Verdict {
        dominant,
        dice: d_dice,
        variants,
    })
}

#[cfg(test)]
mod tests {
    use super::super::morph::Morph;
    use super::*;

    fn same_ru(a: &str, b: &str) -> bool {
        Morph::new("ru").same_lemma(a, b)
    }

    #[test]
    fn related_renderings_change_a_word_or_a_compound_part() {
        let mut ru = |a: &str, b: &str| same_ru(a, b);
        assert_eq!(
            related("капельный полив", "капельное орошение", &mut ru),
            Some(2)
        );
        assert_eq!(related("орошение", "капельное орошение", &mut ru), None);
        assert_eq!(
            related("капельное орошение почвы", "капельное орошение", &mut ru),
            None
        );
        assert_eq!(
            related("экономит воду", "капельное орошение", &mut ru),
            None
        );
        assert_eq!(
            related("финансируют капельный", "капельное орошение", &mut ru),
            None
        );
        assert_eq!(related("насар", "нассар", &mut ru), Some(1));
        let mut en = |a: &str, b: &str| Morph::new("en").same_lemma(a, b);
        assert_eq!(
            related(
                "alhosentore versenverloe",
                "alalrentore tassenrenrene",
                &mut en
            ),
            None
        );
        let mut de = |a: &str, b: &str| Morph::new("de").same_lemma(a, b);
        assert_eq!(
            related("tropfbewasserung", "tropfchenbewasserung", &mut de),
            Some(1)
        );
        assert_eq!(
            related("tropfenbewasserung", "tropfchenbewasserung", &mut de),
            Some(1)
        );
        assert_eq!(
            related("bewasserung", "tropfchenbewasserung", &mut de),
            None
        );
        assert_eq!(related("wasser", "tropfchenbewasserung", &mut de), None);
    }

    #[test]
    fn fingerprints_are_those_of_the_keys() {
        let mut ru = Morph::new("ru");
        let s = "Закон о цифровых услугах и капельном орошении полей вступил в силу.";
        let toks = super::super::tokenize(&mut ru, s);
        let stop = stop_list("ru").expect("Russian stop list");
        let mut want: Vec<u32> = source_expressions(s, &toks, stop, &[])
            .iter()
            .map(|(_, _, k)| fingerprint(7, k))
            .collect();
        want.dedup();
        assert!(want.len() >= 4, "{want:?}");
        assert_eq!(source_fingerprints(7, s, &toks, stop, &[]), want);
    }

    #[test]
    fn source_expressions_skip_function_words_and_names() {
        let mut en = Morph::new("en");
        let s = "The drip irrigation of the Amu Darya farms in 2024 saves water.";
        let toks = super::super::tokenize(&mut en, s);
        let stop = stop_list("en").expect("English stop list");
        let ex: Vec<String> = source_expressions(s, &toks, stop, &[])
            .into_iter()
            .map(|(a, b, _)| s[toks[a].start..toks[b].end].to_string())
            .collect();
        assert!(ex.contains(&"drip irrigation".to_string()), "{ex:?}");
        assert!(ex.contains(&"saves water".to_string()), "{ex:?}");
        assert!(
            !ex.iter()
                .any(|e| e.starts_with("The") || e.ends_with("the"))
        );
        assert!(!ex.iter().any(|e| e.contains("Amu") || e.contains("2024")));
    }
}
