//! Article structure: decides which parts of a news article become segments.
//!
//! Input is the text of a `.txt` or `.md` article like those a newsroom
//! publishes: a title line (sometimes repeated), date and tag lines,
//! paragraphs, image captions that repeat the title. The rules:
//!
//! - Paragraphs are separated by blank lines; every line break inside a
//!   paragraph also ends a sentence (see [`crate::segment`]).
//! - The first paragraph is the title. A paragraph that repeats an earlier
//!   one exactly (after normalisation) is dropped: repeated titles, captions
//!   that repeat the title, a lead paragraph printed twice.
//! - Metadata is kept aside, not segmented: date/time lines (`01. Februar 2026`,
//!   `06:00 / 1970-01-01`) and runs of short tag lines without sentence
//!   punctuation (`news`, `IT Park`). Metadata still helps to tell whether two
//!   articles are translations (shared dates and names).
//! - Markdown: heading marks, emphasis, list bullets and link/image syntax are
//!   removed; link text and image alt text are kept.
//!
//! ```
//! use tarjima::segment::article::Article;
//! let a = Article::parse("Title here\n\nTitle here\n\n01. Februar 2026\nnews\n\nFirst paragraph. Second sentence.\n", false);
//! assert_eq!(a.paragraphs, ["Title here", "First paragraph. Second sentence."]);
//! assert_eq!(a.metadata, ["01. Februar 2026", "news"]);
//! ```

use std::collections::HashSet;

use crate::text;

/// An article split into the paragraphs that become segments and the metadata that does not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Article {
    /// Paragraphs in order; the first one is the title when there is one. Lines inside are kept.
    pub paragraphs: Vec<String>,
    /// Date, time and tag lines.
    pub metadata: Vec<String>,
}

impl Article {
    /// Parses article text; `markdown` strips Markdown syntax first.
    pub fn parse(input: &str, markdown: bool) -> Article {
        let input = input.strip_prefix('\u{FEFF}').unwrap_or(input);
        let mut blocks: Vec<Vec<String>> = Vec::new();
        let mut current: Vec<String> = Vec::new();
        for raw in input.lines() {
            let line = if markdown {
                strip_markdown_line(raw)
            } else {
                raw.to_string()
            };
            let line = text::normalize(&line);
            if line.is_empty() {
                if !current.is_empty() {
                    blocks.push(std::mem::take(&mut current));
                }
                continue;
            }
            if markdown && is_markdown_rule(&line) {
                continue;
            }
            current.push(line);
        }
        if !current.is_empty() {
            blocks.push(current);
        }

        let mut article = Article::default();
        let mut seen: HashSet<String> = HashSet::new();
        for (b, block) in blocks.into_iter().enumerate() {
            // A repeat of an earlier paragraph (title printed twice, caption repeating the title).
            if seen.contains(&text::match_key(&block.join("\n"))) {
                continue;
            }
            let mut kept: Vec<String> = Vec::new();
            for line in block {
                if is_date_line(&line) || (b > 0 && is_tag_line(&line) && kept.is_empty()) {
                    article.metadata.push(line);
                } else {
                    kept.push(line);
                }
            }
            // A block of tag lines: every remaining line short and unpunctuated, after a title.
            if b > 0 && kept.len() > 1 && kept.iter().all(|l| is_tag_line(l)) {
                article.metadata.append(&mut kept);
            }
            if kept.is_empty() {
                continue;
            }
            let para = kept.join("\n");
            if seen.insert(text::match_key(&para)) {
                article.paragraphs.push(para);
            }
        }
        article
    }
}

