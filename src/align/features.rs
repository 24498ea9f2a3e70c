//! Language-independent comparison features of one sentence: its length and
//! a bag of anchor keys (numbers, cognate prefixes, names, punctuation, and
//! translations from a [`super::Lexicon`]) that a sentence and its
//! translation tend to share.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Letters kept from the start of a word to form its cognate key (Simard et al. used 4).
pub(crate) const PREFIX: usize = 4;

/// The kinds of anchor a key stands for; each kind has its own weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Number,
    Word,
    Punct,
    Lexicon,
    /// A concept of the built-in multilingual lexicon (see [`super::concepts`]).
    Concept,
    /// The consonant outline of a name, comparable between Han transliterations and
    /// alphabetic spellings (see [`name_keys`]).
    Name,
}

impl Kind {
    fn weight(self) -> f32 {
        match self {
            Kind::Number => 2.0,
            Kind::Word => 1.0,
            Kind::Punct => 0.5,
            Kind::Lexicon => 1.0,
            // Swept 0.3-1.0 on the dev sets: FLORES pairs flat from 0.5, ParIce best at 0.5,
            // Text+Berg flat (0.902-0.906).
            Kind::Concept => 0.5,
            Kind::Name => 1.0,
        }
    }
}

fn table() -> &'static HashMap<char, (String, String)> {
    static TABLE: OnceLock<HashMap<char, (String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("data/cyrillic_latin.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(c), general, uz) = (
                cols.next().and_then(|c| c.chars().next()),
                cols.next().unwrap_or(""),
                cols.next().unwrap_or(""),
            ) else {
                continue;
            };
            m.insert(c, (general.to_string(), uz.to_string()));
        }
        m
    })
}

fn han_readings() -> &'static HashMap<char, &'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("data/han_names.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (c, r) = l.split_once('\t')?;
                Some((c.chars().next()?, r.trim()))
            })
            .collect()
    })
}

/// Consonant classes of a name: labials P, dentals T, velars K, sibilants S, M, N, F
/// (f, v, w), H; vowels and liquids (l, r) are left out, because Chinese transliteration
/// adds vowels and drops or moves liquids. Repeated classes collapse.
fn push_class(out: &mut String, class: char) {
    if !out.ends_with(class) {
        out.push(class);
    }
}

/// Consonant outline of an alphabetic word (lower-case ASCII, as [`fold_word`] gives).
fn latin_outline(word: &str) -> String {
    let b = word.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let class = match b[i] {
            b'b' => Some('P'),
            b'p' if next == Some(b'h') => {
                i += 1;
                Some('F')
            }
            b'p' => Some('P'),
            b'd' => Some('T'),
            b't' => {
                if next == Some(b'h') {
                    i += 1;
                }
                Some('T')
            }
            b'k' if next == Some(b'h') => {
                i += 1;
                Some('H')
            }
            b'g' | b'k' | b'q' => Some('K'),
            b'c' => match next {
                Some(b'e' | b'i' | b'y') => Some('S'),
                Some(b'h') => {
                    i += 1;
                    Some('S')
                }
                _ => Some('K'),
            },
            b'x' => {
                push_class(&mut out, 'K');
                Some('S')
            }
            b's' | b'z' => {
                if next == Some(b'h') {
                    i += 1;
                }
                Some('S')
            }
            b'j' => Some('S'),
            b'm' => Some('M'),
            b'n' => {
                if next == Some(b'g') {
                    i += 1;
                }
                Some('N')
            }
            b'f' | b'v' | b'w' => Some('F'),
            b'h' => Some('H'),
            _ => None,
        };
        if let Some(c) = class {
            push_class(&mut out, c);
        }
        i += 1;
    }
    out
}

/// Consonant outline of one pinyin syllable, appended to `out`.
fn pinyin_outline(syllable: &str, out: &mut String) {
    let initial = if ["zh", "ch", "sh"].iter().any(|p| syllable.starts_with(p)) {
        Some('S')
    } else {
        match syllable.as_bytes().first() {
            Some(b'b' | b'p') => Some('P'),
            Some(b'd' | b't') => Some('T'),
            Some(b'g' | b'k') => Some('K'),
            Some(b'j' | b'q' | b'x' | b'z' | b'c' | b's') => Some('S'),
            Some(b'm') => Some('M'),
            Some(b'n') => Some('N'),
            Some(b'f' | b'w') => Some('F'),
            Some(b'h') => Some('H'),
            _ => None,
        }
    };
    if let Some(c) = initial {
        push_class(out, c);
    }
    if syllable.len() > 1 && (syllable.ends_with('n') || syllable.ends_with("ng")) {
        push_class(out, 'N');
    }
}

