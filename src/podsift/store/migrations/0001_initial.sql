-- One row per episode; lists and free-form mappings are JSON text so any SQLite tool reads them.
CREATE TABLE episodes (
    id             TEXT PRIMARY KEY,
    title          TEXT,
    show           TEXT,
    season         INTEGER,
    episode_number INTEGER,
    guests         TEXT NOT NULL DEFAULT '[]',
    date           TEXT,
    duration       REAL,
    youtube_id     TEXT,
    media_url      TEXT,
    page_url       TEXT,
    source_path    TEXT UNIQUE,
    source_format  TEXT,
    content_hash   TEXT,
    extra          TEXT NOT NULL DEFAULT '{}',
    ingested_at    TEXT NOT NULL
);
CREATE INDEX episodes_content_hash ON episodes (content_hash);

CREATE TABLE chapters (
    episode_id    TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL,
    title         TEXT NOT NULL,
    start         REAL,
    first_segment INTEGER NOT NULL,
    PRIMARY KEY (episode_id, ordinal)
);

CREATE TABLE segments (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    ordinal    INTEGER NOT NULL,
    start      REAL,
    "end"      REAL,
    speaker    TEXT,
    text       TEXT NOT NULL,
    directions TEXT,          -- JSON list of stage directions, NULL when none
    chapter    INTEGER,       -- ordinal of the chapter it falls in, NULL when none
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
