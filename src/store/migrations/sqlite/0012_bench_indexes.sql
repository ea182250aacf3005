-- Indexes the benchmark dataset (make bench: 1,000,000 residents) showed
-- missing: a vote's electorate snapshot read every household member of the
-- district (it now reads its community's only).
CREATE INDEX member_community ON household_member(community_id, household_id);
