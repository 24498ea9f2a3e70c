//! Document level: is one document a translation of the other, and which
//! documents of a folder go together when file names do not say.

use std::collections::{HashMap, HashSet};

use super::features::{self, Kind};
use super::{Bead, Sentence};

/// Is the target document a translation of the source document?
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DocumentVerdict {
    pub is_translation: bool,
    /// Overall score, 0 to 1.
    pub score: f64,
    /// One sentence explaining the verdict, for the import report.
    pub reason: String,
}

/// Confidence from which a bead counts as a real match (a raw bead score of 0.5).
const GOOD_BEAD: f64 = 0.725;
/// Evidence (share of sentences in good beads + weighted order gain) from which
/// two documents count as translations.
const ACCEPT: f64 = 1.0;
/// Weight of the order gain: how much cheaper (per sentence) the alignment is in the
/// documents' own order than with the target reversed.
const ORDER_WEIGHT: f64 = 1.5;
/// Share of sentences in good beads that makes very short documents translations.
const SHORT_ACCEPT: f64 = 0.6;

/// Judges whether two aligned documents are translations of one another from their beads
/// (the share of sentences, both sides, that lie in confident beads) and from an order
/// test: a translation aligns much better in its own order than with the target reversed,
/// while two unrelated texts align about as badly either way.
///
/// ```
/// use tarjima::align::{align, assess_documents, AlignOptions, Sentence};
/// let en = ["In 2019, Anna Berg won 3 medals.", "She lives in Oslo."];
/// let de = ["2019 gewann Anna Berg 3 Medaillen.", "Sie lebt in Oslo."];
/// let s: Vec<_> = en.iter().map(|t| Sentence::new(t, 0)).collect();
/// let t: Vec<_> = de.iter().map(|t| Sentence::new(t, 0)).collect();
/// let beads = align(&s, &t, &AlignOptions::new("en", "de"));
/// assert!(assess_documents(&s, &t, &beads).is_translation);
/// ```
pub fn assess_documents(src: &[Sentence], tgt: &[Sentence], beads: &[Bead]) -> DocumentVerdict {
    let total = (src.len() + tgt.len()) as f64;
    if src.is_empty() || tgt.is_empty() {
        return DocumentVerdict {
            is_translation: false,
            score: 0.0,
            reason: "one side has no sentences".to_string(),
        };
    }
    let mut good = 0.0;
    let mut weighted = 0.0;
    for b in beads {
        let n = (b.src.len() + b.tgt.len()) as f64;
        weighted += b.confidence * n;
        if b.confidence >= GOOD_BEAD {
            good += n;
        }
    }
    let share = good / total;
    let mean = weighted / total;
    // Order test: a translation aligns far better in its own order than with the target reversed.
    let reversed: Vec<Sentence> = tgt.iter().rev().copied().collect();
    let gain =
        (super::cost_per_sentence(src, &reversed) - super::cost_per_sentence(src, tgt)) as f64;
    // With fewer than three sentences on a side, reversing says little: count the
    // share of confident beads alone, at a lower bar.
    let evidence = if src.len().min(tgt.len()) < 3 {
        // Lengths say nothing about a one-sentence pair (the ratio is estimated from it):
        // every number on either side must be found on the other side too.
        let keys = |side: &[Sentence]| -> std::collections::HashSet<(Kind, String)> {
            side.iter()
                .flat_map(|s| features::raw_keys(s.text, false, false))
                .filter(|k| k.0 == Kind::Number)
                .collect()
        };
        let (ks, kt) = (keys(src), keys(tgt));
        let numbers_meet = ks
            .iter()
            .chain(kt.iter())
            .all(|k| ks.contains(k) && kt.contains(k));
        if numbers_meet {
            share / SHORT_ACCEPT * ACCEPT
        } else {
            0.0
        }
    } else {
        share + ORDER_WEIGHT * gain.max(0.0)
    };
    let score = (evidence / 2.0).clamp(0.0, 1.0);
    DocumentVerdict {
        is_translation: evidence >= ACCEPT,
        score,
        reason: format!(
            "{:.0}% of the sentences lie in confident beads (mean confidence {:.2}, {} beads), \
             and the order of the sentences is worth {:.2} per sentence",
            share * 100.0,
            mean,
            beads.len(),
            gain
        ),
    }
}

