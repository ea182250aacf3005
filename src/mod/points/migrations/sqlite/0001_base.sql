-- Points (积分): an append-only double-entry ledger (mod/points/points.h).
-- An account belongs to a community: its issuing account (kind 'issue',
-- owner 0), the shop's ('shop', 0), expired points ('expired', 0), a
-- person's ('person', person id) or a household's ('household', place id).
-- balance is a cache of the sum of its postings, written in the same
-- transaction; `wugong ledger-check` proves the two agree.
CREATE TABLE points_account (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  balance INTEGER NOT NULL DEFAULT 0,
  UNIQUE (community_id, kind, owner_id)
);
-- A transaction: why (rule, reason, source record), who recorded it, and
-- its idempotency key, unique in its community: the same key again is the
-- same transaction. A correction is a new transaction that reverses one.
CREATE TABLE points_txn (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL,
  idem_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  rule TEXT NOT NULL,
  reason TEXT NOT NULL,
  source_kind TEXT,
  source_id INTEGER,
  reverses_id INTEGER REFERENCES points_txn(id),
  holder_account_id INTEGER NOT NULL REFERENCES points_account(id),
  amount INTEGER NOT NULL,
  actor_id INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (community_id, idem_key)
);
CREATE UNIQUE INDEX points_txn_reverses ON points_txn(reverses_id);
CREATE INDEX points_txn_holder ON points_txn(holder_account_id, id);
-- The postings of a transaction sum to zero.
CREATE TABLE points_posting (
  id INTEGER PRIMARY KEY,
  txn_id INTEGER NOT NULL REFERENCES points_txn(id),
  account_id INTEGER NOT NULL REFERENCES points_account(id),
  community_id INTEGER NOT NULL,
  amount INTEGER NOT NULL
);
CREATE INDEX points_posting_txn ON points_posting(txn_id);
CREATE INDEX points_posting_account ON points_posting(account_id);
-- Nothing is edited or deleted.
CREATE TRIGGER points_txn_no_update BEFORE UPDATE ON points_txn BEGIN SELECT RAISE(ABORT, 'points_txn is append-only'); END;
CREATE TRIGGER points_txn_no_delete BEFORE DELETE ON points_txn BEGIN SELECT RAISE(ABORT, 'points_txn is append-only'); END;
CREATE TRIGGER points_posting_no_update BEFORE UPDATE ON points_posting BEGIN SELECT RAISE(ABORT, 'points_posting is append-only'); END;
CREATE TRIGGER points_posting_no_delete BEFORE DELETE ON points_posting BEGIN SELECT RAISE(ABORT, 'points_posting is append-only'); END;
