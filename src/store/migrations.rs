//! The schema of `memory.db`, as an append-only list of migrations.
//!
//! Migration `i` (0-based in [`MIGRATIONS`]) brings the database from
//! `PRAGMA user_version = i` to `i + 1`. Never edit or reorder an entry that
//! has been released: add a new one at the end. All pending migrations run in
//! one transaction, so an interrupted upgrade leaves the old schema intact.

/// Every schema change, oldest first.
pub const MIGRATIONS: &[&str] = &[
    // 1: origins (one row per imported article pair or file), pairs, occurrences, settings.
    r#"
    CREATE TABLE origins (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        src_path     TEXT,
        tgt_path     TEXT,
        src_lang     TEXT NOT NULL,
        tgt_lang     TEXT NOT NULL,
        content_hash TEXT NOT NULL UNIQUE,
        imported_at  TEXT NOT NULL,
        meta         TEXT
    );
    CREATE TABLE pairs (
        id          INTEGER PRIMARY KEY,
        src_lang    TEXT NOT NULL,
        tgt_lang    TEXT NOT NULL,
        source      TEXT NOT NULL,
        target      TEXT NOT NULL,
        source_key  TEXT NOT NULL,
        confidence  REAL NOT NULL,
        origin_id   INTEGER REFERENCES origins(id),
        position    INTEGER,
        prev_source TEXT,
        next_source TEXT,
        created_at  TEXT NOT NULL,
        seen_count  INTEGER NOT NULL DEFAULT 1,
        meta        TEXT,
        UNIQUE (src_lang, tgt_lang, source, target)
    );
    CREATE INDEX pairs_by_key ON pairs (src_lang, source_key);
    CREATE INDEX pairs_by_origin ON pairs (origin_id, position);
    CREATE TABLE occurrences (
        pair_id     INTEGER NOT NULL REFERENCES pairs(id),
        origin_id   INTEGER NOT NULL REFERENCES origins(id),
        position    INTEGER NOT NULL,
        PRIMARY KEY (pair_id, origin_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // 2: findings a team has accepted, by their stable id, so `tarjima qa` does not report them again.
    r#"
    CREATE TABLE IF NOT EXISTS qa_accepted (
        finding_id  TEXT PRIMARY KEY,
        accepted_at TEXT NOT NULL,
        note        TEXT
    ) WITHOUT ROWID;
    "#,
    // 3: the fuzzy-match candidate index (an inverted index of base tokens, both sides of every
    // pair, posting lists kept as blobs in chunks) and the concordance full-text index (FTS5,
    // contentless: the text indexed is prepared by tarjima so that Chinese and Japanese are
    // searched one character a token). Memories that already hold pairs are flagged so the
    // next lookup rebuilds both (tokenising needs tarjima's code, not SQL).
    r#"
    CREATE TABLE fuzzy_terms (
        term   TEXT PRIMARY KEY,
        df     INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE fuzzy_postings (
        id      INTEGER PRIMARY KEY,
        term    TEXT NOT NULL,
        chunk   INTEGER NOT NULL,
        n       INTEGER NOT NULL,
        entries BLOB NOT NULL,
        UNIQUE (term, chunk)
    );
    CREATE VIRTUAL TABLE pairs_fts USING fts5(
        source, target, content = '', tokenize = 'unicode61 remove_diacritics 0'
    );
    INSERT INTO settings (key, value)
        SELECT 'fuzzy_index_stale', '1' WHERE EXISTS (SELECT 1 FROM pairs);
    "#,
    // 4: bulk-import tuning of the concordance index (FTS5 settings kept in the table's config,
    // no data changes). `hashsize`: FTS5 buffers 32 MiB of terms in memory before writing a
    // segment (default 1 MiB), so a large import writes ~30x fewer level-0 segments and merges
    // far less; `automerge`: merge 8 segments of a level at a time (default 4), halving merge work.
    r#"
    INSERT INTO pairs_fts (pairs_fts, rank) VALUES ('hashsize', 33554432);
    INSERT INTO pairs_fts (pairs_fts, rank) VALUES ('automerge', 8);
    "#,
    // 5: a narrower write path for bulk imports. (a) The `UNIQUE (src_lang, tgt_lang, source,
    // target)` text index (~150 B a pair, a random insert per pair) gives way to a 64-bit hash of
    // those four texts (`pair_hash`, computed by tarjima's own function `tarjima_pair_hash`, see
    // `store::pair_hash`) with a non-unique index; the writer still compares the texts, so
    // deduplication stays exact when two pairs share a hash. SQLite cannot drop a UNIQUE
    // constraint, so `pairs` is rebuilt (ids kept: the search indexes refer to them). (b)
    // `pairs_by_langs` on (src_lang, tgt_lang, -confidence) answers the list of language pairs
    // and the aligner's lexicon sample (most confident first, ties by id) with seeks instead of
    // scans. (c) An occurrence that repeats the pair's own origin and position is dropped: the
    // writer no longer stores one (`Store::origins` counts both).
    r#"
    CREATE TABLE pairs_v5 (
        id          INTEGER PRIMARY KEY,
        src_lang    TEXT NOT NULL,
        tgt_lang    TEXT NOT NULL,
        source      TEXT NOT NULL,
        target      TEXT NOT NULL,
        source_key  TEXT NOT NULL,
        confidence  REAL NOT NULL,
        origin_id   INTEGER REFERENCES origins(id),
        position    INTEGER,
        prev_source TEXT,
        next_source TEXT,
        created_at  TEXT NOT NULL,
        seen_count  INTEGER NOT NULL DEFAULT 1,
        meta        TEXT,
        pair_hash   INTEGER NOT NULL
    );
    INSERT INTO pairs_v5 (id, src_lang, tgt_lang, source, target, source_key, confidence, origin_id,
                          position, prev_source, next_source, created_at, seen_count, meta, pair_hash)
        SELECT id, src_lang, tgt_lang, source, target, source_key, confidence, origin_id,
               position, prev_source, next_source, created_at, seen_count, meta,
               tarjima_pair_hash(src_lang, tgt_lang, source, target)
        FROM pairs ORDER BY id;
    DROP TABLE pairs;
    ALTER TABLE pairs_v5 RENAME TO pairs;
    CREATE INDEX pairs_by_hash ON pairs (pair_hash);
    CREATE INDEX pairs_by_key ON pairs (src_lang, source_key);
    CREATE INDEX pairs_by_origin ON pairs (origin_id, position);
    CREATE INDEX pairs_by_langs ON pairs (src_lang, tgt_lang, -confidence);
    DELETE FROM occurrences WHERE EXISTS (
        SELECT 1 FROM pairs p WHERE p.id = occurrences.pair_id
            AND p.origin_id = occurrences.origin_id AND p.position = occurrences.position);
    "#,
    // 6: bitmaps of the fuzzy index's frequent terms (see `store/index.rs`): a term listed in
    // `fuzzy_dense` has every posting also as one bit per (pair id << 1 | side) key, in blocks,
    // so a lookup tests a candidate's membership instead of reading the whole list. Terms become
    // dense when the index is next written; until then their lists are read as before.
    r#"
    CREATE TABLE fuzzy_dense (
        term   TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    CREATE TABLE fuzzy_bitmaps (
        id     INTEGER PRIMARY KEY,
        term   TEXT NOT NULL,
        block  INTEGER NOT NULL,
        bits   BLOB NOT NULL,
        UNIQUE (term, block)
    );
    "#,
];