/// What [`pair_documents`] needs to know of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSummary {
    /// Language tag of the document.
    pub lang: String,
    /// Visible characters (white space not counted).
    pub chars: usize,
    /// Number of sentences (or lines, if not segmented).
    pub sentences: usize,
    /// Anchors: numbers, and folded prefixes of capitalised words (names), with counts.
    pub anchors: HashMap<String, u32>,
}

impl DocSummary {
    /// Summarises a document's text.
    ///
    /// ```
    /// use tarjima::align::DocSummary;
    /// let d = DocSummary::new("Tashkent, 12 May 2024. Ok.", "en", 2);
    /// assert_eq!(d.anchors.get("#2024"), Some(&1));
    /// ```
    pub fn new(text: &str, lang: &str, sentences: usize) -> DocSummary {
        let uz = super::is_uzbek(lang);
        let mut anchors = HashMap::new();
        for w in features::words(text) {
            let key = if w.chars().all(|c| c.is_ascii_digit()) {
                if w.len() < 2 {
                    continue;
                }
                format!("#{}", w.trim_start_matches('0'))
            } else if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                let f: String = features::fold_word(w, uz)
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .take(features::PREFIX)
                    .collect();
                if f.len() < features::PREFIX {
                    continue;
                }
                f
            } else {
                continue;
            };
            *anchors.entry(key).or_insert(0) += 1;
        }
        // Words of the built-in concept lexicon meet across scripts (Chinese has no
        // capitalised names to offer).
        for c in super::concepts::concept_ids(text, lang) {
            *anchors.entry(format!("c{c}")).or_insert(0) += 1;
        }
        DocSummary {
            lang: lang.to_string(),
            chars: features::visible_len(text) as usize,
            sentences,
            anchors,
        }
    }
}

/// How alike two document summaries are, 0 to 1: shared anchors (Dice over counts)
/// damped when the sentence counts differ a lot.
fn similarity(a: &DocSummary, b: &DocSummary) -> f64 {
    let total: u32 = a.anchors.values().sum::<u32>() + b.anchors.values().sum::<u32>();
    let shared: u32 = a
        .anchors
        .iter()
        .map(|(k, &n)| n.min(b.anchors.get(k).copied().unwrap_or(0)))
        .sum();
    let anchor = if total > 0 {
        2.0 * shared as f64 / total as f64
    } else {
        0.0
    };
    let ratio = |x: usize, y: usize| {
        let (x, y) = (x.max(1) as f64, y.max(1) as f64);
        (x / y).ln().abs()
    };
    let size = (-ratio(a.sentences, b.sentences)).exp();
    anchor * (0.5 + 0.5 * size)
}

/// Least similarity for two documents to be paired.
const PAIR_MIN: f64 = 0.2;

