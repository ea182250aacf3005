-- Satisfaction surveys (mod/satisfaction): a question to the households
-- under a place, about a matter or on its own, open until closes_at; one
-- response per household (the first member to answer answers for it),
-- counted, never shown by household.
CREATE TABLE satisfaction_survey (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  matter_id INTEGER REFERENCES matter(id),
  question TEXT NOT NULL,
  threshold INTEGER NOT NULL,
  opens_at INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX satisfaction_survey_community ON satisfaction_survey(community_id, id);
CREATE INDEX satisfaction_survey_matter ON satisfaction_survey(matter_id);
CREATE TABLE satisfaction_response (
  survey_id INTEGER NOT NULL REFERENCES satisfaction_survey(id),
  household_id INTEGER NOT NULL REFERENCES place(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  community_id INTEGER NOT NULL,
  score INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (survey_id, household_id)
);
