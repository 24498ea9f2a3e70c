//! Sentence segmentation: splits a text into sentences with per-language rules.
//!
//! A line break (`\n`) always ends a sentence (two lines never merge). Within a line,
//! a sentence ends after a run of stops (`.` `!` `?` `…`, their full-width and
//! other-script forms, ellipses written `...` or `. . .`), followed by any
//! closing quotes and brackets, then white space — unless the rules of the
//! language say otherwise. Chinese and Japanese full-width stops end a sentence
//! without a space. The rules are data (`rules/*.txt`, see [`ruleset`]):
//! abbreviation classes, sentence starters, options and SRX-style break /
//! no-break rules. Numbered and bulleted lists written on one line are split
//! before each item.
//!
//! ```
//! use tarjima::segment::Segmenter;
//! let s = Segmenter::for_lang("en");
//! assert_eq!(s.split("It rained. We left!"), ["It rained.", "We left!"]);
//! assert_eq!(s.split("Dr. Smith lives in the U.S. He works here."),
//!            ["Dr. Smith lives in the U.S.", "He works here."]);
//! let de = Segmenter::for_lang("de");
//! assert_eq!(de.split("Am 1. Februar 2026 kam er, z. B. mit dem Zug. Es regnete."),
//!            ["Am 1. Februar 2026 kam er, z. B. mit dem Zug.", "Es regnete."]);
//! ```

pub mod article;
pub mod ruleset;

use std::collections::HashMap;
use std::sync::OnceLock;

use ruleset::{Class, Rules};

/// A sentence splitter for one language.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: String,
    rules: &'static Rules,
    /// Chinese/Japanese: ASCII stops also end a sentence before an unspaced-script character.
    unspaced: bool,
    /// Uzbek: o‘ and g‘ are letters; a lower-case "o‘" may be a lost capital.
    apostrophe_letters: bool,
}

fn all_rules() -> &'static HashMap<&'static str, Rules> {
    static RULES: OnceLock<HashMap<&'static str, Rules>> = OnceLock::new();
    RULES.get_or_init(ruleset::build_all)
}

impl Segmenter {
    /// The segmenter for a BCP 47 tag (`und` or unknown tags get the generic rules).
    pub fn for_lang(tag: &str) -> Self {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let all = all_rules();
        let rules = all
            .get(primary.as_str())
            .or_else(|| all.get("generic"))
            .unwrap_or_else(|| empty_rules());
        Segmenter {
            lang: tag.to_string(),
            rules,
            unspaced: matches!(primary.as_str(), "zh" | "ja"),
            apostrophe_letters: primary == "uz",
        }
    }

