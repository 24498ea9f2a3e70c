//! Per-language segmentation rules, parsed from the data files in `rules/`.
//!
//! Each language file (and `generic.txt`, which every language extends) is a
//! list of sections. Lines starting with `#` are comments.
//!
//! - `[prefix]`: abbreviations written before a name (`Dr`, `Mt`, `г-н`); a
//!   stop after them never ends a sentence.
//! - `[numeric]`: abbreviations written before a number (`No`, `p`, `Art`);
//!   no break when a digit follows, otherwise treated like `[abbreviations]`.
//! - `[abbreviations]`: ordinary abbreviations (`approx`, `z.B`, `т.е`); a stop
//!   after them ends a sentence only when the next word is a capitalised
//!   sentence starter (see `[starters]`).
//! - `[terminal]`: abbreviations that often close a sentence (`etc`, `p.m`,
//!   `и т.д`); the stop ends the sentence when a capital letter follows.
//! - `[starters]`: words that typically open a sentence (pronouns, articles,
//!   conjunctions). They decide between "abbreviation" and "end of sentence"
//!   after an abbreviation, an initial or an ordinal number.
//! - `[prepositions]`: prepositions that open an introductory phrase; while a
//!   sentence has only that phrase ("At 5 a.m."), a `[terminal]` abbreviation
//!   does not end it.
//! - `[options]`: `ordinal-dot = true` (a stop after a number of up to three
//!   digits is an ordinal, German `3. Oktober`); `lowercase-continues = false`
//!   (by default a lower-case next word means the sentence goes on).
//! - `[break]` / `[no-break]`: SRX-style rules, `BEFORE ⟂ AFTER`, two regular
//!   expressions matched around the candidate boundary (the text before it ends
//!   with BEFORE, the text after it starts with AFTER). Checked before the
//!   built-in logic, in file order, generic rules after the language's own.
//!
//! Abbreviations are matched without their final stop and case-insensitively
//! (entries are folded to lower case when parsed); internal stops are kept
//! (`e.g`, `u.s`).
//!
//! ```
//! use tarjima::segment::ruleset::{Rules, Class};
//! let r = Rules::parse("[prefix]\nDr\n[starters]\nThe\n").unwrap();
//! assert_eq!(r.class_of("dr"), Some(Class::Prefix));
//! assert!(r.is_starter("the"));
//! ```

use std::collections::{HashMap, HashSet};

use regex::{Regex, RegexSet};

/// How a stop after an abbreviation is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Written before a name: never ends a sentence.
    Prefix,
    /// Written before a number: no break before a digit.
    Numeric,
    /// Ordinary abbreviation: ends a sentence only before a sentence starter.
    General,
    /// Often closes a sentence: ends it before any capitalised word.
    Terminal,
}

/// One SRX-style rule: the text before the boundary ends with `before`, the text after starts with `after`.
#[derive(Debug, Clone)]
pub struct SrxRule {
    /// True for a `[break]` rule, false for `[no-break]`.
    pub brk: bool,
    /// Anchored at the end (`(?:BEFORE)$`).
    pub before: Regex,
    /// Anchored at the start (`^(?:AFTER)`).
    pub after: Regex,
}

/// The parsed rules of one language (its own file merged over `generic.txt`).
#[derive(Debug, Clone, Default)]
pub struct Rules {
    abbrevs: HashMap<String, Class>,
    starters: HashSet<String>,
    prepositions: HashSet<String>,
    /// Numbers of up to three digits followed by a stop are ordinals.
    pub ordinal_dot: bool,
    /// A lower-case next word means the sentence goes on.
    pub lowercase_continues: bool,
    srx: Vec<SrxRule>,
    srx_before: Option<RegexSet>,
}