/// Classes of a name outline kept as its key.
const OUTLINE: usize = 3;

/// Name keys of a sentence: the consonant outlines of runs of two or more Han characters
/// that Chinese uses to transliterate foreign names, and of capitalised alphabetic words
/// but the first (Cyrillic through its Latin transliteration). 肯尼迪 and Kennedy (or Кеннеди) both give
/// `KNT`, 布热津斯基 and Brzezinski `PSN`. Only worth computing when one side is Chinese.
pub(crate) fn name_keys(text: &str, uzbek: bool) -> Vec<String> {
    let table = han_readings();
    let mut out = Vec::new();
    let mut keep = |outline: String| {
        if outline.chars().count() >= 2 {
            out.push(outline.chars().take(OUTLINE).collect::<String>());
        }
    };
    let mut run: Vec<&str> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        match table.get(&c) {
            Some(r) => run.push(r),
            None => {
                if run.len() >= 2 {
                    let mut outline = String::new();
                    for syllable in &run {
                        pinyin_outline(syllable, &mut outline);
                    }
                    keep(outline);
                }
                run.clear();
            }
        }
    }
    // The first word is capitalised whatever it is, so it says nothing about names.
    for w in words(text).into_iter().skip(1) {
        let mut chars = w.chars();
        if chars.next().is_some_and(|c| c.is_uppercase())
            && chars.clone().count() >= 2
            && !w.chars().any(unspaced)
        {
            keep(latin_outline(&fold_token(w, uzbek)));
        }
    }
    out
}

/// Is this character written without spaces between words (Han, kana, Thai...)?
pub(crate) fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FFFF | 0x0E00..=0x0E7F | 0xAC00..=0xD7AF)
}

/// Folds a word to a lower-case ASCII comparison form: Cyrillic transliterated
/// (Uzbek rules when `uzbek`), diacritics dropped, apostrophes removed.
/// Characters with no Latin reading are kept as they are.
///
/// ```
/// # use tarjima::align::fold_word;
/// assert_eq!(fold_word("Брзезинский", false), "brzezinskiy");
/// assert_eq!(fold_word("Ўзбекистон", true), "ozbekiston");
/// assert_eq!(fold_word("Straße", false), "strasse");
/// assert_eq!(fold_word("Þingvellir", false), "thingvellir");
/// ```
pub fn fold_word(word: &str, uzbek: bool) -> String {
    let t = table();
    let mut latin = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match t.get(&c) {
            Some((g, u)) => latin.push_str(if uzbek { u } else { g }),
            None => match c {
                'ß' => latin.push_str("ss"),
                'æ' => latin.push_str("ae"),
                'œ' => latin.push_str("oe"),
                'ø' => latin.push('o'),
                'ł' => latin.push('l'),
                'đ' | 'ð' => latin.push('d'),
                'þ' => latin.push_str("th"),
                'ı' => latin.push('i'),
                _ => latin.push(c),
            },
        }
    }
    latin
        .nfd()
        .filter(|c| {
            !matches!(*c as u32, 0x0300..=0x036F) && !crate::text::is_apostrophe(*c) && *c != '\''
        })
        .collect()
}

/// A word without an elided article or particle in front (`l'Allemagne` -> `Allemagne`,
/// `d'Italie`, `qu'il`, Italian `dell'Europa`), so it meets its cognate. Not for Uzbek,
/// where a letter and an apostrophe begin a word (`o'zbek`, `g'arb`).
pub(crate) fn strip_elision(word: &str) -> &str {
    let Some((i, c)) = word
        .char_indices()
        .find(|&(_, c)| c == '\'' || crate::text::is_apostrophe(c))
    else {
        return word;
    };
    let head = word[..i].to_lowercase();
    let rest = &word[i + c.len_utf8()..];
    let elided = matches!(
        head.as_str(),
        "l" | "d"
            | "j"
            | "n"
            | "s"
            | "c"
            | "m"
            | "t"
            | "qu"
            | "jusqu"
            | "lorsqu"
            | "puisqu"
            | "dell"
            | "all"
            | "dall"
            | "nell"
            | "sull"
            | "un"
    );
    if elided && rest.chars().next().is_some_and(char::is_alphabetic) {
        rest
    } else {
        word
    }
}

