//! The SQL of the fuzzy-match candidate index and of the concordance (FTS5).
//!
//! Every stored pair is indexed on both sides (so a pair stored de→en also
//! answers an en→de lookup). For each side, the index terms of
//! [`crate::fuzzy::search::index_terms`] get a posting: 6 bytes
//! ([`crate::fuzzy::search::encode_entry`]: pair id, side, base-token count).
//! Postings are buffered in the [`Writer`] and appended to the term's last
//! chunk row of `fuzzy_postings` on commit (or when the buffer is large), so a
//! bulk import writes each term a handful of times, not once per pair.
//! `fuzzy_terms` keeps each term's document frequency, which orders a
//! query's terms by rarity.
//!
//! Frequent terms ([`crate::fuzzy::search::is_dense`] when their postings are
//! written) are listed in `fuzzy_dense` and get, besides their postings, a
//! bitmap in `fuzzy_bitmaps`: one bit per key `pair id << 1 | side`, in blocks
//! of [`crate::fuzzy::search::BLOCK_KEYS`] keys (missing blocks are all zero).
//! A lookup that only needs to know which of its candidates contain "the" tests
//! their bits instead of reading hundreds of thousands of postings. A term's
//! bitmap is complete from the moment it is listed: it is built from the whole
//! list then, and every later flush adds its new postings.

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::{Store, Writer, memory_error};
use crate::error::{Error, Result};
use crate::fuzzy::score::analyse;
use crate::fuzzy::search::{
    BLOCK_BYTES, BLOCK_KEYS, ENTRY_BYTES, decode_entry, encode_entry, fts_text, index_terms,
    is_dense, set_bit,
};

/// Postings per chunk row (48 KiB of entries); tiny in tests so that chunking is exercised.
#[cfg(not(test))]
const CHUNK_ENTRIES: usize = 8192;
#[cfg(test)]
const CHUNK_ENTRIES: usize = 7;
/// Flush the buffer when it holds this many postings (about 24 MiB).
#[cfg(not(test))]
const FLUSH_AT: usize = 4_000_000;
#[cfg(test)]
const FLUSH_AT: usize = 50;
/// The setting that marks an index to be rebuilt (memories from before migration 3).
const STALE_KEY: &str = "fuzzy_index_stale";

/// The texts and languages of a pair, as a fuzzy lookup scores them.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTexts {
    pub src_lang: String,
    pub tgt_lang: String,
    pub source: String,
    pub target: String,
    pub prev_source: Option<String>,
    pub next_source: Option<String>,
}

/// Postings waiting to be written: term → encoded entries.
#[derive(Debug, Default)]
pub(crate) struct PendingIndex {
    postings: HashMap<String, Vec<u8>>,
    entries: usize,
    /// The largest key (`id << 1 | side`) indexed through this writer.
    max_key: u64,
    /// The terms that have a bitmap, read at the first flush.
    dense: Option<HashSet<String>>,
}

/// The keys of a run of encoded postings.
fn entry_keys(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes.chunks_exact(ENTRY_BYTES).map(|e| {
        let (id, side, _) = decode_entry(e);
        u64::from(id) << 1 | u64::from(side)
    })
}

/// Sets the bits of `keys` in `term`'s bitmap, block by block.
fn add_bits(
    conn: &rusqlite::Connection,
    term: &str,
    keys: impl Iterator<Item = u64>,
) -> rusqlite::Result<()> {
    let mut blocks: BTreeMap<u64, Vec<u8>> = BTreeMap::new();
    for k in keys {
        let bits = blocks
            .entry(k / BLOCK_KEYS)
            .or_insert_with(|| vec![0; BLOCK_BYTES]);
        set_bit(bits, k % BLOCK_KEYS);
    }
    let mut get =
        conn.prepare_cached("SELECT bits FROM fuzzy_bitmaps WHERE term = ?1 AND block = ?2")?;
    let mut put = conn.prepare_cached(
        "INSERT INTO fuzzy_bitmaps (term, block, bits) VALUES (?1, ?2, ?3) \
         ON CONFLICT (term, block) DO UPDATE SET bits = excluded.bits",
    )?;
    for (block, mut bits) in blocks {
        let block = block as i64;
        let old: Option<Vec<u8>> = get
            .query_row(params![term, block], |r| r.get(0))
            .optional()?;
        for (b, o) in bits.iter_mut().zip(old.unwrap_or_default()) {
            *b |= o;
        }
        put.execute(params![term, block, bits])?;
    }
    Ok(())
}

