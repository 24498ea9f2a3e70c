//! The match score: word-level edit distance on normalised tokens, with small
//! stated penalties for differences that do not change a word.
//!
//! A segment is [`analyse`]d into *base tokens* (case-folded words, every
//! number replaced by `#`, inline tags and placeholders left out) and the
//! things the base tokens ignore: the raw words (case), the numbers, the
//! punctuation, the spacing and the tags. Then (see `docs/scoring.md`):
//!
//! * `d` = word-level Levenshtein distance between the base tokens, `L` = the
//!   longer of the two base-token counts, `B = floor(100 * (L - d) / L)`;
//! * `p` = penalty points: case 1, punctuation 1, spacing 1, numbers 2, tags 2,
//!   summed and capped at 5;
//! * `d = 0`: score `100 - p` (100 only for identical normalised texts, else 95..=99);
//! * `d > 0`: score `max(0, min(B, 94) - p)`, so 95..=100 stays reserved for
//!   "the same words".
//!
//! The score never exceeds `B`, which is what makes the candidate index
//! provably complete (see [`super::search`]).
//!
//! ```
//! use tarjima::fuzzy::score::{analyse, compare};
//! let q = analyse("The cat sat on the mat.");
//! assert_eq!(compare(&q, &analyse("The cat sat on the mat.")).score, 100);
//! assert_eq!(compare(&q, &analyse("the cat sat on the mat")).score, 98); // case + punctuation
//! assert_eq!(compare(&q, &analyse("The dog sat on the mat.")).score, 83); // 1 word of 6
//! ```

use std::sync::OnceLock;

use regex::Regex;

use crate::text::{self, TokenKind};

/// Penalty points for each kind of non-word difference (see the module doc).
pub const PENALTY_CASE: u32 = 1;
pub const PENALTY_PUNCT: u32 = 1;
pub const PENALTY_SPACE: u32 = 1;
pub const PENALTY_NUMBERS: u32 = 2;
pub const PENALTY_TAGS: u32 = 2;
/// The most penalty points a match can lose.
pub const PENALTY_CAP: u32 = 5;
/// The highest score of a match whose words differ.
pub const WORD_DIFF_CAP: u32 = 94;
/// The score of an identical source whose neighbours match the query's too.
pub const CONTEXT_MATCH: u32 = 101;

/// The base token that stands for any number.
pub const NUMBER_TOKEN: &str = "#";

/// A segment taken apart for scoring.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    /// The normalised text ([`text::normalize`]).
    pub text: String,
    /// Base tokens: case-folded words, `#` for numbers; tags and punctuation left out.
    pub words: Vec<String>,
    /// The raw text of each base token (case kept, the real number).
    pub raw: Vec<String>,
    /// Byte span of each base token in [`Analysed::text`].
    pub spans: Vec<(usize, usize)>,
    /// The numbers, in order.
    pub numbers: Vec<String>,
    /// Inline tags and placeholders (`<b>`, `{1}`, `%s`), in order.
    pub tags: Vec<String>,
    /// Punctuation characters, in order.
    pub punct: Vec<String>,
    /// For every token (words, numbers, punctuation, tags) in order: is there a space before it?
    pub spacing: Vec<bool>,
}

fn tag_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        // Markup tags, {1} / {name} / {{name}} placeholders, printf-style %s %1$d, ${var}, %VAR%.
        Regex::new(
            r"</?[A-Za-z][A-Za-z0-9:_-]*(?:\s[^<>]*)?/?>|\{\{?[A-Za-z0-9_.:$-]{1,40}\}?\}|%(?:\d+\$)?[-+0#]?\d*(?:\.\d+)?[sdifgxXcu@]\b|\$\{[A-Za-z0-9_.]+\}|%[A-Za-z_][A-Za-z0-9_]*%",
        )
        .expect("the tag pattern is valid")
    })
}

