-- As in the SQLite migration 0007: each feed item's details fingerprint, its title, and
-- when it left the feed, and the type of what was read.
ALTER TABLE feed_items ADD COLUMN details_hash TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN gone_at TEXT;
ALTER TABLE feed_items ADD COLUMN transcript_type TEXT;
