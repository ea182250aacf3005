-- The edge's sessions: the cookie's token is kept only as its hash.

CREATE TABLE session (
  token_hash    BLOB PRIMARY KEY,         -- BLAKE2b-256 of the cookie's token
  person_id     INTEGER NOT NULL REFERENCES person(id),
  is_staff      INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,         -- absolute limit
  community_id  INTEGER REFERENCES place(id) -- the person's (a distributed store keeps it with them)
);
CREATE INDEX session_person ON session(person_id);
CREATE INDEX session_community ON session(community_id);