/// Takes `s` apart into base tokens and the differences the score treats lightly.
pub fn analyse(s: &str) -> Analysed {
    let norm = normalize(s);
    // Every tag pattern starts with one of these; most texts have none (skip the regex).
    let tag_spans: Vec<(usize, usize)> = if norm.contains(['<', '{', '%', '$']) {
        tag_regex()
            .find_iter(&norm)
            .map(|m| (m.start(), m.end()))
            .collect()
    } else {
        Vec::new()
    };
    let mut a = Analysed {
        text: String::new(),
        words: Vec::new(),
        raw: Vec::new(),
        spans: Vec::new(),
        numbers: Vec::new(),
        tags: Vec::new(),
        punct: Vec::new(),
        spacing: Vec::new(),
    };
    let mut next_tag = 0;
    let mut prev_end = 0;
    let spaced = |from: usize, to: usize| norm[from.min(to)..to].contains(' ');
    for t in text::tokens(&norm) {
        // Emit the tags that start before this token.
        while next_tag < tag_spans.len() && tag_spans[next_tag].0 <= t.start {
            let (ts, te) = tag_spans[next_tag];
            if ts >= prev_end {
                a.spacing.push(spaced(prev_end, ts));
                a.tags.push(norm[ts..te].to_string());
                prev_end = te;
            }
            next_tag += 1;
        }
        if t.start < prev_end {
            continue; // inside a tag
        }
        a.spacing.push(spaced(prev_end, t.start));
        prev_end = t.end;
        match t.kind {
            TokenKind::Punct => a.punct.push(t.text.to_string()),
            TokenKind::Number => {
                a.numbers.push(t.text.to_string());
                a.words.push(NUMBER_TOKEN.to_string());
                a.raw.push(t.text.to_string());
                a.spans.push((t.start, t.end));
            }
            TokenKind::Word => {
                a.words.push(text::fold_case(t.text));
                a.raw.push(t.text.to_string());
                a.spans.push((t.start, t.end));
            }
        }
    }
    for &(ts, te) in &tag_spans[next_tag..] {
        if ts >= prev_end {
            a.spacing.push(spaced(prev_end, ts));
            a.tags.push(norm[ts..te].to_string());
            prev_end = te;
        }
    }
    a.text = norm;
    a
}

/// [`text::normalize`], with a fast path for ASCII text (already NFC): only the
/// white space and the apostrophes need folding. Scoring runs this on every
/// candidate, so it matters.
fn normalize(s: &str) -> String {
    if !s.is_ascii() {
        return text::normalize(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(if text::is_apostrophe(c) { '\'' } else { c });
    }
    out
}

/// One step of the word diff between the query and a match.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum DiffOp {
    /// The same word (possibly differing in case).
    Equal { text: String },
    /// A number in the same place with another value.
    Number { query: String, found: String },
    /// A word of the query the match does not have.
    Delete { query: String },
    /// A word the match has and the query does not.
    Insert { found: String },
    /// A word of the query replaced by another in the match.
    Replace { query: String, found: String },
}

/// What comparing a query with a candidate gave.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Comparison {
    /// The score, 0 to 100 (101 is given by the caller for a context match).
    pub score: u32,
    /// Word-level edit distance between the base tokens.
    pub distance: usize,
    /// The non-word differences found: `case`, `punctuation`, `spacing`, `numbers`, `tags`.
    pub differences: Vec<&'static str>,
}

/// Word-level edit distance between two token lists.
pub fn word_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `floor(100 * (l - d) / l)`, the base percentage (100 when both are empty).
pub fn base_percent(d: usize, l: usize) -> u32 {
    if l == 0 {
        return 100;
    }
    (100 * (l - d.min(l)) / l) as u32
}