    /// The language this segmenter was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Splits `text` into trimmed, non-empty sentences, slices of `text`, in order.
    pub fn split<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        for line in text.split('\n') {
            let mut rest = line;
            // A list written on one line: split before each item first.
            while let Some(cut) = next_list_item(rest) {
                self.split_line(&rest[..cut], &mut out);
                rest = &rest[cut..];
            }
            self.split_line(rest, &mut out);
        }
        out
    }

    fn split_line<'a>(&self, line: &'a str, out: &mut Vec<&'a str>) {
        let b = line.as_bytes();
        let mut seg_start = 0;
        let mut i = 0;
        let mut spans: Option<Vec<Span>> = None;
        while i < b.len() {
            // Skip to the next byte that can start a stop: '.', '!', '?' or a non-ASCII lead byte.
            match b[i..]
                .iter()
                .position(|&x| x == b'.' || x == b'!' || x == b'?' || x >= 0xC0)
            {
                Some(k) => i += k,
                None => break,
            }
            let c = b[i];
            let ch = if c < 0x80 {
                c as char
            } else if c < 0xC0 {
                i += 1;
                continue;
            } else {
                let ch = line[i..].chars().next().unwrap_or(' ');
                if !is_stop(ch) {
                    i += ch.len_utf8();
                    continue;
                }
                ch
            };
            let spans = spans.get_or_insert_with(|| {
                let mut v = quote_spans(line);
                if !self.apostrophe_letters {
                    single_quote_spans(line, &mut v);
                }
                v
            });
            let run = scan_run(line, seg_start, i, ch, spans);
            let quoted = spans.iter().any(|s| s.open < i && run.end <= s.close);
            if !quoted && self.is_boundary(line, seg_start, i, &run) {
                push_trimmed(out, &line[seg_start..run.end]);
                seg_start = run.end;
            }
            i = run.end.max(i + 1);
        }
        push_trimmed(out, &line[seg_start..]);
    }

    /// Decides whether the run of stops starting at `i` ends the sentence begun at `seg_start`.
    fn is_boundary(&self, line: &str, seg_start: usize, i: usize, run: &Run) -> bool {
        let after = &line[run.end..];
        let Some(first_after) = after.chars().next() else {
            return false; // end of line: the caller ends the segment anyway
        };
        if !first_after.is_whitespace()
            && run.dots == 1
            && run.other_stops == 0
            && glued_sentence(line, i, run.end)
        {
            return true;
        }
        if !first_after.is_whitespace() {
            // Full-width stops need no space; in Chinese an ASCII stop before a Han character ends too.
            return run.full_width
                || (self.unspaced
                    && !run.dots_only()
                    && !run.ellipsis_char
                    && crate::text::is_unspaced_script(first_after));
        }
        // A stray stop at the start of a sentence joins it, except an unspaced run of dots before
        // a capital ("Sentence. .. Next"): that stands alone.
        if line[seg_start..i].trim().is_empty() {
            return run.dots_only()
                && run.dots >= 2
                && !run.spaced
                && next_word(after).first.is_some_and(char::is_uppercase);
        }
        let next = next_word(after);
        if let Some(v) = self
            .rules
            .srx_verdict(window_before(line, seg_start, run.end), after)
        {
            return v;
        }
        // "pH", "iPhone" are capitalised words; so is Uzbek "o‘zbek"/"g‘oya" where the capital
        // O‘/G‘ is often lost in typing (the letter is two characters).
        let lower_next = next.first.is_some_and(char::is_lowercase)
            && !next.word.chars().skip(1).any(char::is_uppercase)
            && !(self.apostrophe_letters && starts_with_apostrophe_letter(next.word, after));
        if lower_next && self.rules.lowercase_continues {
            return false;
        }
        // Punctuation or a sign that cannot open a sentence (",", "№"), or a stop inside "[...]".
        if next.first.is_some_and(|c| {
            matches!(
                c,
                ',' | ';' | ':' | ')' | ']' | '}' | '№' | '§' | '%' | '&' | '/' | '=' | '+'
            )
        }) || line[..i].ends_with(['[', '('])
        {
            return false;
        }
        let capital_next = next
            .first
            .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()));
        if run.is_ellipsis() {
            // An ellipsis before a capital ends the sentence ("Happy . . .  No one"); before a
            // lower-case word it marks an omission. (The pronoun "I" is handled by the rules.)
            return capital_next || next.first.is_none();
        }
        if run.question_or_exclamation || run.full_width || !run.dots_only() {
            return true;
        }
        // "Nov.." : an abbreviation's stop and the sentence's stop.
        if run.dots == 2 && !run.spaced {
            return capital_next || next.first.is_none();
        }
        // A single ".": look at the token before it.
        if is_list_marker(line[seg_start..i].trim()) {
            return false;
        }
        match self.classify(line, seg_start, i, next.initial) {
            None => true,
            Some(Class::Prefix) => false,
            Some(Class::Numeric) if next.first.is_some_and(|c| c.is_ascii_digit()) => false,
            Some(Class::Terminal) => {
                // "at 6 p.m. PDT": an acronym goes on; "At 5 a.m. Mr. Smith went": a sentence that
                // opened with a preposition has had no main clause yet.
                let acronym =
                    next.word.chars().count() > 1 && next.word.chars().all(char::is_uppercase);
                let head = &line[seg_start..i];
                let clause = [": ", "; "]
                    .iter()
                    .filter_map(|p| head.rfind(p))
                    .max()
                    .map_or(head, |k| &head[k + 2..]);
                let opener = clause
                    .split(|c: char| !c.is_alphabetic())
                    .find(|w| !w.is_empty())
                    .is_some_and(|w| self.rules.is_preposition(&w.to_lowercase()));
                let starter = self.rules.is_starter(&next.word.to_lowercase());
                (capital_next && !acronym && (!opener || starter)) || next.first.is_none()
            }
            Some(Class::General | Class::Numeric) => {
                capital_next && !next.initial && self.rules.is_starter(&next.word.to_lowercase())
            }
        }
    }

    /// The abbreviation class of the token that ends at the stop at `i`, or `None` for an ordinary word.
    fn classify(
        &self,
        line: &str,
        seg_start: usize,
        i: usize,
        next_is_initial: bool,
    ) -> Option<Class> {
        // Tokenised text writes "Mr . Smith": the stop belongs to the word before the space.
        let head = line[seg_start..i].trim_end();
        let tok_start = head
            .rfind(char::is_whitespace)
            .map(|p| p + head[p..].chars().next().map_or(1, char::len_utf8))
            .unwrap_or(0);
        let token = head[tok_start..].trim_start_matches(OPENERS);
        // "171/U.S": a dotted abbreviation after a slash.
        let token = match token.rsplit_once('/') {
            Some((_, last)) if last.contains('.') => last,
            _ => token,
        };
        // Elided articles: "l'Ing", "dell'Avv" are looked up as "Ing", "Avv".
        let token = match token.find(['\'', '’']) {
            Some(k)
                if k <= 4
                    && token[..k].chars().all(char::is_lowercase)
                    && token[k..].chars().nth(1).is_some_and(char::is_uppercase) =>
            {
                &token[k + token[k..].chars().next().map_or(1, char::len_utf8)..]
            }
            _ => token,
        };
        if token.is_empty() {
            return None;
        }
        let key = token.to_lowercase();
        // Two short abbreviations written with a space ("z. B.", "т. д."): look up "z.b".
        let before = head[..tok_start].trim_end();
        if let Some(prev) = before.strip_suffix('.') {
            let p_start = prev
                .rfind(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .map(|p| p + prev[p..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(0);
            let p = &prev[p_start..];
            if !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic) {
                let joined = format!("{}.{key}", p.to_lowercase());
                if let Some(c) = self.rules.class_of(&joined) {
                    return Some(c);
                }
            }
        }
        if let Some(c) = self.rules.class_of(&key) {
            return Some(c);
        }
        let chars = token.chars().count();
        if token.chars().all(|c| c.is_ascii_digit()) {
            return (self.rules.ordinal_dot && chars <= 3).then_some(Class::General);
        }
        // An initial ("J. K. Rowling") or a dotted abbreviation ("U.S", "т.е", "Ph.D").
        if chars == 2 && token.chars().all(char::is_uppercase) && next_is_initial {
            return Some(Class::General);
        }
        if chars == 1 && token.chars().all(char::is_alphabetic) {
            // A lower-case letter and a stop is an abbreviation or a variable, not a sentence end.
            return Some(if token.chars().all(char::is_lowercase) {
                Class::Prefix
            } else {
                Class::General
            });
        }
        if token.contains('.')
            && token.split('.').all(|p| {
                !p.is_empty() && p.chars().count() <= 3 && p.chars().all(char::is_alphabetic)
            })
        {
            return Some(Class::General);
        }
        None
    }
}

/// Opening quotes and brackets that may precede a word.
const OPENERS: &[char] = &[
    '"', '\'', '“', '‘', '„', '‚', '«', '‹', '»', '›', '(', '[', '{', '¿', '¡', '「', '『', '（',
];
/// Closing quotes and brackets that may follow a stop and belong to the sentence.
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', '“', '‘', '»', '›', ')', ']', '}', '」', '』', '）', '】', '》', '〉',
    '*', '`',
];

