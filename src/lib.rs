//! tarjima: a bilingual translation memory.
//!
//! The modules follow the data flow of an import, then of a lookup:
//! [`text`] (normalisation, tokens) → [`lang`] (which language) →
//! [`segment`] (articles and sentences) → [`align`] (sentence pairs) →
//! [`import`] (the pipeline that runs them) → [`store`] (SQLite, the only
//! module that speaks SQL) → [`fuzzy`] (scoring and candidate index) →
//! [`qa`] (terminology checks). [`formats`] reads and writes TMX, TBX and
//! CSV/TSV; [`cli`] is the command line, the only place that prints.
//! See ARCHITECTURE.md for the invariants.

pub mod align;
pub mod cli;
pub mod error;
pub mod formats;
pub mod fuzzy;
pub mod import;
pub mod lang;
pub mod qa;
pub mod segment;
pub mod store;
pub mod text;

pub use error::{Error, Result};
