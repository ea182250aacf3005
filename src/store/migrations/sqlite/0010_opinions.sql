-- Calls for opinions (意见征集): staff open a call at a building, grid or
-- community; residents of that place post opinions with up to three photos,
-- support each other's, staff merge duplicates and turn opinions into
-- matters. Photos are a table of their own, for other features to reuse.
CREATE TABLE photo (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES place(id),
  uploader_id   INTEGER NOT NULL REFERENCES person(id),
  mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  size          INTEGER NOT NULL,
  data          BLOB NOT NULL,
  hash          TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);

CREATE TABLE opinion_call (
  id            INTEGER PRIMARY KEY,
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  deadline      INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_by     INTEGER REFERENCES person(id),
  closed_at     INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX opinion_call_community ON opinion_call(community_id, id);

CREATE TABLE opinion (
  id            INTEGER PRIMARY KEY,
  call_id       INTEGER NOT NULL REFERENCES opinion_call(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  body          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'merged', 'adopted')),
  merged_into   INTEGER REFERENCES opinion(id),
  matter_id     INTEGER REFERENCES matter(id),
  created_at    INTEGER NOT NULL
);
CREATE INDEX opinion_call_idx ON opinion(call_id, id);
CREATE INDEX opinion_author ON opinion(author_id, created_at);

CREATE TABLE opinion_photo (
  opinion_id    INTEGER NOT NULL REFERENCES opinion(id),
  photo_id      INTEGER NOT NULL REFERENCES photo(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (opinion_id, photo_id)
);

CREATE TABLE opinion_support (
  opinion_id    INTEGER NOT NULL REFERENCES opinion(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (opinion_id, person_id)
);

-- A comment belongs to a matter or to an opinion (exactly one). SQLite
-- cannot relax NOT NULL in place: the table is rebuilt with every row, and
-- so is comment_report, which refers to it (the new tables refer to each
-- other by their new names, which the renames carry over).
CREATE TABLE comment_new (
  id             INTEGER PRIMARY KEY,
  matter_id      INTEGER REFERENCES matter(id),
  opinion_id     INTEGER REFERENCES opinion(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  parent_id      INTEGER REFERENCES comment_new(id),
  depth          INTEGER NOT NULL DEFAULT 0,
  author_id      INTEGER NOT NULL REFERENCES person(id),
  body           TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('visible', 'pending', 'hidden')),
  hidden_reason  TEXT,
  moderated_by   INTEGER REFERENCES person(id),
  moderated_at   INTEGER,
  reports        INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  CHECK ((matter_id IS NULL) <> (opinion_id IS NULL))
);
INSERT INTO comment_new(id, matter_id, opinion_id, community_id, parent_id, depth, author_id, body, status,
                        hidden_reason, moderated_by, moderated_at, reports, created_at)
  SELECT id, matter_id, NULL, community_id, parent_id, depth, author_id, body, status,
         hidden_reason, moderated_by, moderated_at, reports, created_at FROM comment;
CREATE TABLE comment_report_new (
  comment_id     INTEGER NOT NULL REFERENCES comment_new(id),
  person_id      INTEGER NOT NULL REFERENCES person(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  reason         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (comment_id, person_id)
);
INSERT INTO comment_report_new(comment_id, person_id, community_id, reason, created_at)
  SELECT comment_id, person_id, community_id, reason, created_at FROM comment_report;
DROP TABLE comment_report;
DROP TABLE comment;
ALTER TABLE comment_new RENAME TO comment;
ALTER TABLE comment_report_new RENAME TO comment_report;
CREATE INDEX comment_matter ON comment(matter_id, id);
CREATE INDEX comment_author ON comment(author_id, created_at);
CREATE INDEX comment_opinion ON comment(opinion_id, id);
