-- The confirmed services of a community, newest first (GET /api/v1/volunteer/hours and its export).
CREATE INDEX volunteer_signup_community ON volunteer_signup(community_id, status, id);
