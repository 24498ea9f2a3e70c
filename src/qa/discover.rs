//! Terms found without a glossary: recurring capitalised expressions (names,
//! titles, organisations, single words or several) in the source, and how the
//! target renders them.
//!
//! A target expression is taken for an expression's rendering only on
//! evidence, because a wrong attribution is worse than none: it must occur in
//! at least half of the expression's pairs, and either be spelled like it
//! (transliterated to Latin letters and compared: `Uzbekistan` /
//! `Узбекистана` / `O'zbekiston`) or co-occur with it consistently (Dice over
//! pairs, in several pairs); and no other expression of those pairs may have a
//! stronger claim on it (competitive linking). The forms of one target word
//! (`Узбекистана`, `Узбекистане`) are one rendering, shown by its most frequent
//! form. A pair without that rendering but with a similar spelling of it
//! (normalised edit distance) has a variant: `Toshkent` / `Tashkent`,
//! `Нассар` / `Насар`.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::morph::Analysis;
use super::{Hit, Tok};

/// Distinct expressions remembered (the rest are ignored).
const MAX_EXPRESSIONS: usize = 200_000;
/// Distinct target expressions counted (the rest are ignored).
const MAX_TARGET_KEYS: usize = 2_000_000;
/// Pairs remembered per expression.
const MAX_PAIRS_PER_EXPRESSION: usize = 2_000;
/// Similarity a variant must have to the dominant rendering.
const MIN_SIMILARITY: f64 = 0.6;
/// Shortest rendering (characters) compared for variants.
const MIN_RENDERING_CHARS: usize = 4;
/// Longest ending forgiven when comparing spellings.
const MAX_ENDING: usize = 3;
/// Longest target expression considered as a rendering, in words.
const MAX_RUN_WORDS: usize = 4;
/// Spelling similarity (after transliteration) that makes a target expression
/// a cognate of the source expression.
const MIN_COGNATE: f64 = 0.75;
/// Dice coefficient over pairs that attributes a rendering without a cognate spelling...
const MIN_DICE: f64 = 0.7;
/// ...in at least this many pairs...
const MIN_DICE_PAIRS: usize = 5;
/// ...and by this much more than any other candidate.
const DICE_MARGIN: f64 = 0.15;

#[derive(Debug, Default)]
struct Expression {
    surface: String,
    /// (seen index, target candidates as (folded key, surface))
    pairs: Vec<(u32, Vec<(String, String)>)>,
}

/// The memory-wide record of expressions.
#[derive(Debug, Default)]
pub(super) struct Discovery {
    expressions: HashMap<(u32, String), Expression>,
    /// Pairs (of those observed) whose target has each candidate expression.
    df: HashMap<(u32, String), u32>,
}

/// One expression rendered in several ways: the dominant rendering first.
pub(super) struct Inconsistent {
    pub term: String,
    pub variants: Vec<(String, Vec<u32>)>,
    /// The form found in a deviating pair, where it is not the variant's name
    /// (seen index, form).
    pub forms: Vec<(u32, String)>,
}

/// Target expressions that are forms of one expression, with the pairs having any of them.
#[derive(Debug, Default)]
struct Group {
    /// (folded key, pairs with it)
    keys: Vec<String>,
    key_counts: Vec<usize>,
    /// (surface form, count)
    surfaces: Vec<(String, usize)>,
    /// Seen indices, ascending.
    pairs: Vec<u32>,
}

impl Group {
    fn add(&mut self, si: u32, key: &str, surface: &str) {
        if self.pairs.last() != Some(&si) {
            self.pairs.push(si);
        }
        match self.keys.iter().position(|k| k == key) {
            Some(i) => self.key_counts[i] += 1,
            None => {
                self.keys.push(key.to_string());
                self.key_counts.push(1);
            }
        }
        match self.surfaces.iter_mut().find(|s| s.0 == surface) {
            Some(s) => s.1 += 1,
            None => self.surfaces.push((surface.to_string(), 1)),
        }
    }

    /// The most frequent key (ties: the first in byte order).
    fn top_key(&self) -> &str {
        self.keys
            .iter()
            .zip(&self.key_counts)
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or("", |x| x.0.as_str())
    }

    /// The most frequent surface form (ties: the first in byte order).
    fn top_surface(&self) -> &str {
        self.surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map_or("", |x| x.0.as_str())
    }
}

/// A rendering group chosen for an expression, with its evidence.
struct Choice {
    group: Group,
    dice: f64,
    cognate: f64,
}

