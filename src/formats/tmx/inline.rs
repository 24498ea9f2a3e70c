//! A segment's text with its inline markup turned into placeholder tokens.
//!
//! Matching should see `Click {1}OK{/1}.`, not the RTF or HTML codes that a
//! CAT tool wrapped in `<bpt>`/`<ept>`. Each code element becomes one token:
//! a paired opening (`bpt`, `it pos="begin"`, the start of `hi`) is `{n}`, its
//! closing (`ept`, `it pos="end"`, the end of `hi`) is `{/n}`, a standalone
//! code (`ph`, `ut`, anything unknown) is `{n/}`; `n` counts from 1 in
//! document order, and a `bpt`/`ept` pair shares its number. The XML of each
//! code is kept in [`Seg::codes`] and [`Seg::to_xml`] puts it back. Text
//! inside `hi` is ordinary text; text inside the codes is native code.
//!
//! When the literal text itself contains something that looks like a token,
//! the whole segment's XML is kept in [`Seg::raw`] so nothing is ambiguous.
//!
//! ```
//! use tarjima::formats::tmx::inline::Seg;
//! let seg = Seg {
//!     text: "Click {1}OK{/1}.".into(),
//!     codes: vec![
//!         ("{1}".into(), "<bpt i=\"1\">&lt;b&gt;</bpt>".into()),
//!         ("{/1}".into(), "<ept i=\"1\">&lt;/b&gt;</ept>".into()),
//!     ],
//!     raw: None,
//! };
//! assert_eq!(seg.to_xml(), "Click <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept>.");
//! ```

use std::collections::HashMap;

use super::{Attrs, attr, escape_text, open_tag};

/// A segment: text with placeholders, and the markup they stand for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Seg {
    /// The text, with a token in place of each inline code.
    pub text: String,
    /// (token, XML of the code), in document order.
    pub codes: Vec<(String, String)>,
    /// The segment's content as XML, kept only when the text alone would be ambiguous.
    pub raw: Option<String>,
}

impl Seg {
    /// A segment without markup.
    pub fn plain(text: &str) -> Seg {
        Seg {
            text: text.to_string(),
            ..Seg::default()
        }
    }

    /// The content of `<seg>` as XML: the text escaped, each token replaced by its code.
    pub fn to_xml(&self) -> String {
        if let Some(raw) = &self.raw {
            return raw.clone();
        }
        let mut out = String::with_capacity(self.text.len() + 16);
        if self.codes.is_empty() {
            escape_text(&self.text, &mut out);
            return out;
        }
        let codes: HashMap<&str, &str> = self
            .codes
            .iter()
            .map(|(t, x)| (t.as_str(), x.as_str()))
            .collect();
        let mut rest = self.text.as_str();
        while let Some(at) = rest.find('{') {
            escape_text(&rest[..at], &mut out);
            let tail = &rest[at..];
            match tail.find('}').map(|end| &tail[..=end]) {
                Some(tok) if codes.contains_key(tok) => {
                    out.push_str(codes[tok]);
                    rest = &tail[tok.len()..];
                }
                _ => {
                    out.push('{');
                    rest = &tail[1..];
                }
            }
        }
        escape_text(rest, &mut out);
        out
    }
}

/// What kind of token an inline element gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeKind {
    /// `{n}`
    Open,
    /// `{/n}`
    Close,
    /// `{n/}`
    Standalone,
}

/// Builds a [`Seg`] while a reader walks the content of `<seg>`.
#[derive(Debug, Default)]
pub struct SegBuilder {
    text: String,
    raw: String,
    codes: Vec<(String, String)>,
    next: u32,
    /// `bpt`'s `i` → token number, so the matching `ept` shares it.
    paired: HashMap<String, u32>,
    /// Token numbers of the `hi` elements open now.
    his: Vec<u32>,
    literal_brace: bool,
}

impl SegBuilder {
    pub fn new() -> Self {
        SegBuilder::default()
    }

    /// Bytes of text so far (for the size limit).
    pub fn len(&self) -> usize {
        self.text.len().max(self.raw.len())
    }

    /// True before anything was added.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Adds character data.
    pub fn text(&mut self, s: &str) {
        if s.contains('{') {
            self.literal_brace = true;
        }
        self.text.push_str(s);
        escape_text(s, &mut self.raw);
    }