fn empty_rules() -> &'static Rules {
    static EMPTY: OnceLock<Rules> = OnceLock::new();
    EMPTY.get_or_init(Rules::default)
}

/// Sentence-final punctuation of every script we know.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '‼'
            | '⁇'
            | '⁈'
            | '⁉'
            | '。'
            | '！'
            | '？'
            | '｡'
            | '։'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '።'
            | '፧'
            | '။'
    )
}

fn is_full_width(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// A run of stops and the closing quotes or brackets after it.
#[derive(Debug, Default)]
struct Run {
    /// Byte offset just after the run and its closers.
    end: usize,
    dots: usize,
    other_stops: usize,
    spaced: bool,
    question_or_exclamation: bool,
    full_width: bool,
    ellipsis_char: bool,
}

impl Run {
    fn dots_only(&self) -> bool {
        self.other_stops == 0 && self.dots > 0
    }
    fn is_ellipsis(&self) -> bool {
        self.ellipsis_char
            || (self.dots >= 3 && self.other_stops == 0)
            || self.dots >= 2 && self.spaced
    }
}

/// A quotation that opens and closes on one line: byte offsets of its opening mark and of its closing mark.
#[derive(Debug, Clone, Copy)]
struct Span {
    open: usize,
    close: usize,
}

/// The quotations of a line, pairing `"…"`, `“…”`, `„…“`, `„…”`, `«…»` and `「…」`/`『…』` (nested ones too).
fn quote_spans(line: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let (mut ascii, mut curly, mut low) = (None, None, None);
    let mut stack: Vec<(char, usize)> = Vec::new();
    let b = line.as_bytes();
    let mut p = 0;
    while p < b.len() {
        // Fast path: ASCII bytes other than '"', '[' and ']' are no quotation marks.
        let byte = b[p];
        if byte < 0x80 && !matches!(byte, b'"' | b'[' | b']') || (0x80..0xC0).contains(&byte) {
            p += 1;
            continue;
        }
        let c = line[p..].chars().next().unwrap_or(' ');
        let here = p;
        p += c.len_utf8();
        let p = here;
        let opened = match c {
            '"' => ascii.take().or_else(|| {
                ascii = Some(p);
                None
            }),
            '„' => {
                low = Some(p);
                None
            }
            '“' => low.take().or_else(|| {
                curly = Some(p);
                None
            }),
            '”' => curly.take().or_else(|| low.take()),
            // German writes »…«: a » with no « open opens, a « closes it.
            '«' if stack.last().is_some_and(|&(o, _)| o == '»') => stack.pop().map(|(_, p)| p),
            '»' if !stack.iter().any(|&(o, _)| o == '«') => {
                stack.push((c, p));
                None
            }
            '«' | '「' | '『' | '[' => {
                stack.push((c, p));
                None
            }
            '»' | '」' | '』' | ']' => {
                let want = match c {
                    '»' => '«',
                    '」' => '「',
                    ']' => '[',
                    _ => '『',
                };
                let k = stack.iter().rposition(|&(o, _)| o == want);
                k.map(|k| stack.remove(k).1)
            }
            _ => None,
        };
        if let Some(open) = opened {
            spans.push(Span { open, close: p });
        }
    }
    spans
}

/// True for the quotation marks written with straight or back quotes: `'`, `''`, `` ` ``, `` `` ``.
fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '`')
}

