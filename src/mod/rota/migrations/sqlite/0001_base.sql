-- Duty rotas (mod/rota/rota.h): who does what, where and when; swaps agreed
-- by both people; a duty not marked done by its end is flagged missed.
CREATE TABLE rota (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES place(id),
  place_id INTEGER NOT NULL REFERENCES place(id),
  facility_id INTEGER REFERENCES facility(id),
  title TEXT NOT NULL,
  task TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES person(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX rota_community ON rota(community_id, id);
CREATE TABLE rota_duty (
  id INTEGER PRIMARY KEY,
  rota_id INTEGER NOT NULL REFERENCES rota(id),
  community_id INTEGER NOT NULL,
  person_id INTEGER NOT NULL REFERENCES person(id),
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  done_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX rota_duty_rota ON rota_duty(rota_id, starts_at);
CREATE INDEX rota_duty_person ON rota_duty(person_id, starts_at);
CREATE TABLE rota_swap (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL,
  duty_id INTEGER NOT NULL REFERENCES rota_duty(id),
  other_duty_id INTEGER NOT NULL REFERENCES rota_duty(id),
  requester_id INTEGER NOT NULL REFERENCES person(id),
  responder_id INTEGER NOT NULL REFERENCES person(id),
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  decided_at INTEGER
);
CREATE INDEX rota_swap_responder ON rota_swap(responder_id, status);
