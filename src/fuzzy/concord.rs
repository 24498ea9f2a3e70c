//! Concordance: the FTS5 query for a word or phrase, and marking the hits in
//! the texts found.
//!
//! The concordance index holds [`super::search::fts_text`] of both sides
//! (words and numbers; Chinese/Japanese/Thai one character a token), tokenised
//! by FTS5's `unicode61` (case-folded, split at anything not a letter or
//! digit). A phrase is searched as an exact phrase (consecutive tokens), a
//! trailing `*` makes its last word a prefix, and `any_order` asks for all the
//! words anywhere in the text instead. Chinese needs no spaces: `中国` is the
//! phrase `中 国`.
//!
//! ```
//! use tarjima::fuzzy::concord::{ConcordanceQuery, Side};
//! let q = ConcordanceQuery::new("translation memor*", Side::Source, false).unwrap();
//! assert_eq!(q.fts, "{source} : \"translation memor\" *");
//! let spans = q.hits("A Translation Memory is useful.");
//! assert_eq!(spans, [(2, 20)]);
//! assert_eq!(q.mark("A Translation Memory is useful.", "[[", "]]"), "A [[Translation Memory]] is useful.");
//! ```

use crate::error::{Error, Result};
use crate::text;

/// Which side of the pairs to search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
    Both,
}

/// A prepared concordance search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConcordanceQuery {
    /// The FTS5 MATCH expression.
    pub fts: String,
    units: Vec<String>,
    prefix: bool,
    any_order: bool,
}

/// A search unit (as FTS5 `unicode61` sees tokens) with its byte span in `s`.
fn units(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        let unspaced = text::is_unspaced_script(c);
        let inside = c.is_alphanumeric() || is_mark(c);
        if unspaced || !inside {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
            if unspaced {
                out.push((i, i + c.len_utf8()));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x064B..=0x065F)
}

impl ConcordanceQuery {
    /// Prepares the search for `phrase` (optionally in double quotes; a final
    /// `*` makes the last word a prefix).
    pub fn new(phrase: &str, side: Side, any_order: bool) -> Result<ConcordanceQuery> {
        let mut p = text::normalize(phrase);
        let prefix = p.ends_with('*');
        if prefix {
            p.pop();
        }
        let p = p.trim().trim_matches('"');
        let folded = text::fold_case(&super::search::fts_text(p));
        let units: Vec<String> = units(&folded)
            .into_iter()
            .map(|(s, e)| folded[s..e].to_string())
            .collect();
        if units.is_empty() {
            return Err(Error::Usage(format!(
                "the phrase {phrase:?} has no word to search for"
            )));
        }
        let body = if any_order {
            let n = units.len();
            units
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    if prefix && i + 1 == n {
                        format!("\"{u}\" *")
                    } else {
                        format!("\"{u}\"")
                    }
                })
                .collect::<Vec<_>>()
                .join(" AND ")
        } else {
            let star = if prefix { " *" } else { "" };
            format!("\"{}\"{star}", units.join(" "))
        };
        let fts = match side {
            Side::Source => format!("{{source}} : {body}"),
            Side::Target => format!("{{target}} : {body}"),
            Side::Both if any_order => format!("({body})"),
            Side::Both => body,
        };
        Ok(ConcordanceQuery {
            fts,
            units,
            prefix,
            any_order,
        })
    }

    fn unit_matches(&self, k: usize, got: &str) -> bool {
        let want = &self.units[k];
        if self.prefix && k + 1 == self.units.len() {
            got.starts_with(want.as_str())
        } else {
            got == want
        }
    }

    /// Byte spans of the hits in `s` (the phrase, or each word with `any_order`), in order.
    pub fn hits(&self, s: &str) -> Vec<(usize, usize)> {
        let us = units(s);
        let folded: Vec<String> = us.iter().map(|&(a, b)| text::fold_case(&s[a..b])).collect();
        let mut out = Vec::new();
        if self.any_order {
            for (i, f) in folded.iter().enumerate() {
                if (0..self.units.len()).any(|k| self.unit_matches(k, f)) {
                    out.push(us[i]);
                }
            }
            return out;
        }
        let n = self.units.len();
        let mut i = 0;
        while i + n <= us.len() {
            if (0..n).all(|k| self.unit_matches(k, &folded[i + k])) {
                out.push((us[i].0, us[i + n - 1].1));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// `s` with every hit wrapped in `open` and `close`.
    pub fn mark(&self, s: &str, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(s.len() + 8);
        let mut at = 0;
        for (a, b) in self.hits(s) {
            out.push_str(&s[at..a]);
            out.push_str(open);
            out.push_str(&s[a..b]);
            out.push_str(close);
            at = b;
        }
        out.push_str(&s[at..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_searched_per_character() {
        let q = ConcordanceQuery::new("中国", Side::Both, false).unwrap();
        assert_eq!(q.fts, "\"中 国\"");
        assert_eq!(
            q.mark("乌兹别克斯坦和中国。", "[", "]"),
            "乌兹别克斯坦和[中国]。"
        );
    }

    #[test]
    fn apostrophes_and_case_are_handled_like_the_index() {
        let q = ConcordanceQuery::new("O'zbekiston", Side::Target, false).unwrap();
        assert_eq!(q.fts, "{target} : \"o zbekiston\"");
        assert_eq!(q.hits("Bu O\u{2019}zbekiston."), [(3, 16)]);
    }

    #[test]
    fn any_order_marks_each_word() {
        let q = ConcordanceQuery::new("memory translation", Side::Both, true).unwrap();
        assert_eq!(q.fts, "(\"memory\" AND \"translation\")");
        assert_eq!(
            q.mark("translation and memory", "<", ">"),
            "<translation> and <memory>"
        );
    }

    #[test]
    fn empty_phrase_is_refused() {
        assert!(ConcordanceQuery::new(" ,. ", Side::Both, false).is_err());
    }
}
