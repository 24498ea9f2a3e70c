//! The streaming TMX reader: one `<tu>` at a time, in constant memory.
//!
//! The input is decoded to UTF-8 on the fly ([`Utf8Source`]: a BOM, or the
//! UTF-16 pattern of `<?` without one, selects UTF-16), parsed with
//! quick-xml, and checked against the TMX structure. Every fault (malformed
//! XML, an unknown version, a unit with fewer than two languages, a segment
//! over [`MAX_SEGMENT_BYTES`](super::MAX_SEGMENT_BYTES)) is an
//! [`Error::Syntax`] naming the file, line and column; the line and column are
//! found by reading the file again up to the fault, so the normal path keeps
//! no line table.
//!
//! ```
//! use tarjima::formats::tmx::read::TmxReader;
//! let tmx = r#"<tmx version="1.4"><header srclang="en" datatype="plaintext"/><body>
//! <tu><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="de"><seg>Hallo</seg></tuv></tu>
//! </body></tmx>"#;
//! let mut r = TmxReader::from_bytes("t.tmx", tmx.as_bytes().to_vec()).unwrap();
//! assert_eq!(r.header().get("srclang"), Some("en"));
//! let tu = r.next_unit().unwrap().unwrap();
//! assert_eq!(tu.variants[1].seg.text, "Hallo");
//! assert!(r.next_unit().unwrap().is_none());
//! ```

use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};

use super::inline::SegBuilder;
use super::{
    Annot, Attrs, Header, KNOWN_VERSIONS, MAX_SEGMENT_BYTES, Unit, Variant, escape_text, open_tag,
};
use crate::error::{Error, Result};

/// The longest run of bytes without markup accepted before the parser has to hold it whole.
const MAX_RUN_BYTES: usize = 4 * MAX_SEGMENT_BYTES;

/// Decodes UTF-8 or UTF-16 input to UTF-8 as it is read, and refuses runs of
/// text longer than a limit (so one event can never hold the whole file).
pub struct Utf8Source<R: Read> {
    inner: R,
    decoder: Option<encoding_rs::Decoder>,
    pending: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    started: bool,
    eof: bool,
    run: usize,
    max_run: usize,
}

impl<R: Read> Utf8Source<R> {
    pub fn new(inner: R) -> Self {
        Utf8Source {
            inner,
            decoder: None,
            pending: Vec::new(),
            out: Vec::new(),
            out_pos: 0,
            started: false,
            eof: false,
            run: 0,
            max_run: MAX_RUN_BYTES,
        }
    }

    fn fill_raw(&mut self, want: usize) -> io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        while self.pending.len() < want && !self.eof {
            let n = self.inner.read(&mut chunk)?;
            if n == 0 {
                self.eof = true;
            }
            self.pending.extend_from_slice(&chunk[..n]);
        }
        Ok(())
    }

    fn start(&mut self) -> io::Result<()> {
        self.started = true;
        self.fill_raw(4)?;
        let p = &self.pending;
        let (enc, skip) = if p.starts_with(&[0xEF, 0xBB, 0xBF]) {
            (None, 3)
        } else if p.starts_with(&[0xFF, 0xFE]) {
            (Some(encoding_rs::UTF_16LE), 2)
        } else if p.starts_with(&[0xFE, 0xFF]) {
            (Some(encoding_rs::UTF_16BE), 2)
        } else if p.starts_with(&[b'<', 0, b'?', 0]) {
            (Some(encoding_rs::UTF_16LE), 0)
        } else if p.starts_with(&[0, b'<', 0, b'?']) {
            (Some(encoding_rs::UTF_16BE), 0)
        } else {
            (None, 0)
        };
        self.pending.drain(..skip);
        self.decoder = enc.map(|e| e.new_decoder_without_bom_handling());
        Ok(())
    }

    /// Produces more UTF-8 into `self.out`; returns false at the end.
    fn produce(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() {
            self.fill_raw(16 * 1024)?;
            if self.pending.is_empty() && self.eof {
                return Ok(false);
            }
            match &mut self.decoder {
                None => {
                    std::mem::swap(&mut self.out, &mut self.pending);
                }
                Some(dec) => {
                    let last = self.eof;
                    let cap = dec
                        .max_utf8_buffer_length(self.pending.len())
                        .unwrap_or(self.pending.len() * 3 + 16);
                    self.out.resize(cap, 0);
                    let (res, read, written, malformed) =
                        dec.decode_to_utf8(&self.pending, &mut self.out, last);
                    self.out.truncate(written);
                    self.pending.drain(..read);
                    if malformed {
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            "the text is not valid UTF-16",
                        ));
                    }
                    if res == encoding_rs::CoderResult::InputEmpty && last && self.out.is_empty() {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }
}

impl<R: Read> Read for Utf8Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.started {
            self.start()?;
        }
        if self.out_pos >= self.out.len() && !self.produce()? {
            return Ok(0);
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        let slice = &self.out[self.out_pos..self.out_pos + n];
        for &b in slice {
            if b == b'<' || b == b'>' {
                self.run = 0;
            } else {
                self.run += 1;
            }
        }
        if self.run > self.max_run {
            return Err(io::Error::new(io::ErrorKind::InvalidData, OVERSIZED));
        }
        buf[..n].copy_from_slice(slice);
        self.out_pos += n;
        Ok(n)
    }
}

