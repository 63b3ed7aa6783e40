-- index_version records which textnorm.IndexVersion made passages.norm:
-- when the stemmer changes, Open rebuilds the stored index text, so that
-- pages a run finds unchanged are still found by the new stems. Databases
-- made before this table existed were indexed by version 1.
CREATE TABLE index_version (
	id      INTEGER PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
);
INSERT INTO index_version (id, version) VALUES (1, 1);
