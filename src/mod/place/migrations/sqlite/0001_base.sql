-- Organisations attached to places: party units, owners' committees, property companies.

CREATE TABLE org_unit (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('party_branch','party_group','party_household','owners_committee','property_company')),
  name           TEXT NOT NULL,
  place_id       INTEGER NOT NULL REFERENCES place(id),
  community_id   INTEGER REFERENCES place(id),
  parent_id      INTEGER REFERENCES org_unit(id),
  responsible_id INTEGER REFERENCES person(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX org_place ON org_unit(place_id, kind);
