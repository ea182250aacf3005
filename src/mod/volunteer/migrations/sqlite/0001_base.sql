-- Volunteer shifts and records (mod/volunteer/volunteer.h). A shift is at a
-- place, in a time window, with a capacity; checkin_token is the secret of
-- its QR code; window_min is the check-in window that applied (setting
-- volunteer_window_min when the shift was made).
CREATE TABLE volunteer_shift (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  project_id INTEGER REFERENCES project(id),
  title TEXT NOT NULL,
  skill TEXT NOT NULL,
  location TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  window_min INTEGER NOT NULL,
  checkin_token TEXT NOT NULL,
  organiser_id INTEGER NOT NULL REFERENCES person(id),
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX volunteer_shift_community ON volunteer_shift(community_id, starts_at);
-- One sign-up per person and shift: confirmed (holds a place), waiting (in
-- line by id) or cancelled. A staff override records its reason. The
-- record of service (MCA order no. 67): check-in and check-out, the minutes
-- confirmed, who confirmed them, the points it earned.
CREATE TABLE volunteer_signup (
  id INTEGER PRIMARY KEY,
  shift_id INTEGER NOT NULL REFERENCES volunteer_shift(id),
  community_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  status TEXT NOT NULL,
  override_reason TEXT,
  overridden_by INTEGER REFERENCES person(id),
  checkin_at INTEGER,
  checkout_at INTEGER,
  minutes INTEGER,
  confirmed_by INTEGER REFERENCES person(id),
  confirmed_at INTEGER,
  points_txn_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (shift_id, person_id)
);
CREATE INDEX volunteer_signup_person ON volunteer_signup(person_id, status);
CREATE INDEX volunteer_signup_shift ON volunteer_signup(shift_id, status, id);
-- Corrections of a record (append-only): what changed, why, by whom.
CREATE TABLE volunteer_correction (
  id INTEGER PRIMARY KEY,
  signup_id INTEGER NOT NULL REFERENCES volunteer_signup(id),
  community_id INTEGER NOT NULL,
  old_minutes INTEGER NOT NULL,
  new_minutes INTEGER NOT NULL,
  reason TEXT NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES person(id),
  at INTEGER NOT NULL
);
CREATE INDEX volunteer_correction_signup ON volunteer_correction(signup_id, id);
-- Certificates of service: a number anyone can verify.
CREATE TABLE volunteer_certificate (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  community_id INTEGER NOT NULL REFERENCES place(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  minutes INTEGER NOT NULL,
  services INTEGER NOT NULL,
  issued_by INTEGER NOT NULL REFERENCES person(id),
  issued_at INTEGER NOT NULL
);
CREATE INDEX volunteer_certificate_person ON volunteer_certificate(person_id, id);