impl Rules {
    /// Parses one rule file. Errors name the line at fault.
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut r = Rules {
            lowercase_continues: true,
            ..Rules::default()
        };
        r.extend(text)?;
        Ok(r)
    }

    /// Adds the entries of another rule file (later files override options and come first for SRX rules).
    pub fn extend(&mut self, text: &str) -> Result<(), String> {
        let mut section = String::new();
        let mut new_srx = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                section = line[1..line.len() - 1].to_string();
                continue;
            }
            let err = |m: &str| format!("line {}: {m}: {line}", n + 1);
            let class = match section.as_str() {
                "prefix" => Some(Class::Prefix),
                "numeric" => Some(Class::Numeric),
                "abbreviations" => Some(Class::General),
                "terminal" => Some(Class::Terminal),
                _ => None,
            };
            if let Some(class) = class {
                let key = line.trim_end_matches('.').to_lowercase();
                self.abbrevs.insert(key, class);
                continue;
            }
            match section.as_str() {
                "starters" => {
                    self.starters.insert(line.to_lowercase());
                }
                "prepositions" => {
                    self.prepositions.insert(line.to_lowercase());
                }
                "options" => {
                    let (k, v) = line
                        .split_once('=')
                        .ok_or_else(|| err("expected key = value"))?;
                    let v = match v.trim() {
                        "true" => true,
                        "false" => false,
                        _ => return Err(err("expected true or false")),
                    };
                    match k.trim() {
                        "ordinal-dot" => self.ordinal_dot = v,
                        "lowercase-continues" => self.lowercase_continues = v,
                        _ => return Err(err("unknown option")),
                    }
                }
                "break" | "no-break" => {
                    let (b, a) = line
                        .split_once('⟂')
                        .ok_or_else(|| err("expected BEFORE ⟂ AFTER"))?;
                    let before = Regex::new(&format!("(?:{})$", b.trim()))
                        .map_err(|e| err(&e.to_string()))?;
                    let after = Regex::new(&format!("^(?:{})", a.trim()))
                        .map_err(|e| err(&e.to_string()))?;
                    new_srx.push(SrxRule {
                        brk: section == "break",
                        before,
                        after,
                    });
                }
                _ => return Err(err("line outside a known section")),
            }
        }
        new_srx.append(&mut self.srx);
        self.srx = new_srx;
        self.srx_before = if self.srx.is_empty() {
            None
        } else {
            Some(
                RegexSet::new(self.srx.iter().map(|r| r.before.as_str()))
                    .map_err(|e| e.to_string())?,
            )
        };
        Ok(())
    }

    /// The class of an abbreviation (lower case, without its final stop).
    pub fn class_of(&self, key: &str) -> Option<Class> {
        self.abbrevs.get(key).copied()
    }

    /// True when `word` (lower case) typically opens a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// True when `word` (lower case) is a preposition that can open a sentence with an adverbial
    /// ("At 5 a.m. Mr. Smith went"): a `[terminal]` abbreviation in that phrase does not end it.
    pub fn is_preposition(&self, word: &str) -> bool {
        self.prepositions.contains(word)
    }

    /// True when the language has starters at all (without them, a capital after an abbreviation never breaks).
    pub fn has_starters(&self) -> bool {
        !self.starters.is_empty()
    }

    /// The verdict of the first SRX rule that matches around a boundary: `Some(true)` break, `Some(false)` no break.
    pub fn srx_verdict(&self, before: &str, after: &str) -> Option<bool> {
        let set = self.srx_before.as_ref()?;
        let hits = set.matches(before);
        if !hits.matched_any() {
            return None;
        }
        hits.iter()
            .find(|&k| self.srx[k].after.is_match(after))
            .map(|k| self.srx[k].brk)
    }
}

/// The data file of each language, generic first.
pub(crate) const FILES: &[(&str, &str)] = &[
    ("generic", include_str!("rules/generic.txt")),
    ("en", include_str!("rules/en.txt")),
    ("de", include_str!("rules/de.txt")),
    ("fr", include_str!("rules/fr.txt")),
    ("es", include_str!("rules/es.txt")),
    ("it", include_str!("rules/it.txt")),
    ("ru", include_str!("rules/ru.txt")),
    ("tr", include_str!("rules/tr.txt")),
    ("kk", include_str!("rules/kk.txt")),
    ("uz", include_str!("rules/uz.txt")),
    ("zh", include_str!("rules/zh.txt")),
];

/// Builds the rules of every language: generic, then each language over generic.
/// A file that does not parse is skipped (the unit tests make sure none fails).
pub(crate) fn build_all() -> HashMap<&'static str, Rules> {
    let mut out = HashMap::new();
    let generic = Rules::parse(FILES[0].1).unwrap_or_default();
    for &(name, text) in FILES {
        let mut r = generic.clone();
        if name != "generic" && r.extend(text).is_err() {
            r = generic.clone();
        }
        out.insert(name, r);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_parses() {
        for &(name, text) in FILES {
            let mut r = Rules::parse(FILES[0].1).expect("generic");
            r.extend(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }

    #[test]
    fn srx_rules_match_around_the_boundary() {
        let r = Rules::parse("[no-break]\n\\bca\\. ⟂ \\s+\\d\n[break]\n\\. ⟂ \\s+[A-Z]\n").unwrap();
        assert_eq!(r.srx_verdict("about ca.", " 5 m"), Some(false));
        assert_eq!(r.srx_verdict("It rained.", " We"), Some(true));
        assert_eq!(r.srx_verdict("It rained.", " we"), None);
    }

    #[test]
    fn bad_lines_are_reported() {
        assert!(Rules::parse("[options]\nordinal-dot = maybe\n").is_err());
        assert!(Rules::parse("[break]\nno separator\n").is_err());
        assert!(Rules::parse("orphan\n").is_err());
    }
}
