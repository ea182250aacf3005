-- Roster imports (mod/roster): a household roster uploaded by community
-- staff, read and planned (the dry run), then applied once. Each row keeps
-- what the file said (no ID numbers: that column is never read) and what
-- the plan does with it; an import's digest is the plan's, so that apply
-- can tell whether the places and people changed since the dry run.
CREATE TABLE roster_import (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_by    INTEGER NOT NULL REFERENCES person(id),
  filename      TEXT NOT NULL,
  format        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending','applied','discarded')),
  digest        TEXT NOT NULL,
  counts        TEXT NOT NULL,            -- JSON: the plan's counts
  columns       TEXT NOT NULL,            -- JSON: the columns recognised and ignored
  nrows         INTEGER NOT NULL,
  nerrors       INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  applied_by    INTEGER REFERENCES person(id),
  applied_at    INTEGER
);
CREATE INDEX roster_import_community ON roster_import(community_id, id);

CREATE TABLE roster_row (
  import_id     INTEGER NOT NULL REFERENCES roster_import(id),
  seq           INTEGER NOT NULL,         -- 0.. in file order
  row_no        INTEGER NOT NULL,         -- the row's number in the sheet
  grid          TEXT,
  building      TEXT,
  unit          TEXT,
  room          TEXT,
  name          TEXT,
  phone         TEXT,
  relation      TEXT,
  note          TEXT,
  act_grid      TEXT NOT NULL,            -- add leave none
  act_building  TEXT NOT NULL,
  act_household TEXT NOT NULL,
  act_person    TEXT NOT NULL,
  act_member    TEXT NOT NULL,            -- add change leave none
  changed       INTEGER NOT NULL,         -- 1 when the row adds or changes anything
  err_col       TEXT,                     -- the column of a bad row ("F 手机号")
  err_code      TEXT,                     -- its message key
  PRIMARY KEY (import_id, seq)
);
CREATE INDEX roster_row_changed ON roster_row(import_id, changed, seq);
CREATE INDEX roster_row_error ON roster_row(import_id, err_code, seq);
