-- Photos of a meeting (the red-bench council is photographed): those who
-- run the meeting upload up to 9 (MEETING_PHOTOS_MAX, src/domain/meeting_photo.h);
-- the bytes live in photo (0010), scoped to the community.
CREATE TABLE meeting_photo (
  meeting_id    INTEGER NOT NULL REFERENCES meeting(id),
  photo_id      INTEGER NOT NULL REFERENCES photo(id),
  community_id  INTEGER NOT NULL REFERENCES place(id),
  position      INTEGER NOT NULL,
  uploader_id   INTEGER NOT NULL REFERENCES person(id),
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, photo_id)
);
CREATE INDEX meeting_photo_pos ON meeting_photo(meeting_id, position);
