-- The votes waiting for a person (her home page) are found by her.
CREATE INDEX vote_elector_person ON vote_elector(person_id, vote_id);
