-- Support for a proposed matter: one per person; the matter enters
-- deliberation when people of enough distinct households back it.
CREATE TABLE matter_support (
  matter_id     INTEGER NOT NULL REFERENCES matter(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  household_id  INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (matter_id, person_id)
);
CREATE INDEX support_household ON matter_support(matter_id, household_id);