/// What indexing a pair needs from its texts alone (analysis, index terms, concordance
/// text): computed by [`prepare_index`] before the pair reaches the writer, so a bulk import
/// can do it on another thread.
#[derive(Debug, Clone, Default)]
pub(crate) struct PreparedIndex {
    /// Per side (source, target): the index terms and the base-token count.
    sides: [(Vec<String>, usize); 2],
    /// The concordance text of the source and of the target.
    fts: [String; 2],
}

/// Analyses both sides of a pair for the index (pure: no I/O).
pub(crate) fn prepare_index(source: &str, target: &str) -> PreparedIndex {
    let side = |text: &str| {
        let a = analyse(text);
        (index_terms(&a.words), a.words.len())
    };
    PreparedIndex {
        sides: [side(source), side(target)],
        fts: [fts_text(source), fts_text(target)],
    }
}

impl Writer<'_> {
    /// Indexes a newly stored pair: both sides into the fuzzy index, and the concordance.
    pub(crate) fn index_pair(&mut self, id: i64, p: &super::NewPair) -> Result<()> {
        self.index_texts(id, &p.source, &p.target)
    }

    fn index_texts(&mut self, id: i64, source: &str, target: &str) -> Result<()> {
        self.index_prepared(id, prepare_index(source, target))
    }

    /// Indexes pair `id` from its [`prepare_index`] result.
    pub(crate) fn index_prepared(&mut self, id: i64, prep: PreparedIndex) -> Result<()> {
        let id32 = u32::try_from(id).map_err(|_| Error::Memory {
            path: self.path.clone(),
            message: "holds more pairs than the fuzzy index can address (2^32)".into(),
        })?;
        let [src, tgt] = prep.sides;
        for (side, (terms, words)) in [(0u8, src), (1u8, tgt)] {
            let entry = encode_entry(id32, side, words);
            self.index.max_key = self
                .index
                .max_key
                .max(u64::from(id32) << 1 | u64::from(side));
            for term in terms {
                self.index
                    .postings
                    .entry(term)
                    .or_default()
                    .extend_from_slice(&entry);
                self.index.entries += 1;
            }
        }
        let [fs, ft] = &prep.fts;
        self.tx
            .prepare_cached("INSERT INTO pairs_fts (rowid, source, target) VALUES (?1, ?2, ?3)")
            .and_then(|mut st| st.execute(params![id, fs, ft]))
            .map_err(|e| self.fail(e))?;
        if self.index.entries >= FLUSH_AT {
            self.flush_index()?;
        }
        Ok(())
    }

    /// Writes the buffered postings: appended to each term's last chunk, new chunks as needed.
    pub(crate) fn flush_index(&mut self) -> Result<()> {
        let mut pending: Vec<(String, Vec<u8>)> = std::mem::take(&mut self.index.postings)
            .into_iter()
            .collect();
        self.index.entries = 0;
        pending.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let mut dense = match self.index.dense.take() {
            Some(d) => d,
            None => self
                .tx
                .prepare_cached("SELECT term FROM fuzzy_dense")
                .and_then(|mut st| st.query_map([], |r| r.get(0))?.collect())
                .map_err(fail)?,
        };
        let keys = self.index.max_key + 1;
        let mut last = self
            .tx
            .prepare_cached(
                "SELECT id, chunk, n, entries FROM fuzzy_postings WHERE term = ?1 \
                 ORDER BY chunk DESC LIMIT 1",
            )
            .map_err(fail)?;
        let mut update = self
            .tx
            .prepare_cached("UPDATE fuzzy_postings SET n = ?2, entries = ?3 WHERE id = ?1")
            .map_err(fail)?;
        let mut insert = self
            .tx
            .prepare_cached(
                "INSERT INTO fuzzy_postings (term, chunk, n, entries) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(fail)?;
        let mut df = self
            .tx
            .prepare_cached(
                "INSERT INTO fuzzy_terms (term, df) VALUES (?1, ?2) \
                 ON CONFLICT (term) DO UPDATE SET df = df + excluded.df RETURNING df",
            )
            .map_err(fail)?;
        for (term, bytes) in pending {
            let mut rest: &[u8] = &bytes;
            let added = bytes.len() / ENTRY_BYTES;
            let tail: Option<(i64, i64, usize, Vec<u8>)> = last
                .query_row([&term], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get::<_, i64>(2)? as usize,
                        r.get(3)?,
                    ))
                })
                .optional()
                .map_err(fail)?;
            let mut next_chunk = 0;
            if let Some((row, chunk, n, mut old)) = tail {
                next_chunk = chunk + 1;
                if n < CHUNK_ENTRIES {
                    let take = (CHUNK_ENTRIES - n).min(rest.len() / ENTRY_BYTES);
                    old.extend_from_slice(&rest[..take * ENTRY_BYTES]);
                    rest = &rest[take * ENTRY_BYTES..];
                    update
                        .execute(params![row, (n + take) as i64, old])
                        .map_err(fail)?;
                }
            }
            for piece in rest.chunks(CHUNK_ENTRIES * ENTRY_BYTES) {
                insert
                    .execute(params![
                        term,
                        next_chunk,
                        (piece.len() / ENTRY_BYTES) as i64,
                        piece
                    ])
                    .map_err(fail)?;
                next_chunk += 1;
            }
            let total: i64 = df
                .query_row(params![term, added as i64], |r| r.get(0))
                .map_err(fail)?;
            if dense.contains(&term) {
                add_bits(&self.tx, &term, entry_keys(&bytes)).map_err(fail)?;
            } else if is_dense(total.max(0) as u64, keys) {
                // Becomes dense: the bitmap starts from the whole list (the new postings included).
                let mut all = self
                    .tx
                    .prepare_cached("SELECT entries FROM fuzzy_postings WHERE term = ?1")
                    .map_err(fail)?;
                let mut list: Vec<u8> = Vec::with_capacity(total.max(0) as usize * ENTRY_BYTES);
                {
                    let mut rows = all.query([&term]).map_err(fail)?;
                    while let Some(row) = rows.next().map_err(fail)? {
                        let blob = row
                            .get_ref(0)
                            .and_then(|v| Ok(v.as_blob()?))
                            .map_err(fail)?;
                        list.extend_from_slice(blob);
                    }
                }
                add_bits(&self.tx, &term, entry_keys(&list)).map_err(fail)?;
                self.tx
                    .prepare_cached("INSERT INTO fuzzy_dense (term) VALUES (?1)")
                    .and_then(|mut st| st.execute([&term]))
                    .map_err(fail)?;
                dense.insert(term);
            }
        }
        self.index.dense = Some(dense);
        Ok(())
    }

    /// Rebuilds the fuzzy index and the concordance from the stored pairs.
    pub fn rebuild_search_indexes(&mut self) -> Result<()> {
        self.tx
            .execute_batch(
                "DELETE FROM fuzzy_postings; DELETE FROM fuzzy_terms; \
                 DELETE FROM fuzzy_dense; DELETE FROM fuzzy_bitmaps; \
                 INSERT INTO pairs_fts (pairs_fts) VALUES ('delete-all');",
            )
            .map_err(|e| self.fail(e))?;
        self.index = PendingIndex::default();
        let mut after = 0i64;
        loop {
            let batch: Vec<(i64, String, String)> = self
                .tx
                .prepare_cached(
                    "SELECT id, source, target FROM pairs WHERE id > ?1 ORDER BY id LIMIT 10000",
                )
                .and_then(|mut st| {
                    st.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .map_err(|e| self.fail(e))?;
            let Some(last) = batch.last() else { break };
            after = last.0;
            for (id, s, t) in &batch {
                self.index_texts(*id, s, t)?;
            }
        }
        self.flush_index()?;
        self.tx
            .execute("DELETE FROM settings WHERE key = ?1", [STALE_KEY])
            .map_err(|e| self.fail(e))?;
        Ok(())
    }
}

impl Store {
    /// Runs `f` inside one read transaction (one snapshot, one lock), unless a
    /// transaction is already open. A lookup issues many small statements; taking
    /// the WAL read lock and checking the schema once instead of per statement
    /// matters at that scale.
    pub fn read_snapshot<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| memory_error(&self.path, &e))?;
        let out = f();
        let end = self.conn.execute_batch("COMMIT");
        let out = out?;
        end.map_err(|e| memory_error(&self.path, &e))?;
        Ok(out)
    }

    /// True when the search indexes must be rebuilt before the index can be trusted
    /// (a memory written before they existed).
    pub fn search_indexes_stale(&self) -> Result<bool> {
        Ok(self.setting(STALE_KEY)?.is_some())
    }

    /// Just what a fuzzy lookup scores of pair `id` (lighter than [`Store::pair`]).
    pub fn pair_texts(&self, id: i64) -> Result<Option<PairTexts>> {
        self.conn
            .prepare_cached(
                "SELECT src_lang, tgt_lang, source, target, prev_source, next_source \
                 FROM pairs WHERE id = ?1",
            )
            .and_then(|mut st| {
                st.query_row([id], |r| {
                    Ok(PairTexts {
                        src_lang: r.get(0)?,
                        tgt_lang: r.get(1)?,
                        source: r.get(2)?,
                        target: r.get(3)?,
                        prev_source: r.get(4)?,
                        next_source: r.get(5)?,
                    })
                })
                .optional()
            })
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// How many indexed segment sides contain `term` (0 when none).
    pub fn index_df(&self, term: &str) -> Result<u64> {
        self.conn
            .prepare_cached("SELECT df FROM fuzzy_terms WHERE term = ?1")
            .and_then(|mut st| st.query_row([term], |r| r.get::<_, i64>(0)).optional())
            .map(|v| v.unwrap_or(0).max(0) as u64)
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// How many indexed segment sides contain `term`, and whether it has a bitmap.
    pub fn index_term(&self, term: &str) -> Result<(u64, bool)> {
        self.conn
            .prepare_cached(
                "SELECT t.df, EXISTS (SELECT 1 FROM fuzzy_dense d WHERE d.term = t.term) \
                 FROM fuzzy_terms t WHERE t.term = ?1",
            )
            .and_then(|mut st| {
                st.query_row([term], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?)))
                    .optional()
            })
            .map(|v| v.map_or((0, false), |(df, d)| (df.max(0) as u64, d)))
            .map_err(|e| memory_error(&self.path, &e))
    }

    /// Calls `f` with (block, bits) of each stored block of `term`'s bitmap, in order.
    pub fn index_bitmap(&self, term: &str, mut f: impl FnMut(u64, &[u8])) -> Result<()> {
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let mut st = self
            .conn
            .prepare_cached("SELECT block, bits FROM fuzzy_bitmaps WHERE term = ?1 ORDER BY block")
            .map_err(fail)?;
        let mut rows = st.query([term]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let block: i64 = row.get(0).map_err(fail)?;
            let bits = row
                .get_ref(1)
                .and_then(|v| Ok(v.as_blob()?))
                .map_err(fail)?;
            f(block.max(0) as u64, bits);
        }
        Ok(())
    }

    /// Calls `f` with each chunk of `term`'s posting list, in order.
    pub fn index_postings(&self, term: &str, mut f: impl FnMut(&[u8])) -> Result<()> {
        let fail = |e: rusqlite::Error| memory_error(&self.path, &e);
        let mut st = self
            .conn
            .prepare_cached("SELECT entries FROM fuzzy_postings WHERE term = ?1 ORDER BY chunk")
            .map_err(fail)?;
        let mut rows = st.query([term]).map_err(fail)?;
        while let Some(row) = rows.next().map_err(fail)? {
            let blob = row
                .get_ref(0)
                .and_then(|v| Ok(v.as_blob()?))
                .map_err(fail)?;
            f(blob);
        }
        Ok(())
    }

    /// Ids of the pairs whose concordance text matches the FTS5 `query`, in id order.
    pub fn concordance_ids(&self, query: &str, limit: usize) -> Result<Vec<i64>> {
        let fail = |e: rusqlite::Error| Error::Usage(format!("cannot search for that phrase: {e}"));
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM pairs_fts WHERE pairs_fts MATCH ?1 ORDER BY rowid LIMIT ?2",
            )
            .map_err(fail)?;
        let rows = st
            .query_map(params![query, limit as i64], |r| r.get(0))
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<Vec<i64>>>().map_err(fail)
    }
}
