//! A built-in lexicon of frequent general words in several languages (English, German,
//! French, Russian, Uzbek, Chinese), so two sentences that share no spelling, number or
//! name can still be seen to say the same thing: `Insekten` and `昆虫` are both the
//! concept "insect". Each language's words are matched in its own text; a concept found
//! on both sides is an anchor like a shared number. It works from the first article,
//! before the memory holds pairs to learn a [`super::Lexicon`] from.
//!
//! The lexicon is data (`data/concepts/*.tsv`, one concept a row, one column per
//! language, forms separated by `;`), hand-written for this project from general
//! vocabulary. A form of four letters or more also matches a word that begins with it
//! and goes on for a few letters of inflection (`Berg` matches `Berge`); shorter forms
//! match whole words only. Chinese forms match anywhere in the text.
//!
//! ```
//! use tarjima::align::concepts;
//! let de = concepts::concept_ids("Die meisten Insekten haben Flügel.", "de");
//! let zh = concepts::concept_ids("大多数昆虫都有翅膀。", "zh");
//! assert!(de.iter().any(|c| zh.contains(c)));
//! assert!(concepts::concept_ids("Die meisten Insekten haben Flügel.", "fi").is_empty());
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use super::features::{fold_token, words};

/// The lexicon's files, one per domain.
const FILES: &[&str] = &[
    include_str!("data/concepts/geography.tsv"),
    include_str!("data/concepts/time.tsv"),
    include_str!("data/concepts/society.tsv"),
    include_str!("data/concepts/nature.tsv"),
    include_str!("data/concepts/everyday.tsv"),
    include_str!("data/concepts/general.tsv"),
    include_str!("data/concepts/practical.tsv"),
    include_str!("data/concepts/history.tsv"),
];

/// Letters a form of at least [`STEM_MIN`] letters may be followed by in a word, per
/// language: English and German endings are short, Russian case endings up to three
/// letters, Uzbek stacks suffixes (`shahar-lar-da`).
fn max_suffix(lang: &str) -> usize {
    match lang {
        "en" | "de" | "ru" | "is" => 3,
        "uz" => 6,
        _ => 2,
    }
}

/// Shortest form (in folded letters) that also matches longer words.
const STEM_MIN: usize = 4;

/// The forms of one language, ready for matching.
struct Matcher {
    lang: &'static str,
    /// Folded one-word form -> concepts.
    single: HashMap<String, Vec<u32>>,
    /// Folded first word of a multi-word form -> (the other words, concept).
    multi: HashMap<String, Vec<(Vec<String>, u32)>>,
    /// Chinese: every form, found anywhere in the text.
    han: Option<(AhoCorasick, Vec<u32>)>,
}

/// Languages written without spaces between words, whose forms are found anywhere.
fn unspaced_language(lang: &str) -> bool {
    matches!(lang, "zh" | "ja" | "th")
}

fn fold(lang: &str, word: &str) -> String {
    fold_token(word, lang == "uz")
}