const OVERSIZED: &str = "oversized text run";

/// Where the bytes of a reader come from, so a fault can be located by reading them again.
#[derive(Clone)]
enum Source {
    File(PathBuf),
    Bytes(Arc<Vec<u8>>),
}

impl Source {
    fn open(&self) -> io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Source::File(p) => Box::new(File::open(p)?),
            Source::Bytes(b) => Box::new(io::Cursor::new(Arc::clone(b).as_ref().clone())),
        })
    }
}

/// The (line, column) of a byte offset in the decoded text, both 1-based, the column in characters.
fn locate(source: &Source, offset: u64) -> (u64, u64) {
    let Ok(inner) = source.open() else {
        return (0, 0);
    };
    let mut r = BufReader::new(Utf8Source::new(inner));
    r.get_mut().max_run = usize::MAX;
    let (mut line, mut col, mut pos) = (1u64, 1u64, 0u64);
    let mut buf = [0u8; 16 * 1024];
    'outer: loop {
        let n = match r.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        for &b in &buf[..n] {
            if pos >= offset {
                break 'outer;
            }
            pos += 1;
            if b == b'\n' {
                line += 1;
                col = 1;
            } else if b & 0xC0 != 0x80 {
                col += 1;
            }
        }
    }
    (line, col)
}

/// An owned, simplified XML event.
#[derive(Debug)]
enum Ev {
    Start(String, Attrs),
    Empty(String, Attrs),
    End(String),
    Text(String),
    Eof,
}

/// Streams the units of one TMX file.
pub struct TmxReader {
    xml: quick_xml::Reader<BufReader<Utf8Source<Box<dyn Read + Send>>>>,
    buf: Vec<u8>,
    path: PathBuf,
    source: Source,
    header: Header,
    /// Where the event just read started (byte offset in the decoded text).
    at: u64,
    finished: bool,
    max_segment: usize,
}

impl TmxReader {
    /// Opens a TMX file and reads up to its first unit.
    pub fn open(path: &Path) -> Result<TmxReader> {
        let f = File::open(path).map_err(|e| Error::io(path, e))?;
        Self::start(
            path,
            Source::File(path.to_path_buf()),
            Box::new(f),
            MAX_SEGMENT_BYTES,
        )
    }

    /// Reads TMX held in memory (`label` names it in messages).
    pub fn from_bytes(label: &str, bytes: Vec<u8>) -> Result<TmxReader> {
        let bytes = Arc::new(bytes);
        let inner: Box<dyn Read + Send> = Box::new(io::Cursor::new(bytes.as_ref().clone()));
        Self::start(
            Path::new(label),
            Source::Bytes(bytes),
            inner,
            MAX_SEGMENT_BYTES,
        )
    }

