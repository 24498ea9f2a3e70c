//! Glossary files: CSV/TSV in the long form and the wide form, and (through
//! [`crate::formats::tbx`]) TBX. [`read_glossary`] picks the reader.
//!
//! - Long form: a header row with `concept`, `lang` and `term` (and optionally
//!   `status`, `pos`, `note`) columns, one term a row; rows with the same
//!   `concept` are synonyms or translations of one another.
//! - Wide form: a header row of language tags, one concept a row, synonyms in
//!   one cell separated by `;`. A synonym may carry its status in brackets:
//!   `Station (forbidden)`. Columns named `concept`/`id`, `pos` or `note` are
//!   kept as the concept id, part of speech, note.
//!
//! The separator is a tab for `.tsv`/`.tab` files or when the header has a
//! tab, else a comma (a semicolon when the header has semicolons and no commas).
//!
//! ```
//! use tarjima::formats::glossary::read_glossary_str;
//! let g = read_glossary_str("en,de\nrailway station,Bahnhof; Station (forbidden)\n", b',', "g.csv").unwrap();
//! assert_eq!(g.concepts[0].terms.len(), 3);
//! ```

use std::path::Path;

use crate::error::{Error, Result};
use crate::qa::glossary::{Glossary, Term, TermStatus};

/// Reads a glossary file: TBX (by extension `.tbx`/`.xml` or content starting
/// with `<`), else CSV/TSV in the long or wide form.
pub fn read_glossary(path: &Path) -> Result<Glossary> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if matches!(ext.as_str(), "tbx" | "xml") {
        return check_not_empty(crate::formats::tbx::read_tbx_file(path)?, path);
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = decode(&bytes, path)?;
    if text.trim_start().starts_with('<') {
        return check_not_empty(crate::formats::tbx::read_tbx_file(path)?, path);
    }
    let header = text.lines().next().unwrap_or("");
    let sep = if matches!(ext.as_str(), "tsv" | "tab") || header.contains('\t') {
        b'\t'
    } else if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    read_glossary_str(&text, sep, path)
}

fn check_not_empty(g: Glossary, path: &Path) -> Result<Glossary> {
    if g.concepts.is_empty() {
        return Err(Error::input(path, "has no glossary entries"));
    }
    Ok(g)
}

fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let (enc, _) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_16LE, 2));
        let (text, _, bad) = enc.decode(bytes);
        if bad {
            return Err(Error::input(path, "is not valid UTF-16"));
        }
        return Ok(text.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Error::input(path, "is not UTF-8 text (save the glossary as UTF-8)"))
}

/// Reads CSV/TSV glossary text with separator `sep`; `path` names it in errors.
pub fn read_glossary_str(text: &str, sep: u8, path: impl AsRef<Path>) -> Result<Glossary> {
    let path = path.as_ref();
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .has_headers(true)
        .quoting(sep != b'\t')
        .from_reader(text.as_bytes());
    let csv_err = |e: csv::Error| {
        let (line, message) = match e.position() {
            Some(p) => (p.line(), e.to_string()),
            None => (0, e.to_string()),
        };
        Error::Syntax {
            path: path.to_path_buf(),
            line,
            column: 1,
            message,
        }
    };
    let headers: Vec<String> = rdr
        .headers()
        .map_err(csv_err)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Error::input(path, "is empty: no header row"));
    }
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let concept_col = col(&["concept", "concept_id", "id", "entry"]);
    let pos_col = col(&["pos", "part_of_speech", "partofspeech"]);
    let note_col = col(&["note", "notes", "comment", "definition"]);
    let lang_col = col(&["lang", "language", "locale"]);
    let term_col = col(&["term"]);
    let status_col = col(&["status"]);
    let mut g = Glossary::default();
    let cell = |r: &csv::StringRecord, c: Option<usize>| {
        c.and_then(|c| r.get(c))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    if let (Some(lang_col), Some(term_col)) = (lang_col, term_col) {
        // Long form.
        for (n, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(csv_err)?;
            let line = rec.position().map_or(n as u64 + 2, |p| p.line());
            check_single_line(&rec, line, path)?;
            let Some(term) = cell(&rec, Some(term_col)) else {
                continue;
            };
            let Some(lang) = cell(&rec, Some(lang_col)) else {
                return Err(syntax(
                    path,
                    line,
                    format!("term \"{term}\" has no language"),
                ));
            };
            let concept = cell(&rec, concept_col).unwrap_or_else(|| format!("row-{line}"));
            let status_text = cell(&rec, status_col).unwrap_or_default();
            let status = TermStatus::parse(&status_text).ok_or_else(|| {
                syntax(
                    path,
                    line,
                    format!(
                        "unknown status \"{status_text}\" (expected preferred, admitted, deprecated, superseded or forbidden)"
                    ),
                )
            })?;
            g.add(
                &concept,
                Term {
                    lang,
                    text: crate::text::normalize(&term),
                    status,
                    pos: cell(&rec, pos_col),
                    note: cell(&rec, note_col),
                },
            );
        }
    } else {
        // Wide form: every other column is a language.
        let langs: Vec<(usize, String)> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                Some(*i) != concept_col
                    && Some(*i) != pos_col
                    && Some(*i) != note_col
                    && !h.is_empty()
            })
            .map(|(i, h)| (i, h.clone()))
            .collect();
        if let Some((_, bad)) = langs.iter().find(|(_, h)| !looks_like_tag(h)) {
            return Err(syntax(
                path,
                1,
                format!(
                    "header column \"{bad}\" is not a language tag; a glossary needs a header of language tags (wide form) or the columns concept,lang,term,status (long form)"
                ),
            ));
        }
        if langs.len() < 2 {
            return Err(syntax(
                path,
                1,
                "a wide-form glossary needs at least two language columns".into(),
            ));
        }
        for (n, rec) in rdr.records().enumerate() {
            let rec = rec.map_err(csv_err)?;
            let line = rec.position().map_or(n as u64 + 2, |p| p.line());
            check_single_line(&rec, line, path)?;
            let concept = cell(&rec, concept_col).unwrap_or_else(|| format!("row-{line}"));
            for (c, lang) in &langs {
                let Some(v) = cell(&rec, Some(*c)) else {
                    continue;
                };
                for syn in v.split(';') {
                    let (text, status) =
                        split_status(syn.trim()).map_err(|m| syntax(path, line, m))?;
                    if text.is_empty() {
                        continue;
                    }
                    g.add(
                        &concept,
                        Term {
                            lang: lang.clone(),
                            text: crate::text::normalize(text),
                            status,
                            pos: cell(&rec, pos_col),
                            note: cell(&rec, note_col),
                        },
                    );
                }
            }
        }
    }
    check_not_empty(g, path)
}