impl Choice {
    fn attested(&self, n: usize) -> bool {
        let k = self.group.pairs.len();
        k >= 2
            && k * 2 >= n
            && self.group.top_key().chars().count() >= MIN_RENDERING_CHARS
            && (self.cognate >= MIN_COGNATE || (self.dice >= MIN_DICE && k >= MIN_DICE_PAIRS))
    }

    fn rank(&self) -> f64 {
        self.dice
            + if self.cognate >= MIN_COGNATE {
                1.0
            } else {
                0.0
            }
    }
}

/// Groups the target candidates of an expression's pairs into forms of one expression.
fn group_candidates(e: &Expression, mut same: impl FnMut(&str, &str) -> bool) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (si, cands) in &e.pairs {
        for (k, surface) in cands {
            let gi = match by_key.get(k.as_str()) {
                Some(&gi) => gi,
                None => {
                    let words = k.split(' ').count();
                    let first = k.chars().next();
                    let found = groups.iter().position(|g| {
                        let r = &g.keys[0];
                        r.split(' ').count() == words && r.chars().next() == first && same(r, k)
                    });
                    let gi = found.unwrap_or_else(|| {
                        groups.push(Group::default());
                        groups.len() - 1
                    });
                    by_key.insert(k.as_str(), gi);
                    gi
                }
            };
            groups[gi].add(*si, k, surface);
        }
    }
    groups
}

fn translit_table() -> &'static HashMap<char, &'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("data/translit.txt")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut parts = l.split_whitespace();
                let c = parts.next()?.chars().next()?;
                Some((c, parts.next().unwrap_or("")))
            })
            .collect()
    })
}

/// A name in Latin letters with spelling differences between languages
/// folded (`c`/`k`/`q`, `z`/`s`, `y`/`j`/`i`, `w`/`v`, doubled letters).
fn latin_skeleton(s: &str) -> String {
    let table = translit_table();
    let mut latin = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match table.get(&c) {
            Some(t) => latin.push_str(t),
            None if c.is_alphanumeric() || c == ' ' => latin.push(c),
            None => {}
        }
    }
    let mut out = String::with_capacity(latin.len());
    for c in latin.chars() {
        let c = match c {
            'c' | 'q' => 'k',
            'z' => 's',
            'y' | 'j' => 'i',
            'w' => 'v',
            c => c,
        };
        if !out.ends_with(c) || c == ' ' {
            out.push(c);
        }
    }
    out
}

/// How alike a source expression and a target expression are spelled, across
/// scripts, forgiving an inflectional ending on either (0 to 1).
fn cognate_similarity(source: &str, target: &str) -> f64 {
    let a = latin_skeleton(source);
    let b = latin_skeleton(target);
    if a.chars().count() < 3 || b.chars().count() < 3 {
        return 0.0;
    }
    // Either side may carry an ending of up to three letters the other lacks.
    let cut = |s: &str, k: usize| {
        let n = s.chars().count();
        s.chars().take(n.saturating_sub(k)).collect::<String>()
    };
    let mut best = strsim::normalized_levenshtein(&a, &b);
    for k in 1..=MAX_ENDING {
        best = best
            .max(strsim::normalized_levenshtein(&a, &cut(&b, k)))
            .max(strsim::normalized_levenshtein(&cut(&a, k), &b));
    }
    best
}

