//! Inflection-aware word matching for terminology QA.
//!
//! A [`Morph`] knows, for one language, how a word of a text can be an
//! inflected form of a glossary term word: by Snowball stemming (English,
//! German, Russian, Turkish, French, Spanish, ...), by bounded suffix
//! stripping for agglutinative Uzbek and Kazakh (suffix lists in
//! `src/qa/data/`), as a part of a German-style compound, or, for languages
//! with neither, by a short bounded ending after the term. Case is folded,
//! Uzbek apostrophe variants are folded to `'`, Russian `ё` to `е`, German `ß`
//! to `ss`. Every match says how it matched ([`MatchKind`]).
//!
//! ```
//! use tarjima::qa::morph::{Morph, MatchKind};
//! let mut ru = Morph::new("ru");
//! let term = ru.term_word("дорога");
//! let a = ru.analyze("дороги");
//! assert_eq!(ru.word_match(&term, &a, false), Some(MatchKind::Stem));
//! let mut uz = Morph::new("uz");
//! let term = uz.term_word("kitob");
//! let a = uz.analyze("kitoblarimizda");
//! assert_eq!(uz.word_match(&term, &a, false), Some(MatchKind::Suffix));
//! ```

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};

/// FNV-1a: a fast hash for short keys (words), where SipHash's flood
/// protection buys nothing and costs a tenth of the run.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words.
pub type WordMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

use crate::lang;
use crate::text;

/// How a text word (or phrase) matched a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// Same word after case and apostrophe folding.
    Exact,
    /// Same Snowball stem.
    Stem,
    /// The term followed by inflectional suffixes from the language's suffix list.
    Suffix,
    /// The term is a part of a compound word (German `Hauptbahnhof` for `Bahnhof`).
    Compound,
    /// The term followed by a short ending (languages without a stemmer).
    Prefix,
}

impl MatchKind {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Stem => "stem",
            MatchKind::Suffix => "suffix",
            MatchKind::Compound => "compound",
            MatchKind::Prefix => "prefix",
        }
    }
}

/// Parsed suffix data of an agglutinative language.
#[derive(Debug)]
struct Suffixes {
    /// Longest first.
    list: Vec<String>,
    /// (stem ending as seen, term ending to restore)
    alternations: Vec<(String, String)>,
    vowels: &'static str,
}

fn parse_suffixes(data: &str, vowels: &'static str) -> Suffixes {
    let mut list = Vec::new();
    let mut seen = HashSet::new();
    let mut alternations = Vec::new();
    for line in data.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('=') {
            let mut parts = rest.split_whitespace();
            if let (Some(a), Some(b)) = (parts.next(), parts.next()) {
                alternations.push((text::fold_apostrophes(a), text::fold_apostrophes(b)));
            }
            continue;
        }
        let s = text::fold_apostrophes(line);
        if seen.insert(s.clone()) {
            list.push(s);
        }
    }
    list.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    Suffixes {
        list,
        alternations,
        vowels,
    }
}

/// How one language's words are reduced.
enum Method {
    Snowball(Stemmer),
    Suffixes(Suffixes),
    None,
}

/// The most suffixes stripped from one word.
const MAX_SUFFIXES: usize = 4;
/// A stem left after stripping must keep this many characters.
const MIN_STEM_CHARS: usize = 2;
/// Words shorter than this (in characters) only match exactly.
const MIN_INFLECT_CHARS: usize = 3;
/// Shortest term word that may be found inside a compound.
const MIN_COMPOUND_CHARS: usize = 4;
/// Shortest term word that may be found in the middle of a compound.
const MIN_INSIDE_CHARS: usize = 5;
/// Longest ending accepted after a term word in languages without a stemmer.
const MAX_PREFIX_TAIL: usize = 3;
/// Shared beginning two words with nearby stems need to count as forms of one word.
const MIN_LEMMA_PREFIX: usize = 4;
/// Entries kept in the analysis cache before it is cleared.
const CACHE_LIMIT: usize = 400_000;