/// Adds the quotations written with `'…'`, `` `…' ``, `''…''` (tokenised text) to `spans`.
///
/// A mark between two letters is an apostrophe ("they'll"). A mark glued to the start of a word
/// opens, one glued to the end of a word (or a stop) closes. A mark standing alone closes the
/// open quotation if there is one; after a stop it opens a quotation only when a closing mark
/// comes by the end of the next sentence (see [`quote_closes_soon`]); elsewhere it opens.
fn single_quote_spans(line: &str, spans: &mut Vec<Span>) {
    if !line.contains(is_single_quote) {
        return;
    }
    let mut open: Option<usize> = None;
    let mut p = 0;
    while let Some(k) = line[p..].find(is_single_quote) {
        let s = p + k;
        let e = s + line[s..]
            .find(|c: char| !is_single_quote(c))
            .unwrap_or(line.len() - s);
        p = e;
        let prev = line[..s].chars().next_back();
        let next = line[e..].chars().next();
        let word_before = prev.is_some_and(|c| !c.is_whitespace() && !"([{".contains(c));
        let word_after = next.is_some_and(|c| !c.is_whitespace());
        if is_apostrophe_at(line, s, e) {
            continue;
        }
        // Standing between two words: "in '' Chaos" opens a title, "Wizards '' is" closes one.
        let case_before = line[..s].trim_end().chars().next_back();
        let case_after = line[e..].trim_start().chars().next();
        let shape = match (case_before, case_after) {
            (Some(b), Some(a)) if b.is_alphabetic() && a.is_alphabetic() => {
                let cap_before = line[..s]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
                match (cap_before, a.is_uppercase()) {
                    (false, true) => Some(false),
                    (true, false) => Some(true),
                    _ => None,
                }
            }
            _ => None,
        };
        let closes = match (word_before, word_after) {
            (true, _) => true,
            (false, true) => false,
            (false, false) if shape.is_some() => shape == Some(true),
            (false, false) if open.is_some() => true,
            (false, false) => {
                let head = line[..s].trim_end();
                if head.ends_with(is_stop) {
                    // The sentence before: from the previous stop followed by a space.
                    let from = head
                        .trim_end_matches(is_stop)
                        .char_indices()
                        .rfind(|&(_, c)| is_stop(c))
                        .map_or(0, |(k, c)| k + c.len_utf8());
                    standalone_mark_closes(&head[from..], &line[e..])
                } else {
                    // "in '' Chaos", "saying '' ... what": a word or an ellipsis follows, it
                    // opens; "itself '' .": it closes.
                    let after = line[e..].trim_start();
                    !(after.starts_with(char::is_alphanumeric)
                        || after.starts_with("...")
                        || after.starts_with('…'))
                }
            }
        };
        match (closes, open) {
            (true, Some(o)) => {
                spans.push(Span { open: o, close: s });
                open = None;
            }
            (true, None) => {}
            (false, _) => open = Some(s),
        }
    }
}

