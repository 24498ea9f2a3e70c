//! Translation memories as CSV or TSV: import and export.
//!
//! Two layouts are read, told apart by the header row:
//! * **language columns**: a header row of language tags (`en,de,fr`); each
//!   row is one unit; the first column (or the `--src-lang` one) is the
//!   source and every other non-empty cell gives a pair;
//! * **pair rows**, as `tarjima export` writes them: the columns `source`,
//!   `target`, `src_lang`, `tgt_lang` first (then optionally `origin`,
//!   `confidence`, which sets the pair's confidence).
//!
//! Without a header row, `--src-lang` and `--tgt-lang` name the first two columns.
//! CSV is RFC 4180 (comma, or semicolon when the header row has no comma);
//! TSV is one row a line with `\t`, `\n`, `\r`, `\\` escapes, as
//! [`super::tsv`] writes. UTF-8 or UTF-16 with a BOM. Faults are
//! [`crate::Error::Syntax`] with the file and line; nothing is stored then.
//!
//! ```
//! use tarjima::formats::csv::{Layout, layout_of};
//! let langs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
//! assert!(matches!(layout_of(&langs(&["en", "de-DE"]), None, None), Ok(Layout::Languages(_))));
//! assert!(matches!(layout_of(&langs(&["source", "target", "src_lang", "tgt_lang"]), None, None), Ok(Layout::PairRows)));
//! assert_eq!(tarjima::formats::csv::unescape_tsv("a\\tb\\\\n"), "a\tb\\n");
//! ```

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use super::ExchangeReport;
use super::tmx::read::Utf8Source;
use super::tmx::{MAX_SEGMENT_BYTES, is_language_tag, memory_tag};
use super::tsv;
use crate::error::{Error, Result};
use crate::store::{NewOrigin, NewPair, PairFilter, PreparedPair, Store};

/// How the columns of a file are to be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Layout {
    /// One language per column (memory tags), the source column first... by index.
    Languages(LanguageColumns),
    /// `source`, `target`, `src_lang`, `tgt_lang`[, `origin`, `confidence`].
    PairRows,
}

/// The columns of a language-column file.
#[derive(Debug, Clone, PartialEq)]
pub struct LanguageColumns {
    /// Memory tag of each column.
    pub langs: Vec<String>,
    /// Index of the source column.
    pub source: usize,
    /// False when the first row is data (no header; languages given by the caller).
    pub header: bool,
}

/// Reads the header row (or, without one, the caller's languages).
pub fn layout_of(
    first: &[String],
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
) -> std::result::Result<Layout, String> {
    let cells: Vec<String> = first
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    if cells.len() >= 4 && cells[..4] == ["source", "target", "src_lang", "tgt_lang"] {
        return Ok(Layout::PairRows);
    }
    let tags = cells.iter().all(|c| is_language_tag(c)) && cells.len() >= 2;
    if tags {
        let langs: Vec<String> = first.iter().map(|c| memory_tag(c.trim())).collect();
        let source = match src_lang {
            Some(s) => {
                let want = memory_tag(s);
                langs.iter().position(|l| *l == want).ok_or_else(|| {
                    format!("no column for the source language {s} in the header row")
                })?
            }
            None => 0,
        };
        return Ok(Layout::Languages(LanguageColumns {
            langs,
            source,
            header: true,
        }));
    }
    match (src_lang, tgt_lang) {
        (Some(s), Some(t)) if first.len() == 2 => Ok(Layout::Languages(LanguageColumns {
            langs: vec![memory_tag(s), memory_tag(t)],
            source: 0,
            header: false,
        })),
        (Some(_), Some(_)) => Err(format!(
            "a file without a header row must have two columns (source, target), not {}",
            first.len()
        )),
        _ => Err("the first row must name the languages of the columns (e.g. en,de), or be \
                  source,target,src_lang,tgt_lang; or give --src-lang and --tgt-lang for a file without a header row"
            .into()),
    }
}