/// A word token of a text folded for matching: [`fold_word`] after [`strip_elision`]
/// (but for Uzbek).
pub(crate) fn fold_token(word: &str, uzbek: bool) -> String {
    fold_word(if uzbek { word } else { strip_elision(word) }, uzbek)
}

/// Splits a text into word tokens: runs of letters/digits, each unspaced-script
/// character on its own. Apostrophes inside words (o'zbek, aujourd'hui) stay.
pub(crate) fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut prev_digit = false;
    for (i, c) in text.char_indices() {
        let inner_apostrophe = start.is_some() && (c == '\'' || crate::text::is_apostrophe(c));
        if unspaced(c) {
            if let Some(s) = start.take() {
                out.push(&text[s..i]);
            }
            out.push(&text[i..i + c.len_utf8()]);
            continue;
        }
        let is_digit = c.is_numeric();
        if c.is_alphanumeric() || inner_apostrophe {
            // A switch between digits and letters ends a token (1960s -> 1960, s).
            if let Some(s) = start
                && is_digit != prev_digit
                && !inner_apostrophe
            {
                out.push(&text[s..i]);
                start = None;
            }
            if start.is_none() {
                start = Some(i);
            }
            if !inner_apostrophe {
                prev_digit = is_digit;
            }
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out.iter()
        .map(|w| w.trim_end_matches(|c: char| c == '\'' || crate::text::is_apostrophe(c)))
        .filter(|w| !w.is_empty())
        .collect()
}

fn punct_key(c: char) -> Option<&'static str> {
    Some(match c {
        '?' | '？' | '¿' => "?",
        '!' | '！' | '¡' => "!",
        '"' | '“' | '”' | '„' | '«' | '»' | '「' | '」' | '『' | '』' | '《' | '》' => {
            "\""
        }
        '(' | ')' | '（' | '）' | '[' | ']' => "(",
        '%' | '％' => "%",
        ':' | '：' => ":",
        '/' | '／' => "/",
        _ => return None,
    })
}

/// Raw (unweighted) anchor keys of a sentence: (kind, key text); name outlines too
/// when `names` (one side of the pair is Chinese).
pub(crate) fn raw_keys(text: &str, uzbek: bool, names: bool) -> Vec<(Kind, String)> {
    let mut out = Vec::new();
    if names {
        out.extend(name_keys(text, uzbek).into_iter().map(|k| (Kind::Name, k)));
    }
    for w in words(text) {
        if w.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        {
            // Full-width digits (２０１９) are the same number as ASCII ones.
            let folded: String = w
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    _ => c,
                })
                .collect();
            let digits = folded.trim_start_matches('0');
            out.push((
                Kind::Number,
                if digits.is_empty() { "0" } else { digits }.to_string(),
            ));
            continue;
        }
        if w.chars().count() == 1 && w.chars().next().is_some_and(unspaced) {
            continue;
        }
        if let Some(v) = super::numerals::word_value(w).filter(|v| names && *v >= 3) {
            out.push((Kind::Number, v.to_string()));
            continue;
        }
        let f = fold_token(w, uzbek);
        let ascii: String = f.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if ascii.chars().count() >= PREFIX && ascii.len() * 2 >= f.len() {
            out.push((Kind::Word, ascii.chars().take(PREFIX).collect()));
        }
    }
    // Numbers in words anchor only in pairs with Chinese (where digits are rare on one
    // side) and only from 3 up: 两/two/ikki also say "a couple, both" loosely.
    if text.chars().any(unspaced) {
        out.extend(
            super::numerals::han_values(text)
                .into_iter()
                .filter(|v| *v >= 3)
                .map(|v| (Kind::Number, v.to_string())),
        );
    }
    let mut quotes = 0;
    for c in text.chars() {
        if let Some(k) = punct_key(c) {
            if k == "\"" {
                quotes += 1;
                if quotes % 2 == 0 {
                    continue;
                }
            }
            if k == "(" && matches!(c, ')' | '）' | ']') {
                continue;
            }
            out.push((Kind::Punct, k.to_string()));
        }
    }
    out
}

/// Normalised full words of a sentence, for lexicon look-up and learning.
pub(crate) fn lexicon_words(text: &str, uzbek: bool) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !w.chars().all(|c| c.is_numeric()))
        .map(|w| {
            if w.chars().any(unspaced) {
                w.to_string()
            } else {
                fold_token(w, uzbek)
            }
        })
        .collect()
}

