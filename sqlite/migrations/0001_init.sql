-- 0001_init: the first schema of the factcheck store.
--
-- Released migrations are never edited: change the schema with a new file.
-- Times are UTC RFC 3339 text with a fixed nine-digit fraction, so that
-- text order is time order; NULL means unknown.

CREATE TABLE runs (
	id          TEXT PRIMARY KEY,
	status      TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted', 'failed')),
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	-- owner is "host:pid" of the process that began (or resumed) the run,
	-- so that InterruptStaleRuns leaves live runs alone.
	owner       TEXT NOT NULL DEFAULT '',
	config      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
	summary     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
);
CREATE INDEX runs_started_at ON runs (started_at);

-- documents are keyed by the SHA-256 of their text: a changed article is a
-- new document. source is the path or URL the text was first read from;
-- each run's own source is in run_documents.
CREATE TABLE documents (
	id         TEXT PRIMARY KEY,
	source     TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL DEFAULT '',
	lang       TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	date       TEXT,
	first_seen TEXT NOT NULL
);

CREATE TABLE run_documents (
	run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	source TEXT NOT NULL,
	doc_id TEXT REFERENCES documents (id),
	status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'extracted', 'verified', 'failed')),
	error  TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, source)
);
CREATE INDEX run_documents_doc_id ON run_documents (doc_id);

-- span_start and span_end are byte offsets into documents.text
-- (START and END are SQL keywords).
CREATE TABLE claims (
	id         TEXT PRIMARY KEY,
	doc_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	span       TEXT NOT NULL,
	span_start INTEGER NOT NULL,
	span_end   INTEGER NOT NULL,
	value      TEXT NOT NULL DEFAULT '',
	unit       TEXT NOT NULL DEFAULT '',
	qualifier  TEXT NOT NULL DEFAULT '',
	sentence   TEXT NOT NULL DEFAULT '',
	terms      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(terms)),
	relative   INTEGER NOT NULL DEFAULT 0 CHECK (relative IN (0, 1))
);
CREATE INDEX claims_doc_id ON claims (doc_id, span_start);

CREATE TABLE pages (
	url           TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	lang          TEXT NOT NULL DEFAULT '',
	content_type  TEXT NOT NULL DEFAULT '',
	body          BLOB,
	body_hash     TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	fetched_at    TEXT,
	as_of         TEXT,
	status        INTEGER NOT NULL DEFAULT 0,
	error         TEXT NOT NULL DEFAULT ''
);

-- seq is the stable integer rowid the FTS5 index refers to: an implicit
-- rowid may change on VACUUM, which would silently desynchronise the index.
CREATE TABLE passages (
	seq      INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	page_url TEXT NOT NULL REFERENCES pages (url) ON DELETE CASCADE,
	ordinal  INTEGER NOT NULL,
	context  TEXT NOT NULL DEFAULT '',
	text     TEXT NOT NULL,
	lang     TEXT NOT NULL DEFAULT '',
	as_of    TEXT,
	-- norm is textnorm.IndexText(context || ' ' || text): folded, stemmed
	-- terms, the only column indexed for search.
	norm     TEXT NOT NULL
);
CREATE INDEX passages_page_url ON passages (page_url, ordinal);

CREATE VIRTUAL TABLE passages_fts USING fts5 (
	norm,
	content = 'passages',
	content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER passages_fts_insert AFTER INSERT ON passages BEGIN
	INSERT INTO passages_fts (rowid, norm) VALUES (new.seq, new.norm);
END;

CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
	INSERT INTO passages_fts (passages_fts, rowid, norm) VALUES ('delete', old.seq, old.norm);
END;

CREATE TRIGGER passages_fts_update AFTER UPDATE ON passages BEGIN
	INSERT INTO passages_fts (passages_fts, rowid, norm) VALUES ('delete', old.seq, old.norm);
	INSERT INTO passages_fts (rowid, norm) VALUES (new.seq, new.norm);
END;

CREATE TABLE results (
	run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
	claim_id    TEXT NOT NULL REFERENCES claims (id),
	verdict     TEXT NOT NULL CHECK (verdict IN ('supported', 'refuted', 'disputed', 'unverified')),
	confidence  REAL NOT NULL DEFAULT 0,
	flagged     INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
	correction  TEXT NOT NULL DEFAULT '',
	llm         TEXT CHECK (llm IS NULL OR json_valid(llm)),
	computed_at TEXT NOT NULL,
	PRIMARY KEY (run_id, claim_id)
);
CREATE INDEX results_claim_id ON results (claim_id);

-- evidence copies what a report shows (source, quote, value, as_of) and
-- has no foreign key to passages: a refetched page replaces its passages,
-- and earlier runs' evidence must stay readable.
CREATE TABLE evidence (
	run_id     TEXT NOT NULL,
	claim_id   TEXT NOT NULL,
	passage_id TEXT NOT NULL,
	ordinal    INTEGER NOT NULL,
	source     TEXT NOT NULL DEFAULT '',
	quote      TEXT NOT NULL DEFAULT '',
	stance     TEXT NOT NULL CHECK (stance IN ('supports', 'refutes', 'neutral')),
	value      TEXT NOT NULL DEFAULT '',
	as_of      TEXT,
	score      REAL NOT NULL DEFAULT 0,
	reason     TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (run_id, claim_id, passage_id),
	FOREIGN KEY (run_id, claim_id) REFERENCES results (run_id, claim_id) ON DELETE CASCADE
);

-- reviews are editors' decisions: append-only, and deliberately without a
-- foreign key to claims, so that a decision outlives the claim (an edited
-- article gives new claim ids; pruning drops unreferenced documents).
CREATE TABLE reviews (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	claim_id    TEXT NOT NULL,
	decision    TEXT NOT NULL CHECK (decision <> ''),
	note        TEXT NOT NULL DEFAULT '',
	reviewer    TEXT NOT NULL DEFAULT '',
	reviewed_at TEXT NOT NULL
);
CREATE INDEX reviews_claim_id ON reviews (claim_id, id);

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN
	SELECT RAISE(ABORT, 'reviews are append-only');
END;

CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN
	SELECT RAISE(ABORT, 'reviews are append-only');
END;

-- INSERT OR REPLACE deletes the old row without firing delete triggers.
CREATE TRIGGER reviews_no_replace BEFORE INSERT ON reviews
WHEN EXISTS (SELECT 1 FROM reviews WHERE id = new.id) BEGIN
	SELECT RAISE(ABORT, 'reviews are append-only');
END;
