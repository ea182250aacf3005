-- Electors, exactly (民法典 art. 278; the interpretation on building
-- division ownership, arts. 8-9; algo/owners.h): under an owners' rule an
-- elector is a group of units joined by common owners (a buyer of several
-- units is one head with the area of all of them; co-owners of a unit are
-- one head), and the developer's unsold or undelivered units are one head
-- together. vote_group holds each elector of a vote once, whether or not
-- anyone is registered to cast its ballot; vote_elector.unit_id names the
-- group a person votes for, and units how many units that group holds.
ALTER TABLE vote_elector ADD COLUMN units INTEGER NOT NULL DEFAULT 1;
CREATE TABLE vote_group (
  vote_id       INTEGER NOT NULL REFERENCES vote(id),
  group_key     INTEGER NOT NULL,         -- unit_id of its electors, or -person_id
  community_id  INTEGER NOT NULL REFERENCES place(id),
  area_dm2      INTEGER NOT NULL DEFAULT 0,
  units         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (vote_id, group_key)
);
INSERT INTO vote_group(vote_id, group_key, community_id, area_dm2, units)
  SELECT vote_id, CASE WHEN unit_id IS NULL THEN -person_id ELSE unit_id END, min(community_id), max(area_dm2), 1
  FROM vote_elector GROUP BY vote_id, CASE WHEN unit_id IS NULL THEN -person_id ELSE unit_id END;
