//! TBX glossary reader: TBX v2 (`martif` / `termEntry` / `langSet` / `tig`
//! or `ntig`) and TBX v3 / TBX-Basic (`tbx` / `conceptEntry` / `langSec` /
//! `termSec`), streamed with quick-xml. Elements are matched by local name,
//! so namespace prefixes do not matter. The status of a term comes from a
//! `termNote` (or, in the v3 DCT style, an element) named
//! `administrativeStatus` or `normativeAuthorization`; the part of speech
//! from `partOfSpeech`; a `note` or `definition` becomes the term's note.
//!
//! ```
//! let tbx = r#"<martif type="TBX"><text><body>
//!   <termEntry id="c1">
//!     <langSet xml:lang="en"><tig><term>railway station</term></tig></langSet>
//!     <langSet xml:lang="de">
//!       <tig><term>Bahnhof</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
//!       <tig><term>Station</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
//!     </langSet>
//!   </termEntry></body></text></martif>"#;
//! let g = tarjima::formats::tbx::read_tbx(tbx.as_bytes(), std::path::Path::new("g.tbx")).unwrap();
//! assert_eq!(g.concepts.len(), 1);
//! assert_eq!(g.concepts[0].terms.len(), 3);
//! ```

use std::io::BufRead;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::{Error, Result};
use crate::qa::glossary::{Glossary, Term, TermStatus};

#[derive(Default)]
struct TermDraft {
    text: String,
    status: Option<String>,
    pos: Option<String>,
    note: Option<String>,
}

/// What the text being read belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Term,
    Status,
    Pos,
    Note,
}