/// Scores candidate `c` against query `q`.
pub fn compare(q: &Analysed, c: &Analysed) -> Comparison {
    let d = word_distance(&q.words, &c.words);
    let l = q.words.len().max(c.words.len());
    let mut differences = Vec::new();
    let mut p = 0;
    if q.text == c.text {
        return Comparison {
            score: 100,
            distance: 0,
            differences,
        };
    }
    if d == 0 {
        // Same words up to case: do they differ in case? (numbers are judged on their own)
        let words = |a: &Analysed| -> Vec<String> {
            a.raw
                .iter()
                .zip(&a.words)
                .filter(|(_, w)| *w != NUMBER_TOKEN)
                .map(|(r, _)| r.clone())
                .collect()
        };
        if words(q) != words(c) {
            differences.push("case");
            p += PENALTY_CASE;
        }
    }
    if q.punct != c.punct {
        differences.push("punctuation");
        p += PENALTY_PUNCT;
    }
    if q.numbers != c.numbers {
        differences.push("numbers");
        p += PENALTY_NUMBERS;
    }
    if q.tags != c.tags {
        differences.push("tags");
        p += PENALTY_TAGS;
    }
    // Spacing only counts when the token sequences line up (else another difference shows).
    if q.spacing.len() == c.spacing.len() && q.spacing != c.spacing {
        differences.push("spacing");
        p += PENALTY_SPACE;
    }
    if d == 0 && p == 0 {
        // Different texts with no difference found above (e.g. a symbol inside a tag).
        differences.push("other");
        p = 1;
    }
    let p = p.min(PENALTY_CAP);
    let score = if d == 0 {
        100 - p
    } else {
        base_percent(d, l).min(WORD_DIFF_CAP).saturating_sub(p)
    };
    Comparison {
        score,
        distance: d,
        differences,
    }
}