impl Matcher {
    fn build(lang: &'static str, files: &[&str]) -> Matcher {
        let mut m = Matcher {
            lang,
            single: HashMap::new(),
            multi: HashMap::new(),
            han: None,
        };
        let mut han_forms: Vec<String> = Vec::new();
        let mut han_ids: Vec<u32> = Vec::new();
        // Rows with the same English cell (two domain files may both list `already`)
        // are one concept.
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (langs, row) in rows(files) {
            let next = ids.len();
            let id = *ids
                .entry(row.first().map_or("", |c| c.trim()))
                .or_insert(next);
            let Some(cell) = langs
                .iter()
                .position(|l| *l == lang)
                .and_then(|c| row.get(c))
            else {
                continue;
            };
            for form in cell.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                if unspaced_language(lang) {
                    han_forms.push(form.to_string());
                    han_ids.push(id as u32);
                    continue;
                }
                let parts: Vec<String> = words(form).into_iter().map(|w| fold(lang, w)).collect();
                match parts.split_first() {
                    Some((first, [])) => m.single.entry(first.clone()).or_default().push(id as u32),
                    Some((first, rest)) => m
                        .multi
                        .entry(first.clone())
                        .or_default()
                        .push((rest.to_vec(), id as u32)),
                    None => {}
                }
            }
        }
        if !han_forms.is_empty() {
            // The forms are plain strings, so building cannot fail; no matcher if it did.
            // A contiguous NFA: a few hundred KB, where the default may build a DFA of
            // tens of MB for thousands of multi-byte patterns.
            m.han = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&han_forms)
                .ok()
                .map(|ac| (ac, han_ids));
        }
        m
    }

    /// The folded forms a word could be an inflection of, longest first: itself, and its
    /// prefixes of at least [`STEM_MIN`] letters that leave at most the language's suffix
    /// length.
    fn stems<'w>(&self, word: &'w str) -> impl Iterator<Item = &'w str> + 'w {
        let letters = word.chars().count();
        let max = max_suffix(self.lang);
        let shorter = word
            .char_indices()
            .rev()
            // The character at byte offset i has k letters before it.
            .zip((0..letters).rev())
            .filter(move |&(_, k)| k >= STEM_MIN && letters - k <= max)
            .map(move |((i, _), _)| &word[..i]);
        std::iter::once(word).chain(shorter)
    }

    fn word_matches(&self, word: &str, form: &str) -> bool {
        self.stems(word).any(|s| s == form)
    }

    fn find(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if let Some((ac, ids)) = &self.han {
            // Every form found, also inside a longer one (中国 in 中国人): Chinese compounds
            // hold words another language says apart. Taking only the longest, as for
            // alphabetic words, cost zh-ru 0.007 and zh-fr, de-zh 0.003 strict F1.
            out.extend(
                ac.find_overlapping_iter(text)
                    .map(|m| ids[m.pattern().as_usize()]),
            );
            return finish(out);
        }
        let folded: Vec<String> = words(text)
            .into_iter()
            .map(|w| fold(self.lang, w))
            .collect();
        for (i, w) in folded.iter().enumerate() {
            // The longest form a word matches is the word it is: `ozbekiston` is
            // Uzbekistan, not also `ozbek` (Uzbek) with a suffix.
            if let Some(ids) = self.stems(w).find_map(|s| self.single.get(s)) {
                out.extend_from_slice(ids);
            }
            for stem in self.stems(w) {
                if let Some(forms) = self.multi.get(stem) {
                    for (rest, id) in forms {
                        let next = &folded[i + 1..];
                        if next.len() >= rest.len()
                            && rest.iter().zip(next).all(|(f, w)| self.word_matches(w, f))
                        {
                            out.push(*id);
                        }
                    }
                }
            }
        }
        finish(out)
    }
}

fn finish(mut ids: Vec<u32>) -> Vec<u32> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Data rows of the files, each with the languages of its file's columns (the file's
/// header row, its first line that is not a comment).
fn rows<'a>(files: &[&'a str]) -> Vec<(Vec<&'a str>, Vec<&'a str>)> {
    let mut out = Vec::new();
    for file in files {
        let mut lines = file
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let Some(header) = lines.next() else {
            continue;
        };
        let langs: Vec<&str> = header.split('\t').map(str::trim).collect();
        out.extend(lines.map(|l| (langs.clone(), l.split('\t').collect())));
    }
    out
}

