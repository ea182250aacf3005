-- Reports upward (mod/upward): the street's report templates (figures of
-- the dashboards' registry with a breakdown each) and each community's
-- filled report per period, with the data it used (JSON, as filled).
CREATE TABLE upward_template (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES place(id),
  name TEXT NOT NULL,
  period_kind TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  UNIQUE (street_id, name)
);
CREATE TABLE upward_item (
  template_id INTEGER NOT NULL REFERENCES upward_template(id),
  pos INTEGER NOT NULL,
  label TEXT NOT NULL,
  figure TEXT NOT NULL,
  by_ TEXT NOT NULL,
  PRIMARY KEY (template_id, pos)
);
CREATE TABLE upward_report (
  id INTEGER PRIMARY KEY,
  template_id INTEGER NOT NULL REFERENCES upward_template(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  period TEXT NOT NULL,
  state TEXT NOT NULL,
  data TEXT NOT NULL,
  note TEXT,
  filled_by INTEGER NOT NULL REFERENCES person(id),
  filled_at INTEGER NOT NULL,
  reviewed_by INTEGER REFERENCES person(id),
  reviewed_at INTEGER,
  submitted_by INTEGER REFERENCES person(id),
  submitted_at INTEGER,
  returned_by INTEGER REFERENCES person(id),
  returned_at INTEGER,
  UNIQUE (template_id, community_id, period)
);
CREATE INDEX upward_report_period ON upward_report(template_id, period);
