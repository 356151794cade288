-- Vectors move from BYTEA to pgvector, so search can use an HNSW index instead of
-- reading every vector into each server process. Existing BYTEA vectors are copied
-- into the new column by PostgresStore.migrate (SQL cannot read float32 bytes).
CREATE EXTENSION IF NOT EXISTS vector;
ALTER TABLE embeddings ADD COLUMN embedding vector;
ALTER TABLE embeddings ALTER COLUMN vector DROP NOT NULL;
