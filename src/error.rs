//! The library's error type.
//!
//! Every fallible function in the library returns [`Result`]. Each variant
//! renders as one sentence that names the file (and line, where known) at
//! fault, so the binary can print it as it is. [`Error::exit_code`] maps an
//! error onto the exit status of the command-line contract (2 for usage,
//! input and I/O errors).

use std::path::{Path, PathBuf};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, typed so callers can react and the binary can print one sentence.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The input exists but is not what the command needs (empty, binary, wrong encoding, ...).
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// A structured file (TMX, TBX, CSV) is malformed at a known place.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
    /// The memory database cannot be used (corrupt, locked, newer schema, ...).
    #[error("{path}: {message}")]
    Memory { path: PathBuf, message: String },
    /// An SQLite error outside of opening (should be rare; carries the statement context).
    #[error("memory database error while {context}: {source}")]
    Sql {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The caller asked for something that cannot be done (bad flag values, unknown language tag...).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().to_path_buf(),
            source,
        }
    }

    /// Builds an [`Error::Input`] for `path`.
    pub fn input(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.as_ref().to_path_buf(),
            message: message.into(),
        }
    }

    /// Builds an [`Error::Sql`] with a short description of what was being done.
    pub fn sql(context: impl Into<String>, source: rusqlite::Error) -> Self {
        Error::Sql {
            context: context.into(),
            source,
        }
    }

    /// The process exit status this error maps to under the CLI contract.
    pub fn exit_code(&self) -> u8 {
        2
    }
}
