//! The glossary model: concepts with terms per language, each with a status.
//!
//! Synonyms and translations of one concept are one [`Concept`], however the
//! file that held them spelled it (rows sharing a concept id, `;` in a wide
//! CSV cell, `tig`/`termSec` elements of one TBX entry). The readers live in
//! [`crate::formats::glossary`] and [`crate::formats::tbx`].
//!
//! ```
//! use tarjima::qa::glossary::{Glossary, TermStatus};
//! let mut g = Glossary::default();
//! g.add_term("c1", "en", "railway station", TermStatus::Preferred);
//! g.add_term("c1", "de", "Bahnhof", TermStatus::Preferred);
//! g.add_term("c1", "de", "Station", TermStatus::Forbidden);
//! assert_eq!(g.concepts.len(), 1);
//! assert_eq!(g.concepts[0].terms_in("de").count(), 2);
//! ```

use std::collections::HashMap;

use crate::lang;

/// The status of a term in its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermStatus {
    Preferred,
    Admitted,
    Deprecated,
    Superseded,
    Forbidden,
}

impl TermStatus {
    /// Parses a status as glossaries write it (TBX `administrativeStatus`
    /// values such as `preferredTerm-admn-sts` included). Empty means admitted.
    pub fn parse(s: &str) -> Option<TermStatus> {
        let s = s.trim().to_ascii_lowercase();
        let s = s.strip_suffix("-admn-sts").unwrap_or(&s);
        let s = s.strip_suffix("term").unwrap_or(s);
        Some(match s {
            "" | "admitted" | "allowed" | "permitted" | "approved" => TermStatus::Admitted,
            "preferred" | "standard" => TermStatus::Preferred,
            "deprecated" | "notrecommended" | "not recommended" | "obsolete" => {
                TermStatus::Deprecated
            }
            "superseded" => TermStatus::Superseded,
            "forbidden" | "prohibited" | "banned" | "do not use" => TermStatus::Forbidden,
            _ => return None,
        })
    }

    /// True for renderings a translation may use.
    pub fn is_allowed(self) -> bool {
        matches!(self, TermStatus::Preferred | TermStatus::Admitted)
    }
}

/// One term of a concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub lang: String,
    pub text: String,
    pub status: TermStatus,
    pub pos: Option<String>,
    pub note: Option<String>,
}

/// A concept: its terms in every language, synonyms included.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Concept {
    pub id: String,
    pub terms: Vec<Term>,
}

impl Concept {
    /// The terms in language `tag` (compared by primary subtag, so `de-DE` is `de`;
    /// a script subtag, when both sides give one, must agree).
    pub fn terms_in<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a Term> + 'a {
        self.terms.iter().filter(move |t| same_lang(&t.lang, tag))
    }
}

/// True when two language tags name the same language for glossary purposes.
pub fn same_lang(a: &str, b: &str) -> bool {
    if !lang::primary(a).eq_ignore_ascii_case(lang::primary(b)) {
        return false;
    }
    match (script_of(a), script_of(b)) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
        _ => true,
    }
}

fn script_of(tag: &str) -> Option<&str> {
    tag.split(['-', '_'])
        .skip(1)
        .find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A glossary: concepts in file order.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub concepts: Vec<Concept>,
    index: HashMap<String, usize>,
}

impl Glossary {
    /// Adds a term to the concept `concept` (created on first use). A term
    /// already in the concept (same language and text) is not added twice.
    pub fn add(&mut self, concept: &str, term: Term) {
        let idx = match self.index.get(concept) {
            Some(&i) => i,
            None => {
                self.concepts.push(Concept {
                    id: concept.to_string(),
                    terms: Vec::new(),
                });
                self.index
                    .insert(concept.to_string(), self.concepts.len() - 1);
                self.concepts.len() - 1
            }
        };
        let c = &mut self.concepts[idx];
        if !c
            .terms
            .iter()
            .any(|t| t.lang == term.lang && t.text == term.text)
        {
            c.terms.push(term);
        }
    }

    /// Adds a term with only language, text and status.
    pub fn add_term(&mut self, concept: &str, lang: &str, text: &str, status: TermStatus) {
        self.add(
            concept,
            Term {
                lang: lang.to_string(),
                text: text.to_string(),
                status,
                pos: None,
                note: None,
            },
        );
    }

    /// Number of terms over all concepts.
    pub fn term_count(&self) -> usize {
        self.concepts.iter().map(|c| c.terms.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_in_tbx_and_plain_forms() {
        assert_eq!(
            TermStatus::parse("preferredTerm-admn-sts"),
            Some(TermStatus::Preferred)
        );
        assert_eq!(
            TermStatus::parse("deprecatedTerm-admn-sts"),
            Some(TermStatus::Deprecated)
        );
        assert_eq!(TermStatus::parse(""), Some(TermStatus::Admitted));
        assert_eq!(TermStatus::parse("Forbidden"), Some(TermStatus::Forbidden));
        assert_eq!(TermStatus::parse("maybe"), None);
    }

    #[test]
    fn languages_compare_by_primary_and_script() {
        assert!(same_lang("de-DE", "de"));
        assert!(same_lang("uz", "uz-Latn"));
        assert!(!same_lang("uz-Cyrl", "uz-Latn"));
        assert!(!same_lang("de", "en"));
    }

    #[test]
    fn synonyms_are_one_concept() {
        let mut g = Glossary::default();
        g.add_term("1", "en", "car", TermStatus::Preferred);
        g.add_term("1", "en", "automobile", TermStatus::Admitted);
        g.add_term("1", "en", "car", TermStatus::Preferred);
        assert_eq!(g.concepts.len(), 1);
        assert_eq!(g.term_count(), 2);
    }
}
