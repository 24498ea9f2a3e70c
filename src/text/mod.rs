//! Text normalisation and tokenisation: the one place that decides what a
//! "word" is, so that segmentation, alignment, fuzzy matching and QA agree.
//!
//! Every text that enters tarjima is put through [`normalize`] (Unicode NFC,
//! one apostrophe, single spaces). Matching keys ([`match_key`]) additionally
//! fold case. [`tokens`] splits a text into words, numbers and punctuation
//! with byte offsets into the text it was given, so callers can point at the
//! exact span that matched.
//!
//! ```
//! use tarjima::text::{normalize, tokens, TokenKind};
//! // Uzbek writes o‘ and g‘ with several different apostrophes; they fold to one.
//! assert_eq!(normalize("O\u{2018}zbekiston  bo\u{02BB}ylab"), "O'zbekiston bo'ylab");
//! let t = tokens("Narxi 3,5 mln so'm.");
//! assert_eq!(t.iter().map(|t| t.text).collect::<Vec<_>>(), ["Narxi", "3,5", "mln", "so'm", "."]);
//! assert_eq!(t[1].kind, TokenKind::Number);
//! ```

use unicode_normalization::UnicodeNormalization;

/// Characters that are typed for the apostrophe-like letter of Uzbek (o‘, g‘),
/// the Uzbek tutuq belgisi (ʼ) and the English apostrophe. All fold to `'`.
pub const APOSTROPHES: &[char] = &[
    '\'', '\u{2018}', '\u{2019}', '\u{02BB}', '\u{02BC}', '\u{02BD}', '\u{0060}', '\u{00B4}',
    '\u{2032}',
];

/// True for any of the [`APOSTROPHES`].
pub fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// Replaces every apostrophe variant by `'` (U+0027). Other characters are untouched.
pub fn fold_apostrophes(s: &str) -> String {
    s.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .collect()
}

/// Canonical form of a text for storage and comparison: NFC, apostrophes
/// folded, every run of white space (including NBSP and line breaks) turned
/// into one space, no leading or trailing space. Case is kept.
pub fn normalize(s: &str) -> String {
    // Most text is NFC already, and the quick check is far cheaper than composing.
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => normalize_chars(s.chars(), s.len()),
        _ => normalize_chars(s.nfc(), s.len()),
    }
}

/// [`normalize`] over characters already in NFC.
fn normalize_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if is_apostrophe(c) { '\'' } else { c });
    }
    out
}

/// What kind of token a [`Token`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// Letters (with inner apostrophes and hyphens: `o'zbek`, `IT-Park`), or one Han/Kana character.
    Word,
    /// Digits, with inner `.` `,` `:` `/` `-` between digits (`3,5`, `01.02.2026`, `10:30`).
    Number,
    /// Anything else that is not white space, one character a token.
    Punct,
}

/// A token: a slice of the text it came from, with its byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

/// True for characters of scripts written without spaces between words
/// (Han, Hiragana, Katakana, Thai...), which are tokenised one character a word.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Ext A
        | 0x4E00..=0x9FFF // CJK Unified
        | 0xF900..=0xFAFF // CJK Compatibility
        | 0x20000..=0x2FA1F
        | 0x0E00..=0x0E7F // Thai
        | 0x0E80..=0x0EFF // Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
    )
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() || is_mark(c)) && !is_unspaced_script(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks (Devanagari vowel signs etc.) belong to the word they follow.
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x064B..=0x065F | 0x1AB0..=0x1AFF)
        && !c.is_whitespace()
}

