-- A feed's artwork, as in the SQLite migration 0007.
ALTER TABLE feeds ADD COLUMN image TEXT;
