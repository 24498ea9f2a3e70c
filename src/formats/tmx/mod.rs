//! TMX 1.4b: a streaming reader, a writer, and the mapping between TMX
//! translation units and the memory's pairs.
//!
//! * [`read`]: [`read::TmxReader`] parses a TMX file one `<tu>` at a time
//!   (constant memory whatever the file size), UTF-8 or UTF-16 (BOM or
//!   declaration-sniffed), and reports every fault as
//!   [`crate::Error::Syntax`] with file, line and column.
//! * [`inline`]: a segment's inline markup (`bpt`, `ept`, `ph`, `it`, `ut`,
//!   `hi`, and `sub` inside them) becomes placeholder tokens (`{1}`, `{/1}`,
//!   `{2/}`) in the text used for matching; the markup itself is kept beside
//!   the text and put back on export.
//! * [`write`]: [`write::TmxWriter`] writes TMX 1.4b that validates against
//!   the TMX 1.4b DTD.
//! * [`convert`]: units to pairs (with everything TMX carries kept in the
//!   pair's `meta`) and back, and [`convert::import_file`], the import of one
//!   file in one transaction.
//!
//! Language tags: the memory stores the tag a lookup would use (primary
//! language, plus script; `EN-us` becomes `en`, `zh-CN` becomes `zh-Hans`);
//! the tag as the file wrote it is kept and written back on export.
//!
//! ```
//! use tarjima::formats::tmx::{memory_tag, inline};
//! assert_eq!(memory_tag("EN-us"), "en");
//! assert_eq!(memory_tag("uz-latn-UZ"), "uz-Latn");
//! let seg = inline::Seg::plain("Press {Enter}.");
//! assert_eq!(seg.to_xml(), "Press {Enter}.");
//! ```

pub mod convert;
pub mod inline;
pub mod read;
pub mod write;

/// Attributes in document order, as (name, value).
pub type Attrs = Vec<(String, String)>;

/// The largest segment (or note, prop, or inline code) accepted, in bytes of UTF-8.
pub const MAX_SEGMENT_BYTES: usize = 1024 * 1024;

/// TMX versions this reader understands (the `version` attribute of `<tmx>`).
pub const KNOWN_VERSIONS: &[&str] = &["1.1", "1.2", "1.3", "1.4", "1.4a", "1.4b"];

/// A `<note>` or a `<prop>`: its element name, attributes and text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
///
/// Fields are declared in the order of their JSON names, so serialising the struct
/// directly writes what serialising it through a `serde_json::Value` (sorted keys) writes.
pub struct Annot {
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub attrs: Attrs,
    /// `note` or `prop`.
    #[serde(rename = "n")]
    pub name: String,
    #[serde(rename = "t")]
    pub text: String,
}

/// The `<header>` of a TMX file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Header {
    /// The `version` attribute of `<tmx>`.
    pub version: String,
    pub attrs: Attrs,
    pub annots: Vec<Annot>,
    /// `<ude>` elements, as XML.
    pub udes: Vec<String>,
}

impl Header {
    /// The value of a header attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        attr(&self.attrs, name)
    }
}

/// A `<tuv>`: one language's version of a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The language tag as written (`xml:lang`, or the deprecated `lang`).
    pub lang: String,
    /// The other attributes, in document order.
    pub attrs: Attrs,
    pub annots: Vec<Annot>,
    pub seg: inline::Seg,
}

/// A `<tu>`: a translation unit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    pub attrs: Attrs,
    pub annots: Vec<Annot>,
    pub variants: Vec<Variant>,
    /// Where the `<tu>` starts (byte offset in the decoded text); see [`read::TmxReader::error_at_unit`].
    pub offset: u64,
}

impl Unit {
    /// The value of a unit attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        attr(&self.attrs, name)
    }
}

