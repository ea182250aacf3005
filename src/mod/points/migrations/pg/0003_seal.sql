-- The seal; see the SQLite twin.
ALTER TABLE points_account ADD COLUMN sealed_txn_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE points_account ADD COLUMN sealed_sum BIGINT NOT NULL DEFAULT 0;
DROP INDEX points_posting_account;
CREATE INDEX points_posting_account ON points_posting(account_id, txn_id, amount);
CREATE INDEX points_txn_community ON points_txn(community_id, id);
