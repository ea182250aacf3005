-- The end of a public notice is now a job that tells the followers
-- ("notice_ended"): every matter in its notice period gets its job.
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'matter.notice_end', 'matter.notice_end:' || m.id, m.id, m.notice_until, 'pending', 0, m.created_at
  FROM matter m WHERE m.stage = 'notice' AND m.notice_until IS NOT NULL;