    /// Adds a whole code element (`bpt`, `ept`, `ph`, `it`, `ut`, ...) given its name, attributes and XML.
    pub fn code(&mut self, name: &str, attrs: &Attrs, xml: String) {
        let kind = match name {
            "bpt" => CodeKind::Open,
            "ept" => CodeKind::Close,
            "it" if attr(attrs, "pos") == Some("begin") => CodeKind::Open,
            "it" if attr(attrs, "pos") == Some("end") => CodeKind::Close,
            _ => CodeKind::Standalone,
        };
        let n = match (name, attr(attrs, "i")) {
            ("bpt", Some(i)) => {
                let n = self.fresh();
                self.paired.insert(i.to_string(), n);
                n
            }
            ("ept", Some(i)) => match self.paired.remove(i) {
                Some(n) => n,
                None => self.fresh(),
            },
            _ => self.fresh(),
        };
        self.raw.push_str(&xml);
        self.push_token(kind, n, xml);
    }

    /// Opens a `<hi>`.
    pub fn hi_start(&mut self, attrs: &Attrs) {
        let mut xml = String::new();
        open_tag("hi", attrs, &mut xml);
        xml.push('>');
        let n = self.fresh();
        self.his.push(n);
        self.raw.push_str(&xml);
        self.push_token(CodeKind::Open, n, xml);
    }

    /// Closes the innermost `<hi>`.
    pub fn hi_end(&mut self) {
        let n = match self.his.pop() {
            Some(n) => n,
            None => self.fresh(),
        };
        self.raw.push_str("</hi>");
        self.push_token(CodeKind::Close, n, "</hi>".into());
    }

    fn fresh(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    fn push_token(&mut self, kind: CodeKind, n: u32, xml: String) {
        let tok = match kind {
            CodeKind::Open => format!("{{{n}}}"),
            CodeKind::Close => format!("{{/{n}}}"),
            CodeKind::Standalone => format!("{{{n}/}}"),
        };
        self.text.push_str(&tok);
        self.codes.push((tok, xml));
    }

    /// The segment.
    pub fn finish(self) -> Seg {
        let ambiguous = self.literal_brace && !self.codes.is_empty();
        Seg {
            text: self.text,
            codes: self.codes,
            raw: ambiguous.then_some(self.raw),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(v: &[(&str, &str)]) -> Attrs {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn paired_codes_share_a_number_and_come_back() {
        let mut b = SegBuilder::new();
        b.text("Press ");
        b.code(
            "bpt",
            &attrs(&[("i", "7")]),
            "<bpt i=\"7\">{\\b </bpt>".into(),
        );
        b.text("Enter");
        b.code("ept", &attrs(&[("i", "7")]), "<ept i=\"7\">}</ept>".into());
        b.code("ph", &attrs(&[]), "<ph>&lt;br/&gt;</ph>".into());
        let seg = b.finish();
        assert_eq!(seg.text, "Press {1}Enter{/1}{2/}");
        assert_eq!(seg.raw, None);
        assert_eq!(
            seg.to_xml(),
            "Press <bpt i=\"7\">{\\b </bpt>Enter<ept i=\"7\">}</ept><ph>&lt;br/&gt;</ph>"
        );
    }

    #[test]
    fn hi_keeps_its_text_as_text() {
        let mut b = SegBuilder::new();
        b.hi_start(&attrs(&[("type", "bold")]));
        b.text("Warning");
        b.hi_end();
        let seg = b.finish();
        assert_eq!(seg.text, "{1}Warning{/1}");
        assert_eq!(seg.to_xml(), "<hi type=\"bold\">Warning</hi>");
    }

    #[test]
    fn literal_braces_with_codes_keep_the_raw_xml() {
        let mut b = SegBuilder::new();
        b.text("Use {1} & ");
        b.code("ph", &attrs(&[]), "<ph>x</ph>".into());
        let seg = b.finish();
        assert_eq!(seg.text, "Use {1} & {1/}");
        assert_eq!(seg.to_xml(), "Use {1} &amp; <ph>x</ph>");
    }

    #[test]
    fn plain_text_with_braces_is_escaped_as_is() {
        assert_eq!(Seg::plain("a {1} < b").to_xml(), "a {1} &lt; b");
    }
}
