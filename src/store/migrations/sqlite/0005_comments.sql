-- Discussion: threaded comments on matters, with reports of abuse and
-- moderation (hidden with a public reason; held for review where the
-- community pre-moderates).
CREATE TABLE comment (
  id             INTEGER PRIMARY KEY,
  matter_id      INTEGER NOT NULL REFERENCES matter(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  parent_id      INTEGER REFERENCES comment(id),
  depth          INTEGER NOT NULL DEFAULT 0,
  author_id      INTEGER NOT NULL REFERENCES person(id),
  body           TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('visible', 'pending', 'hidden')),
  hidden_reason  TEXT,
  moderated_by   INTEGER REFERENCES person(id),
  moderated_at   INTEGER,
  reports        INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL
);
CREATE INDEX comment_matter ON comment(matter_id, id);
CREATE INDEX comment_author ON comment(author_id, created_at);

CREATE TABLE comment_report (
  comment_id     INTEGER NOT NULL REFERENCES comment(id),
  person_id      INTEGER NOT NULL REFERENCES person(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  reason         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (comment_id, person_id)
);
