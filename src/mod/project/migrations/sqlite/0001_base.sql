-- Projects of co-building (共建): a project at a place, from a matter in
-- stage building or standing alone (mod/project/project.h).
CREATE TABLE project (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  matter_id INTEGER UNIQUE REFERENCES matter(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  budget_fen INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX project_community ON project(community_id, id);
-- Residents who organise it with staff: they edit its tasks, milestones and money.
CREATE TABLE project_organiser (
  project_id INTEGER NOT NULL REFERENCES project(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  community_id INTEGER NOT NULL,
  PRIMARY KEY (project_id, person_id)
);
-- Tasks: a tree (parent_id); a task with children has the weighted
-- progress of its children, a task without is done or not.
CREATE TABLE project_task (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  community_id INTEGER NOT NULL,
  parent_id INTEGER REFERENCES project_task(id),
  title TEXT NOT NULL,
  owner_id INTEGER REFERENCES person(id),
  due_on INTEGER,
  state TEXT NOT NULL,
  weight INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX project_task_project ON project_task(project_id, id);
CREATE TABLE project_milestone (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  community_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  due_on INTEGER NOT NULL,
  reached_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX project_milestone_project ON project_milestone(project_id, due_on);
-- Money in and out of the project's budget, in fen (0.01 yuan).
CREATE TABLE project_money (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  community_id INTEGER NOT NULL,
  direction TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  what TEXT NOT NULL,
  on_day INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX project_money_project ON project_money(project_id, on_day);
-- The project's timeline (append-only), shown on its page and its matter's.
CREATE TABLE project_event (
  id INTEGER PRIMARY KEY,
  project_id INTEGER NOT NULL REFERENCES project(id),
  community_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  detail TEXT NOT NULL,
  actor_id INTEGER REFERENCES person(id),
  at INTEGER NOT NULL
);
CREATE INDEX project_event_project ON project_event(project_id, id);
