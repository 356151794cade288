-- Chapters podsift computed (auto-chapters), as opposed to those a person wrote.
ALTER TABLE chapters ADD COLUMN generated INTEGER NOT NULL DEFAULT 0;
