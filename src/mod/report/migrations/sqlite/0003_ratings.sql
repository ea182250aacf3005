-- The households' ratings go through mod/satisfaction (its one rule for a
-- household's answer, table satisfaction_answer, subject 'report'): the
-- stored ones move there, with their voter ('h<household>' or
-- 'p<person>'), person, score and time. report_rating is no longer
-- written nor read; it stays, empty, because on a new database the
-- dashboard's first migration (after this one) indexes it.
INSERT INTO satisfaction_answer(subject, subject_id, voter, community_id, person_id, score, at)
  SELECT 'report', report_id, voter, community_id, person_id, score, at FROM report_rating;
DELETE FROM report_rating;
