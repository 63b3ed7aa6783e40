-- 0002_llm: calls to a language model, kept for audit and, by model and
-- prompt hash, as a cache of its answers.
--
-- Every request is a row, failed ones included (error is then non-empty):
-- a retried claim has several. The cache answers only from rows without
-- an error. There is no foreign key to runs or claims: the cache outlives
-- pruned runs, and a call made to find statements has no claim.

CREATE TABLE llm_calls (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	run_id            TEXT NOT NULL DEFAULT '',
	claim_id          TEXT NOT NULL DEFAULT '',
	model             TEXT NOT NULL CHECK (model <> ''),
	-- prompt_hash is the hex SHA-256 of request.
	prompt_hash       TEXT NOT NULL CHECK (prompt_hash <> ''),
	request           TEXT NOT NULL DEFAULT '',
	-- response is the model's raw answer (the message content), '' when
	-- the request failed before one arrived.
	response          TEXT NOT NULL DEFAULT '',
	prompt_tokens     INTEGER NOT NULL DEFAULT 0,
	completion_tokens INTEGER NOT NULL DEFAULT 0,
	latency_ms        INTEGER NOT NULL DEFAULT 0,
	error             TEXT NOT NULL DEFAULT '',
	at                TEXT NOT NULL
);
CREATE INDEX llm_calls_model_prompt_hash ON llm_calls (model, prompt_hash);
CREATE INDEX llm_calls_run_id ON llm_calls (run_id);
