-- Sessions grow with residents: they carry their community too, so that a
-- deployment distributed by community (Citus) keeps them with their owners.
ALTER TABLE session ADD COLUMN community_id BIGINT REFERENCES place(id);
CREATE INDEX session_community ON session(community_id);
