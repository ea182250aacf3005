-- Photos are decoded and re-encoded on upload (mod/photo/photo_image.c):
-- a JPEG of at most 1,600 px without metadata, and a thumbnail. The
-- upload's own type and size are kept for the record. Photos stored as
-- uploaded before this (with their EXIF, GPS included) are pending until
-- the job photo.reprocess has re-encoded them; a pending photo is not served.
ALTER TABLE photo ADD COLUMN thumb BYTEA;
ALTER TABLE photo ADD COLUMN width BIGINT NOT NULL DEFAULT 0;
ALTER TABLE photo ADD COLUMN height BIGINT NOT NULL DEFAULT 0;
ALTER TABLE photo ADD COLUMN thumb_width BIGINT NOT NULL DEFAULT 0;
ALTER TABLE photo ADD COLUMN thumb_height BIGINT NOT NULL DEFAULT 0;
ALTER TABLE photo ADD COLUMN orig_mime TEXT;
ALTER TABLE photo ADD COLUMN orig_size BIGINT;
ALTER TABLE photo ADD COLUMN state TEXT NOT NULL DEFAULT 'ready'
  CHECK (state IN ('pending', 'ready', 'unreadable'));
UPDATE photo SET state = 'pending', orig_mime = mime, orig_size = size;
INSERT INTO job(kind, key, ref_id, due_at, status, attempts, created_at)
  SELECT 'photo.reprocess', 'photo.reprocess:' || id, id, 0, 'pending', 0, created_at FROM photo;
