-- The seal: an account's postings up to sealed_posting_id sum to
-- sealed_sum, recounted from the postings by the job points.seal (a day at
-- most after the last change). The statement derives the balance as the
-- seal plus the postings after it, so it reads the day's postings, not all
-- of them; the ledger check recounts the seal too.
ALTER TABLE points_account ADD COLUMN sealed_posting_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE points_account ADD COLUMN sealed_sum INTEGER NOT NULL DEFAULT 0;
DROP INDEX points_posting_account;
CREATE INDEX points_posting_account ON points_posting(account_id, id, amount);
