-- What is given to a project (the contributions ledger): money (fen),
-- materials (described) or labour (tenths of person-days), by a resident,
-- a company, a unit or the owners' committee, with who received it and
-- when. Public on the project's page.
CREATE TABLE project_contribution (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  community_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  giver_kind TEXT NOT NULL,
  giver TEXT NOT NULL,
  giver_person_id INTEGER REFERENCES person(id),
  amount_fen INTEGER NOT NULL,
  person_days10 INTEGER NOT NULL,
  what TEXT NOT NULL,
  received_by INTEGER NOT NULL REFERENCES person(id),
  received_on INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX project_contribution_project ON project_contribution(project_id, id);
