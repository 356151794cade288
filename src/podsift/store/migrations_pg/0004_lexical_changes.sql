-- Which episodes' moments changed, in order, for the on-disk lexical index each podsift
-- process keeps (search/lexical_index.py), as in the SQLite migration 0005: the index
-- notes the last seq it applied and replays the rest.
CREATE TABLE lexical_changes (
    seq        BIGSERIAL PRIMARY KEY,
    episode_id TEXT NOT NULL
);

-- A sequence hands out numbers in call order, not commit order: two writers could commit
-- 11 before 10, and an index that applied 11 would never see 10. Writers of the log take
-- one lock until they commit, so a reader that sees seq N sees every entry before it.
CREATE FUNCTION podsift_log_lexical_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(72101);
    IF TG_OP = 'DELETE' THEN
        INSERT INTO lexical_changes (episode_id) VALUES (OLD.episode_id);
        RETURN OLD;
    END IF;
    INSERT INTO lexical_changes (episode_id) VALUES (NEW.episode_id);
    RETURN NEW;
END
$$;

-- One row per episode changed, not per moment: every episode's moments start at ordinal 0.
CREATE TRIGGER moments_lexical_insert AFTER INSERT ON moments
    FOR EACH ROW WHEN (NEW.ordinal = 0) EXECUTE FUNCTION podsift_log_lexical_change();
CREATE TRIGGER moments_lexical_delete AFTER DELETE ON moments
    FOR EACH ROW WHEN (OLD.ordinal = 0) EXECUTE FUNCTION podsift_log_lexical_change();

-- Which database an index copy was built from: a machine may keep copies for several, and
-- a database dropped and created again under the same URL must not reuse the old copy.
INSERT INTO settings (key, value) VALUES ('archive_id', gen_random_uuid()::text) ON CONFLICT DO NOTHING;
