-- A feed's artwork (its channel's itunes:image or image), an http(s) URL the web pages
-- show by reference; each episode's own artwork is in its extra, as "image".
ALTER TABLE feeds ADD COLUMN image TEXT;