/// True when the quotation mark at `s..e` is an apostrophe: between two letters ("they'll"), or a
/// tokenised contraction ("Walter 's", "I 'm").
fn is_apostrophe_at(line: &str, s: usize, e: usize) -> bool {
    let prev = line[..s].chars().next_back();
    let rest = &line[e..];
    if prev.is_some_and(char::is_alphanumeric) && rest.starts_with(char::is_alphanumeric) {
        return true;
    }
    e - s == 1
        && line[s..].starts_with('\'')
        && ["s", "re", "ll", "ve", "d", "m", "t"].iter().any(|c| {
            rest.strip_prefix(c)
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        })
}

/// Quotation marks in `s` that are no apostrophes.
fn quote_marks(s: &str) -> usize {
    let mut n = 0;
    let mut p = 0;
    while let Some(k) = s[p..].find(|c: char| is_single_quote(c) || c == '"') {
        let start = p + k;
        let end = start
            + s[start..]
                .find(|c: char| !is_single_quote(c) && c != '"')
                .unwrap_or(s.len() - start);
        if !is_apostrophe_at(s, start, end) {
            n += 1;
        }
        p = end;
    }
    n
}

/// Whether a quotation mark standing alone after a stop closes the sentence `sentence` (true) or
/// opens the text `rest` after it. An odd number of marks in the sentence: it closes the open
/// quotation. An even number: a new quotation opens. None at all (the quotation opened in text
/// before this one): it opens only when a closing mark comes by the end of the next sentence
/// ("back. ' But not ... you,' he added"), otherwise it closes ("through. ' The milkman ...").
fn standalone_mark_closes(sentence: &str, rest: &str) -> bool {
    match quote_marks(sentence) {
        0 => !quote_closes_soon(rest),
        n => n % 2 == 1,
    }
}

