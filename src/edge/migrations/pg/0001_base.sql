-- The edge's sessions: the cookie's token is kept only as its hash.

CREATE TABLE session (
  token_hash    BYTEA PRIMARY KEY,         -- BLAKE2b-256 of the cookie's token
  person_id     BIGINT NOT NULL REFERENCES person(id),
  is_staff      BIGINT NOT NULL,
  created_at    BIGINT NOT NULL,
  last_seen     BIGINT NOT NULL,
  expires_at    BIGINT NOT NULL,         -- absolute limit
  community_id  BIGINT REFERENCES place(id) -- the person's (a distributed store keeps it with them)
);
CREATE INDEX session_person ON session(person_id);
CREATE INDEX session_community ON session(community_id);
