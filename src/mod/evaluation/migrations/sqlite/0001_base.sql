-- Evaluations (mod/evaluation): the community's criteria templates; a
-- matter's assessments before, during and after, with the criteria copied
-- from a template; appointed assessors; answers (one per household for
-- residents, one per assessor) with a score per criterion; follow-up tasks
-- for results below the threshold.
CREATE TABLE evaluation_template (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  UNIQUE (community_id, name)
);
CREATE TABLE evaluation_template_criterion (
  template_id INTEGER NOT NULL REFERENCES evaluation_template(id),
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL,
  scale INTEGER NOT NULL,
  PRIMARY KEY (template_id, pos)
);
CREATE TABLE evaluation (
  id INTEGER PRIMARY KEY,
  matter_id INTEGER NOT NULL REFERENCES matter(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  phase TEXT NOT NULL,
  template_name TEXT NOT NULL,
  resident_weight INTEGER NOT NULL,
  assessor_weight INTEGER NOT NULL,
  threshold INTEGER NOT NULL,
  survey_id INTEGER REFERENCES satisfaction_survey(id),
  followup_owner INTEGER NOT NULL REFERENCES person(id),
  followup_days INTEGER NOT NULL,
  state TEXT NOT NULL,
  result_permille INTEGER,
  opens_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  closed_at INTEGER,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  UNIQUE (matter_id, phase)
);
CREATE INDEX evaluation_community ON evaluation(community_id, id);
CREATE TABLE evaluation_criterion (
  evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
  pos INTEGER NOT NULL,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL,
  scale INTEGER NOT NULL,
  PRIMARY KEY (evaluation_id, pos)
);
CREATE TABLE evaluation_assessor (
  evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  appointed_by INTEGER NOT NULL REFERENCES person(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (evaluation_id, person_id)
);
-- respondent: 'h<household id>' for a household, 'p<person id>' for an assessor
CREATE TABLE evaluation_response (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
  grp INTEGER NOT NULL,
  respondent TEXT NOT NULL,
  household_id INTEGER REFERENCES place(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  note TEXT,
  at INTEGER NOT NULL,
  UNIQUE (evaluation_id, respondent)
);
CREATE TABLE evaluation_score (
  response_id INTEGER NOT NULL REFERENCES evaluation_response(id),
  evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
  grp INTEGER NOT NULL,
  pos INTEGER NOT NULL,
  score INTEGER NOT NULL,
  PRIMARY KEY (response_id, pos)
);
CREATE INDEX evaluation_score_sum ON evaluation_score(evaluation_id, pos, grp);
CREATE TABLE evaluation_task (
  id INTEGER PRIMARY KEY,
  evaluation_id INTEGER NOT NULL REFERENCES evaluation(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  pos INTEGER NOT NULL,
  title TEXT NOT NULL,
  permille INTEGER NOT NULL,
  owner_id INTEGER NOT NULL REFERENCES person(id),
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL,
  note TEXT,
  done_at INTEGER,
  done_by INTEGER REFERENCES person(id),
  created_at INTEGER NOT NULL,
  UNIQUE (evaluation_id, pos)
);
CREATE INDEX evaluation_task_community ON evaluation_task(community_id, state, due_at);