/// The value of the attribute `name` in `attrs`.
pub fn attr<'a>(attrs: &'a Attrs, name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The tag the memory stores for a tag written in a file: the primary language
/// in lower case plus a script subtag (title case) when one is written or
/// implied (`zh-CN` → `zh-Hans`, `zh-TW` → `zh-Hant`); regions and variants
/// are dropped. `*all*`, empty or malformed tags give `und`.
pub fn memory_tag(tag: &str) -> String {
    let mut parts = tag.trim().split(['-', '_']);
    let primary = parts.next().unwrap_or("").to_ascii_lowercase();
    if primary.len() < 2 || primary.len() > 8 || !primary.chars().all(|c| c.is_ascii_alphabetic()) {
        return "und".into();
    }
    let mut script = None;
    let mut region = None;
    for p in parts {
        if p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()) && script.is_none() {
            let mut s = p.to_ascii_lowercase();
            s[..1].make_ascii_uppercase();
            script = Some(s);
        } else if (p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
            || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        {
            region.get_or_insert_with(|| p.to_ascii_uppercase());
        }
    }
    if script.is_none() && primary == "zh" {
        script = match region.as_deref() {
            Some("TW") | Some("HK") | Some("MO") => Some("Hant".into()),
            Some(_) => Some("Hans".into()),
            None => None,
        };
    }
    match script {
        Some(s) => format!("{primary}-{s}"),
        None => primary,
    }
}

/// True when `tag` looks like a language tag (`en`, `pt-BR`, `uz-Latn`, `und`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A TMX date (`20240131T124500Z`) as ISO 8601 (`2024-01-31T12:45:00Z`); `None` when it is not one.
pub fn iso_date(tmx: &str) -> Option<String> {
    let b = tmx.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    if b.len() == 16 && digits(0..8) && b[8] == b'T' && digits(9..15) && b[15] == b'Z' {
        Some(format!(
            "{}-{}-{}T{}:{}:{}Z",
            &tmx[0..4],
            &tmx[4..6],
            &tmx[6..8],
            &tmx[9..11],
            &tmx[11..13],
            &tmx[13..15]
        ))
    } else {
        None
    }
}

/// An ISO 8601 time as the memory stores it (`2024-01-31T12:45:00Z`) as a TMX date (`20240131T124500Z`).
pub fn tmx_date(iso: &str) -> Option<String> {
    let d: String = iso.chars().filter(char::is_ascii_digit).take(14).collect();
    (d.len() == 14).then(|| format!("{}T{}Z", &d[..8], &d[8..]))
}

/// Escapes character data for XML (`&`, `<`, `>`, and a carriage return, which a parser would drop).
pub fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// Escapes an attribute value for XML, in double quotes (white space kept as character references).
pub fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}

/// Writes `<name a="v"...` (without the closing `>`).
pub(crate) fn open_tag(name: &str, attrs: &Attrs, out: &mut String) {
    out.push('<');
    out.push_str(name);
    for (k, v) in attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape_attr(v, out);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_memory_tags() {
        assert_eq!(memory_tag("en-US"), "en");
        assert_eq!(memory_tag("DE_de"), "de");
        assert_eq!(memory_tag("zh-TW"), "zh-Hant");
        assert_eq!(memory_tag("zh-cn"), "zh-Hans");
        assert_eq!(memory_tag("zh"), "zh");
        assert_eq!(memory_tag("sr-Cyrl-RS"), "sr-Cyrl");
        assert_eq!(memory_tag("*all*"), "und");
        assert_eq!(memory_tag(""), "und");
    }

    #[test]
    fn dates_convert_both_ways() {
        assert_eq!(
            iso_date("20240131T124500Z").as_deref(),
            Some("2024-01-31T12:45:00Z")
        );
        assert_eq!(iso_date("2024-01-31"), None);
        assert_eq!(
            tmx_date("2024-01-31T12:45:00Z").as_deref(),
            Some("20240131T124500Z")
        );
        assert_eq!(tmx_date("yesterday"), None);
    }

    #[test]
    fn escaping_keeps_what_a_parser_would_change() {
        let mut s = String::new();
        escape_text("a<b & c>\r", &mut s);
        assert_eq!(s, "a&lt;b &amp; c&gt;&#13;");
        let mut a = String::new();
        escape_attr("\"x\"\n", &mut a);
        assert_eq!(a, "&quot;x&quot;&#10;");
    }

    #[test]
    fn language_tags_are_recognised() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("uz-Latn"));
        assert!(is_language_tag("pt-BR"));
        assert!(!is_language_tag("source"));
        assert!(!is_language_tag("e"));
    }
}
