-- Open311 GeoReport v2 (mod/open311): keys of other systems, each made by
-- staff for one community and acting as its own account (person_id: no
-- phone that signs in, no role); the requests they filed (the report, its
-- token and what the client told about its reporter, for staff); the
-- updates they posted, whose update_id (the client's) is taken once per key.
CREATE TABLE open311_key (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  key_prefix TEXT NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX open311_key_community ON open311_key(community_id, id);
CREATE TABLE open311_request (
  report_id INTEGER PRIMARY KEY REFERENCES report(id),
  key_id INTEGER NOT NULL REFERENCES open311_key(id),
  community_id INTEGER NOT NULL,
  token TEXT NOT NULL UNIQUE,
  address_string TEXT NOT NULL,
  media_url TEXT NOT NULL,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  phone TEXT NOT NULL,
  account_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX open311_request_key ON open311_request(key_id, created_at);
CREATE TABLE open311_update (
  id INTEGER PRIMARY KEY,
  key_id INTEGER NOT NULL REFERENCES open311_key(id),
  update_id TEXT NOT NULL,
  report_id INTEGER NOT NULL REFERENCES report(id),
  event_id INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (key_id, update_id)
);
CREATE INDEX open311_update_key ON open311_update(key_id, created_at);
