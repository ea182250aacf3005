-- A vote's times were notifications written ahead (opened, closing soon,
-- the result) and a close on the first read after the window. They are now
-- jobs (vote.open, vote.closing, vote.close) that run at their time. For
-- every open online vote: the jobs still ahead, and the close (due now when
-- its window has ended); the notifications written ahead go.
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'vote.open', 'vote.open:' || v.id, v.id, v.opens_at, 'pending', 0, v.created_at
  FROM vote v WHERE v.status = 'open' AND v.mode = 'online' AND v.opens_at > CAST(strftime('%s', 'now') AS INTEGER);
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'vote.closing', 'vote.closing:' || v.id, v.id, v.closes_at - 86400, 'pending', 0, v.created_at
  FROM vote v WHERE v.status = 'open' AND v.mode = 'online' AND v.closes_at - 86400 > CAST(strftime('%s', 'now') AS INTEGER)
  AND v.closes_at - 86400 > v.opens_at;
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'vote.close', 'vote.close:' || v.id, v.id, v.closes_at, 'pending', 0, v.created_at
  FROM vote v WHERE v.status = 'open' AND v.mode = 'online';
DELETE FROM notification WHERE kind IN ('vote_opened', 'vote_closing') AND created_at > CAST(strftime('%s', 'now') AS INTEGER);
DELETE FROM notification WHERE kind = 'vote_result' AND url IN
  (SELECT '/votes/' || v.id FROM vote v WHERE v.status = 'open');
