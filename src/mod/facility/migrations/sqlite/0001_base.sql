-- Facilities (mod/facility/facility.h): a registry of what the community
-- keeps, with photos and an append-only history of upkeep.
CREATE TABLE facility (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  project_id INTEGER REFERENCES project(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  keeper_id INTEGER REFERENCES person(id),
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX facility_community ON facility(community_id, id);
CREATE UNIQUE INDEX facility_project ON facility(project_id);
CREATE TABLE facility_photo (
  facility_id INTEGER NOT NULL REFERENCES facility(id),
  photo_id INTEGER NOT NULL REFERENCES photo(id),
  community_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (facility_id, position)
);
CREATE TABLE facility_upkeep (
  id INTEGER PRIMARY KEY,
  facility_id INTEGER NOT NULL REFERENCES facility(id),
  community_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES person(id),
  at INTEGER NOT NULL
);
CREATE INDEX facility_upkeep_facility ON facility_upkeep(facility_id, id);
