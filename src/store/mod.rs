//! The translation memory on disk (`memory.db`, SQLite). This is the only
//! module that speaks SQL.
//!
//! The write path is a [`Writer`]: one SQLite transaction, so an import either
//! lands whole or not at all. The read path is the methods of [`Store`].
//! The schema is created and upgraded by the append-only [`migrations`], keyed
//! by `PRAGMA user_version`.
//!
//! ```
//! use tarjima::store::{NewPair, Store};
//! let mut store = Store::open_in_memory().unwrap();
//! let mut w = store.writer().unwrap();
//! let pair = NewPair::new("en", "de", "Good morning.", "Guten Morgen.", 0.98);
//! let id = w.insert_pair(&pair).unwrap().id();
//! w.commit().unwrap();
//! assert_eq!(store.pair(id).unwrap().unwrap().target, "Guten Morgen.");
//! ```

mod index;
pub use index::PairTexts;
use index::PreparedIndex;
pub mod migrations;
pub mod qa;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, params};

use crate::error::{Error, Result};
use crate::text;

/// The 64-bit key under which a pair is deduplicated (`pairs.pair_hash`, migration 5): a hash
/// of the four texts that make a pair the same pair. Stable across builds and platforms (it is
/// stored); two different pairs may share it, so the writer also compares the texts.
///
/// ```
/// use tarjima::store::pair_hash;
/// assert_eq!(pair_hash("en", "de", "a", "b"), pair_hash("en", "de", "a", "b"));
/// assert_ne!(pair_hash("en", "de", "a", "b"), pair_hash("en", "de", "ab", ""));
/// ```
pub fn pair_hash(src_lang: &str, tgt_lang: &str, source: &str, target: &str) -> i64 {
    // FNV-1a over the four texts, each closed by 0xFF (a byte UTF-8 never uses, so the
    // boundaries are unambiguous), then a MurmurHash3-style finaliser to spread the bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [src_lang, tgt_lang, source, target] {
        for &b in part.as_bytes().iter().chain(&[0xFF]) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    h as i64
}

/// Registers the SQL functions the migrations need (`tarjima_pair_hash`).
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "tarjima_pair_hash",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text = |i: usize| ctx.get::<String>(i);
            Ok(pair_hash(&text(0)?, &text(1)?, &text(2)?, &text(3)?))
        },
    )
}

/// The schema version this build writes (the number of [`migrations::MIGRATIONS`]).
pub fn current_version() -> u32 {
    migrations::MIGRATIONS.len() as u32
}

/// An open translation memory.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A stored translation pair, as read back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Pair {
    pub id: i64,
    pub src_lang: String,
    pub tgt_lang: String,
    pub source: String,
    pub target: String,
    pub confidence: f64,
    /// The name of the origin the pair was first seen in, if any.
    pub origin: Option<String>,
    pub position: Option<i64>,
    pub prev_source: Option<String>,
    pub next_source: Option<String>,
    pub created_at: String,
    pub seen_count: i64,
    /// Format-specific data kept for lossless export (TMX attributes, props, notes, markup), as JSON.
    pub meta: Option<serde_json::Value>,
}

/// A pair to be stored.
#[derive(Debug, Clone, Default)]
pub struct NewPair {
    pub src_lang: String,
    pub tgt_lang: String,
    pub source: String,
    pub target: String,
    pub confidence: f64,
    pub origin_id: Option<i64>,
    pub position: Option<i64>,
    pub prev_source: Option<String>,
    pub next_source: Option<String>,
    /// Creation time to keep (ISO 8601); `None` stores the current time.
    pub created_at: Option<String>,
    pub meta: Option<serde_json::Value>,
}

impl NewPair {
    /// A pair with only the essentials set.
    pub fn new(
        src_lang: &str,
        tgt_lang: &str,
        source: &str,
        target: &str,
        confidence: f64,
    ) -> Self {
        NewPair {
            src_lang: src_lang.to_string(),
            tgt_lang: tgt_lang.to_string(),
            source: source.to_string(),
            target: target.to_string(),
            confidence,
            ..Default::default()
        }
    }
}

/// A pair with the work that needs only its texts done (match key, dedup hash, meta JSON,
/// fuzzy-index terms, concordance text), ready for [`Writer::insert_prepared`]. Making it is
/// pure and `Send`, so a bulk import prepares pairs on one thread while another writes.
#[derive(Debug, Clone)]
pub struct PreparedPair {
    pair: NewPair,
    key: String,
    hash: i64,
    meta: Option<String>,
    index: PreparedIndex,
}

impl PreparedPair {
    /// Does the text work for `pair`. Its `meta` is serialised here (and left `None` in
    /// [`PreparedPair::pair`]).
    pub fn new(mut pair: NewPair) -> Self {
        let meta = pair.meta.take().map(|m| m.to_string());
        Self::with_meta_json(pair, meta)
    }