/// True when a closing quotation mark follows in `rest` before the end of its first sentence
/// (the stop and the marks after it included): the quotation opened just before `rest` ends there.
fn quote_closes_soon(rest: &str) -> bool {
    let mut after_stop = false;
    let mut it = rest.chars().peekable();
    while let Some(c) = it.next() {
        if is_single_quote(c) || matches!(c, '"' | '’' | '”') {
            // A mark before a letter opens a word ("'Tis", "they'll"); any other one closes.
            if !it.peek().is_some_and(|n| n.is_alphanumeric()) {
                return true;
            }
        } else if is_stop(c) {
            after_stop = true;
        } else if after_stop && !c.is_whitespace() && !CLOSERS.contains(&c) {
            return false;
        }
    }
    false
}

fn scan_run(line: &str, seg_start: usize, start: usize, first: char, spans: &[Span]) -> Run {
    let mut run = Run::default();
    let mut j = start;
    // "word ." (tokenised) or ". . ." standing alone, not a stop glued to a word.
    let detached = line[..start].ends_with(char::is_whitespace);
    let mut c = first;
    loop {
        match c {
            '.' => run.dots += 1,
            '…' => {
                run.ellipsis_char = true;
                run.other_stops += 1
            }
            _ => {
                run.other_stops += 1;
                if matches!(
                    c,
                    '!' | '?' | '！' | '？' | '‼' | '⁇' | '⁈' | '⁉' | '؟' | '፧'
                ) {
                    run.question_or_exclamation = true;
                }
                if is_full_width(c) {
                    run.full_width = true;
                }
            }
        }
        j += c.len_utf8();
        let rest = &line[j..];
        match rest.chars().next() {
            Some(n) if is_stop(n) => c = n,
            // A spaced ellipsis: ". . ." (only after a dot, followed by another dot).
            Some(' ') if c == '.' && detached && rest.as_bytes().get(1) == Some(&b'.') => {
                run.spaced = true;
                j += 1;
                c = '.';
            }
            _ => break,
        }
    }
    // Closing quotes and brackets. A quotation mark closes when it pairs with an opening one,
    // or when white space follows it (Chinese “ after 。 opens the next sentence).
    for ch in line[j..].chars() {
        let closes = match ch {
            '"' | '“' | '”' | '\'' | '‘' | '«' | '‹' => {
                spans.iter().any(|s| s.close == j)
                    || line[j + ch.len_utf8()..]
                        .chars()
                        .next()
                        .is_none_or(|n| n.is_whitespace() || CLOSERS.contains(&n))
            }
            _ => CLOSERS.contains(&ch),
        };
        if !closes {
            break;
        }
        j += ch.len_utf8();
    }
    // Detached marks after the run: "! ! !", "? '' ", " . . .", "[1][2]" (tokenised text, citations).
    // After a stop glued to a word ("compounds. . . . The"), a detached ellipsis opens the next
    // sentence unless nothing but marks follows to the end of the line.
    let glued_dot = !detached && run.dots_only();
    let mut before_marks = (
        j,
        run.dots,
        run.other_stops,
        run.question_or_exclamation,
        run.ellipsis_char,
    );
    let mut absorbed_stop = false;
    loop {
        let rest = &line[j..];
        let ws = rest.len() - rest.trim_start().len();
        let tok_len = rest[ws..]
            .find(char::is_whitespace)
            .unwrap_or(rest.len() - ws);
        let tok = &rest[ws..ws + tok_len];
        let marks = !tok.is_empty()
            && tok
                .chars()
                .all(|c| is_stop(c) || CLOSERS.contains(&c) || c == '`');
        // A standalone quotation mark belongs to this sentence when it closes a quotation ("as a
        // ' Maistre Boursier . '"); otherwise it opens the next one (see standalone_mark_closes).
        if marks
            && tok.chars().all(|c| matches!(c, '\'' | '"' | '`'))
            && !standalone_mark_closes(&line[seg_start..j], &line[j + ws + tok_len..])
        {
            break;
        }
        if !(marks || is_citation(tok)) || (ws == 0 && !is_citation(tok)) {
            break;
        }
        if !absorbed_stop && !tok.contains(is_stop) {
            // Closing marks only ("pleuraient. »"): always part of the sentence.
            before_marks.0 = j + ws + tok_len;
        }
        absorbed_stop |= tok.contains(is_stop);
        for c in tok.chars() {
            match c {
                '.' => run.dots += 1,
                c if is_stop(c) => run.other_stops += 1,
                _ => {}
            }
            if c == '…' {
                run.ellipsis_char = true;
            }
            if matches!(c, '!' | '?') {
                run.question_or_exclamation = true;
            }
        }
        j += ws + tok_len;
    }
    if glued_dot && absorbed_stop && !line[j..].trim().is_empty() {
        (
            j,
            run.dots,
            run.other_stops,
            run.question_or_exclamation,
            run.ellipsis_char,
        ) = before_marks;
    }
    run.end = j;
    run
}

