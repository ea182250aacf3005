-- The matter spine: matters, their append-only timeline, followers, objections
-- during the public notice and supports.

CREATE TABLE matter (
  id            INTEGER PRIMARY KEY,
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  category      TEXT NOT NULL,
  title         TEXT NOT NULL,
  body_md       TEXT NOT NULL,
  author_id     INTEGER NOT NULL REFERENCES person(id),
  stage         TEXT NOT NULL CHECK (stage IN ('collecting','deliberating','notice','building','managing','evaluating','sharing','withdrawn','rejected','merged')),
  merged_into   INTEGER REFERENCES matter(id),
  followers     INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  notice_until  INTEGER,                  -- end of the public notice
  notice_days   INTEGER                   -- the notice period that applied
);
CREATE INDEX matter_community ON matter(community_id, id);
CREATE INDEX matter_community_stage ON matter(community_id, stage, id);
CREATE INDEX matter_place ON matter(place_id, id);

CREATE TABLE matter_event (
  id            INTEGER PRIMARY KEY,
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  actor_id      INTEGER NOT NULL REFERENCES person(id),
  at            INTEGER NOT NULL,
  from_stage    TEXT,
  to_stage      TEXT NOT NULL,
  reason        TEXT
);
CREATE INDEX event_matter ON matter_event(matter_id, id);
CREATE TRIGGER event_no_update BEFORE UPDATE ON matter_event BEGIN SELECT RAISE(ABORT, 'timeline is append-only'); END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON matter_event BEGIN SELECT RAISE(ABORT, 'timeline is append-only'); END;

CREATE TABLE matter_follow (
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (matter_id, person_id)
);
CREATE INDEX follow_person ON matter_follow(person_id, matter_id);

CREATE TABLE objection (
  id            INTEGER PRIMARY KEY,
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  body          TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  answer        TEXT,
  answered_by   INTEGER REFERENCES person(id),
  answered_at   INTEGER,
  upheld        INTEGER CHECK (upheld IS NULL OR upheld IN (0, 1))
);
CREATE INDEX objection_matter ON objection(matter_id, id);

CREATE TABLE matter_support (
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  household_id  INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (matter_id, person_id)
);
CREATE INDEX support_household ON matter_support(matter_id, household_id);
