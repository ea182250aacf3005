-- In-app notifications: one row per person and event, read or not, and each
-- person's choice of the kinds they receive (a row only for a kind turned off).
CREATE TABLE notification (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER REFERENCES place(id),
  kind          TEXT NOT NULL,
  matter_id     INTEGER REFERENCES matter(id),
  detail        TEXT,
  created_at    INTEGER NOT NULL,
  read_at       INTEGER
);
CREATE INDEX notification_person ON notification(person_id, id);
CREATE INDEX notification_unread ON notification(person_id, read_at);

CREATE TABLE notification_pref (
  person_id     INTEGER NOT NULL REFERENCES person(id),
  kind          TEXT NOT NULL,
  enabled       INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  PRIMARY KEY (person_id, kind)
);
