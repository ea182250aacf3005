-- Problem reports (随手拍, mod/report/report.h): a category, a place (and
-- a facility or a point), a description and photos; a state typed open,
-- fixed or closed; who is responsible at which level, the two limits and
-- whether it is past them (response_due and resolution_due are the
-- limits it was filed under, for the three rates; next_due is when the
-- current level's time runs out); every change an event.
CREATE TABLE report (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  facility_id INTEGER REFERENCES facility(id),
  lat_e6 INTEGER,
  lon_e6 INTEGER,
  category TEXT NOT NULL,
  description TEXT NOT NULL,
  reporter_id INTEGER NOT NULL REFERENCES person(id),
  anonymous INTEGER NOT NULL,
  state TEXT NOT NULL,
  state_type TEXT NOT NULL,
  level TEXT NOT NULL,
  responsible_id INTEGER REFERENCES person(id),
  responsible_place_id INTEGER NOT NULL REFERENCES place(id),
  response_due INTEGER NOT NULL,
  resolution_due INTEGER NOT NULL,
  next_due INTEGER NOT NULL,
  responded_at INTEGER,
  fixed_at INTEGER,
  closed_at INTEGER,
  overdue INTEGER NOT NULL,
  escalations INTEGER NOT NULL,
  fixes INTEGER NOT NULL,
  duplicate_of INTEGER REFERENCES report(id),
  useful_txn_id INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX report_community ON report(community_id, id);
CREATE INDEX report_open ON report(community_id, state_type, category, place_id);
CREATE INDEX report_facility ON report(facility_id, state_type);
CREATE INDEX report_responsible ON report(responsible_id, state_type);
CREATE TABLE report_photo (
  report_id INTEGER NOT NULL REFERENCES report(id),
  photo_id INTEGER NOT NULL REFERENCES photo(id),
  community_id INTEGER NOT NULL,
  added_by INTEGER NOT NULL REFERENCES person(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (report_id, position)
);
-- Append-only: what happened, who did it (NULL: the system, on its clock) and why.
CREATE TABLE report_event (
  id INTEGER PRIMARY KEY,
  report_id INTEGER NOT NULL REFERENCES report(id),
  community_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  level TEXT,
  person_id INTEGER REFERENCES person(id),
  actor_id INTEGER REFERENCES person(id),
  note TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX report_event_report ON report_event(report_id, id);
CREATE TABLE report_follow (
  report_id INTEGER NOT NULL REFERENCES report(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  community_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (report_id, person_id)
);
CREATE INDEX report_follow_person ON report_follow(person_id);
-- After a fix: was it fixed? One answer per person per fix (fix_no: the
-- report's fixes counted).
CREATE TABLE report_check (
  report_id INTEGER NOT NULL REFERENCES report(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  fix_no INTEGER NOT NULL,
  community_id INTEGER NOT NULL,
  answer TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (report_id, person_id, fix_no)
);
-- Satisfaction: one rating per household (voter: h<household id>, or
-- p<person id> for one with none), 1 (very dissatisfied) to 5 (satisfied).
CREATE TABLE report_rating (
  report_id INTEGER NOT NULL REFERENCES report(id),
  voter TEXT NOT NULL,
  community_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  score INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (report_id, voter)
);
-- The working-day calendar of a street: holidays and make-up workdays.
CREATE TABLE report_calendar (
  street_id INTEGER NOT NULL REFERENCES place(id),
  day INTEGER NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (street_id, day)
);