/// The word diff turning the query `q` into the candidate `c` (one minimal edit script).
pub fn diff(q: &Analysed, c: &Analysed) -> Vec<DiffOp> {
    let (n, m) = (q.words.len(), c.words.len());
    let mut dp = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in dp.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in dp[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = dp[i - 1][j - 1] + usize::from(q.words[i - 1] != c.words[j - 1]);
            dp[i][j] = sub.min(dp[i - 1][j] + 1).min(dp[i][j - 1] + 1);
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 {
            let same = q.words[i - 1] == c.words[j - 1];
            if dp[i][j] == dp[i - 1][j - 1] + usize::from(!same) {
                let (qr, cr) = (q.raw[i - 1].clone(), c.raw[j - 1].clone());
                ops.push(if !same {
                    DiffOp::Replace {
                        query: qr,
                        found: cr,
                    }
                } else if q.words[i - 1] == NUMBER_TOKEN && qr != cr {
                    DiffOp::Number {
                        query: qr,
                        found: cr,
                    }
                } else {
                    DiffOp::Equal { text: cr }
                });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && dp[i][j] == dp[i - 1][j] + 1 {
            ops.push(DiffOp::Delete {
                query: q.raw[i - 1].clone(),
            });
            i -= 1;
        } else {
            ops.push(DiffOp::Insert {
                found: c.raw[j - 1].clone(),
            });
            j -= 1;
        }
    }
    ops.reverse();
    ops
}

/// The diff as one line: `{+inserted+}`, `[-deleted-]`, `[-old-]{+new+}`.
pub fn diff_line(ops: &[DiffOp]) -> String {
    let parts: Vec<String> = ops
        .iter()
        .map(|op| match op {
            DiffOp::Equal { text } => text.clone(),
            DiffOp::Number { query, found } | DiffOp::Replace { query, found } => {
                format!("[-{found}-]{{+{query}+}}")
            }
            DiffOp::Delete { query } => format!("{{+{query}+}}"),
            DiffOp::Insert { found } => format!("[-{found}-]"),
        })
        .collect();
    parts.join(" ")
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_numeric()).collect()
}

/// Where a match differs from the query only in numbers (same words), the
/// stored target with the stored numbers replaced by the query's. `None` when
/// the numbers are the same, the words differ, or a number cannot be placed in
/// the target unambiguously.
///
/// ```
/// use tarjima::fuzzy::score::{analyse, substitute_numbers};
/// let q = analyse("Delivery in 5 days.");
/// let c = analyse("Delivery in 3 days.");
/// assert_eq!(substitute_numbers(&q, &c, "Lieferung in 3 Tagen.").as_deref(), Some("Lieferung in 5 Tagen."));
/// ```
pub fn substitute_numbers(q: &Analysed, c: &Analysed, target: &str) -> Option<String> {
    if q.words != c.words || q.numbers == c.numbers || q.numbers.len() != c.numbers.len() {
        return None;
    }
    let tgt_tokens: Vec<_> = text::tokens(target)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Number)
        .collect();
    let mut used = vec![false; tgt_tokens.len()];
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (qn, cn) in q.numbers.iter().zip(&c.numbers) {
        if qn == cn {
            continue;
        }
        // The stored number's place in the target: an unused number token with
        // the same digits (3.5 and 3,5 are the same number in another locale).
        let want = digits(cn);
        let k = tgt_tokens
            .iter()
            .enumerate()
            .position(|(k, t)| !used[k] && digits(t.text) == want)?;
        used[k] = true;
        let t = tgt_tokens[k];
        edits.push((t.start, t.end, localise(qn, cn, t.text)));
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(target.len() + 8);
    let mut at = 0;
    for (s, e, rep) in edits {
        out.push_str(&target[at..s]);
        out.push_str(&rep);
        at = e;
    }
    out.push_str(&target[at..]);
    Some(out)
}

/// Writes the query's number `qn` the way the target wrote the stored number:
/// where `cn` (source) and `tn` (target) differ only in separators, the same
/// separator swap is applied to `qn` (`3.5` → `3,5`).
fn localise(qn: &str, cn: &str, tn: &str) -> String {
    if cn == tn || cn.chars().count() != tn.chars().count() {
        return qn.to_string();
    }
    let mut map: Vec<(char, char)> = Vec::new();
    for (a, b) in cn.chars().zip(tn.chars()) {
        if a == b {
            continue;
        }
        if a.is_numeric() || b.is_numeric() {
            return qn.to_string();
        }
        match map.iter().find(|(x, _)| *x == a) {
            Some(&(_, y)) if y != b => return qn.to_string(),
            Some(_) => {}
            None => map.push((a, b)),
        }
    }
    qn.chars()
        .map(|ch| map.iter().find(|(x, _)| *x == ch).map_or(ch, |&(_, y)| y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(q: &str, c: &str) -> u32 {
        compare(&analyse(q), &analyse(c)).score
    }

    #[test]
    fn ascii_fast_path_equals_text_normalize() {
        let cases = [
            "  a  b\t\nc ",
            "it`s a 'test'",
            "x\u{0B}y\u{0C}z\r\n",
            "",
            "   ",
            "plain",
        ];
        for c in cases {
            assert_eq!(normalize(c), text::normalize(c), "{c:?}");
        }
        // Every ASCII character, alone and between letters.
        for b in 0u8..128 {
            let s = format!("a{}b{} ", b as char, b as char);
            assert_eq!(normalize(&s), text::normalize(&s), "{b}");
        }
    }

    #[test]
    fn identical_is_100_and_whitespace_runs_are_normalised() {
        assert_eq!(s("Hello world.", "Hello world."), 100);
        assert_eq!(s("Hello  world.", "Hello world."), 100);
    }

    #[test]
    fn non_word_differences_are_95_to_99() {
        assert_eq!(s("Hello world.", "hello world."), 99); // case
        assert_eq!(s("Hello world.", "Hello world!"), 99); // punctuation
        assert_eq!(s("Hello world .", "Hello world."), 99); // spacing
        assert_eq!(s("Wait 5 days.", "Wait 7 days."), 98); // numbers
        assert_eq!(s("Click <b>Save</b>.", "Click Save."), 98); // tags
        assert_eq!(s("Press {1} to go.", "Press {2} to go."), 98);
        let all = s("<b>Wait</b> 5 days!", "wait 7 days .");
        assert_eq!(all, 95, "penalties are capped at 5");
    }

    #[test]
    fn word_differences_follow_the_formula_and_stay_below_95() {
        // 1 substitution in 6 words: floor(100 * 5 / 6) = 83.
        assert_eq!(s("The cat sat on the mat.", "The dog sat on the mat."), 83);
        // 1 insertion, L = 4: 75.
        assert_eq!(s("one two three", "one two three four"), 75);
        // 1 word of 30 differs: B = 96, capped to 94.
        let long: Vec<String> = (0..30).map(|i| format!("w{i}x")).collect();
        let mut other = long.clone();
        other[3] = "zzz".into();
        assert_eq!(s(&long.join(" "), &other.join(" ")), 94);
        // words and a number differ: 83 - 2.
        assert_eq!(
            s("The cat sat on 5 mats.", "The dog sat on 7 mats."),
            83 - 2
        );
        assert_eq!(s("alpha beta", "gamma delta"), 0);
    }

    #[test]
    fn score_never_exceeds_base_percent() {
        let pairs = [
            ("a b c", "a b d"),
            ("A b, c!", "a b c"),
            ("x 1 2 y", "x 3 y"),
            ("{1} go", "go {2}"),
        ];
        for (q, c) in pairs {
            let (qa, ca) = (analyse(q), analyse(c));
            let d = word_distance(&qa.words, &ca.words);
            let l = qa.words.len().max(ca.words.len());
            assert!(compare(&qa, &ca).score <= base_percent(d, l), "{q} / {c}");
        }
    }

    #[test]
    fn analyse_separates_tags_numbers_and_words() {
        let a = analyse("Press <b>Start</b> in {1} 10 seconds.");
        assert_eq!(a.words, ["press", "start", "in", "#", "seconds"]);
        assert_eq!(a.tags, ["<b>", "</b>", "{1}"]);
        assert_eq!(a.numbers, ["10"]);
        assert_eq!(a.punct, ["."]);
        for (k, (s, e)) in a.spans.iter().enumerate() {
            assert_eq!(&a.text[*s..*e], a.raw[k]);
        }
    }

    #[test]
    fn diff_marks_changes() {
        let q = analyse("The cat sat on 5 mats");
        let c = analyse("The dog sat on 7 mats today");
        let ops = diff(&q, &c);
        assert!(ops.contains(&DiffOp::Replace {
            query: "cat".into(),
            found: "dog".into()
        }));
        assert!(ops.contains(&DiffOp::Number {
            query: "5".into(),
            found: "7".into()
        }));
        assert!(ops.contains(&DiffOp::Insert {
            found: "today".into()
        }));
        assert_eq!(
            diff_line(&ops),
            "The [-dog-]{+cat+} sat on [-7-]{+5+} mats [-today-]"
        );
    }

    #[test]
    fn numbers_are_substituted_in_the_target() {
        let q = analyse("Price: 3.5 euros for 12 items.");
        let c = analyse("Price: 2.75 euros for 10 items.");
        assert_eq!(
            substitute_numbers(&q, &c, "Preis: 2,75 Euro für 10 Artikel.").as_deref(),
            Some("Preis: 3,5 Euro für 12 Artikel.")
        );
        // A number the target does not contain: no suggestion.
        assert_eq!(substitute_numbers(&q, &c, "Preis: zwei Euro."), None);
        // Words differ: no suggestion.
        let c2 = analyse("Cost: 2.75 euros for 10 items.");
        assert_eq!(
            substitute_numbers(&q, &c2, "Preis: 2,75 Euro für 10 Artikel."),
            None
        );
    }
}
