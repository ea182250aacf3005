-- Meetings of a series are topped up by a job when a generated meeting
-- starts (no longer when someone reads the council): the meetings of the
-- series that exist get their job.
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'council.topup', 'council.topup:' || m.id, m.council_id, m.start_at, 'pending', 0, m.created_at
  FROM meeting m WHERE m.occurrence IS NOT NULL AND m.status = 'scheduled';

-- Meeting notices were written ahead, dated at their notice time; they are
-- now sent by a job at that time (moved with the meeting, dropped with it).
-- A notice still ahead becomes a job; the one written ahead goes.
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'meeting.notice', 'meeting.notice:' || m.id, m.id, m.start_at - c.notice_days * 86400, 'pending', 0, m.created_at
  FROM meeting m JOIN council c ON c.id = m.council_id
  WHERE m.status = 'scheduled' AND m.start_at - c.notice_days * 86400 > CAST(extract(epoch FROM now()) AS BIGINT);
DELETE FROM notification WHERE kind = 'meeting_notice' AND created_at > CAST(extract(epoch FROM now()) AS BIGINT);
