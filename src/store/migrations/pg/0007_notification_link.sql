-- Notifications about things other than a matter (a meeting, a vote, an
-- opinion call) carry their own link and its text.
ALTER TABLE notification ADD COLUMN url TEXT;
ALTER TABLE notification ADD COLUMN title TEXT;
