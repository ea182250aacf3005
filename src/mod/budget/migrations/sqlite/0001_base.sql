-- Participatory budgets (mod/budget/budget.h): a total at a place, projects
-- with costs, approved on an approval vote (vote_id: the vote module's
-- electorate, ballots and window), and the order drawn when it opened for
-- ties (tie_order: the project positions, first wins a tie).
CREATE TABLE budget (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  vote_id INTEGER NOT NULL UNIQUE REFERENCES vote(id),
  title TEXT NOT NULL,
  total_yuan INTEGER NOT NULL,
  tie_order TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX budget_community ON budget(community_id, id);
CREATE TABLE budget_project (
  budget_id INTEGER NOT NULL REFERENCES budget(id),
  position INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  cost_yuan INTEGER NOT NULL,
  PRIMARY KEY (budget_id, position)
);
