package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsroom/factcheck"
)

// Statuses of a run's input, in the order an input normally passes
// through them.
const (
	InputPending   = factcheck.InputPending   // listed, not read yet
	InputExtracted = factcheck.InputExtracted // read, document and claims saved
	InputVerified  = factcheck.InputVerified  // every claim has a result
	InputFailed    = factcheck.InputFailed    // could not be read or processed; see RunInput.Error
)

// RunInput is one input of a run (a path or URL as given) and how far the
// run got with it.
type RunInput struct {
	Source string
	DocID  string // empty until the document was read
	Status string // one of the Input* constants
	Error  string // why it failed, for InputFailed
}

// AddRunInput records source as an input of run runID, pending. Adding an
// input the run already has changes nothing, so a resumed run keeps its
// progress.
func (db *DB) AddRunInput(ctx context.Context, runID, source string) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO run_documents (run_id, source, status) VALUES (?, ?, ?)
		ON CONFLICT (run_id, source) DO NOTHING`, runID, source, InputPending)
	if err != nil {
		return db.wrap(err, "add input %s to run %s", source, runID)
	}
	return nil
}

// FailInput marks source, an input of run runID, as failed with msg,
// recording the input if the run did not have it yet.
func (db *DB) FailInput(ctx context.Context, runID, source, msg string) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO run_documents (run_id, source, status, error) VALUES (?, ?, ?, ?)
		ON CONFLICT (run_id, source) DO UPDATE SET status = excluded.status, error = excluded.error`,
		runID, source, InputFailed, msg)
	if err != nil {
		return db.wrap(err, "fail input %s of run %s", source, runID)
	}
	return nil
}

// SetInputStatus sets the status of source, an input of run runID, to one
// of the Input* constants; setting any status but InputFailed clears the
// input's error. It returns ErrNotFound when the run has no such input.
func (db *DB) SetInputStatus(ctx context.Context, runID, source, status string) error {
	switch status {
	case InputPending, InputExtracted, InputVerified, InputFailed:
	default:
		return fmt.Errorf("set status of input %s of run %s: unknown status %q", source, runID, status)
	}
	res, err := db.db.ExecContext(ctx, `UPDATE run_documents
		SET status = ?, error = CASE WHEN ? = ? THEN error ELSE '' END
		WHERE run_id = ? AND source = ?`,
		status, status, InputFailed, runID, source)
	if err == nil {
		err = rowsAffected(res)
	}
	if err != nil {
		return db.wrap(err, "set status of input %s of run %s", source, runID)
	}
	return nil
}

// RunInputs returns the inputs of run runID in the order they were added.
func (db *DB) RunInputs(ctx context.Context, runID string) ([]RunInput, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT source, doc_id, status, error FROM run_documents
		WHERE run_id = ? ORDER BY rowid`, runID)
	if err != nil {
		return nil, db.wrap(err, "inputs of run %s", runID)
	}
	defer rows.Close()
	var out []RunInput
	for rows.Next() {
		var in RunInput
		var docID sql.NullString
		if err := rows.Scan(&in.Source, &docID, &in.Status, &in.Error); err != nil {
			return nil, db.wrap(err, "inputs of run %s", runID)
		}
		in.DocID = docID.String
		out = append(out, in)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "inputs of run %s", runID)
	}
	return out, nil
}
