//! TSV export: a header row, then one pair a line with the columns
//! `source`, `target`, `src_lang`, `tgt_lang` (tabs, newlines and backslashes
//! inside a text escaped as `\t`, `\n`, `\\`).
//!
//! ```
//! assert_eq!(tarjima::formats::tsv::escape("a\tb\nc"), "a\\tb\\nc");
//! ```

use std::io::Write;

use crate::store::Pair;

/// The header row.
pub const HEADER: &str = "source\ttarget\tsrc_lang\ttgt_lang\torigin\tconfidence";

/// Escapes a field for TSV.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// Writes one pair as a TSV line.
pub fn write_pair(w: &mut impl Write, p: &Pair) -> std::io::Result<()> {
    writeln!(
        w,
        "{}\t{}\t{}\t{}\t{}\t{:.3}",
        escape(&p.source),
        escape(&p.target),
        p.src_lang,
        p.tgt_lang,
        escape(p.origin.as_deref().unwrap_or("")),
        p.confidence
    )
}
