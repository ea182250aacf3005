-- Councils (议事会) at building, grid or community level: a recurring series
-- of meetings with an agenda, sign-in, proxies, minutes and outcomes, and a
-- per-person key for the iCalendar feed. See src/domain/council.h.
CREATE TABLE council (
  id             INTEGER PRIMARY KEY,
  place_id       INTEGER NOT NULL REFERENCES place(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('monthly','quarterly','yearly','custom')),
  unit           TEXT NOT NULL CHECK (unit IN ('week','month')),
  every_n        INTEGER NOT NULL CHECK (every_n BETWEEN 1 AND 12),
  day_of_month   INTEGER NOT NULL,         -- month unit: 1..28; week unit: 0
  starts_on      INTEGER NOT NULL,         -- local midnight (UTC+8) of the first day the series may meet
  time_min       INTEGER NOT NULL,         -- local minutes after midnight
  duration_min   INTEGER NOT NULL,
  location       TEXT NOT NULL,
  notice_days    INTEGER NOT NULL,
  facilitator_id INTEGER REFERENCES person(id),
  next_k         INTEGER NOT NULL DEFAULT 0, -- the next occurrence to materialise
  created_by     INTEGER NOT NULL REFERENCES person(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX council_place ON council(place_id, id);
CREATE INDEX council_community ON council(community_id, id);

CREATE TABLE meeting (
  id             INTEGER PRIMARY KEY,
  council_id     INTEGER NOT NULL REFERENCES council(id),
  place_id       INTEGER NOT NULL REFERENCES place(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  occurrence     INTEGER,                  -- k of the series, NULL for an ad hoc meeting
  start_at       INTEGER NOT NULL,
  end_at         INTEGER NOT NULL,
  location       TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('scheduled','cancelled','held')),
  sequence       INTEGER NOT NULL DEFAULT 0, -- iCalendar SEQUENCE: bumps on every change
  signin_code    TEXT NOT NULL,
  minutes_md     TEXT NOT NULL DEFAULT '',
  held_at        INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (council_id, occurrence)
);
CREATE INDEX meeting_council ON meeting(council_id, start_at);
CREATE INDEX meeting_place ON meeting(place_id, start_at);

CREATE TABLE agenda_item (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  position       INTEGER NOT NULL,
  matter_id      INTEGER REFERENCES matter(id),
  title          TEXT NOT NULL,
  outcome        TEXT CHECK (outcome IS NULL OR outcome IN ('decided','not_decided','deferred')),
  outcome_text   TEXT,
  carried_from   INTEGER REFERENCES agenda_item(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX agenda_meeting ON agenda_item(meeting_id, position);

CREATE TABLE meeting_attendance (
  meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
  person_id      INTEGER NOT NULL REFERENCES person(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  how            TEXT NOT NULL CHECK (how IN ('self','facilitator')),
  recorded_by    INTEGER NOT NULL REFERENCES person(id),
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE meeting_proxy (
  meeting_id     INTEGER NOT NULL REFERENCES meeting(id),
  principal_id   INTEGER NOT NULL REFERENCES person(id),
  holder_id      INTEGER NOT NULL REFERENCES person(id),
  community_id   INTEGER NOT NULL REFERENCES place(id),
  recorded_by    INTEGER NOT NULL REFERENCES person(id),
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, principal_id)
);
CREATE INDEX proxy_holder ON meeting_proxy(meeting_id, holder_id);

CREATE TABLE meeting_feed_key (
  person_id      INTEGER PRIMARY KEY REFERENCES person(id),
  key_hash       BLOB NOT NULL UNIQUE,     -- BLAKE2b-256 of the key in the feed's URL
  community_id   INTEGER REFERENCES place(id),
  created_at     INTEGER NOT NULL
);
