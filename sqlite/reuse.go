package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/newsroom/factcheck"
)

// SetJudgeKey records how run runID judged its input source (see
// PreviousResults).
func (db *DB) SetJudgeKey(ctx context.Context, runID, source, key string) error {
	res, err := db.db.ExecContext(ctx, `UPDATE run_documents SET judge_key = ? WHERE run_id = ? AND source = ?`, key, runID, source)
	if err == nil {
		err = rowsAffected(res)
	}
	if err != nil {
		return db.wrap(err, "set judge key of input %s of run %s", source, runID)
	}
	return nil
}

// PreviousResults returns the run begun just before runID when that run
// verified document docID with the same judge key, so its results can be
// copied; ok is false otherwise. Only the run just before counts: a run in
// between could have changed the index.
func (db *DB) PreviousResults(ctx context.Context, runID, docID, key string) (string, bool, error) {
	var prev string
	err := db.db.QueryRowContext(ctx, `SELECT id FROM runs
		WHERE started_at < (SELECT started_at FROM runs WHERE id = ?)
		ORDER BY started_at DESC LIMIT 1`, runID).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, db.wrap(err, "find the run before %s", runID)
	}
	var n int
	err = db.db.QueryRowContext(ctx, `SELECT count(*) FROM run_documents
		WHERE run_id = ? AND doc_id = ? AND status = ? AND judge_key = ?`, prev, docID, InputVerified, key).Scan(&n)
	if err != nil {
		return "", false, db.wrap(err, "look up results of %s in run %s", docID, prev)
	}
	return prev, n > 0 && key != "", nil
}

// CopyResults copies the results and evidence of document docID's claims
// from run from to run to, in one transaction, and returns the copied
// results' verdicts and flags for the run's summary. The statements walk
// the document's claims and look their results up by key (CROSS JOIN fixes
// that order): scanning a run's results instead held the write lock long
// enough, at 1000 articles, for other writers to give up.
func (db *DB) CopyResults(ctx context.Context, from, to, docID string) ([]factcheck.Result, error) {
	var out []factcheck.Result
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM results WHERE run_id = ? AND claim_id IN (SELECT id FROM claims WHERE doc_id = ?)`, to, docID); err != nil {
			return fmt.Errorf("clear results: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO results (run_id, claim_id, verdict, confidence, flagged, correction, llm, computed_at)
			SELECT ?, r.claim_id, r.verdict, r.confidence, r.flagged, r.correction, r.llm, r.computed_at
			FROM claims c CROSS JOIN results r ON r.run_id = ? AND r.claim_id = c.id
			WHERE c.doc_id = ?`, to, from, docID); err != nil {
			return fmt.Errorf("copy results: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO evidence (run_id, claim_id, passage_id, ordinal, source, quote, stance, value, as_of, score, reason, tentative)
			SELECT ?, e.claim_id, e.passage_id, e.ordinal, e.source, e.quote, e.stance, e.value, e.as_of, e.score, e.reason, e.tentative
			FROM claims c CROSS JOIN evidence e ON e.run_id = ? AND e.claim_id = c.id
			WHERE c.doc_id = ?`, to, from, docID); err != nil {
			return fmt.Errorf("copy evidence: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT r.claim_id, r.verdict, r.flagged
			FROM claims c CROSS JOIN results r ON r.run_id = ? AND r.claim_id = c.id
			WHERE c.doc_id = ?`, to, docID)
		if err != nil {
			return fmt.Errorf("read copied results: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r factcheck.Result
			var flagged int
			if err := rows.Scan(&r.ClaimID, &r.Verdict, &flagged); err != nil {
				return err
			}
			r.Flagged = flagged == 1
			out = append(out, r)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, db.wrap(err, "copy results of %s from run %s to %s", docID, from, to)
	}
	return out, nil
}
