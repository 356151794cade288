-- Podcast feeds the archive follows, and which item became which episode. A feed's
-- ETag and Last-Modified make the next sync a conditional GET; an item's transcript
-- URL, validators and hash tell an unchanged transcript without parsing it again.
CREATE TABLE feeds (
    url           TEXT PRIMARY KEY,
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    synced_at     TEXT,
    status        TEXT
);
CREATE TABLE feed_items (
    feed_url       TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
    guid           TEXT NOT NULL,
    episode_id     TEXT,
    transcript_url TEXT,
    etag           TEXT,
    last_modified  TEXT,
    content_hash   TEXT,
    PRIMARY KEY (feed_url, guid)
);
