-- The contest 最美社区我来建 (mod/contest/contest.h): a street's contest for
-- its communities, a rubric of weighted criteria, the weights of the
-- assessors' and the residents' scores, scores per criterion (residents:
-- one per household, of other communities), the ranking published with
-- its arithmetic, praise, and a priority flag with an expiry for winners.
CREATE TABLE contest (
  id INTEGER PRIMARY KEY,
  street_id INTEGER NOT NULL REFERENCES place(id),
  title TEXT NOT NULL,
  assessor_weight INTEGER NOT NULL,
  resident_weight INTEGER NOT NULL,
  winners INTEGER NOT NULL,
  priority_days INTEGER NOT NULL,
  closes_at INTEGER NOT NULL,
  published_at INTEGER,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE TABLE contest_criterion (
  contest_id INTEGER NOT NULL REFERENCES contest(id),
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  weight INTEGER NOT NULL,
  PRIMARY KEY (contest_id, position)
);
CREATE TABLE contest_entry (
  contest_id INTEGER NOT NULL REFERENCES contest(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  praise TEXT,
  rank INTEGER,
  total_e4 INTEGER,
  priority_until INTEGER,
  PRIMARY KEY (contest_id, community_id)
);
CREATE TABLE contest_assessor (
  contest_id INTEGER NOT NULL REFERENCES contest(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (contest_id, person_id)
);
-- One score per criterion per scorer: an assessor (scorer_key = person),
-- or a household (scorer_key = household place) of another community.
CREATE TABLE contest_score (
  contest_id INTEGER NOT NULL REFERENCES contest(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  kind TEXT NOT NULL,
  scorer_key INTEGER NOT NULL,
  position INTEGER NOT NULL,
  score INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  at INTEGER NOT NULL,
  PRIMARY KEY (contest_id, community_id, kind, scorer_key, position)
);
