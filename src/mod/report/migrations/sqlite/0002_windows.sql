-- Windows of time over a community's reports and their events (Open311's
-- requests and service request updates, mod/open311).
CREATE INDEX report_received ON report(community_id, created_at);
CREATE INDEX report_event_at ON report_event(community_id, at);
