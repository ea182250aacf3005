-- The seal: an account's postings of the transactions up to sealed_txn_id
-- (of its community) sum to sealed_sum, recounted from the postings by the
-- job points.seal (a day at most after the last change). The statement
-- derives the balance as the seal plus the postings after it, so it reads
-- the day's postings, not all of them; the ledger check recounts the seal
-- too. The job finds the community's last transaction old enough through
-- points_txn_community, walking back from the newest.
ALTER TABLE points_account ADD COLUMN sealed_txn_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE points_account ADD COLUMN sealed_sum INTEGER NOT NULL DEFAULT 0;
DROP INDEX points_posting_account;
CREATE INDEX points_posting_account ON points_posting(account_id, txn_id, amount);
CREATE INDEX points_txn_community ON points_txn(community_id, id);
