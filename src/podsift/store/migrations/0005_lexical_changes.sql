-- Which episodes' moments changed, in order, for the on-disk lexical index beside the
-- file (search/lexical_index.py): it notes the last seq it applied and replays the rest
-- (drop the episode's documents, add its current moments), so a crash loses nothing.
-- One row per episode changed, not per moment: every episode's moments start at ordinal 0.
CREATE TABLE lexical_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused, even after deletes
    episode_id TEXT NOT NULL
);
CREATE TRIGGER moments_lexical_insert AFTER INSERT ON moments WHEN new.ordinal = 0 BEGIN
    INSERT INTO lexical_changes (episode_id) VALUES (new.episode_id);
END;
CREATE TRIGGER moments_lexical_delete AFTER DELETE ON moments WHEN old.ordinal = 0 BEGIN
    INSERT INTO lexical_changes (episode_id) VALUES (old.episode_id);
END;
