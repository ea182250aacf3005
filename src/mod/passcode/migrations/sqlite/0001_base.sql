-- Sign-in codes (mod/passcode): one live code per person, kept as an
-- argon2id hash, with its expiry and the wrong tries it has taken.
CREATE TABLE passcode (
  person_id INTEGER PRIMARY KEY REFERENCES person(id),
  community_id INTEGER NOT NULL REFERENCES place(id),
  code_hash TEXT NOT NULL,
  issued_by INTEGER NOT NULL REFERENCES person(id),
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  tries INTEGER NOT NULL DEFAULT 0
);
