//! A word translation lexicon learned from sentence pairs (IBM Model 1 by
//! expectation-maximisation over co-occurring words), so alignment can match
//! words that share no spelling once the memory holds some pairs.

use std::collections::HashMap;

use super::features::lexicon_words;

/// Word pairs seen together less often than this are not learned.
const MIN_COOCCURRENCE: u32 = 2;
/// Translations kept per source word.
const KEEP: usize = 3;
/// Smallest translation probability kept.
const MIN_PROB: f32 = 0.15;
/// Words of a sentence considered (longer sentences are cut).
const MAX_WORDS: usize = 60;
/// EM iterations.
const ITERATIONS: usize = 4;

/// Word translations from `src_lang` to `tgt_lang`.
///
/// ```
/// use tarjima::align::Lexicon;
/// let pairs = [
///     ("en", "de", "the red house", "das rote Haus"),
///     ("en", "de", "the house is big", "das Haus ist groß"),
///     ("en", "de", "a red car", "ein rotes Auto"),
///     ("en", "de", "the big car", "das große Auto"),
/// ];
/// let lex = Lexicon::learn("en", "de", pairs.iter().copied());
/// assert!(lex.translations("house").iter().any(|(w, _)| w == "haus"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub src_lang: String,
    pub tgt_lang: String,
    map: HashMap<String, Vec<(String, f32)>>,
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

impl Lexicon {
    /// An empty lexicon for a language pair.
    pub fn new(src_lang: &str, tgt_lang: &str) -> Lexicon {
        Lexicon {
            src_lang: src_lang.to_string(),
            tgt_lang: tgt_lang.to_string(),
            map: HashMap::new(),
        }
    }

    /// Learns from (src_lang, tgt_lang, source, target) pairs; pairs of the reverse
    /// direction are used reversed, pairs of other languages are ignored.
    pub fn learn<'a, I>(src_lang: &str, tgt_lang: &str, pairs: I) -> Lexicon
    where
        I: IntoIterator<Item = (&'a str, &'a str, &'a str, &'a str)>,
    {
        let (ps, pt) = (primary(src_lang), primary(tgt_lang));
        let (su, tu) = (ps == "uz", pt == "uz");
        let mut vocab_s: HashMap<String, u32> = HashMap::new();
        let mut vocab_t: HashMap<String, u32> = HashMap::new();
        let mut corpus: Vec<(Vec<u32>, Vec<u32>)> = Vec::new();
        let intern = |v: &mut HashMap<String, u32>, w: String| -> u32 {
            let n = v.len() as u32;
            *v.entry(w).or_insert(n)
        };
        for (sl, tl, s, t) in pairs {
            let (s, t) = if primary(sl) == ps && primary(tl) == pt {
                (s, t)
            } else if primary(sl) == pt && primary(tl) == ps {
                (t, s)
            } else {
                continue;
            };
            let mut sw: Vec<u32> = lexicon_words(s, su)
                .into_iter()
                .take(MAX_WORDS)
                .map(|w| intern(&mut vocab_s, w))
                .collect();
            let mut tw: Vec<u32> = lexicon_words(t, tu)
                .into_iter()
                .take(MAX_WORDS)
                .map(|w| intern(&mut vocab_t, w))
                .collect();
            sw.sort_unstable();
            sw.dedup();
            tw.sort_unstable();
            tw.dedup();
            if !sw.is_empty() && !tw.is_empty() {
                corpus.push((sw, tw));
            }
        }
        let mut lex = Lexicon::new(src_lang, tgt_lang);
        // Co-occurrence counts prune the table to pairs seen often enough.
        let mut co: HashMap<(u32, u32), u32> = HashMap::new();
        for (sw, tw) in &corpus {
            for &a in sw {
                for &b in tw {
                    *co.entry((a, b)).or_insert(0) += 1;
                }
            }
        }
        co.retain(|_, c| *c >= MIN_COOCCURRENCE);
        if co.is_empty() {
            return lex;
        }
        // IBM Model 1, t(target | source), with a NULL source word (id u32::MAX).
        let mut prob: HashMap<(u32, u32), f32> = co.keys().map(|&k| (k, 1.0)).collect();
        let null = u32::MAX;
        for (_, tw) in &corpus {
            for &b in tw {
                prob.entry((null, b)).or_insert(1.0);
            }
        }
        for _ in 0..ITERATIONS {
            let mut count: HashMap<(u32, u32), f32> = HashMap::with_capacity(prob.len());
            let mut total: HashMap<u32, f32> = HashMap::new();
            for (sw, tw) in &corpus {
                for &b in tw {
                    let mut z = prob.get(&(null, b)).copied().unwrap_or(0.0);
                    for &a in sw {
                        z += prob.get(&(a, b)).copied().unwrap_or(0.0);
                    }
                    if z <= 0.0 {
                        continue;
                    }
                    for a in sw.iter().copied().chain(std::iter::once(null)) {
                        if let Some(&pr) = prob.get(&(a, b)) {
                            let c = pr / z;
                            *count.entry((a, b)).or_insert(0.0) += c;
                            *total.entry(a).or_insert(0.0) += c;
                        }
                    }
                }
            }
            for (k, v) in prob.iter_mut() {
                let c = count.get(k).copied().unwrap_or(0.0);
                let tot = total.get(&k.0).copied().unwrap_or(0.0);
                *v = if tot > 0.0 { c / tot } else { 0.0 };
            }
        }
        let s_words: Vec<String> = {
            let mut v = vec![String::new(); vocab_s.len()];
            for (w, i) in vocab_s {
                v[i as usize] = w;
            }
            v
        };
        let t_words: Vec<String> = {
            let mut v = vec![String::new(); vocab_t.len()];
            for (w, i) in vocab_t {
                v[i as usize] = w;
            }
            v
        };
        let mut by_src: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
        for ((a, b), p) in prob {
            if a != null && p >= MIN_PROB {
                by_src.entry(a).or_default().push((b, p));
            }
        }
        for (a, mut v) in by_src {
            // Ties broken by the word itself, so a run does not depend on hash-map order.
            v.sort_by(|x, y| {
                y.1.total_cmp(&x.1)
                    .then_with(|| t_words[x.0 as usize].cmp(&t_words[y.0 as usize]))
            });
            v.truncate(KEEP);
            lex.map.insert(
                s_words[a as usize].clone(),
                v.into_iter()
                    .map(|(b, p)| (t_words[b as usize].clone(), p))
                    .collect(),
            );
        }
        lex
    }