/// The languages of the files' columns, each once.
fn languages(files: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for file in files {
        if let Some(header) = file
            .lines()
            .find(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            for l in header.split('\t').map(str::trim) {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    }
    out
}

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

fn matcher(lang: &str) -> Option<&'static Matcher> {
    // Each language's matcher is built the first time a text of that language comes.
    static MATCHERS: OnceLock<Vec<(&'static str, OnceLock<Matcher>)>> = OnceLock::new();
    let lang = primary(lang).to_ascii_lowercase();
    let (name, cell) = MATCHERS
        .get_or_init(|| {
            languages(FILES)
                .into_iter()
                .map(|l| (l, OnceLock::new()))
                .collect()
        })
        .iter()
        .find(|(l, _)| *l == lang)?;
    Some(cell.get_or_init(|| Matcher::build(name, FILES)))
}

/// Does the built-in lexicon have words of this language (a BCP 47 tag)?
pub fn covers(lang: &str) -> bool {
    matcher(lang).is_some()
}

/// The concepts whose words occur in `text`, a text in `lang` (sorted, each once);
/// empty for a language the lexicon does not cover.
pub fn concept_ids(text: &str, lang: &str) -> Vec<u32> {
    matcher(lang).map(|m| m.find(text)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# test\nen\tde\tfr\tru\tuz\tzh\n\
        mountain\tBerg\tmontagne\tгора;горы;гор\ttog'\t山\n\
        child;children\tKind\tenfant\tребёнок;дети\tbola\t孩子;儿童\n\
        United States\tVereinigte Staaten;USA\tÉtats-Unis\tСоединённые Штаты;США\tAmerika Qo'shma Shtatlari\t美国\n\
        city\tStadt\tville\tгород\tshahar;shahri\t城市\n";

    fn find(lang: &'static str, text: &str) -> Vec<u32> {
        Matcher::build(lang, &[SAMPLE]).find(text)
    }

    #[test]
    fn forms_match_inflections_within_the_suffix_allowance() {
        assert_eq!(find("de", "Die Berge sind hoch."), vec![0]);
        assert_eq!(find("en", "Two mountains and three children."), vec![0, 1]);
        assert_eq!(find("ru", "В городах и на горе."), vec![3]);
        assert_eq!(find("ru", "Высокие горы."), vec![0]);
        assert_eq!(find("uz", "Shaharlarda bolalar ko'p."), vec![1, 3]);
        assert_eq!(find("uz", "Шаҳарларда болалар кўп."), vec![1, 3]);
        // Too long a tail is another word, and short forms match whole words only.
        assert!(find("en", "The mountaineering club.").is_empty());
        assert!(find("ru", "Горный город.").contains(&3));
        assert!(!find("ru", "Горный город.").contains(&0));
    }

    #[test]
    fn multi_word_forms_need_every_word_in_a_row() {
        assert_eq!(find("fr", "Les États-Unis ont voté."), vec![2]);
        assert_eq!(find("de", "Die Vereinigten Staaten und die USA."), vec![2]);
        assert!(find("de", "Die Staaten sind vereinigt.").is_empty());
    }

    #[test]
    fn rows_with_the_same_english_cell_are_one_concept() {
        let a = "en\tde\nalready\tschon\ncity\tStadt\n";
        let b = "en\tfr\tde\nalways\ttoujours\timmer\nalready\tdéjà\tbereits\n";
        let de = Matcher::build("de", &[a, b]);
        let fr = Matcher::build("fr", &[a, b]);
        assert_eq!(de.find("Er ist schon da, bereits."), vec![0]);
        assert_eq!(fr.find("Il est déjà là."), vec![0]);
        assert_eq!(de.find("Immer die Stadt."), vec![1, 2]);
    }

    #[test]
    fn a_word_is_the_longest_form_it_matches() {
        let t = "en\tuz\nUzbek\to'zbek\nUzbekistan\tO'zbekiston\nstar\tyulduz\nstart\tboshla\n";
        let uz = Matcher::build("uz", &[t]);
        let en = Matcher::build("en", &[t]);
        // o'zbek + iston would be within Uzbek's suffix allowance.
        assert_eq!(uz.find("O'zbekiston"), vec![1]);
        assert_eq!(uz.find("o'zbeklar"), vec![0]);
        assert_eq!(en.find("It starts."), vec![3]);
        assert_eq!(en.find("Two stars."), vec![2]);
    }

    #[test]
    fn chinese_forms_match_inside_the_text() {
        assert_eq!(find("zh", "美国的城市里有很多儿童。"), vec![1, 2, 3]);
        assert!(find("zh", "天气很好。").is_empty());
    }

    #[test]
    fn data_files_are_well_formed() {
        for file in FILES {
            let header = file
                .lines()
                .find(|l| !l.starts_with('#') && !l.trim().is_empty())
                .unwrap_or("");
            let langs: Vec<&str> = header.split('\t').collect();
            assert_eq!(langs.first(), Some(&"en"), "{header}");
            for line in file
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                let cells: Vec<&str> = line.split('\t').collect();
                assert_eq!(cells.len(), langs.len(), "{line}");
                assert!(!cells[0].trim().is_empty(), "{line}");
            }
        }
        // Every row is a concept: ids run over all rows of all files.
        let rows = rows(FILES).len();
        assert!(rows > 1500, "{rows}");
        let en = matcher("en").map_or(0, |m| m.single.len() + m.multi.len());
        assert!(en > 1000, "{en}");
    }

    #[test]
    fn every_built_in_language_loads_and_unknown_ones_are_empty() {
        for lang in ["en", "de", "fr", "ru", "uz", "zh"] {
            assert!(covers(lang), "{lang}");
        }
        assert!(!covers("fi"));
        assert!(concept_ids("Missä vuori on?", "fi").is_empty());
        // The same concept in two languages has the same id.
        let en = concept_ids("The government met on Monday.", "en");
        let ru = concept_ids("Правительство собралось в понедельник.", "ru");
        assert!(
            en.len() >= 2 && en.iter().filter(|c| ru.contains(c)).count() >= 2,
            "{en:?} {ru:?}"
        );
    }
}