/// A word of a text, analysed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// Folded form (case, apostrophes, ё, ß).
    pub folded: String,
    /// The word as written was all upper case (an acronym).
    pub upper: bool,
    /// Snowball stem of `folded`, or candidate lemmas after suffix stripping.
    pub stems: Vec<String>,
    /// The parts of a hyphenated word, analysed alone.
    pub parts: Vec<Analysis>,
}

/// A word of a glossary term, analysed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermWord {
    pub folded: String,
    /// Acronyms (all upper case, two letters or more) match only as written.
    pub acronym: bool,
    pub original: String,
    /// The key a text word's stems are compared with.
    pub stem: String,
}

/// How a language forms closed compounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Compounds {
    None,
    /// The term may end a word (Uzbek `butunjahon` for `jahon`).
    Head,
    /// The term may start, end or sit inside a word (German `Unwettererscheinungen`).
    Full,
}

/// Word matching for one language, with a cache of analyses.
pub struct Morph {
    lang: String,
    primary: String,
    method: Method,
    compounds: Compounds,
    /// Irregular inflected form -> lemma (English `children` -> `child`).
    irregular: HashMap<String, String>,
    /// Endings the stemmer leaves on nouns (German `Inseln`, `Königinnen`, `Autos`).
    loose_tails: &'static [&'static str],
    /// Letters a text word's stem may have beyond the term's (Russian Snowball
    /// cuts `остров` to `остр` but `островах` to `остров`).
    stem_slack: usize,
    cache: WordMap<String, Rc<Analysis>>,
}

fn snowball_for(primary: &str) -> Option<Algorithm> {
    Some(match primary {
        "en" => Algorithm::English,
        "de" => Algorithm::German,
        "ru" => Algorithm::Russian,
        "tr" => Algorithm::Turkish,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "it" => Algorithm::Italian,
        "pt" => Algorithm::Portuguese,
        "nl" => Algorithm::Dutch,
        "sv" => Algorithm::Swedish,
        "da" => Algorithm::Danish,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "fi" => Algorithm::Finnish,
        "hu" => Algorithm::Hungarian,
        "ro" => Algorithm::Romanian,
        "el" => Algorithm::Greek,
        "ar" => Algorithm::Arabic,
        "ta" => Algorithm::Tamil,
        _ => return None,
    })
}

/// Folds a word for matching in language `primary`: [`fold_word`], and in
/// German the umlauts too (`Bahnhöfe` ~ `Bahnhofe`, so plurals with umlaut stem alike).
fn fold_for(primary: &str, w: &str) -> String {
    let f = fold_word(w);
    if primary == "de" && f.contains(['ä', 'ö', 'ü']) {
        f.replace('ä', "a").replace('ö', "o").replace('ü', "u")
    } else {
        f
    }
}

/// Folds a word for matching: case, apostrophes, `ё`→`е`, `ß`→`ss`.
pub fn fold_word(w: &str) -> String {
    let f = text::fold_case(&text::fold_apostrophes(w));
    if f.contains(['ё', 'ß']) {
        f.replace('ё', "е").replace('ß', "ss")
    } else {
        f
    }
}

fn is_acronym(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| !c.is_lowercase())
        && w.chars().any(|c| c.is_uppercase())
}