/// Visible length of a sentence in characters (white space not counted).
pub(crate) fn visible_len(text: &str) -> f32 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f32
}

/// How many alphabetic characters one character of a script stands for: a Han
/// character writes a morpheme (about three Latin letters of a translation), a kana
/// or Hangul block a syllable. Without this, Latin names and digits inside a
/// Chinese sentence weigh as much as Han characters and skew its length.
fn char_units(c: char) -> f32 {
    match c as u32 {
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF => 3.0,
        0x3040..=0x30FF | 0xAC00..=0xD7AF => 2.0,
        _ => 1.0,
    }
}

/// Length of a sentence for the length model: visible characters, each weighted by
/// how much text of an alphabetic script it stands for.
///
/// ```
/// # use tarjima::align::length_units;
/// assert_eq!(length_units("M16 步枪"), 3.0 + 2.0 * 3.0);
/// ```
pub fn length_units(text: &str) -> f32 {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(char_units)
        .sum()
}

/// Is this line noise rather than a sentence: fewer than four letters, or less than
/// half of its visible characters letters (OCR debris such as `* , *^` or `1Ê+ :`)?
/// Such lines are often left out of a translation, so leaving them unaligned is cheap.
pub(crate) fn is_noise(text: &str) -> bool {
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    (letters * 2 < visible && visible > 0) || letters < 2
}

/// Sentence-ending punctuation.
fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
}

/// How many sentences a segment ends by its own punctuation: each stop (`.`, `!`,
/// `?`, `。`...) followed by more text that starts like a sentence, and the stop
/// that ends it. A
/// translation keeps this count more often than not, and where the segmenters of the
/// two sides disagree, it tells which neighbour holds the missing half.
///
/// ```
/// # use tarjima::align::inner_sentences;
/// assert_eq!(inner_sentences("It rained. We stayed in."), 2);
/// assert_eq!(inner_sentences("Dr. Smith met Mr. Brown in the U.S. capital."), 1);
/// assert_eq!(inner_sentences("下雨了。我们待在家里。"), 2);
/// ```
/// Brackets a sentence leaves open and closes without opening them: `(1, 0)` for
/// `Dämon Himalaya ( Basel :`, `(0, 1)` for `Benno Schwabe 1935 ) .`. A sentence that
/// leaves a bracket open followed by one that closes a bracket it did not open are two
/// pieces of one sentence cut inside the brackets (at an abbreviation or a colon).
pub(crate) fn open_brackets(text: &str) -> (u32, u32) {
    let (mut depth, mut unopened) = (0u32, 0u32);
    for c in text.chars() {
        match c {
            '(' | '[' | '«' | '{' => depth += 1,
            ')' | ']' | '»' | '}' => {
                if depth > 0 {
                    depth -= 1;
                } else {
                    unopened += 1;
                }
            }
            _ => {}
        }
    }
    (depth, unopened)
}

/// Does `next` go on with the sentence `prev` began: `prev` ends in a comma, a semicolon, a
/// colon, an ellipsis or a word, and `next` starts in lower case (`Bíddu,` + `hvað er Rakel
/// að gera hér?`, `La descente est une course contre la nuit ;` + `mais c' est en vain .`)?
pub(crate) fn continues(prev: &str, next: &str) -> bool {
    let Some(last) = prev.trim_end().chars().last() else {
        return false;
    };
    let open_end = matches!(last, ',' | ';' | ':' | '…')
        || prev.trim_end().ends_with("...")
        || last.is_alphanumeric();
    open_end
        && next
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
}

/// Does `prev` end at an initial (`Leiter Ch .`, `durch B.M .`, `Marmet-E .`): a single
/// capital letter before the final full stop, the usual place where a segmenter breaks a name?
pub(crate) fn ends_at_initial(prev: &str) -> bool {
    let Some(body) = prev.trim_end().strip_suffix('.') else {
        return false;
    };
    let body = body.trim_end();
    let mut rev = body.chars().rev();
    let (Some(letter), before) = (rev.next(), rev.next()) else {
        return false;
    };
    letter.is_uppercase()
        && letter.is_alphabetic()
        && before.is_none_or(|c| c.is_whitespace() || c == '.' || c == '-')
}

