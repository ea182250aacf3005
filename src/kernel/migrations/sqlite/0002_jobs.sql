-- Due work (kernel/job.h): what must happen at a time whether or not anyone
-- reads a page. key is the idempotency key ("vote.close:42"): scheduling it
-- again moves the pending job. Jobs are claimed one at a time, each in the
-- transaction that does its work.
CREATE TABLE job (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  key           TEXT NOT NULL UNIQUE,
  ref_id        INTEGER NOT NULL,
  due_at        INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT,
  done_at       INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX job_due ON job(status, due_at, id);
