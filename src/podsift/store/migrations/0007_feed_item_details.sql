-- What a sync needs to keep an archive current without parsing transcripts again: a
-- fingerprint of the item's details in the feed (title, date, notes, people, chapters
-- link...), so edited details update the episode alone; the item's title, to name it
-- when its feed answers 304; and when it left the feed, so that is reported once; and the type of what was read
-- (audio is asked again only by `sync --transcribe`).
ALTER TABLE feed_items ADD COLUMN details_hash TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN gone_at TEXT;
ALTER TABLE feed_items ADD COLUMN transcript_type TEXT;