    /// [`PreparedPair::new`] for a pair whose meta the caller serialised already (JSON text;
    /// `pair.meta` is then ignored).
    pub fn with_meta_json(mut pair: NewPair, meta: Option<String>) -> Self {
        pair.meta = None;
        PreparedPair {
            key: text::match_key(&pair.source),
            hash: pair_hash(&pair.src_lang, &pair.tgt_lang, &pair.source, &pair.target),
            meta,
            index: index::prepare_index(&pair.source, &pair.target),
            pair,
        }
    }

    /// The pair (its meta is held apart, as JSON text).
    pub fn pair(&self) -> &NewPair {
        &self.pair
    }

    /// Sets where the pair was read: its origin and position there.
    pub fn set_origin(&mut self, origin_id: Option<i64>, position: Option<i64>) {
        self.pair.origin_id = origin_id;
        self.pair.position = position;
    }
}

/// What [`Writer::insert_pair`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inserted {
    /// A new pair was stored with this id.
    New(i64),
    /// The same pair (languages, source, target) was already stored: its count went up.
    Seen(i64),
}

impl Inserted {
    pub fn id(self) -> i64 {
        match self {
            Inserted::New(id) | Inserted::Seen(id) => id,
        }
    }
}

/// An origin (an imported article pair or file) to record.
#[derive(Debug, Clone, Default)]
pub struct NewOrigin {
    pub name: String,
    /// `article`, `tmx`, `csv`, ...
    pub kind: String,
    pub src_path: Option<String>,
    pub tgt_path: Option<String>,
    pub src_lang: String,
    pub tgt_lang: String,
    /// A hash of the imported content; importing the same content again is a no-op.
    pub content_hash: String,
    pub meta: Option<serde_json::Value>,
}

/// A stored origin.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Origin {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub src_lang: String,
    pub tgt_lang: String,
    pub imported_at: String,
    pub pairs: i64,
}

/// Which pairs to read.
#[derive(Debug, Clone, Default)]
pub struct PairFilter {
    pub src_lang: Option<String>,
    pub tgt_lang: Option<String>,
    pub origin: Option<String>,
}

/// Counts for `tarjima stats`.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Stats {
    pub pairs: i64,
    pub origins: i64,
    /// (src_lang, tgt_lang, pairs)
    pub by_language_pair: Vec<(String, String, i64)>,
    pub file_bytes: u64,
    pub schema_version: u32,
}

fn memory_error(path: &Path, e: &rusqlite::Error) -> Error {
    let message = match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "is not a tarjima memory (the file is not an SQLite database, or it is corrupt)".into()
        }
        Some(ErrorCode::DatabaseCorrupt) => "the memory database is corrupt".into(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "the memory is locked by another process; try again when it has finished".into()
        }
        Some(ErrorCode::ReadOnly) => "the memory is read-only".into(),
        Some(ErrorCode::CannotOpen) => "the memory database cannot be opened".into(),
        Some(ErrorCode::DiskFull) => "the disk is full".into(),
        _ => format!("the memory database failed: {e}"),
    };
    Error::Memory {
        path: path.to_path_buf(),
        message,
    }
}

