-- Indexes the benchmark dataset (make bench: 1,000,000 residents, 500,000
-- opinions) showed missing:
-- - a vote's electorate snapshot read every household member of the
--   district; it now reads its community's only;
-- - every matter page looked for the opinion adopted into the matter by
--   reading every opinion.
CREATE INDEX member_community ON household_member(community_id, household_id);
CREATE INDEX opinion_matter ON opinion(matter_id, id);
