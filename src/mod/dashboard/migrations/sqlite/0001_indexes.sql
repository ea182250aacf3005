-- The dashboards (mod/dashboard) own no table: they read the records of
-- earlier modules by community and time (a year of a street's opinions,
-- supports, ratings, service, survey answers and points), so each is
-- indexed that way; without them a community's figures read the whole
-- district's residents first.
CREATE INDEX dashboard_opinion ON opinion(community_id, created_at);
CREATE INDEX dashboard_opinion_support ON opinion_support(community_id, created_at);
CREATE INDEX dashboard_matter_support ON matter_support(community_id, created_at);
CREATE INDEX dashboard_report_rating ON report_rating(community_id, at);
CREATE INDEX dashboard_volunteer_signup ON volunteer_signup(community_id, confirmed_at);
CREATE INDEX dashboard_satisfaction_response ON satisfaction_response(community_id, at);
CREATE INDEX dashboard_points_txn ON points_txn(community_id, created_at);