impl Store {
    /// Opens the memory at `path`, creating it if it does not exist, and upgrades its schema.
    pub fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(Error::input(path, "is a folder, not a memory database"));
        }
        let conn = Connection::open(path).map_err(|e| memory_error(path, &e))?;
        Self::setup(conn, path)
    }

    /// Opens an existing memory; a missing file is an error (for read-only commands).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::input(
                path,
                "no translation memory here; import articles first or name one with --db",
            ));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| memory_error(path, &e))?;
        Self::setup(conn, path)
    }

    /// A memory that lives only as long as the returned value (for tests and `align`).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| Error::sql("opening", e))?;
        Self::setup(conn, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store> {
        let fail = |e: rusqlite::Error| memory_error(path, &e);
        conn.busy_timeout(Duration::from_millis(2000))
            .map_err(fail)?;
        // Reading the schema first proves the file is an SQLite database before anything is written.
        let version: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        let foreign: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT IN \
                 ('origins', 'pairs', 'occurrences', 'settings') AND name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .map_err(fail)?;
        if version == 0 && foreign > 0 {
            return Err(Error::Memory {
                path: path.to_path_buf(),
                message: "is an SQLite database but not a tarjima memory".into(),
            });
        }
        if version > current_version() {
            return Err(Error::Memory {
                path: path.to_path_buf(),
                message: format!(
                    "was written by a newer tarjima (schema {version}; this build knows up to {}); upgrade tarjima",
                    current_version()
                ),
            });
        }
        register_functions(&conn).map_err(fail)?;
        // Keep prepared statements' plans: without this the bundled SQLite (STAT4) re-prepares
        // cached statements on every new binding, which dominated fuzzy lookups.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(fail)?;
        if path != Path::new(":memory:") {
            conn.pragma_update(None, "journal_mode", "WAL")
                .map_err(fail)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(fail)?;
            // Read through a memory map (no pread per page: fuzzy lookups and concordance read
            // many small pages) and keep a bigger page cache (bulk imports spill less).
            conn.pragma_update(None, "mmap_size", 1i64 << 30)
                .map_err(fail)?;
            conn.pragma_update(None, "cache_size", -65536)
                .map_err(fail)?;
        }
        if version < current_version() {
            // Off while migrating (it cannot change inside a transaction, and the bundled
            // SQLite turns it on by default); see below.
            conn.pragma_update(None, "foreign_keys", false)
                .map_err(fail)?;
            let tx = conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(fail)?;
            for m in &migrations::MIGRATIONS[version as usize..] {
                tx.execute_batch(m).map_err(fail)?;
            }
            tx.pragma_update(None, "user_version", current_version())
                .map_err(fail)?;
            tx.commit().map_err(fail)?;
        }
        // After the migrations: a migration that rebuilds a table (5) must drop the old one,
        // which SQLite refuses while other tables' foreign keys point at it.
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Where this memory lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Sets this connection's page cache, in KiB. A bulk import (a large TMX)
    /// rewrites far fewer pages with a larger cache; memory stays bounded by it.
    pub fn set_cache_kib(&self, kib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(kib))
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Sets how much of the file this connection reads through a memory map, in MiB (0: none).
    /// Mapped pages count towards the process's resident memory, so a bulk import that wants
    /// a large page cache under a memory ceiling can read through the cache alone instead.
    pub fn set_mmap_mib(&self, mib: u32) -> Result<()> {
        self.conn
            .pragma_update(None, "mmap_size", i64::from(mib) << 20)
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Readies a bulk import (a large exchange file) into a memory that holds no pairs yet:
    /// switches the file from WAL to a rollback journal until [`Store::end_bulk_load`]. The
    /// import stays one transaction (a fault or a crash leaves the empty memory as it was), but
    /// its pages are written once, straight into the file: in WAL mode every page goes to the
    /// WAL first, then again into the file, and each page read searches the WAL's index.
    /// Other processes cannot read the memory meanwhile, which is why a memory that already
    /// holds pairs is left in WAL mode. Returns whether the mode was changed.
    pub fn begin_bulk_load(&mut self) -> Result<bool> {
        if self.path == Path::new(":memory:") {
            return Ok(false);
        }
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let empty = self
            .conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM pairs)", [], |r| {
                r.get::<_, bool>(0)
            })
            .map_err(fail)?;
        if !empty {
            return Ok(false);
        }
        // Fails (busy) while another connection has the memory open: then stay in WAL mode.
        let mode: String =
            match self
                .conn
                .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))
            {
                Ok(mode) => mode,
                Err(_) => return Ok(false),
            };
        Ok(mode.eq_ignore_ascii_case("delete"))
    }

    /// Returns the memory to WAL mode after [`Store::begin_bulk_load`].
    pub fn end_bulk_load(&mut self) -> Result<()> {
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Starts the write path: everything written through the [`Writer`] lands on [`Writer::commit`], or not at all.
    pub fn writer(&mut self) -> Result<Writer<'_>> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| memory_error(&path, &e))?;
        Ok(Writer {
            tx,
            path,
            index: index::PendingIndex::default(),
            fresh: None,
            deferred_indexes: Vec::new(),
        })
    }

    /// [`Store::writer`] for a bulk import (a large exchange file). When the memory holds no
    /// pairs yet, two shortcuts apply, both invisible in the result: the writer keeps the
    /// hashes of the pairs it stored in memory, so a pair whose hash it has not seen is known
    /// to be new without an index seek; and the index whose keys come in random order
    /// ([`DEFERRED_INDEX`]) is dropped and built again on commit, by sorting, instead of
    /// taking a random insert per pair. On a memory that holds pairs it is
    /// [`Store::writer`].
    pub fn bulk_writer(&mut self) -> Result<Writer<'_>> {
        let mut w = self.writer()?;
        let fail = |e: rusqlite::Error| memory_error(&w.path, &e);
        let empty =
            w.tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM pairs)", [], |r| {
                r.get::<_, bool>(0)
            })
            .map_err(fail)?;
        if !empty {
            return Ok(w);
        }
        let indexes: Vec<(String, String)> =
            w.tx.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'pairs' \
                 AND sql IS NOT NULL AND name = ?1",
            )
            .and_then(|mut st| {
                st.query_map([DEFERRED_INDEX], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(fail)?;
        for (name, _) in &indexes {
            w.tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))
                .map_err(fail)?;
        }
        w.deferred_indexes = indexes.into_iter().map(|(_, sql)| sql).collect();
        w.fresh = Some(std::collections::HashSet::default());
        Ok(w)
    }

    /// One pair by id.
    pub fn pair(&self, id: i64) -> Result<Option<Pair>> {
        let sql = format!("{PAIR_SELECT} WHERE p.id = ?1");
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut st| st.query_row([id], pair_from_row).optional())
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Pairs whose normalised source equals `text`'s, in one source language.
    pub fn pairs_with_key(&self, src_lang: Option<&str>, text: &str) -> Result<Vec<Pair>> {
        let key = text::match_key(text);
        let sql = format!(
            "{PAIR_SELECT} WHERE p.source_key = ?1 AND (?2 IS NULL OR p.src_lang = ?2) ORDER BY p.id"
        );
        let mut st = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| memory_error(&self.path, &e))?;
        let rows = st
            .query_map(params![key, src_lang], pair_from_row)
            .map_err(|e| memory_error(&self.path, &e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Calls `f` for every pair that passes `filter`, in id order, streaming (constant memory).
    pub fn for_each_pair(
        &self,
        filter: &PairFilter,
        mut f: impl FnMut(Pair) -> Result<()>,
    ) -> Result<()> {
        let sql = format!(
            "{PAIR_SELECT} WHERE (?1 IS NULL OR p.src_lang = ?1) AND (?2 IS NULL OR p.tgt_lang = ?2) \
             AND (?3 IS NULL OR o.name = ?3) ORDER BY p.id"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(|e| memory_error(&self.path, &e))?;
        let mut rows = st
            .query(params![filter.src_lang, filter.tgt_lang, filter.origin])
            .map_err(|e| memory_error(&self.path, &e))?;
        while let Some(row) = rows.next().map_err(|e| memory_error(&self.path, &e))? {
            f(pair_from_row(row).map_err(|e| memory_error(&self.path, &e))?)?;
        }
        Ok(())
    }

    /// Up to `limit` stored pairs between languages `a` and `b` (either direction),
    /// most confident first, as (src_lang, tgt_lang, source, target): the material
    /// the aligner learns its lexicon from.
    pub fn sample_pairs(
        &self,
        a: &str,
        b: &str,
        limit: usize,
    ) -> Result<Vec<(String, String, String, String)>> {
        // One seek per direction on `pairs_by_langs` (src_lang, tgt_lang, -confidence), whose
        // order within a direction is confidence descending, then id; the two are merged.
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT src_lang, tgt_lang, source, target, confidence, id FROM pairs \
                 INDEXED BY pairs_by_langs WHERE src_lang = ?1 AND tgt_lang = ?2 \
                 ORDER BY -confidence, id LIMIT ?3",
            )
            .map_err(fail)?;
        type Row = ((String, String, String, String), f64, i64);
        let mut direction = |s: &str, t: &str| -> Result<Vec<Row>> {
            st.query_map(params![s, t, limit as i64], |r| {
                Ok((
                    (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?),
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<Row>>>())
            .map_err(fail)
        };
        let mut all = direction(a, b)?;
        if a != b {
            all.extend(direction(b, a)?);
        }
        all.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.2.cmp(&y.2)));
        all.truncate(limit);
        Ok(all.into_iter().map(|(p, _, _)| p).collect())
    }

    /// The distinct (src_lang, tgt_lang) pairs stored, found by skipping through the
    /// `pairs_by_langs` (src_lang, tgt_lang, -confidence) index: one seek per language
    /// pair, not a scan of the memory (it runs before every lookup).
    pub fn language_pairs(&self) -> Result<Vec<(String, String)>> {
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        // Each min() below is answered by one seek on the index's leading columns.
        // One statement per shape (no `?1 IS NULL OR ...`), so SQLite can seek instead of scan.
        let one = |sql: &str, args: &[&dyn rusqlite::ToSql]| -> Result<Option<String>> {
            self.conn
                .prepare_cached(sql)
                .and_then(|mut st| st.query_row(args, |r| r.get(0)))
                .map_err(fail)
        };
        let next_src = |after: Option<&str>| match after {
            None => one("SELECT min(src_lang) FROM pairs", &[]),
            Some(a) => one("SELECT min(src_lang) FROM pairs WHERE src_lang > ?1", &[&a]),
        };
        let next_tgt = |src: &str, after: Option<&str>| match after {
            None => one(
                "SELECT min(tgt_lang) FROM pairs WHERE src_lang = ?1",
                &[&src],
            ),
            Some(a) => one(
                "SELECT min(tgt_lang) FROM pairs WHERE src_lang = ?1 AND tgt_lang > ?2",
                &[&src, &a],
            ),
        };
        let mut out = Vec::new();
        let mut src = next_src(None)?;
        while let Some(s) = src {
            let mut tgt = next_tgt(&s, None)?;
            while let Some(t) = tgt {
                tgt = next_tgt(&s, Some(&t))?;
                out.push((s.clone(), t));
            }
            src = next_src(Some(&s))?;
        }
        Ok(out)
    }

    /// All origins with their pair counts.
    pub fn origins(&self) -> Result<Vec<Origin>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.name, o.kind, o.src_lang, o.tgt_lang, o.imported_at, \
                 (SELECT count(*) FROM occurrences c WHERE c.origin_id = o.id) \
                 + (SELECT count(*) FROM pairs p WHERE p.origin_id = o.id AND p.position IS NOT NULL) \
                 FROM origins o ORDER BY o.id",
            )
            .map_err(|e| memory_error(&self.path, &e))?;
        let rows = st
            .query_map([], |r| {
                Ok(Origin {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    src_lang: r.get(3)?,
                    tgt_lang: r.get(4)?,
                    imported_at: r.get(5)?,
                    pairs: r.get(6)?,
                })
            })
            .map_err(|e| memory_error(&self.path, &e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Counts per language pair, origins, size.
    pub fn stats(&self) -> Result<Stats> {
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let pairs = self
            .conn
            .query_row("SELECT count(*) FROM pairs", [], |r| r.get(0))
            .map_err(fail)?;
        let origins = self
            .conn
            .query_row("SELECT count(*) FROM origins", [], |r| r.get(0))
            .map_err(fail)?;
        let mut st = self
            .conn
            .prepare(
                "SELECT src_lang, tgt_lang, count(*) FROM pairs GROUP BY src_lang, tgt_lang \
                 ORDER BY count(*) DESC, src_lang, tgt_lang",
            )
            .map_err(fail)?;
        let by_language_pair = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(fail)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(fail)?;
        let page_count: i64 = self
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .map_err(fail)?;
        let page_size: i64 = self
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .map_err(fail)?;
        Ok(Stats {
            pairs,
            origins,
            by_language_pair,
            file_bytes: (page_count * page_size) as u64,
            schema_version: self.schema_version()?,
        })
    }

    /// A memory-wide setting (e.g. the expected languages), if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| memory_error(&self.path, &e))
    }
}

const PAIR_SELECT: &str = "SELECT p.id, p.src_lang, p.tgt_lang, p.source, p.target, p.confidence, \
     o.name, p.position, p.prev_source, p.next_source, p.created_at, p.seen_count, p.meta \
     FROM pairs p LEFT JOIN origins o ON o.id = p.origin_id";

fn pair_from_row(r: &rusqlite::Row) -> rusqlite::Result<Pair> {
    let meta: Option<String> = r.get(12)?;
    Ok(Pair {
        id: r.get(0)?,
        src_lang: r.get(1)?,
        tgt_lang: r.get(2)?,
        source: r.get(3)?,
        target: r.get(4)?,
        confidence: r.get(5)?,
        origin: r.get(6)?,
        position: r.get(7)?,
        prev_source: r.get(8)?,
        next_source: r.get(9)?,
        created_at: r.get(10)?,
        seen_count: r.get(11)?,
        meta: meta.and_then(|m| serde_json::from_str(&m).ok()),
    })
}

/// The write path: one transaction. Dropping it without [`Writer::commit`] rolls everything back.
pub struct Writer<'a> {
    tx: Transaction<'a>,
    path: PathBuf,
    /// Fuzzy-index postings not yet written (see `index.rs`); flushed on commit.
    index: index::PendingIndex,
    /// [`Store::bulk_writer`] on an empty memory: the hashes of every pair stored so far
    /// (every pair in the memory), so a hash not in here is a new pair.
    fresh: Option<std::collections::HashSet<i64, HashIsKey>>,
    /// [`Store::bulk_writer`] on an empty memory: the `CREATE INDEX` statements of the
    /// indexes dropped for the load, run on commit.
    deferred_indexes: Vec<String>,
}

/// The index a bulk load into an empty memory builds on commit instead of row by row:
/// `pairs_by_key` (src_lang, source_key) takes its keys in random order, so each insert
/// lands on a random page. The other indexes of `pairs` grow at their right end during a
/// bulk load (ids, origin positions, a constant confidence) or are small (the hash index,
/// which finds duplicates during the load); building them again would cost more than it saves
/// (measured at 1M pairs: 10 s of serial tail against 4.7 s, for the same CPU).
const DEFERRED_INDEX: &str = "pairs_by_key";

/// Hashes a [`pair_hash`] to itself: it is well mixed already, and SipHash on every
/// insert of a bulk load cost more than the set itself.
#[derive(Default, Clone, Copy)]
struct HashIsKey;

impl std::hash::BuildHasher for HashIsKey {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Not used by i64 keys; any other input still hashes (FNV-1a).
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = v as u64;
    }
}