impl Morph {
    /// Matching rules for the language `tag` (BCP 47).
    pub fn new(tag: &str) -> Morph {
        let primary = lang::primary(tag).to_ascii_lowercase();
        let method = if let Some(alg) = snowball_for(&primary) {
            Method::Snowball(Stemmer::create(alg))
        } else if primary == "uz" {
            Method::Suffixes(parse_suffixes(
                include_str!("data/suffixes-uz.txt"),
                "aeiouаеёиоуўэюя",
            ))
        } else if primary == "kk" {
            Method::Suffixes(parse_suffixes(
                include_str!("data/suffixes-kk.txt"),
                "аәеёиоөуұүыіэюя",
            ))
        } else {
            Method::None
        };
        let compounds = match primary.as_str() {
            "de" | "nl" | "sv" | "da" | "no" | "nb" | "nn" | "is" | "fi" | "hu" => Compounds::Full,
            "uz" | "kk" => Compounds::Head,
            _ => Compounds::None,
        };
        let mut irregular = HashMap::new();
        if primary == "en" {
            for line in include_str!("data/irregular-en.txt").lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some((form, lemma)) = line.split_once(char::is_whitespace) {
                    irregular.insert(form.trim().to_string(), lemma.trim().to_string());
                }
            }
        }
        // German nouns keep -n/-nen/-s endings under Snowball (Inseln, Königinnen, Autos).
        let loose_tails: &'static [&'static str] = if primary == "de" {
            &["n", "s", "e", "en", "es", "er", "ern", "nen", "ns"]
        } else {
            &[]
        };
        let stem_slack = if matches!(primary.as_str(), "ru" | "uk" | "be" | "bg") {
            2
        } else {
            0
        };
        Morph {
            lang: tag.to_string(),
            stem_slack,
            primary,
            method,
            compounds,
            irregular,
            loose_tails,
            cache: WordMap::default(),
        }
    }

    /// The language this matcher is for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// True when this language forms closed compounds (term found inside a word).
    pub fn compounds(&self) -> bool {
        self.compounds != Compounds::None
    }

    fn stem_of(&self, folded: &str) -> Vec<String> {
        if folded.chars().count() < MIN_INFLECT_CHARS {
            return Vec::new();
        }
        let base = self.irregular.get(folded).map_or(folded, String::as_str);
        match &self.method {
            Method::Snowball(s) => vec![s.stem(base).into_owned()],
            Method::Suffixes(sfx) => strip_suffixes(base, sfx),
            Method::None if base != folded => vec![base.to_string()],
            Method::None => Vec::new(),
        }
    }

    /// Analyses a glossary term word.
    pub fn term_word(&self, w: &str) -> TermWord {
        let folded = fold_for(&self.primary, w);
        let stem = match &self.method {
            Method::Snowball(s) if folded.chars().count() >= MIN_INFLECT_CHARS => {
                s.stem(&folded).into_owned()
            }
            _ => folded.clone(),
        };
        TermWord {
            acronym: is_acronym(w),
            original: w.to_string(),
            folded,
            stem,
        }
    }

    /// Analyses a text word (cached). A hyphenated word is also analysed part
    /// by part (`16-asrda`, `Cochamó-Tal`, `UNESCO-Weltkulturerbe`).
    pub fn analyze(&mut self, w: &str) -> Rc<Analysis> {
        if let Some(a) = self.cache.get(w) {
            return Rc::clone(a);
        }
        let folded = fold_for(&self.primary, w);
        let stems = self.stem_of(&folded);
        let parts = if w.contains('-') {
            w.split('-')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let f = fold_for(&self.primary, p);
                    Analysis {
                        upper: is_acronym(p),
                        stems: self.stem_of(&f),
                        folded: f,
                        parts: Vec::new(),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let a = Rc::new(Analysis {
            upper: is_acronym(w),
            folded,
            stems,
            parts,
        });
        if self.cache.len() >= CACHE_LIMIT {
            self.cache.clear();
        }
        self.cache.insert(w.to_string(), Rc::clone(&a));
        a
    }

    /// Are two words forms of one word (`Узбекистана` / `Узбекистане`,
    /// `O'zbekistonda` / `O'zbekiston`, `Bahnhof` / `Bahnhöfe`), as opposed to
    /// two spellings (`Узбекистан` / `Узбекистон`)? Same folded form, a shared
    /// stem or candidate lemma, or one's lemma the other's form; in Russian and
    /// its neighbours also stems one letter or two apart (Snowball stems
    /// `узбекистана` to `узбекиста` but `узбекистане` to `узбекистан`); German
    /// noun endings Snowball leaves; a short ending in languages without a stemmer.
    pub fn same_word(&mut self, a: &str, b: &str) -> bool {
        let x = self.analyze(a);
        let y = self.analyze(b);
        if x.folded == y.folded
            || x.stems
                .iter()
                .any(|s| y.stems.contains(s) || *s == y.folded)
            || y.stems.contains(&x.folded)
        {
            return true;
        }
        let (short, long) = if x.folded.len() <= y.folded.len() {
            (&x, &y)
        } else {
            (&y, &x)
        };
        let common = x
            .folded
            .chars()
            .zip(y.folded.chars())
            .take_while(|(p, q)| p == q)
            .count();
        if self.stem_slack > 0 && common >= MIN_LEMMA_PREFIX {
            // p (a stem of the word with folded form `pf`) is q cut short, and
            // q is still a beginning of that word.
            let near = |p: &String, pf: &str, q: &String| {
                p.chars().count() >= 3
                    && pf.starts_with(q.as_str())
                    && q.strip_prefix(p.as_str())
                        .is_some_and(|rest| rest.chars().count() <= self.stem_slack)
            };
            if x.stems.iter().any(|p| {
                y.stems
                    .iter()
                    .any(|q| near(p, &x.folded, q) || near(q, &y.folded, p))
            }) {
                return true;
            }
        }
        if self.stem_slack > 0
            && x.stems.iter().any(|p| {
                y.stems
                    .iter()
                    .any(|q| fleeting_vowel(p, q) || fleeting_vowel(q, p))
            })
        {
            return true;
        }
        let Some(tail) = long.folded.strip_prefix(short.folded.as_str()) else {
            return false;
        };
        let short_chars = short.folded.chars().count();
        if self.loose_tails.contains(&tail) && short_chars >= MIN_COMPOUND_CHARS {
            return true;
        }
        matches!(self.method, Method::None)
            && short_chars >= MIN_COMPOUND_CHARS
            && tail.chars().count() <= MAX_PREFIX_TAIL
            && tail.chars().all(char::is_alphabetic)
    }

    /// [`Morph::same_word`] word by word for expressions of several words
    /// separated by spaces.
    pub fn same_lemma(&mut self, a: &str, b: &str) -> bool {
        let xa: Vec<&str> = a.split_whitespace().collect();
        let xb: Vec<&str> = b.split_whitespace().collect();
        xa.len() == xb.len() && xa.iter().zip(&xb).all(|(p, q)| self.same_word(p, q))
    }

    /// The keys under which a text word may be found in a term index: its
    /// folded form and its stems.
    pub fn lookup_keys<'a>(&self, a: &'a Analysis) -> impl Iterator<Item = &'a str> {
        std::iter::once(a.folded.as_str())
            .chain(a.stems.iter().map(String::as_str))
            .chain(a.parts.iter().flat_map(|p| {
                std::iter::once(p.folded.as_str()).chain(p.stems.iter().map(String::as_str))
            }))
    }

    /// Does text word `a` match term word `t`? `single` says `t` is the only
    /// word of its term (only those are looked for inside compounds).
    pub fn word_match(&self, t: &TermWord, a: &Analysis, single: bool) -> Option<MatchKind> {
        if let Some(k) = self.whole_word_match(t, a, single) {
            return Some(k);
        }
        // A part of a hyphenated word (`16-asrda`, `Cochamó-Tal`).
        if single {
            for p in &a.parts {
                if self.whole_word_match(t, p, single).is_some() {
                    return Some(MatchKind::Compound);
                }
            }
        }
        None
    }

    fn whole_word_match(&self, t: &TermWord, a: &Analysis, single: bool) -> Option<MatchKind> {
        if t.acronym {
            return (a.upper && a.folded == t.folded).then_some(MatchKind::Exact);
        }
        if a.folded == t.folded {
            return Some(MatchKind::Exact);
        }
        let tchars = t.folded.chars().count();
        if tchars < MIN_INFLECT_CHARS {
            return None;
        }
        if a.stems.contains(&t.stem) {
            return Some(match self.method {
                Method::Suffixes(_) => MatchKind::Suffix,
                _ => MatchKind::Stem,
            });
        }
        if self.stem_slack > 0
            && t.stem.chars().count() >= MIN_INFLECT_CHARS
            && a.stems.iter().any(|s| {
                s.strip_prefix(t.stem.as_str())
                    .is_some_and(|rest| rest.chars().count() <= self.stem_slack)
            })
        {
            return Some(MatchKind::Stem);
        }
        if self.stem_slack > 0
            && a.stems
                .iter()
                .any(|s| fleeting_vowel(&t.stem, s) || fleeting_vowel(s, &t.stem))
        {
            return Some(MatchKind::Stem);
        }
        let tail_ok = |max: usize| {
            a.folded
                .strip_prefix(t.folded.as_str())
                .is_some_and(|tail| {
                    tail.chars().count() <= max && tail.chars().all(char::is_alphabetic)
                })
        };
        if matches!(self.method, Method::None)
            && tchars >= MIN_COMPOUND_CHARS
            && tail_ok(MAX_PREFIX_TAIL)
        {
            return Some(MatchKind::Prefix);
        }
        if tchars >= MIN_COMPOUND_CHARS
            && a.folded
                .strip_prefix(t.folded.as_str())
                .is_some_and(|tail| self.loose_tails.contains(&tail))
        {
            return Some(MatchKind::Stem);
        }
        if !single || self.compounds == Compounds::None || tchars < MIN_COMPOUND_CHARS {
            return None;
        }
        if a.folded.len() <= t.folded.len() {
            return None;
        }
        // Head of a compound (Haupt|bahnhof, Haupt|bahnhofs, butun|jahon|da): a stem ends with the term's.
        let head = a
            .stems
            .iter()
            .any(|s| s.len() > t.stem.len() + 2 && s.ends_with(t.stem.as_str()))
            || a.folded.ends_with(t.folded.as_str());
        if head {
            return Some(MatchKind::Compound);
        }
        if self.compounds != Compounds::Full {
            return None;
        }
        // Modifier of a compound (Bahnhofs|platz): the word starts with the term
        // and goes on for at least a short word more.
        let starts = a.folded.starts_with(t.stem.as_str())
            && a.folded.chars().count() >= t.stem.chars().count() + 4;
        // Inside a compound (Un|wetter|erscheinungen), for terms long enough not to occur by chance.
        let inside =
            tchars >= MIN_INSIDE_CHARS && a.folded.find(t.stem.as_str()).is_some_and(|i| i >= 2);
        (starts || inside).then_some(MatchKind::Compound)
    }
}