/// Undoes the escapes of [`tsv::escape`] (other backslashes stay as they are).
pub fn unescape_tsv(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Rows of a CSV or TSV file, with their line numbers.
enum Rows {
    Csv(csv::StringRecordsIntoIter<BufReader<Utf8Source<std::fs::File>>>),
    Tsv(BufReader<Utf8Source<std::fs::File>>, u64),
}

impl Rows {
    fn next_row(&mut self, path: &Path) -> Result<Option<(u64, Vec<String>)>> {
        match self {
            Rows::Csv(it) => match it.next() {
                None => Ok(None),
                Some(Ok(rec)) => {
                    let line = rec.position().map_or(0, |p| p.line());
                    Ok(Some((line, rec.iter().map(str::to_string).collect())))
                }
                Some(Err(e)) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let message = match e.kind() {
                        csv::ErrorKind::UnequalLengths {
                            expected_len, len, ..
                        } => {
                            format!(
                                "this row has {len} fields where the header row has {expected_len}"
                            )
                        }
                        csv::ErrorKind::Utf8 { .. } => "the text is not valid UTF-8".into(),
                        _ => format!("malformed CSV: {e}"),
                    };
                    Err(Error::Syntax {
                        path: path.to_path_buf(),
                        line,
                        column: 1,
                        message,
                    })
                }
            },
            Rows::Tsv(r, line) => {
                let mut buf = Vec::new();
                let limit = (4 * MAX_SEGMENT_BYTES) as u64;
                let n = r
                    .by_ref()
                    .take(limit)
                    .read_until(b'\n', &mut buf)
                    .map_err(|e| Error::io(path, e))?;
                if n == 0 {
                    return Ok(None);
                }
                *line += 1;
                if n as u64 >= limit && buf.last() != Some(&b'\n') {
                    return Err(Error::Syntax {
                        path: path.to_path_buf(),
                        line: *line,
                        column: 1,
                        message: format!("a line longer than {limit} bytes (oversized segment)"),
                    });
                }
                while matches!(buf.last(), Some(b'\n' | b'\r')) {
                    buf.pop();
                }
                let text = String::from_utf8(buf).map_err(|_| Error::Syntax {
                    path: path.to_path_buf(),
                    line: *line,
                    column: 1,
                    message: "the text is not valid UTF-8".into(),
                })?;
                Ok(Some((*line, text.split('\t').map(unescape_tsv).collect())))
            }
        }
    }
}

fn open_rows(path: &Path, tsv: bool) -> Result<Rows> {
    let open = || -> Result<BufReader<Utf8Source<std::fs::File>>> {
        let f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        Ok(BufReader::new(Utf8Source::new(f)))
    };
    if tsv {
        return Ok(Rows::Tsv(open()?, 0));
    }
    // Sniff the delimiter from the first line: a semicolon when it has no comma.
    let mut first = Vec::new();
    open()?
        .take(64 * 1024)
        .read_until(b'\n', &mut first)
        .map_err(|e| Error::io(path, e))?;
    let delimiter = if !first.contains(&b',') && first.contains(&b';') {
        b';'
    } else {
        b','
    };
    let reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .delimiter(delimiter)
        .from_reader(open()?);
    Ok(Rows::Csv(reader.into_records()))
}

/// Imports a CSV (`tsv` false) or TSV file in one transaction.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    tsv: bool,
    src_lang: Option<&str>,
    tgt_lang: Option<&str>,
) -> Result<ExchangeReport> {
    let name = path.display().to_string();
    let mut report = ExchangeReport::new(&name, if tsv { "tsv" } else { "csv" });
    let hash = super::tmx::convert::file_hash(path)?;
    let mut rows = open_rows(path, tsv)?;
    let syntax = |line: u64, message: String| Error::Syntax {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    };
    let Some((line, first)) = rows.next_row(path)? else {
        return Err(Error::input(path, "is empty"));
    };
    let layout = layout_of(&first, src_lang, tgt_lang).map_err(|m| syntax(line, m))?;
    let width = first.len();
    let mut pending = match &layout {
        Layout::Languages(c) if !c.header => Some((line, first)),
        _ => None,
    };
    store.set_cache_kib(super::tmx::convert::BULK_CACHE_KIB)?;
    let mut w = store.bulk_writer()?;
    let mut origin_id = None;
    let mut position = 0i64;
    loop {
        let (line, row) = match pending.take() {
            Some(r) => r,
            None => match rows.next_row(path)? {
                Some(r) => r,
                None => break,
            },
        };
        if row.len() == 1 && row[0].trim().is_empty() {
            continue;
        }
        if row.len() != width {
            return Err(syntax(
                line,
                format!(
                    "this row has {} fields where the first row has {width}",
                    row.len()
                ),
            ));
        }
        if let Some(i) = row.iter().position(|c| c.len() > MAX_SEGMENT_BYTES) {
            return Err(syntax(
                line,
                format!(
                    "field {} is longer than {MAX_SEGMENT_BYTES} bytes (oversized segment)",
                    i + 1
                ),
            ));
        }
        report.units += 1;
        let mut pairs = Vec::new();
        match &layout {
            Layout::PairRows => {
                let (s, t) = (memory_tag(&row[2]), memory_tag(&row[3]));
                if row[0].is_empty() || row[1].is_empty() {
                    report.empty_cells += 1;
                } else {
                    let confidence = row
                        .get(5)
                        .and_then(|c| c.trim().parse::<f64>().ok())
                        .filter(|c| (0.0..=1.0).contains(c))
                        .unwrap_or(1.0);
                    pairs.push(NewPair::new(&s, &t, &row[0], &row[1], confidence));
                }
            }
            Layout::Languages(c) => {
                let src = &row[c.source];
                for (i, cell) in row.iter().enumerate() {
                    if i == c.source {
                        continue;
                    }
                    if src.is_empty() || cell.is_empty() {
                        report.empty_cells += 1;
                        continue;
                    }
                    pairs.push(NewPair::new(
                        &c.langs[c.source],
                        &c.langs[i],
                        src,
                        cell,
                        1.0,
                    ));
                }
            }
        }
        for pair in pairs {
            let origin = |p: &NewPair| NewOrigin {
                name: name.clone(),
                kind: "csv".into(),
                src_path: Some(name.clone()),
                src_lang: p.src_lang.clone(),
                tgt_lang: p.tgt_lang.clone(),
                content_hash: hash.clone(),
                ..NewOrigin::default()
            };
            if !super::store_exchange_pair(
                &mut w,
                &mut origin_id,
                origin,
                PreparedPair::new(pair),
                position,
                &mut report,
            )? {
                return Ok(report);
            }
        }
        position += 1;
    }
    w.commit()?;
    Ok(report)
}

