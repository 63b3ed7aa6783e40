package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsroom/factcheck"
)

// SaveLLMCall records one request to a language model, failed or not. A
// zero At means now. Successful calls (empty Error, non-empty Response)
// answer later LLMCached look-ups for the same model and prompt hash.
func (db *DB) SaveLLMCall(ctx context.Context, c factcheck.LLMCall) error {
	if c.Model == "" || c.PromptHash == "" {
		return fmt.Errorf("save llm call for claim %q: empty model or prompt hash", c.ClaimID)
	}
	at := c.At
	if at.IsZero() {
		at = db.now()
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO llm_calls (run_id, claim_id, model, prompt_hash, request, response,
			prompt_tokens, completion_tokens, latency_ms, error, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.RunID, c.ClaimID, c.Model, c.PromptHash, c.Request, c.Response,
		c.PromptTokens, c.CompletionTokens, c.Latency.Milliseconds(), c.Error, timeArg(at))
	if err != nil {
		return db.wrap(err, "save llm call for claim %q", c.ClaimID)
	}
	return nil
}

// LLMCached returns the raw answer of the latest successful call to model
// with the prompt hash promptHash; ok is false when there is none.
func (db *DB) LLMCached(ctx context.Context, model, promptHash string) (raw string, ok bool, err error) {
	err = db.db.QueryRowContext(ctx, `SELECT response FROM llm_calls
		WHERE model = ? AND prompt_hash = ? AND error = '' AND response <> ''
		ORDER BY id DESC LIMIT 1`, model, promptHash).Scan(&raw)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, db.wrap(err, "cached llm answer of %s for %s", model, promptHash)
	}
	return raw, true, nil
}

// LLMCalls returns the calls made in run runID, in the order they were
// recorded.
func (db *DB) LLMCalls(ctx context.Context, runID string) ([]factcheck.LLMCall, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT run_id, claim_id, model, prompt_hash, request, response,
			prompt_tokens, completion_tokens, latency_ms, error, at
		FROM llm_calls WHERE run_id = ? ORDER BY id`, runID)
	if err != nil {
		return nil, db.wrap(err, "llm calls of run %s", runID)
	}
	defer rows.Close()
	var out []factcheck.LLMCall
	for rows.Next() {
		var c factcheck.LLMCall
		var latency int64
		var at sql.NullString
		if err := rows.Scan(&c.RunID, &c.ClaimID, &c.Model, &c.PromptHash, &c.Request, &c.Response,
			&c.PromptTokens, &c.CompletionTokens, &latency, &c.Error, &at); err != nil {
			return nil, db.wrap(err, "llm calls of run %s", runID)
		}
		c.Latency = time.Duration(latency) * time.Millisecond
		if c.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("llm calls of run %s: %w", runID, err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "llm calls of run %s", runID)
	}
	return out, nil
}