pub fn inner_sentences(text: &str) -> u32 {
    let chars: Vec<char> = text.chars().collect();
    let mut n = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !is_stop(c) || chars.get(i + 1).is_some_and(|&d| is_stop(d)) {
            continue;
        }
        if c == '.' {
            // A full stop after a short word (Mr., U.S.) or inside a number is no break.
            let word = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count();
            let lower = chars[i - word..i].iter().all(|c| c.is_lowercase());
            // After a number of one or two digits it is an ordinal (am 18. Mai).
            let digits = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_numeric())
                .count();
            let after_other = word == 0
                && i > 0
                && (digits >= 3 || matches!(chars[i - 1], ')' | '"' | '”' | '’'));
            if !(word >= 4 || (word == 3 && lower) || after_other) {
                continue;
            }
        }
        let gap: Vec<char> = chars[i + 1..]
            .iter()
            .take_while(|c| !c.is_alphanumeric())
            .copied()
            .collect();
        let Some(&next) = chars.get(i + 1 + gap.len()) else {
            continue;
        };
        let cjk_stop = matches!(c, '。' | '！' | '？');
        let spaced = gap.iter().any(|c| c.is_whitespace());
        if cjk_stop || unspaced(next) || (spaced && (next.is_uppercase() || next.is_numeric())) {
            n += 1;
        }
    }
    // The stop that ends the segment, if any (behind closing quotes and brackets).
    let end = text.trim_end().trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ')' | '"' | '”' | '“' | '’' | '»' | '«' | '」' | '』' | '）'
            )
    });
    if end.chars().next_back().is_some_and(is_stop) {
        n += 1;
    }
    n
}

/// A bag of weighted keys, sorted by key id, each id once.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bag {
    pub items: Vec<(u32, f32)>,
    pub total: f32,
}

impl Bag {
    pub fn from_pairs(mut v: Vec<(u32, f32)>) -> Bag {
        v.sort_unstable_by_key(|p| p.0);
        let mut items: Vec<(u32, f32)> = Vec::with_capacity(v.len());
        for (k, w) in v {
            match items.last_mut() {
                Some(last) if last.0 == k => last.1 += w,
                _ => items.push((k, w)),
            }
        }
        let total = items.iter().map(|p| p.1).sum();
        Bag { items, total }
    }

    /// Keeps only the `k` heaviest keys.
    pub fn keep_heaviest(&mut self, k: usize) {
        if self.items.len() <= k {
            return;
        }
        self.items.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
        self.items.truncate(k);
        self.items.sort_unstable_by_key(|p| p.0);
        self.total = self.items.iter().map(|p| p.1).sum();
    }

    /// The union (sum) of several bags.
    pub fn merge(bags: &[&Bag]) -> Bag {
        let v: Vec<(u32, f32)> = bags.iter().flat_map(|b| b.items.iter().copied()).collect();
        Bag::from_pairs(v)
    }

    /// Whether the bag holds `key`.
    pub fn has(&self, key: u32) -> bool {
        self.items.binary_search_by_key(&key, |p| p.0).is_ok()
    }

    /// Weight the two bags share: sum over keys of the smaller weight.
    pub fn overlap(&self, other: &Bag) -> f32 {
        let (a, b) = (&self.items, &other.items);
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += a[i].1.min(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }
}

/// The number keys of each bag (see [`Kind::Number`]): the anchors that name one thing only.
pub(crate) fn number_bags(ids: &[Vec<(u32, Kind)>], bags: &[Bag]) -> Vec<Bag> {
    ids.iter()
        .zip(bags)
        .map(|(sent, bag)| {
            let numbers: Vec<u32> = sent
                .iter()
                .filter(|(_, kind)| *kind == Kind::Number)
                .map(|p| p.0)
                .collect();
            Bag::from_pairs(
                bag.items
                    .iter()
                    .copied()
                    .filter(|(k, _)| numbers.contains(k))
                    .collect(),
            )
        })
        .collect()
}

/// Interns key strings of one alignment run as small integers.
#[derive(Default)]
pub(crate) struct Interner {
    ids: HashMap<(Kind, String), u32>,
}

impl Interner {
    pub fn id(&mut self, kind: Kind, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(&(kind, key.to_string())) {
            return id;
        }
        let n = self.ids.len() as u32;
        self.ids.insert((kind, key.to_string()), n);
        n
    }