/// "жағдайы.XVIII", "world.Today": a sentence glued to the next one without a space. True when
/// a lower-case word (two letters or more) meets a capital, in a token that is no address.
fn glued_sentence(line: &str, i: usize, end: usize) -> bool {
    let before = &line[..i];
    let mut prev = before.chars().rev();
    let (Some(p1), Some(p2)) = (prev.next(), prev.next()) else {
        return false;
    };
    let mut next = line[end..].chars();
    let (Some(n1), Some(n2)) = (next.next(), next.next()) else {
        return false;
    };
    let start = before
        .char_indices()
        .rfind(|&(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let stop = line[end..]
        .find(char::is_whitespace)
        .map_or(line.len(), |k| end + k);
    let token = &line[start..stop];
    let words = p1.is_lowercase() && p2.is_lowercase() && n1.is_uppercase();
    // "bought 1,000.That": a number of two digits or more, then a capitalised word.
    let number = p1.is_ascii_digit()
        && p2.is_ascii_digit()
        && n1.is_uppercase()
        && n2.is_lowercase()
        && !line[end..stop].contains(|c: char| c.is_ascii_digit() || c == '.');
    (words && !token.contains(|c: char| c.is_ascii_digit()) || number)
        && !token.contains(['@', '/', ':', '_', '\\'])
}

/// True when the next word is Uzbek "o‘…" or "g‘…" (any apostrophe form).
fn starts_with_apostrophe_letter(word: &str, after: &str) -> bool {
    if word.chars().count() != 1 || !matches!(word, "o" | "g") {
        return false;
    }
    let rest = after.trim_start().trim_start_matches(OPENERS);
    rest.chars().nth(1).is_some_and(crate::text::is_apostrophe)
}

/// `[1]`, `[12][13]`: footnote marks that follow a sentence.
fn is_citation(tok: &str) -> bool {
    !tok.is_empty()
        && tok.split_inclusive(']').all(|p| {
            p.strip_prefix('[')
                .and_then(|p| p.strip_suffix(']'))
                .is_some_and(|d| {
                    !d.is_empty() && d.len() <= 3 && d.bytes().all(|b| b.is_ascii_digit())
                })
        })
}

/// The first letter (or other character) of the next word and the word itself (its letters).
struct Next<'a> {
    first: Option<char>,
    word: &'a str,
    /// A single letter followed by a stop: an initial, never a sentence starter.
    initial: bool,
}

fn next_word(after: &str) -> Next<'_> {
    let s = after.trim_start();
    let s = s.trim_start_matches(|c: char| OPENERS.contains(&c) || matches!(c, '—' | '–' | '-'));
    let s = s.trim_start();
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(k, _)| k);
    let word = &s[..end];
    Next {
        first: s.chars().next(),
        word,
        initial: (word.chars().count() == 1
            || word.chars().count() == 2 && word.chars().all(char::is_uppercase))
            && s[end..].starts_with('.'),
    }
}

/// At most 64 bytes of the current sentence before `end`, starting at a character boundary.
fn window_before(line: &str, seg_start: usize, end: usize) -> &str {
    let mut s = end.saturating_sub(64).max(seg_start);
    while !line.is_char_boundary(s) {
        s += 1;
    }
    &line[s..end]
}

