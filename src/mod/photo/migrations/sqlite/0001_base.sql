-- Photos residents attach to what they post, kept with their community.

CREATE TABLE photo (
  id            INTEGER PRIMARY KEY,
  community_id  INTEGER NOT NULL REFERENCES place(id),
  uploader_id   INTEGER NOT NULL REFERENCES person(id),
  mime          TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  size          INTEGER NOT NULL,
  data          BLOB NOT NULL,
  hash          TEXT NOT NULL,
  created_at    INTEGER NOT NULL
);