/// How [`export`] lays out its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportLayout {
    /// `source,target,src_lang,tgt_lang,origin,confidence`.
    PairRows,
    /// A header row of the two language tags, then source and target.
    Languages,
}

/// Writes the pairs that pass `filter` as CSV (`tsv` false) or TSV; returns the rows written.
///
/// [`ExportLayout::Languages`] needs `filter.src_lang` and `filter.tgt_lang`.
pub fn export(
    store: &Store,
    filter: &PairFilter,
    out: impl Write,
    tsv_out: bool,
    layout: ExportLayout,
) -> Result<usize> {
    let io = |e: std::io::Error| Error::io("<output>", e);
    let header: Vec<String> = match layout {
        ExportLayout::PairRows => tsv::HEADER.split('\t').map(str::to_string).collect(),
        ExportLayout::Languages => match (&filter.src_lang, &filter.tgt_lang) {
            (Some(s), Some(t)) => vec![s.clone(), t.clone()],
            _ => {
                return Err(Error::Usage(
                    "a language-column export needs --src-lang and --tgt-lang".into(),
                ));
            }
        },
    };
    let mut rows = 0usize;
    if tsv_out {
        let mut out = std::io::BufWriter::new(out);
        writeln!(out, "{}", header.join("\t")).map_err(io)?;
        store.for_each_pair(filter, |p| {
            rows += 1;
            match layout {
                ExportLayout::PairRows => tsv::write_pair(&mut out, &p),
                ExportLayout::Languages => writeln!(
                    out,
                    "{}\t{}",
                    tsv::escape(&p.source),
                    tsv::escape(&p.target)
                ),
            }
            .map_err(io)
        })?;
        out.flush().map_err(io)?;
    } else {
        let mut w = csv::Writer::from_writer(out);
        let csv_err = |e: csv::Error| Error::io("<output>", std::io::Error::other(e));
        w.write_record(&header).map_err(csv_err)?;
        store.for_each_pair(filter, |p| {
            rows += 1;
            match layout {
                ExportLayout::PairRows => w.write_record([
                    p.source.as_str(),
                    p.target.as_str(),
                    p.src_lang.as_str(),
                    p.tgt_lang.as_str(),
                    p.origin.as_deref().unwrap_or(""),
                    &format!("{:.3}", p.confidence),
                ]),
                ExportLayout::Languages => w.write_record([p.source.as_str(), p.target.as_str()]),
            }
            .map_err(csv_err)
        })?;
        w.flush().map_err(io)?;
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn header_of_tags_picks_the_source_column() {
        let l = layout_of(&s(&["de", "en-GB"]), Some("en"), None).unwrap();
        match l {
            Layout::Languages(c) => {
                assert_eq!(c.langs, vec!["de", "en"]);
                assert_eq!(c.source, 1);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn data_first_row_needs_languages() {
        assert!(layout_of(&s(&["Hello", "Hallo"]), None, None).is_err());
        let l = layout_of(&s(&["Hello", "Hallo"]), Some("en"), Some("de")).unwrap();
        assert!(matches!(
            l,
            Layout::Languages(LanguageColumns { header: false, .. })
        ));
    }

    #[test]
    fn tsv_escapes_round_trip() {
        let t = "tab\there\nnew \\ line \\q";
        assert_eq!(unescape_tsv(&tsv::escape(t)), t);
    }
}
