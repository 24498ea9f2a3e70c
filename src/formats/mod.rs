//! Exchange formats: TMX 1.4b, TBX, CSV/TSV.
//!
//! Readers stream; writers take pairs from the store's read path. Importing
//! an exchange file is one transaction: a fault anywhere leaves the memory as
//! it was.
//!
//! ```
//! let mut r = tarjima::formats::ExchangeReport::new("a.csv", "csv");
//! r.count("en", "de", tarjima::store::Inserted::New(1));
//! assert_eq!(r.pairs_new, 1);
//! ```

pub mod csv;
pub mod glossary;
pub mod tbx;
pub mod tmx;
pub mod tsv;

use crate::error::Result;
use crate::store::{Inserted, NewOrigin, NewPair, OriginOutcome, PreparedPair, Writer};

/// What importing one exchange file (TMX, CSV, TSV) did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ExchangeReport {
    pub file: String,
    /// `tmx`, `csv` or `tsv`.
    pub format: String,
    /// Units (TMX) or rows (CSV/TSV) read.
    pub units: usize,
    /// Pairs stored for the first time.
    pub pairs_new: usize,
    /// Pairs already in the memory (their count went up).
    pub pairs_seen: usize,
    /// Cells left empty, so no pair was made from them.
    pub empty_cells: usize,
    /// The same file was imported before: nothing done.
    pub already_imported: bool,
    /// (src_lang, tgt_lang, pairs) in order of first appearance.
    pub languages: Vec<(String, String, usize)>,
}

impl ExchangeReport {
    pub fn new(file: &str, format: &str) -> Self {
        ExchangeReport {
            file: file.to_string(),
            format: format.to_string(),
            ..Self::default()
        }
    }

    /// Counts one insert.
    pub fn count(&mut self, src: &str, tgt: &str, outcome: Inserted) {
        match outcome {
            Inserted::New(_) => self.pairs_new += 1,
            Inserted::Seen(_) => self.pairs_seen += 1,
        }
        match self
            .languages
            .iter_mut()
            .find(|(s, t, _)| s == src && t == tgt)
        {
            Some(entry) => entry.2 += 1,
            None => self.languages.push((src.to_string(), tgt.to_string(), 1)),
        }
    }
}

/// Stores one pair read from an exchange file. Before the file's first pair the
/// file's origin is recorded (`make_origin` sees that pair, for its languages);
/// every pair gets the origin and its position in the file. Returns `false` when
/// the same file was imported before: the caller stops without committing.
pub(crate) fn store_exchange_pair(
    w: &mut Writer<'_>,
    origin_id: &mut Option<i64>,
    make_origin: impl FnOnce(&NewPair) -> NewOrigin,
    mut pair: PreparedPair,
    position: i64,
    report: &mut ExchangeReport,
) -> Result<bool> {
    let id = match *origin_id {
        Some(id) => id,
        None => match w.add_origin(&make_origin(pair.pair()))? {
            OriginOutcome::New(id) => {
                *origin_id = Some(id);
                id
            }
            OriginOutcome::AlreadyImported(_) => {
                report.already_imported = true;
                return Ok(false);
            }
        },
    };
    pair.set_origin(Some(id), Some(position));
    let (src, tgt) = (pair.pair().src_lang.clone(), pair.pair().tgt_lang.clone());
    let outcome = w.insert_prepared(pair)?;
    report.count(&src, &tgt, outcome);
    Ok(true)
}
