-- Patrols (巡查, mod/patrol/patrol.h): a route of checkpoints, each with a
-- QR code; rounds walked by a patroller within a window; a check-in per
-- checkpoint, and the report a finding there became; missed checkpoints
-- counted when a round closes.
CREATE TABLE patrol_route (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  name TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX patrol_route_community ON patrol_route(community_id, id);
CREATE TABLE patrol_point (
  id INTEGER PRIMARY KEY,
  route_id INTEGER NOT NULL REFERENCES patrol_route(id),
  community_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  facility_id INTEGER REFERENCES facility(id),
  token TEXT NOT NULL
);
CREATE INDEX patrol_point_route ON patrol_point(route_id, position);
CREATE TABLE patrol_round (
  id INTEGER PRIMARY KEY,
  route_id INTEGER NOT NULL REFERENCES patrol_route(id),
  community_id INTEGER NOT NULL,
  patroller_id INTEGER NOT NULL REFERENCES person(id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  closed INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX patrol_round_route ON patrol_round(route_id, starts_at);
CREATE INDEX patrol_round_patroller ON patrol_round(patroller_id, starts_at);
CREATE TABLE patrol_checkin (
  round_id INTEGER NOT NULL REFERENCES patrol_round(id),
  point_id INTEGER NOT NULL REFERENCES patrol_point(id),
  community_id INTEGER NOT NULL,
  at INTEGER NOT NULL,
  report_id INTEGER REFERENCES report(id),
  PRIMARY KEY (round_id, point_id)
);
