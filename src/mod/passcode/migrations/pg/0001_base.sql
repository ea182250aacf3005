-- Sign-in codes (mod/passcode); see the SQLite twin.
CREATE TABLE passcode (
  person_id BIGINT PRIMARY KEY REFERENCES person(id),
  community_id BIGINT NOT NULL REFERENCES place(id),
  code_hash TEXT NOT NULL,
  issued_by BIGINT NOT NULL REFERENCES person(id),
  issued_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0
);