    /// Sets a smaller segment limit than [`MAX_SEGMENT_BYTES`] (for tests).
    pub fn with_max_segment(mut self, max: usize) -> Self {
        self.max_segment = max;
        self
    }

    fn start(
        path: &Path,
        source: Source,
        inner: Box<dyn Read + Send>,
        max_segment: usize,
    ) -> Result<TmxReader> {
        let mut xml = quick_xml::Reader::from_reader(BufReader::with_capacity(
            64 * 1024,
            Utf8Source::new(inner),
        ));
        let cfg = xml.config_mut();
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
        cfg.trim_text(false);
        let mut r = TmxReader {
            xml,
            buf: Vec::with_capacity(4096),
            path: path.to_path_buf(),
            source,
            header: Header::default(),
            at: 0,
            finished: false,
            max_segment,
        };
        r.read_prolog()?;
        Ok(r)
    }

    /// The file's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// A syntax error at a byte offset.
    fn error_at(&self, offset: u64, message: impl Into<String>) -> Error {
        let (line, column) = locate(&self.source, offset);
        Error::Syntax {
            path: self.path.clone(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A syntax error at the start of `unit` (for faults found after reading it).
    pub fn error_at_unit(&self, unit: &Unit, message: impl Into<String>) -> Error {
        self.error_at(unit.offset, message)
    }

    fn error_here(&self, message: impl Into<String>) -> Error {
        self.error_at(self.at, message)
    }

    fn next_ev(&mut self) -> Result<Ev> {
        let mut buf = std::mem::take(&mut self.buf);
        let out = loop {
            buf.clear();
            self.at = self.xml.buffer_position();
            match self.xml.read_event_into(&mut buf) {
                Ok(ev) => match convert(ev) {
                    Ok(Some(ev)) => break Ok(ev),
                    Ok(None) => continue,
                    Err(msg) => break Err(self.error_here(msg)),
                },
                Err(e) => {
                    let msg = match &e {
                        quick_xml::Error::Io(io) if io.to_string() == OVERSIZED => format!(
                            "a text of more than {MAX_RUN_BYTES} bytes without markup (oversized segment)"
                        ),
                        quick_xml::Error::Io(io) => format!("cannot be read: {io}"),
                        e => format!("malformed XML: {e}"),
                    };
                    let pos = self.xml.error_position().max(self.at);
                    break Err(self.error_at(pos, msg));
                }
            }
        };
        self.buf = buf;
        out
    }

    fn read_prolog(&mut self) -> Result<()> {
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => continue,
                Ev::Start(n, a) | Ev::Empty(n, a) if n == "tmx" => {
                    let version = super::attr(&a, "version").unwrap_or("").to_string();
                    if !KNOWN_VERSIONS.contains(&version.as_str()) {
                        return Err(self.error_here(format!(
                            "unknown TMX version \"{version}\" (this reader knows {})",
                            KNOWN_VERSIONS.join(", ")
                        )));
                    }
                    self.header.version = version;
                    break;
                }
                Ev::Start(n, _) | Ev::Empty(n, _) => {
                    return Err(self.error_here(format!(
                        "is not a TMX file: the root element is <{n}>, not <tmx>"
                    )));
                }
                Ev::Eof => {
                    return Err(self.error_here("is not a TMX file: there is no <tmx> element"));
                }
                _ => {
                    return Err(self.error_here("is not a TMX file: text before the <tmx> element"));
                }
            }
        }
        // <header>
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => continue,
                Ev::Empty(n, a) if n == "header" => {
                    self.header.attrs = a;
                    break;
                }
                Ev::Start(n, a) if n == "header" => {
                    self.header.attrs = a;
                    loop {
                        match self.next_ev()? {
                            Ev::Text(t) if t.trim().is_empty() => {}
                            Ev::End(n) if n == "header" => break,
                            Ev::Start(n, a) if n == "note" || n == "prop" => {
                                let an = self.annot(n, a, false)?;
                                self.header.annots.push(an);
                            }
                            Ev::Empty(n, a) if n == "note" || n == "prop" => {
                                let an = self.annot(n, a, true)?;
                                self.header.annots.push(an);
                            }
                            Ev::Start(n, a) if n == "ude" => {
                                let x = self.capture(&n, &a, false)?;
                                self.header.udes.push(x);
                            }
                            Ev::Empty(n, a) if n == "ude" => {
                                let x = self.capture(&n, &a, true)?;
                                self.header.udes.push(x);
                            }
                            other => return Err(self.unexpected(other, "<header>")),
                        }
                    }
                    break;
                }
                other => return Err(self.unexpected(other, "<tmx> before <header>")),
            }
        }
        // <body>
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => continue,
                Ev::Start(n, _) if n == "body" => return Ok(()),
                Ev::Empty(n, _) if n == "body" => {
                    self.finish_document()?;
                    return Ok(());
                }
                other => return Err(self.unexpected(other, "<tmx> after <header>")),
            }
        }
    }

    fn unexpected(&self, ev: Ev, place: &str) -> Error {
        match ev {
            Ev::Eof => self.error_here(format!("the file ends inside {place}; it is truncated")),
            Ev::Start(n, _) | Ev::Empty(n, _) => {
                self.error_here(format!("unexpected <{n}> in {place}"))
            }
            Ev::End(n) => self.error_here(format!("unexpected </{n}> in {place}")),
            Ev::Text(_) => self.error_here(format!("unexpected text in {place}")),
        }
    }

    /// After `</body>`: `</tmx>`, then nothing but white space.
    fn finish_document(&mut self) -> Result<()> {
        self.finished = true;
        let mut closed = false;
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::End(n) if n == "tmx" && !closed => closed = true,
                Ev::Eof if closed => return Ok(()),
                other => return Err(self.unexpected(other, "<tmx> after <body>")),
            }
        }
    }

    /// The next unit, or `None` after the last.
    pub fn next_unit(&mut self) -> Result<Option<Unit>> {
        if self.finished {
            return Ok(None);
        }
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Start(n, a) if n == "tu" => return self.unit(a).map(Some),
                Ev::End(n) if n == "body" => {
                    self.finish_document()?;
                    return Ok(None);
                }
                other => return Err(self.unexpected(other, "<body>")),
            }
        }
    }

    fn unit(&mut self, attrs: Attrs) -> Result<Unit> {
        let start = self.at;
        let mut tu = Unit {
            attrs,
            ..Unit::default()
        };
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Start(n, a) if (n == "note" || n == "prop") && tu.variants.is_empty() => {
                    let an = self.annot(n, a, false)?;
                    tu.annots.push(an)
                }
                Ev::Empty(n, a) if (n == "note" || n == "prop") && tu.variants.is_empty() => {
                    let an = self.annot(n, a, true)?;
                    tu.annots.push(an)
                }
                Ev::Start(n, a) if n == "tuv" => {
                    let v = self.variant(a)?;
                    tu.variants.push(v);
                }
                Ev::End(n) if n == "tu" => break,
                other => return Err(self.unexpected(other, "<tu>")),
            }
        }
        tu.offset = start;
        let mut langs: Vec<String> = tu
            .variants
            .iter()
            .map(|v| v.lang.to_ascii_lowercase())
            .collect();
        langs.sort();
        langs.dedup();
        if langs.len() < 2 {
            let what = match langs.first() {
                Some(l) => format!("only one language ({l})"),
                None => "no <tuv>".to_string(),
            };
            let id = tu
                .get("tuid")
                .map(|t| format!(" (tuid {t})"))
                .unwrap_or_default();
            return Err(self.error_at(
                start,
                format!("a translation unit{id} has {what}; it needs a source and a translation"),
            ));
        }
        Ok(tu)
    }

    fn variant(&mut self, mut attrs: Attrs) -> Result<Variant> {
        let start = self.at;
        let lang_at = attrs
            .iter()
            .position(|(k, _)| k == "xml:lang")
            .or_else(|| attrs.iter().position(|(k, _)| k == "lang"));
        let lang = match lang_at {
            Some(i) => attrs.remove(i).1,
            None => return Err(self.error_here("a <tuv> has no xml:lang attribute")),
        };
        // A deprecated `lang` beside `xml:lang` says the same thing; drop it.
        attrs.retain(|(k, _)| k != "lang");
        let mut annots = Vec::new();
        let mut seg = None;
        loop {
            match self.next_ev()? {
                Ev::Text(t) if t.trim().is_empty() => {}
                Ev::Start(n, a) if (n == "note" || n == "prop") && seg.is_none() => {
                    annots.push(self.annot(n, a, false)?)
                }
                Ev::Empty(n, a) if (n == "note" || n == "prop") && seg.is_none() => {
                    annots.push(self.annot(n, a, true)?)
                }
                Ev::Start(n, _) if n == "seg" && seg.is_none() => seg = Some(self.seg()?),
                Ev::Empty(n, _) if n == "seg" && seg.is_none() => {
                    seg = Some(SegBuilder::new().finish())
                }
                Ev::End(n) if n == "tuv" => break,
                other => return Err(self.unexpected(other, "<tuv>")),
            }
        }
        let Some(seg) = seg else {
            return Err(self.error_at(start, format!("the <tuv xml:lang=\"{lang}\"> has no <seg>")));
        };
        Ok(Variant {
            lang,
            attrs,
            annots,
            seg,
        })
    }

    fn oversized(&self, start: u64, what: &str) -> Error {
        self.error_at(
            start,
            format!(
                "a {what} is longer than {} bytes (oversized segment)",
                self.max_segment
            ),
        )
    }

    fn annot(&mut self, name: String, attrs: Attrs, empty: bool) -> Result<Annot> {
        let start = self.at;
        let mut text = String::new();
        if !empty {
            loop {
                match self.next_ev()? {
                    Ev::Text(t) => {
                        text.push_str(&t);
                        if text.len() > self.max_segment {
                            return Err(self.oversized(start, &format!("<{name}>")));
                        }
                    }
                    Ev::End(n) if n == name => break,
                    other => return Err(self.unexpected(other, &format!("<{name}>"))),
                }
            }
        }
        Ok(Annot { name, attrs, text })
    }

    /// Reads a whole element (after its start event) back into XML.
    fn capture(&mut self, name: &str, attrs: &Attrs, empty: bool) -> Result<String> {
        let start = self.at;
        let mut out = String::new();
        open_tag(name, attrs, &mut out);
        if empty {
            out.push_str("/>");
            return Ok(out);
        }
        out.push('>');
        let mut open = vec![name.to_string()];
        while let Some(top) = open.last().cloned() {
            match self.next_ev()? {
                Ev::Text(t) => escape_text(&t, &mut out),
                Ev::Start(n, a) => {
                    open_tag(&n, &a, &mut out);
                    out.push('>');
                    open.push(n);
                }
                Ev::Empty(n, a) => {
                    open_tag(&n, &a, &mut out);
                    out.push_str("/>");
                }
                Ev::End(n) if n == top => {
                    out.push_str("</");
                    out.push_str(&n);
                    out.push('>');
                    open.pop();
                }
                other => return Err(self.unexpected(other, &format!("<{top}>"))),
            }
            if out.len() > self.max_segment {
                return Err(self.oversized(start, &format!("<{name}>")));
            }
        }
        Ok(out)
    }

    fn seg(&mut self) -> Result<super::inline::Seg> {
        let start = self.at;
        let mut b = SegBuilder::new();
        let mut his = 0usize;
        loop {
            match self.next_ev()? {
                Ev::Text(t) => b.text(&t),
                Ev::Start(n, a) if n == "hi" => {
                    his += 1;
                    b.hi_start(&a);
                }
                Ev::Empty(n, a) if n == "hi" => {
                    b.hi_start(&a);
                    b.hi_end();
                }
                Ev::End(n) if n == "hi" && his > 0 => {
                    his -= 1;
                    b.hi_end();
                }
                Ev::Start(n, a) => {
                    let xml = self.capture(&n, &a, false)?;
                    b.code(&n, &a, xml);
                }
                Ev::Empty(n, a) => {
                    let xml = self.capture(&n, &a, true)?;
                    b.code(&n, &a, xml);
                }
                Ev::End(n) if n == "seg" && his == 0 => break,
                other => return Err(self.unexpected(other, "<seg>")),
            }
            if b.len() > self.max_segment {
                return Err(self.oversized(start, "<seg>"));
            }
        }
        Ok(b.finish())
    }
}

