-- Household claims (self-registration, approved by staff) and household members.

CREATE TABLE household_claim (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  household_id  INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  relation      TEXT NOT NULL CHECK (relation IN ('owner','tenant','family')),
  status        TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),
  reason        TEXT,
  decided_by    INTEGER REFERENCES person(id),
  decided_at    INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX claim_community ON household_claim(community_id, status, id);
-- a person has at most one open or approved claim per household
CREATE UNIQUE INDEX claim_open ON household_claim(person_id, household_id) WHERE status IN ('pending','approved');

CREATE TABLE household_member (
  household_id  INTEGER NOT NULL REFERENCES place(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  relation      TEXT NOT NULL CHECK (relation IN ('owner','tenant','family')),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (household_id, person_id)
);
CREATE INDEX member_person ON household_member(person_id);
CREATE INDEX member_community ON household_member(community_id, household_id);
