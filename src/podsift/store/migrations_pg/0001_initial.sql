-- The PostgreSQL schema: the same tables and columns as SQLite's migrations 0001-0003,
-- with a generated tsvector (GIN) standing in for FTS5.
CREATE TABLE episodes (
    id             TEXT PRIMARY KEY,
    title          TEXT,
    show           TEXT,
    season         INTEGER,
    episode_number INTEGER,
    guests         TEXT NOT NULL DEFAULT '[]',
    date           TEXT,
    duration       DOUBLE PRECISION,
    youtube_id     TEXT,
    media_url      TEXT,
    page_url       TEXT,
    source_path    TEXT UNIQUE,
    source_format  TEXT,
    content_hash   TEXT,
    extra          TEXT NOT NULL DEFAULT '{}',
    ingested_at    TEXT NOT NULL,
    profile        TEXT NOT NULL DEFAULT '',
    profile_hash   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX episodes_content_hash ON episodes (content_hash);
CREATE INDEX episodes_show ON episodes (show);

CREATE TABLE chapters (
    episode_id    TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    start         DOUBLE PRECISION,
    first_segment INTEGER NOT NULL,
    generated     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (episode_id, ordinal)
);

CREATE TABLE segments (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    start      DOUBLE PRECISION,
    "end"      DOUBLE PRECISION,
    speaker    TEXT,
    text       TEXT NOT NULL,
    directions TEXT,
    chapter    INTEGER,
    PRIMARY KEY (episode_id, ordinal)
);

CREATE TABLE repairs (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL,
    location   TEXT,
    PRIMARY KEY (episode_id, ordinal)
);

CREATE TABLE moments (
    id            BIGSERIAL PRIMARY KEY,
    episode_id    TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    start         DOUBLE PRECISION,
    "end"         DOUBLE PRECISION,
    speakers      TEXT NOT NULL DEFAULT '[]',
    chapter       TEXT,
    first_segment INTEGER NOT NULL,
    last_segment  INTEGER NOT NULL,
    text          TEXT NOT NULL,
    context       TEXT NOT NULL,
    embed_hash    TEXT NOT NULL,
    -- The words said weigh A, the indexed context B (as bm25 weights 1.0 and 0.5 in SQLite).
    tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', text), 'A') || setweight(to_tsvector('english', context), 'B')
    ) STORED,
    UNIQUE (episode_id, ordinal)
);
CREATE INDEX moments_embed_hash ON moments (embed_hash);
CREATE INDEX moments_tsv ON moments USING GIN (tsv);

CREATE TABLE embeddings (
    model     TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    vector    BYTEA NOT NULL,
    PRIMARY KEY (model, text_hash)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Bumped by every write transaction, so caches in any process can tell the archive changed.
CREATE TABLE store_version (n BIGINT NOT NULL);
INSERT INTO store_version VALUES (0);
