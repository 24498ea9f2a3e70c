//! The TMX 1.4b writer: a header, then one `<tu>` at a time, streaming.
//!
//! The output validates against the TMX 1.4b DTD as long as the units carry
//! only TMX attributes (units read from TMX files keep what those files had).
//!
//! ```
//! use tarjima::formats::tmx::{Unit, Variant, inline::Seg, write::TmxWriter};
//! let mut out = Vec::new();
//! let mut w = TmxWriter::new(&mut out, "en").unwrap();
//! let v = |l: &str, t: &str| Variant { lang: l.into(), attrs: vec![], annots: vec![], seg: Seg::plain(t) };
//! w.write_unit(&Unit { variants: vec![v("en", "A & B"), v("de", "A und B")], ..Unit::default() }).unwrap();
//! w.finish().unwrap();
//! let xml = String::from_utf8(out).unwrap();
//! assert!(xml.contains("<seg>A &amp; B</seg>"));
//! assert!(xml.trim_end().ends_with("</tmx>"));
//! ```

use std::io::{self, Write};

use super::{Annot, Attrs, Unit, escape_text, open_tag};

/// Writes a TMX document.
pub struct TmxWriter<W: Write> {
    out: W,
    buf: String,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration, the `<header>` (`srclang` may be `*all*`) and opens `<body>`.
    pub fn new(out: W, srclang: &str) -> io::Result<Self> {
        let attrs: Attrs = [
            ("creationtool", "tarjima"),
            ("creationtoolversion", env!("CARGO_PKG_VERSION")),
            ("segtype", "sentence"),
            ("o-tmf", "tarjima"),
            ("adminlang", "en"),
            ("srclang", srclang),
            ("datatype", "unknown"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        Self::with_header(out, &attrs)
    }

    /// Like [`TmxWriter::new`] with the header attributes given.
    pub fn with_header(mut out: W, header: &Attrs) -> io::Result<Self> {
        let mut buf =
            String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  ");
        open_tag("header", header, &mut buf);
        buf.push_str("/>\n  <body>\n");
        out.write_all(buf.as_bytes())?;
        buf.clear();
        Ok(TmxWriter { out, buf })
    }

    /// Writes one `<tu>`.
    pub fn write_unit(&mut self, u: &Unit) -> io::Result<()> {
        let b = &mut self.buf;
        b.clear();
        b.push_str("    ");
        open_tag("tu", &u.attrs, b);
        b.push_str(">\n");
        annots(&u.annots, "      ", b);
        for v in &u.variants {
            b.push_str("      <tuv xml:lang=\"");
            super::escape_attr(&v.lang, b);
            b.push('"');
            for (k, val) in &v.attrs {
                b.push(' ');
                b.push_str(k);
                b.push_str("=\"");
                super::escape_attr(val, b);
                b.push('"');
            }
            b.push_str(">\n");
            annots(&v.annots, "        ", b);
            b.push_str("        <seg>");
            b.push_str(&v.seg.to_xml());
            b.push_str("</seg>\n      </tuv>\n");
        }
        b.push_str("    </tu>\n");
        self.out.write_all(b.as_bytes())
    }

    /// Closes the document and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

fn annots(list: &[Annot], indent: &str, b: &mut String) {
    for a in list {
        b.push_str(indent);
        open_tag(&a.name, &a.attrs, b);
        b.push('>');
        escape_text(&a.text, b);
        b.push_str("</");
        b.push_str(&a.name);
        b.push_str(">\n");
    }
}