    /// Interned keys of each sentence.
    pub fn keys(&mut self, raw: Vec<(Kind, String)>) -> Vec<(u32, Kind)> {
        raw.into_iter().map(|(k, s)| (self.id(k, &s), k)).collect()
    }
}

/// Builds weighted bags for both sides, weighting each key by its kind and by
/// how rare it is in the document (keys in many sentences say little).
pub(crate) fn bags(s_ids: &[Vec<(u32, Kind)>], t_ids: &[Vec<(u32, Kind)>]) -> (Vec<Bag>, Vec<Bag>) {
    // Document frequency on each side; a key found on one side only cannot anchor anything.
    let mut df: HashMap<u32, (u32, u32)> = HashMap::new();
    for (side, sents) in [(0, s_ids), (1, t_ids)] {
        for sent in sents.iter() {
            let mut seen: Vec<u32> = sent.iter().map(|p| p.0).collect();
            seen.sort_unstable();
            seen.dedup();
            for k in seen {
                let e = df.entry(k).or_insert((0, 0));
                if side == 0 { e.0 += 1 } else { e.1 += 1 }
            }
        }
    }
    let n = (s_ids.len() + t_ids.len()).max(1) as f32;
    let weigh = |side: &[Vec<(u32, Kind)>]| -> Vec<Bag> {
        side.iter()
            .map(|sent| {
                Bag::from_pairs(
                    sent.iter()
                        .copied()
                        .filter(|(k, _)| df.get(k).is_some_and(|d| d.0 > 0 && d.1 > 0))
                        .map(|(k, kind)| {
                            let d = df.get(&k).map_or(1, |d| d.0 + d.1) as f32;
                            let idf = (1.0 + (n / d).ln()).max(0.2);
                            (k, kind.weight() * idf)
                        })
                        .collect(),
                )
            })
            .collect()
    };
    (weigh(s_ids), weigh(t_ids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_scripts_and_digits() {
        assert_eq!(words("In 1960s, O'Neil"), vec!["In", "1960", "s", "O'Neil"]);
        assert_eq!(words("在2019年Apple"), vec!["在", "2019", "年", "Apple"]);
    }

    #[test]
    fn keys_match_across_scripts() {
        let en = raw_keys("Brzezinski met Kennedy in 1961?", false, false);
        let ru = raw_keys("Бжезинский встретил Кеннеди в 1961 году?", false, false);
        let shared: Vec<_> = en.iter().filter(|k| ru.contains(k)).collect();
        assert!(shared.contains(&&(Kind::Number, "1961".to_string())));
        assert!(shared.contains(&&(Kind::Word, "kenn".to_string())));
        assert!(shared.contains(&&(Kind::Punct, "?".to_string())));
    }

    #[test]
    fn names_meet_across_han_and_alphabets() {
        let zh = name_keys(
            "20 世纪 60 年代，布热津斯基先是为约翰·福特·肯尼迪效力。",
            false,
        );
        let uz = name_keys(
            "1960-yillar mobaynida Bjezinski Jon F. Kennedining maslahatchisi",
            true,
        );
        let ru = name_keys("Советник Бжезинский работал на Кеннеди.", false);
        for key in ["PSN", "KNT"] {
            assert!(zh.iter().any(|k| k == key), "{zh:?}");
            assert!(uz.iter().any(|k| k == key), "{uz:?}");
            assert!(ru.iter().any(|k| k == key), "{ru:?}");
        }
        assert_eq!(
            name_keys("卡特", false),
            name_keys("President Carter", false)
        );
        // A capitalised first word is no name.
        assert!(name_keys("Kennedy left.", false).is_empty());
        // Ordinary words and single characters give no key.
        assert!(name_keys("我们同意这个声明。", false).is_empty());
        assert!(name_keys("the cat sat", false).is_empty());
    }

    #[test]
    fn number_words_anchor_against_digits_only_with_chinese() {
        let six = (Kind::Number, "6".to_string());
        assert!(raw_keys("他们六个人", false, true).contains(&six));
        assert!(raw_keys("Sechs Leute kamen", false, true).contains(&six));
        assert!(raw_keys("Six people came", false, true).contains(&six));
        // Without a Chinese side, words stay words.
        assert!(!raw_keys("Six people came", false, false).contains(&six));
        // 两 "two, both" is no anchor.
        assert!(
            !raw_keys("两个人", false, true)
                .iter()
                .any(|k| k.0 == Kind::Number)
        );
    }

    #[test]
    fn elided_articles_are_stripped_but_not_uzbek_letters() {
        assert_eq!(strip_elision("l'Allemagne"), "Allemagne");
        assert_eq!(strip_elision("d\u{2019}Italie"), "Italie");
        assert_eq!(strip_elision("qu'il"), "il");
        assert_eq!(strip_elision("dell'Europa"), "Europa");
        assert_eq!(strip_elision("aujourd'hui"), "aujourd'hui");
        assert_eq!(strip_elision("don't"), "don't");
        assert_eq!(fold_token("O'zbekiston", true), "ozbekiston");
        assert_eq!(fold_token("l'Europe", false), "europe");
        let keys = raw_keys("Il a visité l'Allemagne.", false, false);
        assert!(keys.contains(&(Kind::Word, "alle".to_string())), "{keys:?}");
    }

    #[test]
    fn bag_overlap_takes_minimum() {
        let a = Bag::from_pairs(vec![(1, 1.0), (2, 2.0), (1, 1.0)]);
        let b = Bag::from_pairs(vec![(1, 1.5), (3, 1.0)]);
        assert!((a.overlap(&b) - 1.5).abs() < 1e-6);
        assert!((a.total - 4.0).abs() < 1e-6);
    }

    #[test]
    fn noise_lines_are_debris_not_sentences() {
        assert!(is_noise("* , *^"));
        assert!(is_noise("1Ê+ :"));
        assert!(is_noise("- _-"));
        assert!(!is_noise("Die neue Kote ist jedoch 8222 m."));
        assert!(!is_noise("下雨了。"));
        assert!(is_noise("(12) 34-56"));
    }

    #[test]
    fn continues_joins_open_ends_to_lower_case_starts() {
        assert!(continues("Bíddu,", "hvað er Rakel að gera hér?"));
        assert!(continues("after a night out...", "go right ahead."));
        assert!(continues(
            "Grâce aux cordes fixes , l' arête",
            "est atteinte rapidement ."
        ));
        assert!(continues(
            "La descente est une course contre la nuit ;",
            "mais c' est en vain ."
        ));
        assert!(continues(
            "Il faut chercher une place :",
            "deux banquettes ."
        ));
        assert!(!continues(
            "Die Mannschaft war :",
            "Fritz Morawec als Leiter ."
        ));
        assert!(!continues("Bíddu,", "Hvað er Rakel að gera hér?"));
        assert!(!continues("It ended.", "then it began."));
        assert!(!continues("", "then"));
    }

    #[test]
    fn ends_at_initial_finds_a_name_cut_at_its_initial() {
        assert!(ends_at_initial(
            "Darüber berichtet Trevor Braham , Nr. 293 , S ."
        ));
        // Two-letter forms (`Ch .`, `Dr .`) are left out: too many short words end sentences.
        assert!(!ends_at_initial("Leiter Ch ."));
        assert!(ends_at_initial("Erstersteigung 1933 durch B.M ."));
        assert!(ends_at_initial("Gipfelmannschaften J. Marmet-E ."));
        assert!(ends_at_initial("Ein Bild von J."));
        assert!(!ends_at_initial("Er sah ein grosses A"));
        assert!(!ends_at_initial("Sie stiegen ab ."));
        assert!(!ends_at_initial("Im Lager 4 ."));
        assert!(!ends_at_initial("."));
    }

    #[test]
    fn open_brackets_counts_what_a_piece_leaves_open() {
        assert_eq!(open_brackets("Dämon Himalaya ( Basel :"), (1, 0));
        assert_eq!(open_brackets("Benno Schwabe 1935 ) ."), (0, 1));
        assert_eq!(open_brackets("Ein « Buch » ( 1956 ) ."), (0, 0));
    }

    #[test]
    fn inner_sentences_counts_breaks_not_abbreviations() {
        assert_eq!(inner_sentences("One."), 1);
        assert_eq!(inner_sentences("A title"), 0);
        assert_eq!(
            inner_sentences("Am 18. Mai kam sie. Im Jahr 1956. Dann ging sie."),
            3
        );
        assert_eq!(inner_sentences("He said: “Go.“"), 1);
        assert_eq!(
            inner_sentences("He left (quickly). Then it rained! Why? Nobody knows."),
            4
        );
        assert_eq!(inner_sentences("It costs 3.5 dollars, e.g. at noon."), 1);
        assert_eq!(
            inner_sentences("然而，我们的商品被征收关税。……我们对待你。"),
            2
        );
    }
}
