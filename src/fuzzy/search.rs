//! The candidate index: which stored segments can possibly score at least
//! `min`, found without scoring every segment, and provably without missing one.
//!
//! A segment's *index terms* are its base tokens as a multiset: the k-th
//! occurrence of a token `w` is the term `w\u{1}k` (the first is `w` itself),
//! so the number of shared terms of two segments is the size of their
//! multiset intersection `o`. Segments without base tokens get the one term
//! [`EMPTY_TERM`].
//!
//! **Why nothing is missed.** Let the query have `q` base tokens, a candidate
//! `c`, `L = max(q, c)`, `d` their word edit distance. Every edit operation
//! covers at most one position of the longer list, and the positions left
//! untouched form a common subsequence, so `d >= L - LCS >= L - o`. The score
//! never exceeds `B = floor(100 (L - d) / L)`, hence `score >= m` implies
//! `100 o >= m L` ([`need`]: `o >= L - floor(L (100 - m) / 100)`), and
//! `d >= |q - c|` bounds the length ([`length_band`]). The smallest overlap any
//! allowed candidate needs is `t = need(q, m)`; a candidate that shares `t`
//! of the query's `q` terms shares at least one of ANY `q - t + 1` of them
//! (prefix filtering). So the lists of the `q - t + 1` rarest query terms
//! contain every possible match. Counting how many probed lists each
//! candidate is in, `h`, bounds its overlap by `h + (q - probed)`, which
//! discards most candidates before they are fetched. Survivors are scored
//! exactly, in decreasing order of their bound; once `limit` matches are
//! known, `m` is raised to the worst of them (ties included), which shortens
//! the prefix and ends the scan early. Everything not scored has a bound below
//! the final `m`, so the answer equals the exhaustive one.
//!
//! **Frequent terms.** Terms in at least one indexed side in 64 ([`is_dense`])
//! also have a bitmap of keys. A key first met in the list of the `i`-th
//! probed term (0-based) lacks the `i` rarer ones, so its overlap is at most
//! `q - i`; if it misses more than `q - i - t` of the later terms' bitmaps it
//! cannot reach `t` and is dropped (still complete: only keys that cannot
//! reach `t` are). Past the prefix, bitmaps make the candidates' counts exact
//! without reading the lists of "the" and "of".
//!
//! ```
//! use tarjima::fuzzy::search::{index_terms, need, length_band};
//! let words: Vec<String> = ["the", "cat", "the"].iter().map(|s| s.to_string()).collect();
//! assert_eq!(index_terms(&words), ["the", "cat", "the\u{1}2"]);
//! assert_eq!(need(10, 50), 5);       // 10 query words at --min 50: share at least 5
//! assert_eq!(length_band(10, 50), (5, 20));
//! ```

use std::collections::HashMap;

use crate::text::{self, TokenKind};

/// The index term of segments without any base token.
pub const EMPTY_TERM: &str = "\u{0}";
/// Bytes of one posting: pair id (u32 LE), then (length << 1 | side) (u16 LE).
pub const ENTRY_BYTES: usize = 6;
/// Lengths at or above this are stored as this (and never pruned by length).
pub const MAX_LEN: usize = 0x7FFF;

