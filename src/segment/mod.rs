//! Sentence segmentation: splits a text into sentences with per-language rules.
//!
//! A line break always ends a sentence (two lines never merge); within a line,
//! sentences end at `.`, `!`, `?`, `…` and their full-width forms unless a rule
//! says otherwise.
//!
//! ```
//! use tarjima::segment::Segmenter;
//! let s = Segmenter::for_lang("en");
//! assert_eq!(s.split("It rained. We left!"), ["It rained.", "We left!"]);
//! ```

/// A sentence splitter for one language.
#[derive(Debug, Clone)]
pub struct Segmenter {
    lang: String,
}

impl Segmenter {
    /// The segmenter for a BCP 47 tag (`und` or unknown tags get the generic rules).
    pub fn for_lang(tag: &str) -> Self {
        Segmenter {
            lang: tag.to_string(),
        }
    }

    /// The language this segmenter was built for.
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Splits `text` into trimmed, non-empty sentences, slices of `text`, in order.
    pub fn split<'a>(&self, text: &'a str) -> Vec<&'a str> {
        let mut out = Vec::new();
        for line in text.lines() {
            let mut start = 0;
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for (k, &(i, c)) in chars.iter().enumerate() {
                let full_width = matches!(c, '。' | '！' | '？');
                let stop = matches!(c, '.' | '!' | '?' | '…') || full_width;
                let next = chars.get(k + 1).map(|&(_, n)| n);
                let boundary = full_width && !matches!(next, Some('”' | '」' | '』' | '）'))
                    || stop && next.is_some_and(char::is_whitespace);
                if boundary {
                    let end = i + c.len_utf8();
                    push_trimmed(&mut out, &line[start..end]);
                    start = end;
                }
            }
            push_trimmed(&mut out, &line[start..]);
        }
        out
    }
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

pub mod article;
