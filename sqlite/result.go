package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/newsroom/factcheck"
)

// llmJSON is the stored form of a factcheck.LLMOpinion. It has its own
// field names so that renaming a Go field does not orphan stored opinions.
type llmJSON struct {
	Model       string   `json:"model"`
	Verdict     string   `json:"verdict"`
	Confidence  float64  `json:"confidence"`
	EvidenceIDs []string `json:"evidence_ids,omitempty"`
	Correction  string   `json:"correction,omitempty"`
	Rationale   string   `json:"rationale,omitempty"`
	Trusted     bool     `json:"trusted"`
	Error       string   `json:"error,omitempty"`
}

// encodeLLM returns o as stored JSON, or nil (NULL) for no opinion.
func encodeLLM(o *factcheck.LLMOpinion) (any, error) {
	if o == nil {
		return nil, nil
	}
	b, err := json.Marshal(llmJSON{
		Model: o.Model, Verdict: string(o.Verdict), Confidence: o.Confidence, EvidenceIDs: o.EvidenceIDs,
		Correction: o.Correction, Rationale: o.Rationale, Trusted: o.Trusted, Error: o.Error,
	})
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// decodeLLM reads what encodeLLM stored.
func decodeLLM(s sql.NullString) (*factcheck.LLMOpinion, error) {
	if !s.Valid {
		return nil, nil
	}
	var j llmJSON
	if err := json.Unmarshal([]byte(s.String), &j); err != nil {
		return nil, fmt.Errorf("decode llm opinion: %w", err)
	}
	return &factcheck.LLMOpinion{
		Model: j.Model, Verdict: factcheck.Verdict(j.Verdict), Confidence: j.Confidence, EvidenceIDs: j.EvidenceIDs,
		Correction: j.Correction, Rationale: j.Rationale, Trusted: j.Trusted, Error: j.Error,
	}, nil
}

// SaveResult stores the result of one claim in run runID (see SaveResults).
func (db *DB) SaveResult(ctx context.Context, runID string, res factcheck.Result) error {
	return db.SaveResults(ctx, runID, []factcheck.Result{res})
}

// SaveResults stores the results of claims in run runID, with their
// evidence, in one transaction, replacing what the run had for those claims
// so that a resumed run is idempotent. A batch per article keeps the writes
// few.
func (db *DB) SaveResults(ctx context.Context, runID string, results []factcheck.Result) error {
	llms := make([]any, len(results))
	for k, res := range results {
		if res.ClaimID == "" {
			return fmt.Errorf("save result in run %s: empty claim id", runID)
		}
		for _, ev := range res.Evidence {
			if ev.ClaimID != "" && ev.ClaimID != res.ClaimID {
				return fmt.Errorf("save result %s in run %s: evidence for claim %s", res.ClaimID, runID, ev.ClaimID)
			}
		}
		llm, err := encodeLLM(res.LLM)
		if err != nil {
			return fmt.Errorf("save result %s in run %s: encode llm opinion: %w", res.ClaimID, runID, err)
		}
		llms[k] = llm
	}
	if len(results) == 0 {
		return nil
	}
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		del, err := tx.PrepareContext(ctx, `DELETE FROM evidence WHERE run_id = ? AND claim_id = ?`)
		if err != nil {
			return fmt.Errorf("prepare evidence delete: %w", err)
		}
		defer del.Close()
		up, err := tx.PrepareContext(ctx, `INSERT INTO results (run_id, claim_id, verdict, confidence, flagged, correction, llm, computed_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (run_id, claim_id) DO UPDATE SET verdict = excluded.verdict, confidence = excluded.confidence,
				flagged = excluded.flagged, correction = excluded.correction, llm = excluded.llm,
				computed_at = excluded.computed_at`)
		if err != nil {
			return fmt.Errorf("prepare result upsert: %w", err)
		}
		defer up.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO evidence (run_id, claim_id, passage_id, ordinal, source, quote,
			stance, value, as_of, score, reason, tentative) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return fmt.Errorf("prepare evidence insert: %w", err)
		}
		defer ins.Close()
		now := timeArg(db.now())
		for k, res := range results {
			if _, err := del.ExecContext(ctx, runID, res.ClaimID); err != nil {
				return fmt.Errorf("delete old evidence of %s: %w", res.ClaimID, err)
			}
			if _, err := up.ExecContext(ctx, runID, res.ClaimID, res.Verdict, res.Confidence, boolArg(res.Flagged), res.Correction, llms[k], now); err != nil {
				return fmt.Errorf("upsert result %s: %w", res.ClaimID, err)
			}
			for i, ev := range res.Evidence {
				_, err := ins.ExecContext(ctx, runID, res.ClaimID, ev.PassageID, i, ev.Source, ev.Quote,
					ev.Stance, ev.Value, timeArg(ev.AsOf), ev.Score, ev.Reason, boolArg(ev.Tentative))
				if err != nil {
					return fmt.Errorf("insert evidence %d of %s (passage %s): %w", i, res.ClaimID, ev.PassageID, err)
				}
			}
		}
		return nil
	})
	if err != nil {
		return db.wrap(err, "save %d results in run %s", len(results), runID)
	}
	return nil
}