/// A glossary term never spans lines: a cell with a line break is an unclosed
/// quote that swallowed the rest of the file, not a term.
fn check_single_line(rec: &csv::StringRecord, line: u64, path: &Path) -> Result<()> {
    if rec.iter().any(|c| c.contains(['\n', '\r'])) {
        return Err(syntax(
            path,
            line,
            "a quoted cell runs over a line break (is a closing quote missing?)".into(),
        ));
    }
    Ok(())
}

fn syntax(path: &Path, line: u64, message: String) -> Error {
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

/// `Station (forbidden)` -> (`Station`, Forbidden); no brackets -> admitted.
fn split_status(s: &str) -> std::result::Result<(&str, TermStatus), String> {
    if let Some(open) = s.rfind('(')
        && s.ends_with(')')
    {
        let inner = &s[open + 1..s.len() - 1];
        if let Some(st) = TermStatus::parse(inner) {
            return Ok((s[..open].trim(), st));
        }
    }
    Ok((s, TermStatus::Admitted))
}

fn looks_like_tag(h: &str) -> bool {
    let mut parts = h.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_form_with_statuses_and_synonyms() {
        let s = "concept,lang,term,status,pos,note\n\
                 1,en,railway station,preferred,noun,\n\
                 1,en,train station,,noun,\n\
                 1,de,Bahnhof,preferred,noun,\"main, hub\"\n\
                 1,de,Station,forbidden,,\n\
                 2,ru,дорога,,,\n";
        let g = read_glossary_str(s, b',', "g.csv").unwrap();
        assert_eq!(g.concepts.len(), 2);
        let c = &g.concepts[0];
        assert_eq!(c.terms_in("en").count(), 2);
        assert_eq!(c.terms[1].status, TermStatus::Admitted);
        assert_eq!(c.terms[2].note.as_deref(), Some("main, hub"));
        assert_eq!(c.terms[3].status, TermStatus::Forbidden);
    }

    #[test]
    fn wide_form_tsv() {
        let s = "en\tde\tuz-Latn\nroad\tStraße; Weg (deprecated)\tyo‘l\n";
        let g = read_glossary_str(s, b'\t', "g.tsv").unwrap();
        let c = &g.concepts[0];
        assert_eq!(c.terms.len(), 4);
        assert_eq!(c.terms[2].status, TermStatus::Deprecated);
        assert_eq!(c.terms[3].text, "yo'l");
    }

    #[test]
    fn bad_status_and_bad_header_are_reported_with_lines() {
        let e = read_glossary_str(
            "concept,lang,term,status\n1,en,x,sometimes\n",
            b',',
            "g.csv",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("g.csv:2:"), "{e}");
        let e = read_glossary_str("source,target\na,b\n", b',', "g.csv").unwrap_err();
        assert!(e.to_string().contains("not a language tag"), "{e}");
        let e = read_glossary_str("en,de\n", b',', "g.csv").unwrap_err();
        assert!(e.to_string().contains("no glossary entries"), "{e}");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_not_a_swallowed_file() {
        for text in [
            "concept,lang,term,status\n1,en,\"road,\n1,de,Straße,\n",
            "en,de\nroad,\"Straße\nbridge,Brücke\n",
        ] {
            let e = read_glossary_str(text, b',', "g.csv").unwrap_err();
            assert!(e.to_string().contains("closing quote"), "{e}");
            assert!(e.to_string().starts_with("g.csv:2:"), "{e}");
        }
    }

    #[test]
    fn example_files_read_alike() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/qa");
        let tbx = read_glossary(&root.join("example.tbx")).unwrap();
        let tsv = read_glossary(&root.join("example-wide.tsv")).unwrap();
        let find = |g: &Glossary, lang: &str, text: &str| {
            g.concepts
                .iter()
                .flat_map(|c| c.terms.iter())
                .find(|t| t.lang == lang && t.text == text)
                .map(|t| t.status)
        };
        for g in [&tbx, &tsv] {
            assert_eq!(find(g, "de", "Station"), Some(TermStatus::Deprecated));
            assert_eq!(
                find(g, "uz-Latn", "vokzal").map(|s| s.is_allowed()),
                Some(true)
            );
        }
        assert_eq!(tbx.concepts[0].terms.len(), 5);
        assert_eq!(tsv.concepts.len(), 2);
        assert_eq!(find(&tsv, "ru", "путь"), Some(TermStatus::Forbidden));
    }

    #[test]
    fn malformed_tbx_file_names_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.tbx");
        std::fs::write(&p, "<martif>\n<text>\n<body></text>\n").unwrap();
        let e = read_glossary(&p).unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("bad.tbx:3:"), "{msg}");
    }
}
