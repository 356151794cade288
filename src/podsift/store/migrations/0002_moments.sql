-- What search knows of a whole episode (title, description, intro), for questions that
-- describe the guest or the conversation rather than quote it.
ALTER TABLE episodes ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE episodes ADD COLUMN profile_hash TEXT NOT NULL DEFAULT '';

-- Moments: the passages search returns. Rebuilt with their episode, in the same transaction.
CREATE TABLE moments (
    id            INTEGER PRIMARY KEY,
    episode_id    TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    start         REAL,
    "end"         REAL,
    speakers      TEXT NOT NULL DEFAULT '[]',  -- JSON list, in order of speaking
    chapter       TEXT,
    first_segment INTEGER NOT NULL,
    last_segment  INTEGER NOT NULL,
    text          TEXT NOT NULL,
    context       TEXT NOT NULL,               -- chapter title and the turn before; indexed, never shown
    embed_hash    TEXT NOT NULL,               -- SHA-1 of what the embedding model sees
    UNIQUE (episode_id, ordinal)
);
CREATE INDEX moments_embed_hash ON moments (embed_hash);

-- BM25 over moments. Porter stemming on top of unicode61 folding.
CREATE VIRTUAL TABLE moments_fts USING fts5 (
    text, context,
    content = 'moments', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
-- How many moments each (stemmed) term occurs in, read by the query planner.
CREATE VIRTUAL TABLE moments_vocab USING fts5vocab (moments_fts, 'row');

-- New moments wait in a backlog and are indexed in one batch (flush_index): FTS5 pays a
-- heavy price per transaction, and ingest commits once per episode. The backlog is
-- committed with its moments, so a crash leaves nothing unindexed for good.
CREATE TABLE fts_backlog (moment_id INTEGER PRIMARY KEY);
CREATE TRIGGER moments_backlog AFTER INSERT ON moments BEGIN
    INSERT INTO fts_backlog (moment_id) VALUES (new.id);
END;
CREATE TRIGGER moments_fts_delete AFTER DELETE ON moments BEGIN
    INSERT INTO moments_fts (moments_fts, rowid, text, context)
    SELECT 'delete', old.id, old.text, old.context
    WHERE NOT EXISTS (SELECT 1 FROM fts_backlog WHERE moment_id = old.id);
    DELETE FROM fts_backlog WHERE moment_id = old.id;
END;

-- Embedding vectors, keyed by the text they embed, so unchanged text is never embedded twice.
CREATE TABLE embeddings (
    model     TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector    BLOB NOT NULL,   -- float32, little-endian, L2-normalised
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;

-- Small facts about the file, e.g. which version of the moment cutter built the moments.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