/// Pairs documents of different languages by content: returns (i, j, score) with
/// i < j, each document in at most one pair per other language, best pairs first. Documents in the
/// same language are never paired; documents left out have no good partner.
///
/// ```
/// use tarjima::align::{pair_documents, DocSummary};
/// let docs = [
///     DocSummary::new("Berlin, 3 May 2021: Angela Merkel met Emmanuel Macron.", "en", 1),
///     DocSummary::new("Paris, le 9 juin 1999 : Lionel Jospin a parlé.", "fr", 1),
///     DocSummary::new("Berlin, 3. Mai 2021: Angela Merkel traf Emmanuel Macron.", "de", 1),
/// ];
/// assert_eq!(pair_documents(&docs).iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), vec![(0, 2)]);
/// ```
pub fn pair_documents(docs: &[DocSummary]) -> Vec<(usize, usize, f64)> {
    let mut cand = Vec::new();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            if crate::lang::same_language(&docs[i].lang, &docs[j].lang) {
                continue;
            }
            let s = similarity(&docs[i], &docs[j]);
            if s >= PAIR_MIN {
                cand.push((i, j, s));
            }
        }
    }
    cand.sort_by(|a, b| b.2.total_cmp(&a.2));
    // One partner per other language: an article in three languages makes three pairs,
    // as named files do.
    let tag = |k: usize| docs[k].lang.to_ascii_lowercase();
    let mut used: HashSet<(usize, String)> = HashSet::new();
    let mut out = Vec::new();
    for (i, j, s) in cand {
        if !used.contains(&(i, tag(j))) && !used.contains(&(j, tag(i))) {
            used.insert((i, tag(j)));
            used.insert((j, tag(i)));
            out.push((i, j, s));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{AlignOptions, align};
    use super::*;

    fn sents<'a>(v: &[&'a str]) -> Vec<Sentence<'a>> {
        v.iter().map(|t| Sentence::new(t, 0)).collect()
    }

    #[test]
    fn unrelated_texts_are_refused() {
        let en = sents(&[
            "The river flooded three villages last spring.",
            "Farmers lost most of their wheat.",
            "The government promised help within a month.",
            "Engineers are now building a new dam upstream.",
        ]);
        let de = sents(&[
            "Das Museum zeigt ab Montag Gemälde aus dem 17. Jahrhundert.",
            "Eintritt kostet zwölf Euro.",
            "Kinder unter sechs Jahren zahlen nichts, und am Wochenende gibt es Führungen für Familien.",
        ]);
        let beads = align(&en, &de, &AlignOptions::new("en", "de"));
        let v = assess_documents(&en, &de, &beads);
        assert!(!v.is_translation, "{v:?}");
    }

    #[test]
    fn short_pairs_are_judged_by_their_beads() {
        let en = sents(&["In 2019, Anna Berg won 3 medals in Oslo."]);
        let de = sents(&["2019 gewann Anna Berg in Oslo 3 Medaillen."]);
        let beads = align(&en, &de, &AlignOptions::new("en", "de"));
        assert!(assess_documents(&en, &de, &beads).is_translation);
        let other = sents(&["Das Wetter bleibt morgen trüb und kühl, sagt der Dienst."]);
        let beads = align(&en, &other, &AlignOptions::new("en", "de"));
        assert!(!assess_documents(&en, &other, &beads).is_translation);
    }

    #[test]
    fn pairs_best_first_and_skips_same_language() {
        let docs = [
            DocSummary::new("Samarkand 2023 Tamerlane", "en", 3),
            DocSummary::new("Samarkand 2023 Tamerlane", "en", 3),
            DocSummary::new("Самарканд 2023 Тамерлан", "ru", 3),
        ];
        let p = pair_documents(&docs);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].1, 2);
    }

    #[test]
    fn an_article_in_three_languages_makes_three_pairs() {
        let docs = [
            DocSummary::new(
                "The government said on Monday that the new hospital will open in the capital next year.",
                "en",
                1,
            ),
            DocSummary::new(
                "Die Regierung teilte am Montag mit, dass das neue Krankenhaus nächstes Jahr in der Hauptstadt öffnet.",
                "de",
                1,
            ),
            DocSummary::new("政府周一表示，新医院将于明年在首都开业。", "zh", 1),
            DocSummary::new(
                "Farmers harvested less wheat because the river flooded their fields.",
                "en",
                1,
            ),
        ];
        let mut p: Vec<(usize, usize)> = pair_documents(&docs).iter().map(|p| (p.0, p.1)).collect();
        p.sort_unstable();
        // Chinese has no capitalised names or shared digits here: only the concepts
        // (government, Monday, hospital, capital, year) tie it to the others.
        assert_eq!(p, vec![(0, 1), (0, 2), (1, 2)]);
    }
}