/// Russian (and its neighbours') fleeting vowel: stem `full` has `о`/`е`
/// before its final consonant where stem `short` has nothing, `ь` or `й`
/// (`отец` / `отц`-а, `денег` / `деньг`-и, `рынок` / `рынк`-а, `лев` / `льв`-а).
/// Only in that one place, and only for stems of three letters or more, so two
/// different words are not taken for one.
pub fn fleeting_vowel(full: &str, short: &str) -> bool {
    let f: Vec<char> = full.chars().collect();
    let s: Vec<char> = short.chars().collect();
    let n = f.len();
    if n < 3 || s.len() + 1 < n || s.len() > n {
        return false;
    }
    let last = f[n - 1];
    let consonant = |c: char| ('а'..='я').contains(&c) && !"аеиоуыэюяьйъ".contains(c);
    if !consonant(last) || !matches!(f[n - 2], 'о' | 'е') || s.last() != Some(&last) {
        return false;
    }
    let head = &f[..n - 2];
    let Some(&before) = head.last() else {
        return false;
    };
    if s[..n - 2] != *head {
        return false;
    }
    if s.len() == n - 1 {
        // Dropped after a consonant: отц = от + ц.
        consonant(before)
    } else {
        // Written as a soft sign after a consonant (деньг = ден + ь + г) or as
        // a short i after a vowel (бойц = бо + й + ц).
        (s[n - 2] == 'ь' && consonant(before)) || (s[n - 2] == 'й' && !consonant(before))
    }
}

