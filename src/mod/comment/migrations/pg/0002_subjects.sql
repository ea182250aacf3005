-- A comment hangs on a subject of any module (kernel/subject.h): its kind
-- and id, instead of one column per kind (matter_id, opinion_id).
ALTER TABLE comment ADD COLUMN subject_kind TEXT;
ALTER TABLE comment ADD COLUMN subject_id BIGINT;
UPDATE comment SET subject_kind = CASE WHEN matter_id IS NOT NULL THEN 'matter' ELSE 'opinion' END,
                   subject_id = COALESCE(matter_id, opinion_id);
ALTER TABLE comment ALTER COLUMN subject_kind SET NOT NULL;
ALTER TABLE comment ALTER COLUMN subject_id SET NOT NULL;
ALTER TABLE comment DROP CONSTRAINT comment_one_target;
DROP INDEX comment_matter;
DROP INDEX comment_opinion;
ALTER TABLE comment DROP COLUMN matter_id;
ALTER TABLE comment DROP COLUMN opinion_id;
CREATE INDEX comment_subject ON comment(subject_kind, subject_id, id);