/// Past this many pairs a bulk writer stops keeping hashes in memory (about 16 bytes each)
/// and finds duplicates through the index alone.
const FRESH_MAX: usize = 16_000_000;

/// What [`Writer::add_origin`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginOutcome {
    New(i64),
    /// The same content was imported before (as this origin): nothing to do.
    AlreadyImported(i64),
}

impl Writer<'_> {
    fn fail(&self, e: rusqlite::Error) -> Error {
        memory_error(&self.path, &e)
    }

    /// Records an origin, or reports that the same content was imported before.
    pub fn add_origin(&mut self, o: &NewOrigin) -> Result<OriginOutcome> {
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM origins WHERE content_hash = ?1",
                [&o.content_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        if let Some(id) = existing {
            return Ok(OriginOutcome::AlreadyImported(id));
        }
        self.tx
            .execute(
                "INSERT INTO origins (name, kind, src_path, tgt_path, src_lang, tgt_lang, content_hash, imported_at, meta) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?8)",
                params![
                    o.name,
                    o.kind,
                    o.src_path,
                    o.tgt_path,
                    o.src_lang,
                    o.tgt_lang,
                    o.content_hash,
                    o.meta.as_ref().map(|m| m.to_string())
                ],
            )
            .map_err(|e| self.fail(e))?;
        Ok(OriginOutcome::New(self.tx.last_insert_rowid()))
    }

    /// Stores a pair, or counts it once more if the same pair is already stored.
    pub fn insert_pair(&mut self, p: &NewPair) -> Result<Inserted> {
        let key = text::match_key(&p.source);
        let hash = pair_hash(&p.src_lang, &p.tgt_lang, &p.source, &p.target);
        let meta = p.meta.as_ref().map(|m| m.to_string());
        self.insert_with(p, &key, hash, meta.as_deref(), None)
    }

    /// [`Writer::insert_pair`] for a pair whose text work was done by [`PreparedPair::new`]
    /// (perhaps on another thread).
    pub fn insert_prepared(&mut self, p: PreparedPair) -> Result<Inserted> {
        self.insert_with(&p.pair, &p.key, p.hash, p.meta.as_deref(), Some(p.index))
    }

    fn insert_with(
        &mut self,
        p: &NewPair,
        key: &str,
        hash: i64,
        meta: Option<&str>,
        index: Option<PreparedIndex>,
    ) -> Result<Inserted> {
        // The hash finds the candidates; the texts decide (two pairs may share a hash).
        let unseen = self.fresh.as_ref().is_some_and(|f| !f.contains(&hash));
        let existing: Option<(i64, Option<i64>, Option<i64>)> = if unseen {
            None
        } else {
            self.tx
            .prepare_cached(
                "SELECT id, origin_id, position FROM pairs INDEXED BY pairs_by_hash \
                 WHERE pair_hash = ?1 AND src_lang = ?2 AND tgt_lang = ?3 AND source = ?4 AND target = ?5",
            )
            .and_then(|mut st| {
                st.query_row(
                    params![hash, p.src_lang, p.tgt_lang, p.source, p.target],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
            })
            .map_err(|e| self.fail(e))?
        };
        let (outcome, first_seen_here) = match existing {
            Some((id, origin, position)) => {
                self.tx
                    .prepare_cached("UPDATE pairs SET seen_count = seen_count + 1 WHERE id = ?1")
                    .and_then(|mut st| st.execute([id]))
                    .map_err(|e| self.fail(e))?;
                let same = origin.is_some() && origin == p.origin_id && position == p.position;
                (Inserted::Seen(id), same)
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO pairs (src_lang, tgt_lang, source, target, source_key, confidence, origin_id, \
                         position, prev_source, next_source, created_at, meta, pair_hash) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
                         coalesce(?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?12, ?13)",
                    )
                    .and_then(|mut st| {
                        st.execute(params![
                            p.src_lang,
                            p.tgt_lang,
                            p.source,
                            p.target,
                            key,
                            p.confidence,
                            p.origin_id,
                            p.position,
                            p.prev_source,
                            p.next_source,
                            p.created_at,
                            meta,
                            hash
                        ])
                    })
                    .map_err(|e| self.fail(e))?;
                let id = self.tx.last_insert_rowid();
                if let Some(fresh) = &mut self.fresh {
                    fresh.insert(hash);
                    if fresh.len() > FRESH_MAX {
                        self.fresh = None;
                    }
                }
                match index {
                    Some(prep) => self.index_prepared(id, prep)?,
                    None => self.index_pair(id, p)?,
                }
                (Inserted::New(id), true)
            }
        };
        // The pair's own row records where it was first seen; `occurrences` holds the others.
        if let (Some(origin), Some(position), false) = (p.origin_id, p.position, first_seen_here) {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO occurrences (pair_id, origin_id, position) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut st| st.execute(params![outcome.id(), origin, position]))
                .map_err(|e| self.fail(e))?;
        }
        Ok(outcome)
    }

    /// Sets a memory-wide setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx
            .execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map(|_| ())
            .map_err(|e| self.fail(e))
    }

    /// Makes everything written through this writer durable.
    pub fn commit(mut self) -> Result<()> {
        self.flush_index()?;
        for sql in std::mem::take(&mut self.deferred_indexes) {
            self.tx.execute_batch(&sql).map_err(|e| self.fail(e))?;
        }
        let path = self.path.clone();
        self.tx.commit().map_err(|e| memory_error(&path, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memory.db");
        (dir, path)
    }

    #[test]
    fn new_memory_is_at_current_version() {
        let (_d, path) = temp_db();
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), current_version());
    }

    #[test]
    fn same_pair_twice_counts_instead_of_duplicating() {
        let mut store = Store::open_in_memory().unwrap();
        let p = NewPair::new("en", "de", "Hello.", "Hallo.", 0.9);
        let mut w = store.writer().unwrap();
        let a = w.insert_pair(&p).unwrap();
        let b = w.insert_pair(&p).unwrap();
        w.commit().unwrap();
        assert!(matches!(a, Inserted::New(_)));
        assert_eq!(b, Inserted::Seen(a.id()));
        let got = store.pair(a.id()).unwrap().unwrap();
        assert_eq!(got.seen_count, 2);
        assert_eq!(store.stats().unwrap().pairs, 1);
    }

    #[test]
    fn sample_pairs_reads_both_directions_most_confident_first() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        w.insert_pair(&NewPair::new("en", "de", "a", "b", 0.6))
            .unwrap();
        w.insert_pair(&NewPair::new("de", "en", "c", "d", 0.9))
            .unwrap();
        w.insert_pair(&NewPair::new("en", "ru", "e", "f", 1.0))
            .unwrap();
        w.commit().unwrap();
        let got = store.sample_pairs("en", "de", 10).unwrap();
        let sources: Vec<&str> = got.iter().map(|p| p.2.as_str()).collect();
        assert_eq!(sources, ["c", "a"]);
        assert_eq!(store.sample_pairs("en", "de", 1).unwrap().len(), 1);
    }

    #[test]
    fn language_pairs_lists_each_stored_direction_once() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.language_pairs().unwrap().is_empty());
        let mut w = store.writer().unwrap();
        for (sl, tl, src) in [
            ("en", "de", "a"),
            ("en", "de", "b"),
            ("de", "en", "c"),
            ("en", "ru", "d"),
            ("zh-Hans", "en", "e"),
        ] {
            w.insert_pair(&NewPair::new(sl, tl, src, "x", 1.0)).unwrap();
        }
        w.commit().unwrap();
        let got = store.language_pairs().unwrap();
        let want: Vec<(String, String)> =
            [("de", "en"), ("en", "de"), ("en", "ru"), ("zh-Hans", "en")]
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn dropped_writer_rolls_back() {
        let mut store = Store::open_in_memory().unwrap();
        {
            let mut w = store.writer().unwrap();
            w.insert_pair(&NewPair::new("en", "de", "a", "b", 1.0))
                .unwrap();
        }
        assert_eq!(store.stats().unwrap().pairs, 0);
    }

    #[test]
    fn random_bytes_are_refused_and_left_untouched() {
        let (_d, path) = temp_db();
        let junk: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        std::fs::write(&path, &junk).unwrap();
        let err = Store::open(&path)
            .err()
            .expect("corrupt file must be refused");
        assert!(err.to_string().contains("not a tarjima memory"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), junk);
    }

    #[test]
    fn newer_schema_is_refused() {
        let (_d, path) = temp_db();
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", current_version() + 1)
                .unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("newer schema must be refused");
        assert!(err.to_string().contains("newer tarjima"), "{err}");
    }

    #[test]
    fn older_schema_is_upgraded_keeping_data() {
        let (_d, path) = temp_db();
        {
            // Build a version-1 memory by hand, as the first release wrote it.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(migrations::MIGRATIONS[0]).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.execute(
                "INSERT INTO pairs (src_lang, tgt_lang, source, target, source_key, confidence, created_at) \
                 VALUES ('en', 'de', 'Hello.', 'Hallo.', 'hello', 1.0, '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), current_version());
        assert_eq!(store.pairs_with_key(Some("en"), "hello").unwrap().len(), 1);
    }

    #[test]
    fn hash_key_migration_keeps_pairs_ids_and_occurrences() {
        let (_d, path) = temp_db();
        {
            // A version-4 memory with an origin, two pairs and their occurrences as version 4
            // wrote them (the first occurrence of each pair included).
            let c = Connection::open(&path).unwrap();
            for m in &migrations::MIGRATIONS[..4] {
                c.execute_batch(m).unwrap();
            }
            c.pragma_update(None, "user_version", 4).unwrap();
            c.execute_batch(
                "INSERT INTO origins (id, name, kind, src_lang, tgt_lang, content_hash, imported_at) \
                 VALUES (1, 'a', 'tmx', 'en', 'de', 'h', 'now'), (2, 'b', 'tmx', 'en', 'de', 'h2', 'now');
                 INSERT INTO pairs (id, src_lang, tgt_lang, source, target, source_key, confidence, \
                 origin_id, position, created_at, seen_count) VALUES \
                 (7, 'en', 'de', 'One.', 'Eins.', 'one', 1.0, 1, 0, 'x', 2), \
                 (9, 'en', 'de', 'Two.', 'Zwei.', 'two', 0.5, 1, 1, 'x', 1);
                 INSERT INTO occurrences VALUES (7, 1, 0), (9, 1, 1), (7, 2, 4);",
            )
            .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), current_version());
        assert_eq!(store.pair(9).unwrap().unwrap().target, "Zwei.");
        let counts: Vec<(String, i64)> = store
            .origins()
            .unwrap()
            .into_iter()
            .map(|o| (o.name, o.pairs))
            .collect();
        assert_eq!(counts, [("a".to_string(), 2), ("b".to_string(), 1)]);
        // The migrated hashes find the old pairs: the same pair counts instead of duplicating.
        let mut w = store.writer().unwrap();
        let again = w
            .insert_pair(&NewPair::new("en", "de", "Two.", "Zwei.", 1.0))
            .unwrap();
        w.commit().unwrap();
        assert_eq!(again, Inserted::Seen(9));
    }

    #[test]
    fn bulk_writer_counts_duplicates_and_restores_its_index() {
        let (_d, path) = temp_db();
        let mut store = Store::open(&path).unwrap();
        let has_key_index = |s: &Store| -> bool {
            s.conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE name = ?1",
                    [DEFERRED_INDEX],
                    |r| r.get::<_, i64>(0),
                )
                .unwrap()
                == 1
        };
        assert!(store.begin_bulk_load().unwrap());
        {
            // Dropped without commit: nothing stored, the index is back.
            let mut w = store.bulk_writer().unwrap();
            assert!(w.fresh.is_some());
            w.insert_pair(&NewPair::new("en", "de", "a", "b", 1.0))
                .unwrap();
        }
        assert!(has_key_index(&store));
        assert_eq!(store.stats().unwrap().pairs, 0);
        let mut w = store.bulk_writer().unwrap();
        let first = w
            .insert_pair(&NewPair::new("en", "de", "Hello.", "Hallo.", 1.0))
            .unwrap();
        w.insert_pair(&NewPair::new("en", "de", "Bye.", "Tschüss.", 1.0))
            .unwrap();
        let again = w
            .insert_pair(&NewPair::new("en", "de", "Hello.", "Hallo.", 1.0))
            .unwrap();
        w.commit().unwrap();
        store.end_bulk_load().unwrap();
        assert_eq!(again, Inserted::Seen(first.id()));
        assert!(has_key_index(&store));
        assert_eq!(store.pairs_with_key(Some("en"), "hello").unwrap().len(), 1);
        // On a memory that holds pairs it is the plain writer.
        assert!(!store.begin_bulk_load().unwrap());
        let w = store.bulk_writer().unwrap();
        assert!(w.fresh.is_none() && w.deferred_indexes.is_empty());
        drop(w);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn pairs_sharing_a_hash_stay_distinct() {
        // Force a collision: give a stored pair the hash of another pair's texts.
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        let a = w
            .insert_pair(&NewPair::new("en", "de", "a", "b", 1.0))
            .unwrap()
            .id();
        w.commit().unwrap();
        store
            .conn
            .execute(
                "UPDATE pairs SET pair_hash = ?1 WHERE id = ?2",
                params![pair_hash("en", "de", "c", "d"), a],
            )
            .unwrap();
        let mut w = store.writer().unwrap();
        let c = w
            .insert_pair(&NewPair::new("en", "de", "c", "d", 1.0))
            .unwrap();
        let a2 = w
            .insert_pair(&NewPair::new("en", "de", "a", "b", 1.0))
            .unwrap();
        w.commit().unwrap();
        assert!(matches!(c, Inserted::New(id) if id != a));
        // The moved hash no longer finds "a"/"b": it is stored again (the texts decide, never the hash alone).
        assert!(matches!(a2, Inserted::New(_)));
        assert_eq!(store.stats().unwrap().pairs, 3);
    }

    #[test]
    fn occurrences_count_the_first_sighting_once() {
        let mut store = Store::open_in_memory().unwrap();
        let mut w = store.writer().unwrap();
        let o = |name: &str| NewOrigin {
            name: name.into(),
            kind: "tmx".into(),
            src_lang: "en".into(),
            tgt_lang: "de".into(),
            content_hash: name.into(),
            ..NewOrigin::default()
        };
        let OriginOutcome::New(first) = w.add_origin(&o("first")).unwrap() else {
            panic!("new origin expected")
        };
        let OriginOutcome::New(second) = w.add_origin(&o("second")).unwrap() else {
            panic!("new origin expected")
        };
        let mut p = NewPair::new("en", "de", "Hello.", "Hallo.", 1.0);
        for (origin, position) in [(first, 0), (first, 0), (first, 3), (second, 0)] {
            p.origin_id = Some(origin);
            p.position = Some(position);
            w.insert_pair(&p).unwrap();
        }
        w.commit().unwrap();
        let counts: Vec<i64> = store.origins().unwrap().iter().map(|o| o.pairs).collect();
        assert_eq!(counts, [2, 1]);
        let got = store.pairs_with_key(Some("en"), "hello").unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].seen_count, 4);
        assert_eq!(got[0].origin.as_deref(), Some("first"));
    }

    #[test]
    fn fts_bulk_settings_are_applied_on_create_and_upgrade() {
        let (_d, path) = temp_db();
        {
            // A version-3 memory: the concordance exists with FTS5's default settings.
            let c = Connection::open(&path).unwrap();
            for m in &migrations::MIGRATIONS[..3] {
                c.execute_batch(m).unwrap();
            }
            c.pragma_update(None, "user_version", 3).unwrap();
        }
        let store = Store::open(&path).unwrap();
        let setting = |k: &str| -> Option<i64> {
            store
                .conn
                .query_row("SELECT v FROM pairs_fts_config WHERE k = ?1", [k], |r| {
                    r.get(0)
                })
                .optional()
                .unwrap()
        };
        assert_eq!(setting("hashsize"), Some(32 << 20));
        assert_eq!(setting("automerge"), Some(8));
    }

    #[test]
    fn foreign_sqlite_database_is_refused() {
        let (_d, path) = temp_db();
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE customers (id INTEGER);")
                .unwrap();
        }
        let err = Store::open(&path)
            .err()
            .expect("foreign db must be refused");
        assert!(err.to_string().contains("not a tarjima memory"), "{err}");
    }
}
