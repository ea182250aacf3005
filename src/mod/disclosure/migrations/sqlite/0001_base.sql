-- The disclosure board (mod/disclosure): a community's board opens once;
-- its items by kind and period, with photos; marks of what the jobs did
-- (a reminder sent, a period found overdue), kept as history.
CREATE TABLE disclosure_board (
  community_id INTEGER PRIMARY KEY REFERENCES place(id),
  started_at INTEGER NOT NULL,
  started_by INTEGER REFERENCES person(id)
);
CREATE TABLE disclosure_item (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  period_months INTEGER NOT NULL,
  period_year INTEGER NOT NULL,
  period_label TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  publish_at INTEGER,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  withdrawn_at INTEGER,
  withdrawn_by INTEGER REFERENCES person(id),
  withdraw_reason TEXT
);
CREATE INDEX disclosure_item_period ON disclosure_item(community_id, kind, period_start);
CREATE INDEX disclosure_item_year ON disclosure_item(community_id, period_year);
CREATE TABLE disclosure_photo (
  item_id INTEGER NOT NULL REFERENCES disclosure_item(id),
  ord INTEGER NOT NULL,
  photo_id INTEGER NOT NULL REFERENCES photo(id),
  community_id INTEGER NOT NULL,
  PRIMARY KEY (item_id, ord)
);
CREATE TABLE disclosure_mark (
  community_id INTEGER NOT NULL REFERENCES place(id),
  subject TEXT NOT NULL,
  what TEXT NOT NULL,
  kind TEXT NOT NULL,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  period_label TEXT NOT NULL,
  item_id INTEGER REFERENCES disclosure_item(id),
  due_at INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (community_id, subject, what)
);
CREATE INDEX disclosure_mark_kind ON disclosure_mark(community_id, kind, what);
