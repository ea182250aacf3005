-- Calls for opinions (意见征集): calls, opinions, their photos and supports.

CREATE TABLE opinion_call (
  id            INTEGER PRIMARY KEY,
  place_id      INTEGER NOT NULL REFERENCES place(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  title         TEXT NOT NULL,
  body          TEXT NOT NULL,
  deadline      INTEGER NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  closed_by     INTEGER REFERENCES person(id),
  closed_at     INTEGER,
  created_at    INTEGER NOT NULL
);
CREATE INDEX opinion_call_community ON opinion_call(community_id, id);

CREATE TABLE opinion (
  id            INTEGER PRIMARY KEY,
  call_id       INTEGER NOT NULL REFERENCES opinion_call(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  author_id     INTEGER NOT NULL REFERENCES person(id),
  body          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('open', 'merged', 'adopted')),
  merged_into   INTEGER REFERENCES opinion(id),
  matter_id     INTEGER REFERENCES matter(id),
  created_at    INTEGER NOT NULL
);
CREATE INDEX opinion_call_idx ON opinion(call_id, id);
CREATE INDEX opinion_author ON opinion(author_id, created_at);

CREATE TABLE opinion_photo (
  opinion_id    INTEGER NOT NULL REFERENCES opinion(id),
  photo_id      INTEGER NOT NULL REFERENCES photo(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  position      INTEGER NOT NULL,
  PRIMARY KEY (opinion_id, photo_id)
);

CREATE TABLE opinion_support (
  opinion_id    INTEGER NOT NULL REFERENCES opinion(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (opinion_id, person_id)
);
CREATE INDEX opinion_matter ON opinion(matter_id, id);