/// Splits `s` into word, number and punctuation tokens with byte offsets.
///
/// Inner apostrophes and hyphens stay inside words (`so'm`, `o'zbek`,
/// `Bundes-Land`), inner separators stay inside numbers (`3,5`, `2026-02-01`);
/// a word glued to digits (`1-toifa`, `COVID-19`) is one word token.
pub fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i + 1 < n { chars[i + 1].0 } else { s.len() };
    let mut i = 0;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_unspaced_script(c) {
            out.push(Token {
                text: &s[start..end_of(i)],
                start,
                end: end_of(i),
                kind: TokenKind::Word,
            });
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let mut j = i;
            let mut all_digits = true;
            loop {
                let (_, cj) = chars[j];
                if !cj.is_numeric() {
                    all_digits = false;
                }
                // Can the token continue past chars[j]?
                if j + 1 < n && is_word_char(chars[j + 1].1) {
                    j += 1;
                    continue;
                }
                // Inner joiner followed by a word character.
                if j + 2 < n && is_word_char(chars[j + 2].1) {
                    let joiner = chars[j + 1].1;
                    let prev_digit = cj.is_numeric();
                    let next_digit = chars[j + 2].1.is_numeric();
                    let word_joiner =
                        is_apostrophe(joiner) || joiner == '-' || joiner == '\u{2011}';
                    let number_joiner = matches!(joiner, '.' | ',' | ':' | '/' | '-');
                    if (word_joiner && !(prev_digit && next_digit && joiner != '-'))
                        || (number_joiner && prev_digit && next_digit)
                    {
                        j += 2;
                        continue;
                    }
                }
                // A trailing apostrophe that is an Uzbek letter (o', g') inside a word is
                // handled above; a final one (e.g. "boys'") is left as punctuation.
                break;
            }
            let end = end_of(j);
            out.push(Token {
                text: &s[start..end],
                start,
                end,
                kind: if all_digits {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
            });
            i = j + 1;
            continue;
        }
        out.push(Token {
            text: &s[start..end_of(i)],
            start,
            end: end_of(i),
            kind: TokenKind::Punct,
        });
        i += 1;
    }
    // Numbers: a token made of digits and separators only.
    for t in &mut out {
        if t.kind == TokenKind::Word
            && t.text.chars().next().is_some_and(|c| c.is_numeric())
            && t.text
                .chars()
                .all(|c| c.is_numeric() || ".,:/-".contains(c))
        {
            t.kind = TokenKind::Number;
        }
    }
    out
}

/// Lower-cases a text the way matching does (Unicode lower case; Turkish dotted
/// capital İ becomes `i`).
pub fn fold_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\u{0130}' {
            out.push('i');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The matching key of a text: [`normalize`]d, case-folded, word and number
/// tokens joined by single spaces (punctuation dropped). Two sentences with the
/// same key differ only in case, punctuation or spacing.
pub fn match_key(s: &str) -> String {
    let n = fold_case(&normalize(s));
    let mut out = String::with_capacity(n.len());
    for t in tokens(&n) {
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

/// True when the text looks like binary data rather than text (NUL bytes or many control characters).
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 20 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        tokens(s).iter().map(|t| t.text).collect()
    }

    #[test]
    fn normalize_folds_space_and_apostrophes() {
        assert_eq!(normalize("  a\u{00A0}\u{00A0}b\n c "), "a b c");
        assert_eq!(normalize("g\u{2018}oya o\u{2019}z"), "g'oya o'z");
        // NFC: e + combining acute becomes é
        assert_eq!(normalize("e\u{0301}t\u{00E9}"), "\u{00E9}t\u{00E9}");
    }

    #[test]
    fn tokens_keep_offsets() {
        let s = "Xitoy bilan 2026-yil 1-fevral, \"IT Park\".";
        for t in tokens(s) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
        assert_eq!(
            texts(s),
            [
                "Xitoy", "bilan", "2026-yil", "1-fevral", ",", "\"", "IT", "Park", "\"", "."
            ]
        );
    }

    #[test]
    fn numbers_and_words() {
        let t = tokens("3.5 01.02.2026 10:30 COVID-19 z.B.");
        let kinds: Vec<_> = t.iter().map(|t| (t.text, t.kind)).collect();
        assert_eq!(kinds[0], ("3.5", TokenKind::Number));
        assert_eq!(kinds[1], ("01.02.2026", TokenKind::Number));
        assert_eq!(kinds[2], ("10:30", TokenKind::Number));
        assert_eq!(kinds[3], ("COVID-19", TokenKind::Word));
        assert_eq!(kinds[4], ("z", TokenKind::Word));
    }

    #[test]
    fn han_is_one_char_per_token() {
        assert_eq!(
            texts("乌兹别克斯坦和中国。"),
            ["乌", "兹", "别", "克", "斯", "坦", "和", "中", "国", "。"]
        );
    }

    #[test]
    fn match_key_ignores_case_and_punct() {
        assert_eq!(match_key("Hello,  World!"), match_key("hello world"));
        assert_ne!(match_key("hello world"), match_key("hello word"));
        assert_eq!(match_key("İstanbul"), "istanbul");
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"abc\0def"));
        assert!(!looks_binary("Ўзбекистон\n".as_bytes()));
    }
}