/// An element's name and attributes.
fn element(s: &BytesStart) -> std::result::Result<(String, Attrs), String> {
    let name = std::str::from_utf8(s.name().as_ref())
        .map_err(|e| format!("malformed XML: {e}"))?
        .to_string();
    let mut attrs = Attrs::new();
    for a in s.attributes() {
        let a = a.map_err(|e| format!("malformed XML in <{name}>: {e}"))?;
        let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let v = a
            .unescape_value()
            .map_err(|e| format!("malformed XML in <{name}>: {e}"))?
            .into_owned();
        attrs.push((k, v));
    }
    Ok((name, attrs))
}

/// A quick-xml event as an [`Ev`]; `None` for what the reader skips (comments, declarations).
fn convert(ev: Event) -> std::result::Result<Option<Ev>, String> {
    let bad = |e: &dyn std::fmt::Display| format!("malformed XML: {e}");
    Ok(Some(match ev {
        Event::Start(s) => {
            let (n, a) = element(&s)?;
            Ev::Start(n, a)
        }
        Event::Empty(s) => {
            let (n, a) = element(&s)?;
            Ev::Empty(n, a)
        }
        Event::End(e) => Ev::End(String::from_utf8_lossy(e.name().as_ref()).into_owned()),
        Event::Text(t) => Ev::Text(t.xml10_content().map_err(|e| bad(&e))?.into_owned()),
        Event::CData(t) => Ev::Text(t.decode().map_err(|e| bad(&e))?.into_owned()),
        Event::GeneralRef(r) => {
            if let Some(c) = r.resolve_char_ref().map_err(|e| bad(&e))? {
                Ev::Text(c.to_string())
            } else {
                let name = r.decode().map_err(|e| bad(&e))?;
                let c = match name.as_ref() {
                    "lt" => "<",
                    "gt" => ">",
                    "amp" => "&",
                    "apos" => "'",
                    "quot" => "\"",
                    other => return Err(format!("malformed XML: unknown entity &{other};")),
                };
                Ev::Text(c.to_string())
            }
        }
        Event::Eof => Ev::Eof,
        Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => return Ok(None),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(s: &str) -> Result<TmxReader> {
        TmxReader::from_bytes("t.tmx", s.as_bytes().to_vec())
    }

    fn all_units(s: &str) -> Result<Vec<Unit>> {
        let mut r = reader(s)?;
        let mut out = Vec::new();
        while let Some(u) = r.next_unit()? {
            out.push(u);
        }
        Ok(out)
    }

    const HEAD: &str = "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\" o-tmf=\"x\" adminlang=\"en\" creationtool=\"t\" creationtoolversion=\"1\"/>\n<body>\n";

    fn doc(body: &str) -> String {
        format!("{HEAD}{body}\n</body>\n</tmx>\n")
    }

    fn syntax(e: Error) -> (u64, u64, String) {
        match e {
            Error::Syntax {
                line,
                column,
                message,
                ..
            } => (line, column, message),
            other => panic!("expected a syntax error, got {other}"),
        }
    }

    #[test]
    fn reads_units_notes_props_and_markup() {
        let units = all_units(&doc(
            "<tu tuid=\"7\" creationdate=\"20240101T000000Z\"><prop type=\"x-domain\">IT</prop><note>n &amp; m</note>\
             <tuv xml:lang=\"en\"><seg>Click <bpt i=\"1\">&lt;b&gt;</bpt>OK<ept i=\"1\">&lt;/b&gt;</ept>&#33;</seg></tuv>\
             <tuv lang=\"de\" changeid=\"ann\"><seg>Klicken Sie <hi type=\"b\">OK</hi></seg></tuv></tu>",
        ))
        .unwrap();
        assert_eq!(units.len(), 1);
        let u = &units[0];
        assert_eq!(u.get("tuid"), Some("7"));
        assert_eq!(u.annots[0].text, "IT");
        assert_eq!(u.annots[1].text, "n & m");
        assert_eq!(u.variants[0].seg.text, "Click {1}OK{/1}!");
        assert_eq!(u.variants[1].lang, "de");
        assert_eq!(
            u.variants[1].attrs,
            vec![("changeid".to_string(), "ann".to_string())]
        );
        assert_eq!(u.variants[1].seg.text, "Klicken Sie {1}OK{/1}");
        assert_eq!(
            u.variants[1].seg.to_xml(),
            "Klicken Sie <hi type=\"b\">OK</hi>"
        );
    }

    #[test]
    fn utf16_with_bom_reads_like_utf8() {
        let text = doc("<tu><tuv xml:lang=\"en\"><seg>tea</seg></tuv><tuv xml:lang=\"ru\"><seg>чай</seg></tuv></tu>")
            .replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>");
        for (bom, le) in [([0xFFu8, 0xFE], true), ([0xFE, 0xFF], false)] {
            let mut bytes = bom.to_vec();
            for u in text.encode_utf16() {
                bytes.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let mut r = TmxReader::from_bytes("t.tmx", bytes).unwrap();
            let u = r.next_unit().unwrap().unwrap();
            assert_eq!(u.variants[1].seg.text, "чай");
        }
    }

    #[test]
    fn utf8_bom_and_utf16_without_bom_are_read() {
        let text = doc(
            "<tu><tuv xml:lang=\"en\"><seg>tea</seg></tuv><tuv xml:lang=\"tr\"><seg>çay</seg></tuv></tu>",
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let plain16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        for bytes in [bom, plain16] {
            let mut r = TmxReader::from_bytes("t.tmx", bytes).unwrap();
            assert_eq!(r.next_unit().unwrap().unwrap().variants[1].seg.text, "çay");
        }
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let e = all_units(&doc("<tu><tuv xml:lang=\"en\"><seg>a</sg></tuv></tu>")).unwrap_err();
        let (line, col, msg) = syntax(e);
        assert_eq!(line, 5, "{msg}");
        assert!(col > 1, "{msg}");
        assert!(msg.contains("malformed"), "{msg}");
    }

    #[test]
    fn unknown_version_is_refused() {
        let e = reader("<tmx version=\"2.0\"><header srclang=\"en\"/><body/></tmx>")
            .err()
            .unwrap();
        let (line, col, msg) = syntax(e);
        assert_eq!((line, col), (1, 1));
        assert!(msg.contains("unknown TMX version"), "{msg}");
    }

    #[test]
    fn one_language_unit_is_refused_where_it_starts() {
        let e = all_units(&doc("<tu tuid=\"9\"><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"EN\"><seg>b</seg></tuv></tu>"))
            .unwrap_err();
        let (line, col, msg) = syntax(e);
        assert_eq!((line, col), (5, 1), "{msg}");
        assert!(
            msg.contains("tuid 9") && msg.contains("one language"),
            "{msg}"
        );
    }

    #[test]
    fn oversized_segment_is_refused() {
        let big = "x".repeat(200);
        let mut r = reader(&doc(&format!(
            "<tu><tuv xml:lang=\"en\"><seg>{big}</seg></tuv><tuv xml:lang=\"de\"><seg>y</seg></tuv></tu>"
        )))
        .unwrap()
        .with_max_segment(100);
        let (_, _, msg) = syntax(r.next_unit().unwrap_err());
        assert!(msg.contains("oversized"), "{msg}");
    }

    #[test]
    fn truncated_file_is_refused() {
        let e = all_units(&format!(
            "{HEAD}<tu><tuv xml:lang=\"en\"><seg>a</seg></tuv>"
        ))
        .unwrap_err();
        let (_, _, msg) = syntax(e);
        assert!(
            msg.contains("truncated") || msg.contains("malformed"),
            "{msg}"
        );
    }

    #[test]
    fn not_tmx_is_refused() {
        let (_, _, msg) = syntax(reader("<html><body/></html>").err().unwrap());
        assert!(msg.contains("not a TMX file"), "{msg}");
    }
}
