//! Terms found without a glossary: recurring capitalised expressions (names,
//! titles, organisations, single words or several) in the source, and how the
//! target renders them.
//!
//! For each expression the rendering used most often is the capitalised target
//! expression that co-occurs with it in the most pairs; a pair without that
//! rendering but with a similar spelling of it (normalised edit distance) has
//! a variant: `Toshkent` / `Tashkent`, `Нассар` / `Насар`.

use std::collections::HashMap;

use super::morph::Analysis;
use super::{Hit, Tok};

/// Distinct expressions remembered (the rest are ignored).
const MAX_EXPRESSIONS: usize = 200_000;
/// Pairs remembered per expression.
const MAX_PAIRS_PER_EXPRESSION: usize = 2_000;
/// Similarity a variant must have to the dominant rendering.
const MIN_SIMILARITY: f64 = 0.6;
/// Shortest rendering (characters) compared for variants.
const MIN_RENDERING_CHARS: usize = 4;
/// Longest target expression considered as a rendering, in words.
const MAX_RUN_WORDS: usize = 4;

#[derive(Debug, Default)]
struct Expression {
    surface: String,
    /// (seen index, target candidates as (key, surface))
    pairs: Vec<(u32, Vec<(String, String)>)>,
}

/// The memory-wide record of expressions.
#[derive(Debug, Default)]
pub(super) struct Discovery {
    expressions: HashMap<(u32, String), Expression>,
}

/// One expression rendered in several ways: the dominant rendering first.
pub(super) struct Inconsistent {
    pub term: String,
    pub variants: Vec<(String, Vec<u32>)>,
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
                        run_key(ttoks, i, j),
                        target[ttoks[i].start..ttoks[j].end].to_string(),
                    ));
                }
            }
        }
        if cands.is_empty() {
            return;
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
    pub(super) fn inconsistent(self, min_pairs: usize) -> Vec<Inconsistent> {
        let mut out = Vec::new();
        let mut exprs: Vec<_> = self.expressions.into_iter().collect();
        exprs.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, e) in exprs {
            if e.pairs.len() < min_pairs.max(2) {
                continue;
            }
            let mut counts: HashMap<&str, (usize, &str)> = HashMap::new();
            for (_, cands) in &e.pairs {
                let mut keys: Vec<&(String, String)> = cands.iter().collect();
                keys.sort();
                keys.dedup_by(|a, b| a.0 == b.0);
                for (k, s) in keys {
                    let c = counts.entry(k.as_str()).or_insert((0, s.as_str()));
                    c.0 += 1;
                }
            }
            let Some((dkey, (dcount, dsurface))) = counts
                .iter()
                .max_by(|a, b| {
                    a.1.0
                        .cmp(&b.1.0)
                        .then(a.0.len().cmp(&b.0.len()))
                        .then(b.0.cmp(a.0))
                })
                .map(|(k, v)| (*k, *v))
            else {
                continue;
            };
            if dcount < 2
                || dcount * 2 < e.pairs.len()
                || dkey.chars().count() < MIN_RENDERING_CHARS
            {
                continue;
            }
            let mut dominant = Vec::new();
            let mut others: Vec<(String, String, Vec<u32>)> = Vec::new();
            for (si, cands) in &e.pairs {
                if cands.iter().any(|c| c.0 == dkey) {
                    dominant.push(*si);
                    continue;
                }
                let best = cands
                    .iter()
                    .filter(|c| c.0.chars().count() >= MIN_RENDERING_CHARS)
                    .map(|c| (strsim::normalized_levenshtein(&c.0, dkey), c))
                    .filter(|(s, _)| *s >= MIN_SIMILARITY)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((_, (k, s))) = best {
                    match others.iter_mut().find(|o| o.0 == *k) {
                        Some(o) => o.2.push(*si),
                        None => others.push((k.clone(), s.clone(), vec![*si])),
                    }
                }
            }
            if others.is_empty() {
                continue;
            }
            let mut variants = vec![(dsurface.to_string(), dominant)];
            others.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then(a.0.cmp(&b.0)));
            variants.extend(others.into_iter().map(|(_, s, ids)| (s, ids)));
            out.push(Inconsistent {
                term: e.surface,
                variants,
            });
        }
        out
    }
}
