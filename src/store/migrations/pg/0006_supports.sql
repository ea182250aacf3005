-- Support for a proposed matter: one per person; the matter enters
-- deliberation when people of enough distinct households back it.
CREATE TABLE matter_support (
  matter_id     BIGINT NOT NULL REFERENCES matter(id),
  person_id     BIGINT NOT NULL REFERENCES person(id),
  household_id  BIGINT NOT NULL REFERENCES place(id),
  community_id  BIGINT NOT NULL REFERENCES place(id),
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (matter_id, person_id)
);
CREATE INDEX support_household ON matter_support(matter_id, household_id);
