//! Fuzzy lookup: finds stored pairs whose source resembles a query, with a
//! percentage score like a CAT tool's.
//!
//! The score is `100 * (1 - d / max(|q|, |c|))` where `d` is the word-level
//! Levenshtein distance between the normalised, case-folded word tokens of
//! the query `q` and the candidate `c` (see README.md, "How lookup scores").
//!
//! ```
//! use tarjima::fuzzy::score;
//! assert_eq!(score("The cat sat on the mat.", "The cat sat on the mat."), 100);
//! assert_eq!(score("The cat sat on the mat.", "The dog sat on the mat."), 83);
//! ```

use crate::error::Result;
use crate::store::{Pair, PairFilter, Store};
use crate::text;

/// Word-level edit distance between two token lists.
pub fn word_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The match score of `candidate` for `query`, 0 to 100.
pub fn score(query: &str, candidate: &str) -> u32 {
    let q = text::match_key(query);
    let c = text::match_key(candidate);
    let qt: Vec<&str> = q.split(' ').filter(|s| !s.is_empty()).collect();
    let ct: Vec<&str> = c.split(' ').filter(|s| !s.is_empty()).collect();
    let longest = qt.len().max(ct.len());
    if longest == 0 {
        return if query.trim() == candidate.trim() {
            100
        } else {
            0
        };
    }
    let d = word_distance(&qt, &ct);
    ((100 * (longest - d)) as f64 / longest as f64).floor() as u32
}

/// Settings of one lookup.
#[derive(Debug, Clone)]
pub struct LookupOptions {
    pub src_lang: Option<String>,
    pub tgt_lang: Option<String>,
    /// Lowest score returned.
    pub min: u32,
    /// Most matches returned.
    pub limit: usize,
    /// Score every stored pair instead of using the index.
    pub exhaustive: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        LookupOptions {
            src_lang: None,
            tgt_lang: None,
            min: 50,
            limit: 5,
            exhaustive: false,
        }
    }
}

/// One match of a lookup.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Match {
    pub score: u32,
    pub pair: Pair,
}

/// Looks `query` up in `store`: matches at or above `opts.min`, best first, ties by id ascending.
pub fn lookup(store: &Store, query: &str, opts: &LookupOptions) -> Result<Vec<Match>> {
    let filter = PairFilter {
        src_lang: opts.src_lang.clone(),
        tgt_lang: opts.tgt_lang.clone(),
        origin: None,
    };
    let mut out = Vec::new();
    store.for_each_pair(&filter, |pair| {
        let s = score(query, &pair.source);
        if s >= opts.min {
            out.push(Match { score: s, pair });
        }
        Ok(())
    })?;
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.pair.id.cmp(&b.pair.id)));
    out.truncate(opts.limit);
    Ok(out)
}
