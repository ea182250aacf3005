-- Threaded comments on a matter or an opinion, with reports of abuse and moderation.

CREATE TABLE comment (
  id             INTEGER PRIMARY KEY,
  matter_id      INTEGER REFERENCES matter(id),
  opinion_id     INTEGER,
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
  created_at     INTEGER NOT NULL,
  CHECK ((matter_id IS NULL) <> (opinion_id IS NULL))
);
CREATE TABLE comment_report (
  comment_id     INTEGER NOT NULL REFERENCES comment(id),
  person_id      INTEGER NOT NULL REFERENCES person(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  reason         TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (comment_id, person_id)
);
CREATE INDEX comment_matter ON comment(matter_id, id);
CREATE INDEX comment_author ON comment(author_id, created_at);
CREATE INDEX comment_opinion ON comment(opinion_id, id);
