-- Who and what each segment mentions: people, organisations, tools and places.
-- entity is the canonical name; entity_key its lookup form (lower case, no spaces or
-- punctuation), so "hugging face" and "Hugging Face" find the same rows.
CREATE TABLE mentions (
    episode_id TEXT NOT NULL,
    segment    INTEGER NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    type       TEXT NOT NULL,
    surface    TEXT NOT NULL,
    how        TEXT NOT NULL,   -- known | sounds_like | ner
    FOREIGN KEY (episode_id, segment) REFERENCES segments (episode_id, ordinal) ON DELETE CASCADE
);
CREATE INDEX mentions_entity ON mentions (entity_key);
CREATE INDEX mentions_segment ON mentions (episode_id, segment);
