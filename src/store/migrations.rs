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
    // 3 (QA; renumber at merge if another migration lands first): findings a team has
    // accepted, by their stable id, so `tarjima qa` does not report them again.
    r#"
    CREATE TABLE IF NOT EXISTS qa_accepted (
        finding_id  TEXT PRIMARY KEY,
        accepted_at TEXT NOT NULL,
        note        TEXT
    ) WITHOUT ROWID;
    "#,
];