/// `k` is `base` with something added or an ending changed at its end only
/// (a derived word or a longer expression built on it, not a spelling variant).
pub(super) fn derived(k: &str, base: &str) -> bool {
    let common = k
        .chars()
        .zip(base.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let shorter = k.chars().count().min(base.chars().count());
    common + 1 >= shorter
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn group_key(an: &Analysis) -> String {
    an.stems
        .iter()
        .filter(|s| s.chars().count() >= 3)
        .min_by_key(|s| (s.chars().count(), s.as_str()))
        .cloned()
        .unwrap_or_else(|| an.folded.clone())
}

/// Maximal runs of capitalised word tokens: (first, last) token indices.
fn capitalised_runs(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let cap = |t: &Tok| t.an.is_some() && is_capitalised(&text[t.start..t.end]);
        if !cap(&toks[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && cap(&toks[j + 1]) {
            j += 1;
        }
        out.push((i, j));
        i = j + 1;
    }
    out
}

fn run_key(toks: &[Tok], first: usize, last: usize) -> String {
    toks[first..=last]
        .iter()
        .filter_map(|t| t.an.as_ref().map(|a| group_key(a)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded words of a run, separated by spaces.
fn run_folded(toks: &[Tok], first: usize, last: usize) -> String {
    toks[first..=last]
        .iter()
        .filter_map(|t| t.an.as_ref().map(|a| a.folded.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Discovery {
    /// The capitalised expressions of a source worth following (none: the
    /// target need not be read for discovery).
    pub(super) fn source_runs(source: &str, stoks: &[Tok], shits: &[Hit]) -> Vec<(usize, usize)> {
        let first_word = stoks.iter().position(|t| t.an.is_some());
        let mut runs = capitalised_runs(source, stoks);
        // A lone capitalised word opening the sentence is capitalised for that reason.
        runs.retain(|&(a, b)| !(Some(a) == first_word && a == b));
        // Expressions already covered by the glossary are checked there.
        runs.retain(|&(a, b)| !shits.iter().any(|h| h.first <= b && a <= h.last));
        runs
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn observe(
        &mut self,
        lp: u32,
        seen: u32,
        source: &str,
        stoks: &[Tok],
        runs: Vec<(usize, usize)>,
        target: &str,
        ttoks: &[Tok],
    ) {
        if runs.is_empty() {
            return;
        }
        // Every part of a capitalised run of the target may be the rendering
        // (a sentence-initial word joins the run of a name that follows it).
        let mut cands: Vec<(String, String)> = Vec::new();
        for (a, b) in capitalised_runs(target, ttoks) {
            for i in a..=b {
                for j in i..=b.min(i + MAX_RUN_WORDS - 1) {
                    cands.push((
                        run_folded(ttoks, i, j),
                        target[ttoks[i].start..ttoks[j].end].to_string(),
                    ));
                }
            }
        }
        if cands.is_empty() {
            return;
        }
        cands.sort();
        cands.dedup_by(|a, b| a.0 == b.0);
        let room = self.df.len() < MAX_TARGET_KEYS;
        for (k, _) in &cands {
            let key = (lp, k.clone());
            match self.df.get_mut(&key) {
                Some(n) => *n += 1,
                None if room => {
                    self.df.insert(key, 1);
                }
                None => {}
            }
        }
        for (a, b) in runs {
            let key = run_key(stoks, a, b);
            let full = self.expressions.len() >= MAX_EXPRESSIONS;
            let k = (lp, key);
            if full && !self.expressions.contains_key(&k) {
                continue;
            }
            let e = self.expressions.entry(k).or_insert_with(|| Expression {
                surface: source[stoks[a].start..stoks[b].end].to_string(),
                pairs: Vec::new(),
            });
            if e.pairs.len() < MAX_PAIRS_PER_EXPRESSION && e.pairs.last().map(|p| p.0) != Some(seen)
            {
                e.pairs.push((seen, cands.clone()));
            }
        }
    }

    /// Expressions in at least `min_pairs` pairs with more than one rendering.
    /// `same(lp, a, b)` says whether two target expressions (folded words
    /// separated by spaces) are forms of one expression in the target
    /// language of language pair `lp`.
    pub(super) fn inconsistent(
        self,
        min_pairs: usize,
        mut same: impl FnMut(u32, &str, &str) -> bool,
    ) -> Vec<Inconsistent> {
        let min_pairs = min_pairs.max(2);
        let mut exprs: Vec<_> = self
            .expressions
            .into_iter()
            .filter(|(_, e)| e.pairs.len() >= min_pairs)
            .collect();
        exprs.sort_by(|a, b| a.0.cmp(&b.0));
        // 1. Each expression's best-attested rendering group, with its evidence.
        let mut chosen: Vec<Option<Choice>> = Vec::with_capacity(exprs.len());
        for ((lp, _), e) in &exprs {
            let groups = group_candidates(e, |a, b| same(*lp, a, b));
            let n = e.pairs.len();
            let mut scored: Vec<Choice> = groups
                .into_iter()
                .map(|g| {
                    let df: usize = g
                        .keys
                        .iter()
                        .map(|k| self.df.get(&(*lp, k.clone())).copied().unwrap_or(0) as usize)
                        .sum::<usize>()
                        .max(g.pairs.len());
                    let dice = 2.0 * g.pairs.len() as f64 / (n + df) as f64;
                    let cognate = g
                        .keys
                        .iter()
                        .map(|k| cognate_similarity(&e.surface, k))
                        .fold(0.0, f64::max);
                    Choice {
                        dice,
                        cognate,
                        group: g,
                    }
                })
                .collect();
            // Best first; among equals the longest (the whole name, not a word of it).
            scored.sort_by(|a, b| {
                b.rank()
                    .total_cmp(&a.rank())
                    .then(b.group.top_key().len().cmp(&a.group.top_key().len()))
            });
            let mut scored = scored.into_iter();
            let best = scored.next().filter(|c| c.attested(n));
            // Co-occurrence alone must also single the rendering out: another
            // expression of those targets (not a part of it) almost as strongly
            // associated makes it a guess.
            let best = best.filter(|c| {
                c.cognate >= MIN_COGNATE || {
                    let top = c.group.top_key();
                    !scored.any(|o| {
                        let k = o.group.top_key();
                        !top.contains(k) && o.dice + DICE_MARGIN >= c.dice
                    })
                }
            });
            chosen.push(best);
        }
        // 2. Competitive linking: a rendering belongs to the expression it is
        // most strongly associated with (in `Uzbekistan and China`, the
        // rendering `Узбекистан` goes to `Uzbekistan`, never to `China`).
        let mut owner: HashMap<(u32, &str), (f64, usize)> = HashMap::new();
        for (i, c) in chosen.iter().enumerate() {
            let Some(c) = c else { continue };
            let lp = exprs[i].0.0;
            for k in &c.group.keys {
                let o = owner.entry((lp, k.as_str())).or_insert((c.rank(), i));
                if c.rank() > o.0 {
                    *o = (c.rank(), i);
                }
            }
        }
        let owned_by_other =
            |i: usize, lp: u32, key: &str| owner.get(&(lp, key)).is_some_and(|&(_, j)| j != i);
        let mut out = Vec::new();
        for (i, ((lp, _), e)) in exprs.iter().enumerate() {
            let Some(c) = &chosen[i] else { continue };
            if c.group.keys.iter().any(|k| owned_by_other(i, *lp, k)) {
                continue;
            }
            let dominant_key = c.group.top_key();
            // 3. Pairs without the dominant rendering: a variant is a similar
            // spelling of it (`Нассар` / `Насар`), not another form of it, not
            // a longer word built on it, and not another expression's rendering.
            let mut others: Vec<Group> = Vec::new();
            for (si, cands) in &e.pairs {
                if c.group.pairs.contains(si) {
                    continue;
                }
                let best = cands
                    .iter()
                    .filter(|(k, _)| k.chars().count() >= MIN_RENDERING_CHARS)
                    .filter(|(k, _)| !owned_by_other(i, *lp, k))
                    .filter(|(k, _)| !derived(k, dominant_key))
                    .map(|cand| (strsim::normalized_levenshtein(&cand.0, dominant_key), cand))
                    .filter(|(s, _)| *s >= MIN_SIMILARITY)
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)));
                let Some((_, (k, surface))) = best else {
                    continue;
                };
                let gi = match others
                    .iter()
                    .position(|g| g.keys.iter().any(|gk| same(*lp, gk, k)))
                {
                    Some(gi) => gi,
                    None => {
                        others.push(Group::default());
                        others.len() - 1
                    }
                };
                others[gi].add(*si, k, surface);
            }
            if others.is_empty() {
                continue;
            }
            let mut variants = vec![(c.group.top_surface().to_string(), c.group.pairs.clone())];
            others.sort_by(|a, b| {
                b.pairs
                    .len()
                    .cmp(&a.pairs.len())
                    .then(a.top_surface().cmp(b.top_surface()))
            });
            variants.extend(
                others
                    .iter()
                    .map(|g| (g.top_surface().to_string(), g.pairs.clone())),
            );
            out.push(Inconsistent {
                term: e.surface.clone(),
                variants,
                forms: Vec::new(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_across_scripts() {
        assert!(cognate_similarity("Uzbekistan", "Узбекистана") >= MIN_COGNATE);
        assert!(cognate_similarity("Usbekistan", "Узбекистане") >= MIN_COGNATE);
        assert!(cognate_similarity("Uzbekistan", "O'zbekiston") >= MIN_COGNATE);
        assert!(cognate_similarity("Tashkent", "Ташкента") >= MIN_COGNATE);
        assert!(cognate_similarity("China", "Узбекистана") < 0.3);
        assert!(cognate_similarity("China", "Китаем") < MIN_COGNATE);
        assert!(cognate_similarity("Zentralasien", "Central") < MIN_COGNATE);
    }

    #[test]
    fn derived_words_are_not_spelling_variants() {
        assert!(derived("узбекистанский", "узбекистан"));
        assert!(derived("цифровой шелковый", "цифровой"));
        assert!(!derived("насар", "нассар"));
        assert!(!derived("toshkent", "tashkent"));
    }
}