    /// Learned translations of a normalised source word, most likely first.
    pub fn translations(&self, word: &str) -> &[(String, f32)] {
        self.map.get(word).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Number of source words with at least one translation.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Does this lexicon translate from `src` to `tgt` (primary subtags)?
    pub fn covers(&self, src: &str, tgt: &str) -> bool {
        primary(&self.src_lang) == primary(src) && primary(&self.tgt_lang) == primary(tgt)
    }

    /// All target words the lexicon can produce.
    pub(crate) fn target_vocabulary(&self) -> std::collections::HashSet<&str> {
        self.map
            .values()
            .flat_map(|v| v.iter().map(|(w, _)| w.as_str()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_from_cooccurrence_and_ignores_other_pairs() {
        let pairs = vec![
            ("en", "fr", "the mountain hut", "la cabane de montagne"),
            ("en", "fr", "a high mountain", "une haute montagne"),
            ("en", "fr", "the hut was full", "la cabane était pleine"),
            ("fr", "en", "la cabane fermée", "the closed hut"),
            ("en", "fr", "the road", "la route"),
            ("en", "fr", "the night", "la nuit"),
            ("en", "fr", "the door", "la porte"),
            ("en", "de", "the mountain", "der Berg"),
        ];
        let lex = Lexicon::learn("en", "fr", pairs);
        let best = |w: &str| lex.translations(w).first().map(|p| p.0.clone());
        assert_eq!(best("hut").as_deref(), Some("cabane"));
        assert_eq!(best("mountain").as_deref(), Some("montagne"));
        assert!(lex.translations("berg").is_empty());
        assert!(lex.covers("en", "fr") && !lex.covers("fr", "en"));
    }
}
