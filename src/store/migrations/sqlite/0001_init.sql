-- wugong schema, version 1: places, people, roles, claims, sessions, audit,
-- organisations, matters and their timeline. Every table that grows with
-- residents carries community_id (a future distribution column).

CREATE TABLE setting (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE place (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('district','street','community','grid','building','household')),
  parent_id     INTEGER REFERENCES place(id),
  community_id  INTEGER REFERENCES place(id),
  code          TEXT NOT NULL,
  name          TEXT NOT NULL,
  path          TEXT NOT NULL,            -- '/1/4/9/': ids from the root, for subtree checks
  area_dm2      INTEGER CHECK (area_dm2 IS NULL OR area_dm2 > 0), -- household floor area in dm² (0.01 m²)
  reg_key       TEXT,                     -- building: key printed in the registration QR code
  created_at    INTEGER NOT NULL,
  UNIQUE (parent_id, code)
);
CREATE INDEX place_parent ON place(parent_id, kind);
CREATE INDEX place_community ON place(community_id, kind);
CREATE UNIQUE INDEX place_path ON place(path);

CREATE TABLE person (
  id              INTEGER PRIMARY KEY,
  phone           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  pw_hash         TEXT NOT NULL,
  community_id    INTEGER REFERENCES place(id),
  is_volunteer    INTEGER NOT NULL DEFAULT 0,
  is_party_member INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL
);

CREATE TABLE role_assignment (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  role          TEXT NOT NULL CHECK (role IN ('resident','building_leader','grid_worker','community_staff','street_admin')),
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER REFERENCES place(id),
  is_primary    INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL,
  UNIQUE (person_id, role, place_id)
);
CREATE INDEX role_place ON role_assignment(place_id, role);
-- one primary responsible person per role and place (主負責人)
CREATE UNIQUE INDEX role_primary ON role_assignment(place_id, role) WHERE is_primary = 1;

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

CREATE TABLE org_unit (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('party_branch','party_group','party_household','owners_committee','property_company')),
  name           TEXT NOT NULL,
  place_id       INTEGER NOT NULL REFERENCES place(id),
  community_id   INTEGER REFERENCES place(id),
  parent_id      INTEGER REFERENCES org_unit(id),
  responsible_id INTEGER REFERENCES person(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX org_place ON org_unit(place_id, kind);

CREATE TABLE session (
  token_hash    BLOB PRIMARY KEY,         -- BLAKE2b-256 of the cookie's token
  person_id     INTEGER NOT NULL REFERENCES person(id),
  is_staff      INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL          -- absolute limit
);
CREATE INDEX session_person ON session(person_id);

CREATE TABLE audit (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  actor_id      INTEGER,
  ip            TEXT,
  action        TEXT NOT NULL,
  target        TEXT,
  detail        TEXT,
  community_id  INTEGER
);
CREATE INDEX audit_action_target ON audit(action, target, at);
CREATE INDEX audit_action_ip ON audit(action, ip, at);
CREATE INDEX audit_community ON audit(community_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

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
  updated_at    INTEGER NOT NULL
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