fn syntax(path: &Path, bytes_hint: Option<&[u8]>, pos: u64, message: String) -> Error {
    let (line, column) = match bytes_hint {
        Some(b) => {
            let upto = &b[..(pos as usize).min(b.len())];
            let line = upto.iter().filter(|&&c| c == b'\n').count() as u64 + 1;
            let col = upto.iter().rev().take_while(|&&c| c != b'\n').count() as u64 + 1;
            (line, col)
        }
        None => (0, pos),
    };
    Error::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// Reads a TBX file.
pub fn read_tbx_file(path: &Path) -> Result<Glossary> {
    let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = std::io::BufReader::new(f);
    read_tbx(reader, path).map_err(|e| match e {
        // Turn a byte offset into line and column by reading the file again (error path only).
        Error::Syntax {
            line: 0,
            column,
            message,
            ..
        } => match std::fs::read(path) {
            Ok(bytes) => syntax(path, Some(&bytes), column, message),
            Err(_) => syntax(path, None, column, message),
        },
        e => e,
    })
}

/// Reads TBX from any buffered reader; `path` names it in errors.
pub fn read_tbx(input: impl BufRead, path: &Path) -> Result<Glossary> {
    let mut reader = Reader::from_reader(input);
    reader.config_mut().trim_text(false);
    let mut g = Glossary::default();
    let mut buf = Vec::new();
    let mut entry_id: Option<String> = None;
    let mut entries = 0usize;
    let mut lang: Option<String> = None;
    let mut term: Option<TermDraft> = None;
    let mut capture = Capture::None;
    let mut capture_depth = 0usize;
    let mut depth = 0usize;
    let mut saw_root = false;
    loop {
        let ev = reader.read_event_into(&mut buf).map_err(|e| {
            syntax(
                path,
                None,
                reader.error_position(),
                format!("the TBX file is not well-formed XML ({e})"),
            )
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let local = e.local_name();
                let name = std::str::from_utf8(local.as_ref()).unwrap_or("");
                if !saw_root {
                    saw_root = true;
                    if !matches!(name, "martif" | "tbx" | "TBX") {
                        return Err(Error::input(
                            path,
                            format!(
                                "is not a TBX file (its root element is <{name}>, expected <martif> or <tbx>)"
                            ),
                        ));
                    }
                }
                let mut type_attr = None;
                let mut id_attr = None;
                let mut lang_attr = None;
                for a in e.attributes().flatten() {
                    let key = a.key.local_name();
                    let v = a
                        .unescape_value()
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    match key.as_ref() {
                        b"type" => type_attr = Some(v),
                        b"id" => id_attr = Some(v),
                        b"lang" => lang_attr = Some(v),
                        _ => {}
                    }
                }
                match name {
                    "termEntry" | "conceptEntry" => {
                        entries += 1;
                        entry_id = Some(id_attr.unwrap_or_else(|| format!("entry-{entries}")));
                    }
                    "langSet" | "langSec" => lang = lang_attr,
                    "tig" | "ntig" | "termSec" => term = Some(TermDraft::default()),
                    _ => {}
                }
                if !empty {
                    depth += 1;
                    if capture == Capture::None {
                        let which = match name {
                            "term" if term.is_some() => Capture::Term,
                            "termNote" | "descrip" | "admin" => {
                                match type_attr.as_deref().unwrap_or("") {
                                    "administrativeStatus" | "normativeAuthorization" => {
                                        Capture::Status
                                    }
                                    "partOfSpeech" => Capture::Pos,
                                    "definition" | "context" => Capture::Note,
                                    _ => Capture::None,
                                }
                            }
                            "administrativeStatus" | "normativeAuthorization" => Capture::Status,
                            "partOfSpeech" => Capture::Pos,
                            "note" => Capture::Note,
                            _ => Capture::None,
                        };
                        if which != Capture::None && term.is_some() {
                            capture = which;
                            capture_depth = depth;
                            let t = term.get_or_insert_with(TermDraft::default);
                            match which {
                                Capture::Status => t.status = Some(String::new()),
                                Capture::Pos => t.pos = Some(String::new()),
                                Capture::Note if t.note.is_none() => t.note = Some(String::new()),
                                _ => {}
                            }
                        }
                    }
                }
            }
            Event::Text(ref t) => {
                let s = t.decode().map_err(|e| bad_text(path, &reader, e))?;
                push_text(&mut term, capture, &s);
            }
            Event::CData(ref t) => {
                let s = t.decode().map_err(|e| bad_text(path, &reader, e))?;
                push_text(&mut term, capture, &s);
            }
            Event::GeneralRef(ref r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.decode().unwrap_or_default();
                        quick_xml::escape::resolve_xml_entity(&name)
                            .map(str::to_string)
                            .unwrap_or_default()
                    }
                };
                push_text(&mut term, capture, &resolved);
            }
            Event::End(ref e) => {
                if capture != Capture::None && depth == capture_depth {
                    capture = Capture::None;
                }
                depth = depth.saturating_sub(1);
                let local = e.local_name();
                match local.as_ref() {
                    b"tig" | b"ntig" | b"termSec" => {
                        if let (Some(t), Some(l), Some(id)) = (term.take(), &lang, &entry_id) {
                            add_term(&mut g, id, l, t, path)?;
                        }
                    }
                    b"langSet" | b"langSec" => lang = None,
                    b"termEntry" | b"conceptEntry" => entry_id = None,
                    _ => {}
                }
            }
            Event::Eof => {
                if depth > 0 {
                    return Err(syntax(
                        path,
                        None,
                        reader.buffer_position(),
                        "the file ends inside an open element; it is truncated".into(),
                    ));
                }
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    if !saw_root {
        return Err(Error::input(path, "is empty: no TBX content"));
    }
    Ok(g)
}

/// Text that does not decode, placed where the reader stands.
fn bad_text<R>(path: &Path, reader: &Reader<R>, e: impl std::fmt::Display) -> Error {
    syntax(
        path,
        None,
        reader.buffer_position(),
        format!("bad text ({e})"),
    )
}

fn push_text(term: &mut Option<TermDraft>, capture: Capture, s: &str) {
    let Some(t) = term.as_mut() else { return };
    let slot = match capture {
        Capture::Term => Some(&mut t.text),
        Capture::Status => t.status.as_mut(),
        Capture::Pos => t.pos.as_mut(),
        Capture::Note => t.note.as_mut(),
        Capture::None => None,
    };
    if let Some(slot) = slot {
        slot.push_str(s);
    }
}

fn add_term(g: &mut Glossary, id: &str, lang: &str, t: TermDraft, path: &Path) -> Result<()> {
    let text = crate::text::normalize(&t.text);
    if text.is_empty() {
        return Ok(());
    }
    let status_text = t.status.as_deref().unwrap_or("").trim().to_string();
    let status = TermStatus::parse(&status_text).ok_or_else(|| {
        Error::input(
            path,
            format!(
                "term \"{text}\" of entry {id} has an unknown status \"{status_text}\" \
                 (expected preferred, admitted, deprecated, superseded or forbidden)"
            ),
        )
    })?;
    g.add(
        id,
        Term {
            lang: lang.to_string(),
            text,
            status,
            pos: t
                .pos
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
            note: t
                .note
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Result<Glossary> {
        read_tbx(s.as_bytes(), Path::new("t.tbx"))
    }

    #[test]
    fn tbx_v3_basic_with_namespace_prefixes() {
        let s = r#"<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
 <text><body>
  <conceptEntry id="c7">
   <langSec xml:lang="en"><termSec><term>road</term></termSec></langSec>
   <langSec xml:lang="ru">
    <termSec><term>дорога</term>
      <termNote type="partOfSpeech">noun</termNote>
      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
    <termSec><term>путь &amp; шоссе</term>
      <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
   </langSec>
  </conceptEntry>
 </body></text></tbx>"#;
        let g = read(s).unwrap();
        let c = &g.concepts[0];
        assert_eq!(c.id, "c7");
        let ru: Vec<_> = c.terms_in("ru").collect();
        assert_eq!(ru[0].text, "дорога");
        assert_eq!(ru[0].status, TermStatus::Preferred);
        assert_eq!(ru[0].pos.as_deref(), Some("noun"));
        assert_eq!(ru[1].text, "путь & шоссе");
        assert_eq!(ru[1].status, TermStatus::Superseded);
    }

    #[test]
    fn tbx_v3_dct_style_status_element() {
        let s = r#"<tbx xmlns:basic="http://www.tbxinfo.net/ns/basic"><text><body>
  <conceptEntry id="x"><langSec xml:lang="de"><termSec><term>Station</term>
  <basic:administrativeStatus>deprecatedTerm-admn-sts</basic:administrativeStatus></termSec></langSec>
  </conceptEntry></body></text></tbx>"#;
        let g = read(s).unwrap();
        assert_eq!(g.concepts[0].terms[0].status, TermStatus::Deprecated);
    }

    #[test]
    fn malformed_xml_names_the_place() {
        let e = read("<martif><text><body><termEntry></langSet>").unwrap_err();
        assert!(matches!(e, Error::Syntax { .. }), "{e}");
        let e = read(
            "<martif><text><body><termEntry id=\"a\"><langSet xml:lang=\"en\"><tig><term>x</term>",
        )
        .unwrap_err();
        assert!(e.to_string().contains("truncated"), "{e}");
        let e = read("<html></html>").unwrap_err();
        assert!(e.to_string().contains("not a TBX file"), "{e}");
    }

    #[test]
    fn unknown_status_is_an_error() {
        let s = r#"<martif><text><body><termEntry id="a"><langSet xml:lang="en"><tig><term>x</term>
        <termNote type="administrativeStatus">sometimes</termNote></tig></langSet></termEntry></body></text></martif>"#;
        assert!(read(s).unwrap_err().to_string().contains("unknown status"));
    }
}
