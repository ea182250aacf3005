-- The households' ratings of reports moved to mod/satisfaction's
-- satisfaction_answer (mod/report's 0003): indexed the same way as the
-- other records the participation rate reads.
CREATE INDEX dashboard_satisfaction_answer ON satisfaction_answer(community_id, at);
