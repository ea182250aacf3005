-- The search index (mod/search): one row per findable record (a matter, an
-- opinion, a call, a meeting...) with its text as written and its folded
-- grams (character bigrams of 簡体, see search_fold.h) and its scope grams
-- (p<id> for each place on its path: a search within a place is one more
-- term the index intersects, not a filter after it). The grams are
-- indexed by the engine: FTS5 on SQLite, a tsvector with a GIN index on
-- PostgreSQL. The job search.reindex fills it from every source.
CREATE TABLE search_doc (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  ref_id        INTEGER NOT NULL,
  community_id  INTEGER REFERENCES place(id),
  place_id      INTEGER NOT NULL REFERENCES place(id),
  place_path    TEXT NOT NULL,
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  url           TEXT NOT NULL,
  updated_at    INTEGER NOT NULL,
  title_grams   TEXT NOT NULL,
  body_grams    TEXT NOT NULL,
  scope_grams   TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
CREATE INDEX search_doc_scope ON search_doc(community_id, place_path);
CREATE VIRTUAL TABLE search_fts USING fts5(title_grams, body_grams, scope_grams, content='search_doc', content_rowid='id',
  tokenize='ascii', prefix='3');
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  VALUES ('search.reindex', 'search.reindex', 0, 0, 'pending', 0, 0);