/// The index terms of a segment's base tokens (see the module doc).
pub fn index_terms(words: &[String]) -> Vec<String> {
    if words.is_empty() {
        return vec![EMPTY_TERM.to_string()];
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    words
        .iter()
        .map(|w| {
            let k = seen.entry(w.as_str()).or_insert(0);
            *k += 1;
            if *k == 1 {
                w.clone()
            } else {
                format!("{w}\u{1}{k}")
            }
        })
        .collect()
}

/// Keys (`pair id << 1 | side`) per block of a dense term's bitmap (8 KiB of bits);
/// tiny in tests so that several blocks are exercised.
#[cfg(not(test))]
pub const BLOCK_KEYS: u64 = 1 << 16;
#[cfg(test)]
pub const BLOCK_KEYS: u64 = 64;
/// Bytes of one full bitmap block.
pub const BLOCK_BYTES: usize = (BLOCK_KEYS / 8) as usize;
/// The fewest postings a term needs before it gets a bitmap.
#[cfg(not(test))]
pub const DENSE_MIN_DF: u64 = 2048;
#[cfg(test)]
pub const DENSE_MIN_DF: u64 = 3;

/// Whether a term in `df` of the `keys` indexed segment sides should get a bitmap:
/// when it is in at least one side in 64, its bitmap (`keys / 8` bytes) is at most
/// about the size of its posting list (6 bytes a posting), and testing a
/// candidate's bit replaces reading the list.
///
/// ```
/// use tarjima::fuzzy::search::{is_dense, DENSE_MIN_DF};
/// assert!(is_dense(DENSE_MIN_DF.max(40_000), 2_000_000));
/// assert!(!is_dense(20_000, 2_000_000));
/// ```
pub fn is_dense(df: u64, keys: u64) -> bool {
    df >= DENSE_MIN_DF && df.saturating_mul(64) >= keys
}

/// Sets the bit of `key` in a bitmap of whole blocks starting at key 0.
pub fn set_bit(bits: &mut [u8], key: u64) {
    bits[(key >> 3) as usize] |= 1 << (key & 7);
}

/// Whether the bit of `key` is set (keys past the end are not).
pub fn bit(bits: &[u8], key: u64) -> bool {
    bits.get((key >> 3) as usize)
        .is_some_and(|b| b >> (key & 7) & 1 == 1)
}

/// Encodes one posting.
pub fn encode_entry(id: u32, side: u8, len: usize) -> [u8; ENTRY_BYTES] {
    let l = (len.min(MAX_LEN) as u16) << 1 | u16::from(side & 1);
    let i = id.to_le_bytes();
    let l = l.to_le_bytes();
    [i[0], i[1], i[2], i[3], l[0], l[1]]
}

/// Decodes one posting: (pair id, side, length).
pub fn decode_entry(b: &[u8]) -> (u32, u8, usize) {
    let id = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let l = u16::from_le_bytes([b[4], b[5]]);
    (id, (l & 1) as u8, usize::from(l >> 1))
}

/// The least overlap (shared index terms) a segment pair of longer length `l`
/// needs to reach score `m` (0..=100): `l - floor(l (100 - m) / 100)`.
pub fn need(l: usize, m: u32) -> usize {
    let m = m.min(100) as usize;
    l - l * (100 - m) / 100
}

/// The candidate lengths (base-token counts) that can reach score `m` (1..=100)
/// against a query of `q` base tokens, inclusive.
pub fn length_band(q: usize, m: u32) -> (usize, usize) {
    let m = m.clamp(1, 100) as usize;
    (q - q * (100 - m) / 100, 100 * q / m)
}

/// The most a candidate of length `c` sharing at most `o` terms can score against `q` words.
pub fn upper_bound(q: usize, c: usize, o: usize) -> u32 {
    let l = q.max(c);
    if l == 0 {
        return crate::fuzzy::score::CONTEXT_MATCH;
    }
    let o = o.min(q).min(c);
    let b = (100 * o / l) as u32;
    if b >= 100 {
        crate::fuzzy::score::CONTEXT_MATCH
    } else {
        b
    }
}

/// The text given to the concordance index (FTS5): words and numbers of the
/// normalised text, separated by spaces, so that text written without spaces
/// (Chinese, Japanese, Thai) is indexed one character a token.
///
/// ```
/// use tarjima::fuzzy::search::fts_text;
/// assert_eq!(fts_text("乌兹别克斯坦和中国。"), "乌 兹 别 克 斯 坦 和 中 国");
/// assert_eq!(fts_text("Hello, world!"), "Hello world");
/// ```
pub fn fts_text(s: &str) -> String {
    let n = text::normalize(s);
    let mut out = String::with_capacity(n.len() + 8);
    for t in text::tokens(&n) {
        if t.kind == TokenKind::Punct {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t.text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip() {
        let e = encode_entry(123_456_789, 1, 42);
        assert_eq!(decode_entry(&e), (123_456_789, 1, 42));
        assert_eq!(decode_entry(&encode_entry(7, 0, 100_000)), (7, 0, MAX_LEN));
    }

    #[test]
    fn bits_round_trip() {
        let mut b = vec![0u8; 4];
        for k in [0u64, 9, 31] {
            set_bit(&mut b, k);
        }
        let set: Vec<u64> = (0..40).filter(|&k| bit(&b, k)).collect();
        assert_eq!(set, [0, 9, 31]);
    }

    #[test]
    fn bounds_are_consistent_with_the_score() {
        // For every length pair and threshold, a candidate with exactly `need` overlap
        // and d = L - o reaches m, one less does not.
        for q in 1..30usize {
            for m in [1u32, 30, 50, 75, 90, 100] {
                let (lo, hi) = length_band(q, m);
                for c in 1..80usize {
                    let l = q.max(c);
                    let d_min = q.abs_diff(c);
                    let reachable = crate::fuzzy::score::base_percent(d_min, l) >= m;
                    assert_eq!(reachable, (lo..=hi).contains(&c), "q={q} c={c} m={m}");
                    let o = need(l, m);
                    if o <= q.min(c) {
                        assert!(crate::fuzzy::score::base_percent(l - o, l) >= m);
                        if o > 0 {
                            assert!(crate::fuzzy::score::base_percent(l - o + 1, l) < m);
                        }
                    }
                }
            }
        }
    }
}