// resultQuery selects results with their evidence, one row per evidence
// item (one row with NULL evidence when there is none), in one statement so
// that a concurrent SaveResult is seen whole or not at all.
const resultQuery = `SELECT r.claim_id, r.verdict, r.confidence, r.flagged, r.correction, r.llm,
		e.passage_id, e.source, e.quote, e.stance, e.value, e.as_of, e.score, e.reason, e.tentative
	FROM results r
	LEFT JOIN evidence e ON e.run_id = r.run_id AND e.claim_id = r.claim_id
	WHERE r.run_id = ? `

// scanResults reads resultQuery rows ordered by claim then evidence order,
// calling emit once per result.
func scanResults(rows *sql.Rows, emit func(factcheck.Result)) error {
	var cur *factcheck.Result
	for rows.Next() {
		var (
			r                                factcheck.Result
			flagged                          int
			llm                              sql.NullString
			passageID, source, quote, stance sql.NullString
			value, asOf, reason              sql.NullString
			score                            sql.NullFloat64
			tentative                        sql.NullInt64
		)
		err := rows.Scan(&r.ClaimID, &r.Verdict, &r.Confidence, &flagged, &r.Correction, &llm,
			&passageID, &source, &quote, &stance, &value, &asOf, &score, &reason, &tentative)
		if err != nil {
			return err
		}
		if cur == nil || cur.ClaimID != r.ClaimID {
			if cur != nil {
				emit(*cur)
			}
			r.Flagged = flagged != 0
			if r.LLM, err = decodeLLM(llm); err != nil {
				return fmt.Errorf("result %s: %w", r.ClaimID, err)
			}
			cur = &r
		}
		if !passageID.Valid {
			continue
		}
		ev := factcheck.Evidence{
			ClaimID: cur.ClaimID, PassageID: passageID.String, Source: source.String, Quote: quote.String,
			Stance: factcheck.Stance(stance.String), Value: value.String, Score: score.Float64, Reason: reason.String,
			Tentative: tentative.Int64 != 0,
		}
		if ev.AsOf, err = parseTime(asOf); err != nil {
			return err
		}
		cur.Evidence = append(cur.Evidence, ev)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if cur != nil {
		emit(*cur)
	}
	return nil
}

// Result returns the result of claim claimID in run runID with its
// evidence, or ErrNotFound.
func (db *DB) Result(ctx context.Context, runID, claimID string) (*factcheck.Result, error) {
	rows, err := db.db.QueryContext(ctx, resultQuery+`AND r.claim_id = ? ORDER BY e.ordinal`, runID, claimID)
	if err != nil {
		return nil, db.wrap(err, "result %s in run %s", claimID, runID)
	}
	defer rows.Close()
	var out *factcheck.Result
	err = scanResults(rows, func(r factcheck.Result) { out = &r })
	if err == nil && out == nil {
		err = ErrNotFound
	}
	if err != nil {
		return nil, db.wrap(err, "result %s in run %s", claimID, runID)
	}
	return out, nil
}

// Results returns every result of run runID by claim id.
func (db *DB) Results(ctx context.Context, runID string) (map[string]factcheck.Result, error) {
	rows, err := db.db.QueryContext(ctx, resultQuery+`ORDER BY r.claim_id, e.ordinal`, runID)
	if err != nil {
		return nil, db.wrap(err, "results of run %s", runID)
	}
	defer rows.Close()
	out := map[string]factcheck.Result{}
	if err := scanResults(rows, func(r factcheck.Result) { out[r.ClaimID] = r }); err != nil {
		return nil, db.wrap(err, "results of run %s", runID)
	}
	return out, nil
}

// HasResult reports whether run runID has a result for claim claimID.
func (db *DB) HasResult(ctx context.Context, runID, claimID string) (bool, error) {
	var one int
	err := db.db.QueryRowContext(ctx, `SELECT 1 FROM results WHERE run_id = ? AND claim_id = ?`, runID, claimID).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, db.wrap(err, "look up result %s in run %s", claimID, runID)
	}
	return true, nil
}
