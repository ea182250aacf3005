-- A resident's next meetings (her home page) are found by her community and time.
CREATE INDEX meeting_community ON meeting(community_id, start_at);
