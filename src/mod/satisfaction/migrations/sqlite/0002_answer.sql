-- A household's answer about a subject another module owns (a problem
-- report's rating: subject 'report', subject_id the report), 1..5, under
-- the surveys' rule (mod/satisfaction/satisfaction.h): one per voter, the
-- household ('h' || its id) or, for one with no household in the
-- community, the person ('p' || her id); the first member to answer
-- answers for the household. The key holds it to one under concurrency.
CREATE TABLE satisfaction_answer (
  subject TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  voter TEXT NOT NULL,
  community_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  score INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (subject, subject_id, voter)
);
