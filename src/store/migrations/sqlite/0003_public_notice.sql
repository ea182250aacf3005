-- Public notice (公示): per-place settings (the notice period, with the
-- setting that applied recorded on the matter), and objections filed during
-- the notice with their public answers.
CREATE TABLE place_setting (
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER REFERENCES place(id),
  key           TEXT NOT NULL,
  value         TEXT NOT NULL,
  PRIMARY KEY (place_id, key)
);

ALTER TABLE matter ADD COLUMN notice_until INTEGER;
ALTER TABLE matter ADD COLUMN notice_days INTEGER;

CREATE TABLE objection (
  id            INTEGER PRIMARY KEY,
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  body          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  answer        TEXT,
  answered_by   INTEGER REFERENCES person(id),
  answered_at   INTEGER,
  upheld        INTEGER CHECK (upheld IS NULL OR upheld IN (0, 1))
);
CREATE INDEX objection_matter ON objection(matter_id, id);