/// `1`, `12`, `a`, `iv`, `(3)`: what starts a list item before its `.`.
fn is_list_marker(s: &str) -> bool {
    let s = s
        .trim_start_matches(['•', '⁃', '-', '*', '◦', '▪', '·'])
        .trim();
    let s = s.strip_prefix('(').unwrap_or(s);
    let s = s.strip_suffix(')').unwrap_or(s);
    if s.is_empty() || s.len() > 4 {
        return false;
    }
    s.bytes().all(|b| b.is_ascii_digit())
        || (s.chars().count() == 1 && s.chars().all(char::is_alphabetic))
        || s.bytes()
            .all(|b| matches!(b, b'i' | b'v' | b'x' | b'I' | b'V' | b'X'))
}

/// The style of a list item marker at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marker {
    /// `3.` `3)` `3.)` with the number and the text after the number.
    Number(u32, &'static str),
    /// `b.` `b)` with the letter and the suffix.
    Letter(u8, &'static str),
    /// A bullet character.
    Bullet(char),
    /// `ii.` `iv)` with the value of the lower-case Roman numeral and the suffix.
    Roman(u32, &'static str),
}

const SUFFIXES: [&str; 3] = [".)", ".", ")"];
const BULLETS: [char; 3] = ['•', '⁃', '◦'];

fn marker_at(s: &str) -> Option<Marker> {
    if let Some(c) = s.chars().next()
        && BULLETS.contains(&c)
    {
        return Some(Marker::Bullet(c));
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = |rest: &str| {
        SUFFIXES
            .iter()
            .find(|suf| rest.starts_with(**suf) && rest[suf.len()..].starts_with(' '))
            .copied()
    };
    if (1..=2).contains(&digits) {
        let n: u32 = s[..digits].parse().ok()?;
        return suffix(&s[digits..]).map(|suf| Marker::Number(n, suf));
    }
    let letters = s
        .bytes()
        .take_while(|b| matches!(b, b'i' | b'v' | b'x'))
        .count();
    if (1..=4).contains(&letters)
        && let Some(n) = (1..40).find(|&n| roman(n) == s[..letters])
        && let Some(suf) = suffix(&s[letters..])
        && n > 1
    {
        return Some(Marker::Roman(n, suf));
    }
    if letters == 1 && s.starts_with("i.) ") {
        return Some(Marker::Roman(1, ".)"));
    }
    let c = *s.as_bytes().first()?;
    if digits == 0 && c.is_ascii_lowercase() {
        return suffix(&s[1..]).map(|suf| Marker::Letter(c, suf));
    }
    None
}

/// When `line` starts with a list marker and a following item's marker appears later in the
/// same line (`1. apples 2. pears`, `• one • two`), the byte offset of that next item.
fn next_list_item(line: &str) -> Option<usize> {
    let start = line.len() - line.trim_start().len();
    let first = marker_at(&line[start..])?;
    let wanted = match first {
        Marker::Number(n, suf) => format!(" {}{suf} ", n + 1),
        Marker::Letter(c, suf) => format!(" {}{suf} ", (c + 1) as char),
        Marker::Bullet(c) => c.to_string(),
        Marker::Roman(n, suf) => format!(" {}{suf} ", roman(n + 1)),
    };
    let from = start + line[start..].chars().next().map_or(1, char::len_utf8);
    let pos = line[from..].find(&wanted)? + from;
    // "a. … b. …" could be prose; a lettered list needs a third item ("c.") to be split.
    if let Marker::Letter(c, suf) = first
        && c == b'a'
        && suf == "."
        && !line[pos..].contains(&format!(" {}{suf} ", (c + 2) as char))
    {
        return None;
    }
    let pos = if matches!(first, Marker::Bullet(_)) {
        pos
    } else {
        pos + 1
    };
    (pos > start && pos < line.len()).then_some(pos)
}

/// A lower-case Roman numeral (1 to 39).
fn roman(n: u32) -> String {
    let mut out = "x".repeat((n / 10) as usize);
    out.push_str(["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"][(n % 10) as usize]);
    out
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

#[cfg(test)]
mod tests;
