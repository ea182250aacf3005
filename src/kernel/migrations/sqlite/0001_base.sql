-- The kernel's tables: the deployment's settings, the place tree and its
-- per-place settings, people and their roles, the append-only audit log and
-- notifications. (Schema version 12 of the single-schema era, this owner's share.)

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

CREATE TABLE place_setting (
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER REFERENCES place(id),
  key           TEXT NOT NULL,
  value         TEXT NOT NULL,
  PRIMARY KEY (place_id, key)
);

CREATE TABLE person (
  id              INTEGER PRIMARY KEY,
  phone           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  pw_hash         TEXT NOT NULL,
  community_id    INTEGER REFERENCES place(id),
  is_volunteer    INTEGER NOT NULL DEFAULT 0,
  is_party_member INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  is_representative INTEGER NOT NULL DEFAULT 0
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

CREATE TABLE notification (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER REFERENCES place(id),
  kind          TEXT NOT NULL,
  matter_id     INTEGER,                  -- the matter it is about (no foreign key: matters are a module's)
  detail        TEXT,
  created_at    INTEGER NOT NULL,
  read_at       INTEGER,
  url           TEXT,                     -- a link to something other than a matter
  title         TEXT
);
CREATE INDEX notification_person ON notification(person_id, id);
CREATE INDEX notification_unread ON notification(person_id, read_at);
-- pending reminders are found by their link
CREATE INDEX notification_url ON notification(url, kind, created_at);

CREATE TABLE notification_pref (
  person_id     INTEGER NOT NULL REFERENCES person(id),
  kind          TEXT NOT NULL,
  enabled       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (person_id, kind)
);
