-- The statement sums an account's postings on every read: the amounts in
-- the index let it read the index alone.
DROP INDEX points_posting_account;
CREATE INDEX points_posting_account ON points_posting(account_id, amount);
