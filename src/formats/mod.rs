//! Exchange formats: TMX 1.4b, TBX, CSV/TSV.
//!
//! Readers stream; writers take pairs from the store's read path.

pub mod glossary;
pub mod tbx;
pub mod tsv;
