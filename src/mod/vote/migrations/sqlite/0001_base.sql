-- Votes (表决): online within a window, or recorded at a meeting. The rule
-- is stored in full with the vote; the electorate is snapshotted when the
-- vote is published (vote_elector), so who may vote and the figures that
-- the result is measured against never move while it runs.
CREATE TABLE vote (
  id               INTEGER PRIMARY KEY,
  community_id     INTEGER NOT NULL REFERENCES place(id),
  place_id         INTEGER NOT NULL REFERENCES place(id),
  matter_id        INTEGER REFERENCES matter(id),
  meeting_id       INTEGER,            -- joined with the meetings tables later (no foreign key yet)
  agenda_item_id   INTEGER,
  title            TEXT NOT NULL,
  method           TEXT NOT NULL CHECK (method IN ('yes_no_abstain','single_choice','approval','ranked')),
  secret           INTEGER NOT NULL CHECK (secret IN (0, 1)),
  mode             TEXT NOT NULL CHECK (mode IN ('online','meeting')),
  allow_change     INTEGER NOT NULL CHECK (allow_change IN (0, 1)),
  opens_at         INTEGER,
  closes_at        INTEGER,
  status           TEXT NOT NULL CHECK (status IN ('open','closed','cancelled')),
  rule_code        TEXT NOT NULL,      -- a preset's code, or 'custom'
  voters           TEXT NOT NULL,
  q_basis          TEXT NOT NULL,
  q_num            INTEGER NOT NULL,
  q_den            INTEGER NOT NULL,
  q_strict         TEXT NOT NULL,
  aq_basis         TEXT NOT NULL,
  aq_num           INTEGER NOT NULL,
  aq_den           INTEGER NOT NULL,
  aq_strict        TEXT NOT NULL,
  ap_basis         TEXT NOT NULL,
  ap_num           INTEGER NOT NULL,
  ap_den           INTEGER NOT NULL,
  ap_strict        TEXT NOT NULL,
  ap_base          TEXT NOT NULL,
  elect_heads      INTEGER NOT NULL DEFAULT 0,
  elect_area       INTEGER NOT NULL DEFAULT 0,
  elect_households INTEGER NOT NULL DEFAULT 0,
  created_by       INTEGER NOT NULL REFERENCES person(id),
  created_at       INTEGER NOT NULL,
  closed_by        INTEGER REFERENCES person(id),
  closed_at        INTEGER,
  passed           INTEGER,
  export_json      TEXT,               -- the published wugong-tally/1 document, fixed at close
  result_json      TEXT                -- wugong-tally-result/1 of export_json
);
CREATE INDEX vote_community ON vote(community_id, id);
CREATE INDEX vote_matter ON vote(matter_id);

CREATE TABLE vote_option (
  vote_id       INTEGER NOT NULL REFERENCES vote(id),
  idx           INTEGER NOT NULL,
  community_id  INTEGER NOT NULL REFERENCES place(id),
  label         TEXT NOT NULL,
  PRIMARY KEY (vote_id, idx)
);

-- The electorate as it was when the vote was published. unit_id is the
-- household a ballot stands for under one-per-household and owners' rules
-- (one ballot per household), NULL when each person votes for themselves.
CREATE TABLE vote_elector (
  vote_id       INTEGER NOT NULL REFERENCES vote(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  household_id  INTEGER,
  unit_id       INTEGER,
  area_dm2      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, person_id)
);

-- That a person voted (never how): one per person, and one per household
-- where the rule counts households.
CREATE TABLE vote_participation (
  vote_id       INTEGER NOT NULL REFERENCES vote(id),
  person_id     INTEGER NOT NULL REFERENCES person(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  unit_id       INTEGER,
  changes       INTEGER NOT NULL DEFAULT 0,
  recorded_by   INTEGER REFERENCES person(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (vote_id, person_id)
);
CREATE UNIQUE INDEX vote_participation_unit ON vote_participation(vote_id, unit_id);

-- Ballots. Secret ballots carry no voter, no time and no insertion order
-- (the key is a random receipt; WITHOUT ROWID keeps no hidden rowid).
CREATE TABLE vote_ballot (
  vote_id       INTEGER NOT NULL REFERENCES vote(id),
  receipt       TEXT NOT NULL,
  community_id  INTEGER NOT NULL REFERENCES place(id),
  person_id     INTEGER REFERENCES person(id),   -- open votes only
  choice        TEXT NOT NULL,                    -- option indexes "2,0,1"; '' abstains
  area_dm2      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (vote_id, receipt)
) WITHOUT ROWID;
CREATE UNIQUE INDEX vote_ballot_person ON vote_ballot(vote_id, person_id);

-- A show of hands at a meeting: counts entered by one staff member take
-- effect only when a second one confirms them.
CREATE TABLE vote_hands (
  vote_id       INTEGER PRIMARY KEY REFERENCES vote(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  counts_json   TEXT NOT NULL,
  entered_by    INTEGER NOT NULL REFERENCES person(id),
  entered_at    INTEGER NOT NULL,
  confirmed_by  INTEGER REFERENCES person(id),
  confirmed_at  INTEGER
);
