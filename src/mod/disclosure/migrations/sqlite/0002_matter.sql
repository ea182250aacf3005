-- A major item drafted by itself when a matter's decision stands (its
-- notice over, it moves to co-building): at most one per matter.
ALTER TABLE disclosure_item ADD COLUMN matter_id INTEGER REFERENCES matter(id);
CREATE UNIQUE INDEX disclosure_item_matter ON disclosure_item(matter_id) WHERE matter_id IS NOT NULL;