/// Candidate lemmas of `word`: what is left after stripping 1..=MAX_SUFFIXES
/// suffixes from the end, with stem alternations restored.
fn strip_suffixes(word: &str, sfx: &Suffixes) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    strip_rec(word, sfx, 0, None, &mut out, &mut seen);
    out
}

fn strip_rec(
    word: &str,
    sfx: &Suffixes,
    depth: usize,
    next_suffix: Option<&str>,
    out: &mut Vec<String>,
    seen: &mut HashSet<String>,
) {
    if depth > 0 {
        if !seen.insert(word.to_string()) {
            return;
        }
        out.push(word.to_string());
        // Alternations and dropped vowels appear before a vowel-initial suffix.
        let vowel_next = next_suffix
            .and_then(|s| s.chars().next())
            .is_some_and(|c| sfx.vowels.contains(c));
        if vowel_next {
            for (seen_end, term_end) in &sfx.alternations {
                if let Some(stem) = word.strip_suffix(seen_end.as_str()) {
                    let alt = format!("{stem}{term_end}");
                    if seen.insert(alt.clone()) {
                        out.push(alt);
                    }
                }
            }
            // o'g'l|i -> o'g'il, shahr|i -> shahar, burn|i -> burun: a vowel dropped between the last two consonants.
            let chars: Vec<char> = word.chars().collect();
            if chars.len() >= 3 {
                let (a, b) = (chars[chars.len() - 2], chars[chars.len() - 1]);
                let cons = |c: char| c.is_alphabetic() && !sfx.vowels.contains(c);
                if (cons(a) || text::is_apostrophe(a)) && cons(b) {
                    let head: String = chars[..chars.len() - 1].iter().collect();
                    for v in sfx.vowels.chars().take(5) {
                        let alt = format!("{head}{v}{b}");
                        if seen.insert(alt.clone()) {
                            out.push(alt);
                        }
                    }
                }
            }
        }
    }
    if depth == MAX_SUFFIXES {
        return;
    }
    for s in &sfx.list {
        if let Some(stem) = word.strip_suffix(s.as_str()) {
            let stem = stem.strip_suffix('-').unwrap_or(stem);
            if stem.chars().count() >= MIN_STEM_CHARS {
                strip_rec(stem, sfx, depth + 1, Some(s), out, seen);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(lang: &str, term: &str, word: &str) -> Option<MatchKind> {
        let mut mo = Morph::new(lang);
        let t = mo.term_word(term);
        let a = mo.analyze(word);
        mo.word_match(&t, &a, true)
    }

    #[test]
    fn case_forms_are_one_word() {
        let mut ru = Morph::new("ru");
        assert!(ru.same_word("Узбекистана", "Узбекистане"));
        assert!(ru.same_word("Китаем", "Китая"));
        assert!(ru.same_lemma("Цифровой Шёлковый", "Цифрового Шелкового"));
        assert!(!ru.same_word("Австрии", "Австралии"));
        assert!(!ru.same_word("Узбекистана", "Казахстана"));
        assert!(!ru.same_lemma("Цифровой Шёлковый", "Цифровой"));
        assert!(!ru.same_word("Узбекистан", "Узбекистон"));
        assert!(!ru.same_word("Нассар", "Насар"));
        let mut uz = Morph::new("uz");
        assert!(uz.same_word("O‘zbekistonning", "O'zbekiston"));
        let mut de = Morph::new("de");
        assert!(de.same_word("Bahnhof", "Bahnhöfe"));
        assert!(!de.same_word("Bahnhof", "Bahnsteig"));
    }

    #[test]
    fn russian_inflections_match_by_stem() {
        for w in [
            "дорога",
            "дороги",
            "дороге",
            "дорогу",
            "дорогой",
            "дорогами",
        ] {
            assert!(m("ru", "дорога", w).is_some(), "{w}");
        }
        assert_eq!(m("ru", "ёлка", "елки"), Some(MatchKind::Stem));
        assert_eq!(m("ru", "дорога", "дом"), None);
    }

    #[test]
    fn russian_fleeting_vowels() {
        for (term, word) in [
            ("деньги", "денег"),
            ("отец", "отца"),
            ("отец", "отцами"),
            ("рынок", "рынка"),
            ("рынок", "рынках"),
            ("посол", "посла"),
            ("боец", "бойцов"),
            ("угол", "углу"),
        ] {
            assert!(m("ru", term, word).is_some(), "{term} / {word}");
        }
        // Only a vowel dropped before the last consonant, nothing else.
        for (term, word) in [
            ("отец", "отчет"),
            ("рынок", "рынду"),
            ("лев", "лов"),
            ("угол", "углерод"),
            ("сон", "сны"),
            ("конец", "концерт"),
            ("ветер", "вера"),
        ] {
            assert!(m("ru", term, word).is_none(), "{term} / {word}");
        }
        assert!(fleeting_vowel("денег", "деньг"));
        assert!(!fleeting_vowel("денег", "день"));
        let mut ru = Morph::new("ru");
        assert!(ru.same_word("рынок", "рынка"));
        assert!(!ru.same_word("рынок", "рынду"));
    }

    #[test]
    fn english_east_is_not_easter() {
        assert_eq!(m("en", "east", "Easter"), None);
        assert_eq!(m("en", "station", "stations"), Some(MatchKind::Stem));
    }

    #[test]
    fn german_compounds_contain_terms() {
        assert_eq!(
            m("de", "Bahnhof", "Hauptbahnhof"),
            Some(MatchKind::Compound)
        );
        assert_eq!(
            m("de", "Bahnhof", "Hauptbahnhofs"),
            Some(MatchKind::Compound)
        );
        assert_eq!(
            m("de", "Bahnhof", "Bahnhofsvorplatz"),
            Some(MatchKind::Compound)
        );
        assert_eq!(m("de", "Bahnhof", "Bahnhöfe"), Some(MatchKind::Stem));
        assert_eq!(m("de", "Straße", "Strasse"), Some(MatchKind::Exact));
        assert_eq!(m("de", "Bahn", "Bahnhof"), None);
    }

    #[test]
    fn uzbek_suffixes_alternations_and_apostrophes() {
        assert_eq!(
            m("uz", "qo'mita", "qo\u{2018}mitasining"),
            Some(MatchKind::Suffix)
        );
        assert_eq!(m("uz", "yurak", "yuragi"), Some(MatchKind::Suffix));
        assert_eq!(
            m("uz", "o'g'il", "o\u{02BB}g\u{02BB}li"),
            Some(MatchKind::Suffix)
        );
        assert_eq!(m("uz", "kitob", "kitobxon"), None);
        assert_eq!(
            m("uz", "Oʻzbekiston", "O'zbekistonda"),
            Some(MatchKind::Suffix)
        );
    }

    #[test]
    fn kazakh_suffixes() {
        assert_eq!(m("kk", "кітап", "кітабым"), Some(MatchKind::Suffix));
        assert_eq!(m("kk", "мектеп", "мектептерде"), Some(MatchKind::Suffix));
    }

    #[test]
    fn acronyms_match_only_as_written() {
        assert_eq!(m("en", "US", "us"), None);
        assert_eq!(m("en", "US", "US"), Some(MatchKind::Exact));
    }

    #[test]
    fn unknown_language_uses_bounded_prefix() {
        assert_eq!(m("xx", "abcd", "abcdef"), Some(MatchKind::Prefix));
        assert_eq!(m("xx", "abcd", "abcdefgh"), None);
    }
}
