-- Staff's queue of objections to answer (their home page) counts the
-- community's unanswered ones.
CREATE INDEX objection_waiting ON objection(community_id, answered_at);
