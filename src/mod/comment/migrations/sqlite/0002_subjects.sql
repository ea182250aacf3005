-- A comment hangs on a subject of any module (kernel/subject.h): its kind
-- and id, instead of one column per kind (matter_id, opinion_id). SQLite
-- cannot drop a column under a foreign key or a CHECK: the table is
-- rebuilt with every row, and so is comment_report, which refers to it (the
-- new tables refer to each other by their new names, which the renames
-- carry over).
CREATE TABLE comment_new (
  id             INTEGER PRIMARY KEY,
  subject_kind   TEXT NOT NULL,            -- a subject kind a module declares: 'matter', 'opinion'
  subject_id     INTEGER NOT NULL,
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
  created_at     INTEGER NOT NULL
);
INSERT INTO comment_new(id, subject_kind, subject_id, community_id, parent_id, depth, author_id, body, status,
                        hidden_reason, moderated_by, moderated_at, reports, created_at)
  SELECT id, CASE WHEN matter_id IS NOT NULL THEN 'matter' ELSE 'opinion' END, COALESCE(matter_id, opinion_id),
         community_id, parent_id, depth, author_id, body, status, hidden_reason, moderated_by, moderated_at,
         reports, created_at FROM comment;
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
CREATE INDEX comment_subject ON comment(subject_kind, subject_id, id);
CREATE INDEX comment_author ON comment(author_id, created_at);