/// A line that is only a date and/or time (with optional separators), in any of the common forms.
pub fn is_date_line(line: &str) -> bool {
    let toks = text::tokens(line);
    let mut numbers = 0;
    let mut words = 0;
    for t in &toks {
        match t.kind {
            text::TokenKind::Number => numbers += 1,
            // "2026-yil", "1-fevral": a number with a date word glued on.
            text::TokenKind::Word if t.text.starts_with(|c: char| c.is_ascii_digit()) => {
                numbers += 1
            }
            text::TokenKind::Word if t.text.chars().count() <= 12 => words += 1,
            text::TokenKind::Word => return false,
            text::TokenKind::Punct => {}
        }
    }
    numbers >= 1
        && words <= 3
        && numbers >= words
        && line.chars().filter(|c| c.is_numeric()).count() >= 2
}

/// A short line (at most three words) without sentence punctuation: a tag, a section name.
pub fn is_tag_line(line: &str) -> bool {
    let words = text::tokens(line)
        .iter()
        .filter(|t| t.kind != text::TokenKind::Punct)
        .count();
    words > 0
        && words <= 3
        && line.chars().count() <= 40
        && !line.ends_with(['.', '!', '?', ':', '。', '！', '？', '"', '»', '”'])
}

fn is_markdown_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

/// Removes Markdown syntax from one line, keeping the text a reader sees.
pub fn strip_markdown_line(line: &str) -> String {
    let mut s = line.trim_start();
    // Headings, quotes, bullets, numbered lists.
    s = s.trim_start_matches('#').trim_start();
    s = s.strip_prefix("> ").unwrap_or(s);
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = s.strip_prefix(bullet) {
            s = rest;
        }
    }
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // ![alt](url) and [text](url) -> alt / text
        if (c == '[' || (c == '!' && chars.get(i + 1) == Some(&'[')))
            && let Some((label, next)) = link_at(&chars, if c == '!' { i + 1 } else { i })
        {
            out.push_str(&label);
            i = next;
            continue;
        }
        if c == '*'
            || c == '_'
                && (i == 0
                    || !chars[i - 1].is_alphanumeric()
                    || chars.get(i + 1).is_none_or(|n| !n.is_alphanumeric()))
        {
            i += 1;
            continue;
        }
        if c == '`' {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Parses `[label](target)` starting at `chars[i] == '['`; returns the label and the index after `)`.
fn link_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let close = (i + 1..chars.len()).find(|&k| chars[k] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&k| chars[k] == ')')?;
    Some((chars[i + 1..close].iter().collect(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_like_header_is_split_into_title_metadata_and_body() {
        let input = "Schwerpunkt KI: Partnerschaft.\n\nSchwerpunkt KI: Partnerschaft.\n\n01. Februar 2026\nnews\nIT Park\nUzbekistan\nTechnology\n\nWährend des Besuchs fanden Gespräche statt.\n";
        let a = Article::parse(input, false);
        assert_eq!(
            a.paragraphs,
            [
                "Schwerpunkt KI: Partnerschaft.",
                "Während des Besuchs fanden Gespräche statt."
            ]
        );
        assert_eq!(
            a.metadata,
            [
                "01. Februar 2026",
                "news",
                "IT Park",
                "Uzbekistan",
                "Technology"
            ]
        );
    }

    #[test]
    fn date_lines() {
        for d in [
            "01. Februar 2026",
            "06:00 / 1970-01-01",
            "2026-yil 1-fevral",
            "1 февраля 2026 г.",
            "2026年2月1日",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for d in [
            "Der Höhepunkt des Programms war 2026.",
            "Delegation of Uzbekistan visits China",
            "In 2026 we grew by 3 percent.",
        ] {
            assert!(!is_date_line(d), "{d}");
        }
    }

    #[test]
    fn markdown_is_stripped() {
        assert_eq!(
            strip_markdown_line("## The **big** [news](http://x.org)"),
            "The big news"
        );
        assert_eq!(strip_markdown_line("![A caption](img.png)"), "A caption");
        assert_eq!(strip_markdown_line("- item one"), "item one");
    }

    #[test]
    fn repeated_paragraphs_are_dropped() {
        let a = Article::parse("T\n\nBody one.\n\nT\n\nBody two.", false);
        assert_eq!(a.paragraphs, ["T", "Body one.", "Body two."]);
    }
}
