package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
)

// RunRecord is a run as stored: the domain run plus the JSON the pipeline
// recorded with it.
type RunRecord struct {
	factcheck.Run
	// Config is the run's configuration as JSON ("{}" when none was given).
	Config string
	// Summary is the JSON summary FinishRun recorded ("{}" until then).
	Summary string
}

// BeginRun records the start of run r with its configuration (JSON; empty
// means "{}"). An empty r.Status means running. Beginning a run id that
// already exists resumes it: status, owner and configuration are replaced,
// finished_at is cleared and started_at is kept; resuming a run that is
// still running in a live process is refused.
func (db *DB) BeginRun(ctx context.Context, r factcheck.Run, config string) error {
	if r.ID == "" {
		return errors.New("begin run: empty id")
	}
	status := r.Status
	if status == "" {
		status = factcheck.RunRunning
	}
	started := r.StartedAt
	if started.IsZero() {
		started = db.now()
	}
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		var cur, owner string
		err := tx.QueryRowContext(ctx, `SELECT status, owner FROM runs WHERE id = ?`, r.ID).Scan(&cur, &owner)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.ExecContext(ctx, `INSERT INTO runs (id, status, started_at, finished_at, owner, config)
				VALUES (?, ?, ?, ?, ?, ?)`,
				r.ID, status, timeArg(started), timeArg(r.FinishedAt), db.owner, jsonOrEmpty(config))
			return err
		case err != nil:
			return err
		}
		if cur == string(factcheck.RunRunning) && owner != db.owner && db.ownerAlive(owner) {
			return fmt.Errorf("run is still running in process %s", owner)
		}
		_, err = tx.ExecContext(ctx, `UPDATE runs SET status = ?, finished_at = ?, owner = ?, config = ? WHERE id = ?`,
			status, timeArg(r.FinishedAt), db.owner, jsonOrEmpty(config), r.ID)
		return err
	})
	if err != nil {
		return db.wrap(err, "begin run %s", r.ID)
	}
	return nil
}

// FinishRun records the end of run id: its final status, when it ended
// and its summary (JSON; empty means "{}").
func (db *DB) FinishRun(ctx context.Context, id string, status factcheck.RunStatus, at time.Time, summary string) error {
	res, err := db.db.ExecContext(ctx, `UPDATE runs SET status = ?, finished_at = ?, summary = ? WHERE id = ?`,
		status, timeArg(at), jsonOrEmpty(summary), id)
	if err == nil {
		err = rowsAffected(res)
	}
	if err != nil {
		return db.wrap(err, "finish run %s", id)
	}
	return nil
}

// InterruptStaleRuns marks as interrupted the runs left 'running' by a
// process that no longer exists, and returns how many it marked. A run's
// owner is the host and pid that began it: runs of live processes on this
// host (this one included) are left alone; runs begun on another host are
// taken as stale, since a store file is not shared across hosts. A
// recycled pid can make a stale run look alive until that process ends.
func (db *DB) InterruptStaleRuns(ctx context.Context) (int, error) {
	n := 0
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		n = 0
		rows, err := tx.QueryContext(ctx, `SELECT id, owner FROM runs WHERE status = ?`, factcheck.RunRunning)
		if err != nil {
			return err
		}
		var stale []string
		for rows.Next() {
			var id, owner string
			if err := rows.Scan(&id, &owner); err != nil {
				rows.Close()
				return err
			}
			if !db.ownerAlive(owner) {
				stale = append(stale, id)
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range stale {
			if _, err := tx.ExecContext(ctx, `UPDATE runs SET status = ? WHERE id = ?`, factcheck.RunInterrupted, id); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, db.wrap(err, "interrupt stale runs")
	}
	return n, nil
}

// ownerAlive reports whether the process recorded as a run's owner
// ("host:pid") is still running on this host.
func (db *DB) ownerAlive(owner string) bool {
	if owner == db.owner {
		return true
	}
	i := strings.LastIndexByte(owner, ':')
	if i < 0 {
		return false
	}
	host, err := os.Hostname()
	if err != nil || owner[:i] != host {
		return false
	}
	pid, err := strconv.Atoi(owner[i+1:])
	return err == nil && processAlive(pid)
}

const runColumns = `id, status, started_at, finished_at, config, summary`

// scanRun reads one row of runColumns.
func scanRun(sc interface{ Scan(...any) error }) (RunRecord, error) {
	var r RunRecord
	var started, finished sql.NullString
	if err := sc.Scan(&r.ID, &r.Status, &started, &finished, &r.Config, &r.Summary); err != nil {
		return r, err
	}
	var err error
	if r.StartedAt, err = parseTime(started); err != nil {
		return r, err
	}
	if r.FinishedAt, err = parseTime(finished); err != nil {
		return r, err
	}
	return r, nil
}

// Run returns run id, or ErrNotFound.
func (db *DB) Run(ctx context.Context, id string) (*RunRecord, error) {
	r, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, db.wrap(err, "run %s", id)
	}
	return &r, nil
}

// LatestRun returns the run begun most recently, or ErrNotFound when there
// is none.
func (db *DB) LatestRun(ctx context.Context) (*RunRecord, error) {
	r, err := scanRun(db.db.QueryRowContext(ctx,
		`SELECT `+runColumns+` FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1`))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, db.wrap(err, "latest run")
	}
	return &r, nil
}

// Runs returns every run, newest first.
func (db *DB) Runs(ctx context.Context) ([]RunRecord, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+runColumns+` FROM runs ORDER BY started_at DESC, rowid DESC`)
	if err != nil {
		return nil, db.wrap(err, "list runs")
	}
	defer rows.Close()
	var out []RunRecord
	for rows.Next() {
		r, err := scanRun(rows)
		if err != nil {
			return nil, db.wrap(err, "list runs")
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "list runs")
	}
	return out, nil
}

// PruneRuns deletes all but the keep most recently begun runs, with their
// inputs, results and evidence, and returns how many runs it deleted. Runs
// still running are never deleted (and count towards keep). Documents, and
// their claims, that no remaining run reads or has results for go too;
// reviews, pages and passages are kept. It assumes, as SaveResult does,
// that a run which reuses an earlier result saves its own copy.
func (db *DB) PruneRuns(ctx context.Context, keep int) (int, error) {
	if keep < 0 {
		return 0, fmt.Errorf("prune runs: keep %d is negative", keep)
	}
	var n int64
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM runs
			WHERE status <> ?
			AND id NOT IN (SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?)`,
			factcheck.RunRunning, keep)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		// Cascades to run_documents, results and evidence have run; claims go
		// with their documents. A document is kept while any run's input or
		// result still refers to it.
		_, err = tx.ExecContext(ctx, `DELETE FROM documents
			WHERE NOT EXISTS (SELECT 1 FROM run_documents rd WHERE rd.doc_id = documents.id)
			AND NOT EXISTS (SELECT 1 FROM claims c JOIN results r ON r.claim_id = c.id WHERE c.doc_id = documents.id)`)
		if err != nil {
			return err
		}
		// The model calls of pruned runs go too, but for the answer each
		// model and prompt is cached by (its newest successful call): the
		// cache outlives the runs that filled it.
		_, err = tx.ExecContext(ctx, `DELETE FROM llm_calls
			WHERE run_id <> '' AND run_id NOT IN (SELECT id FROM runs)
			AND id NOT IN (SELECT max(id) FROM llm_calls WHERE error = '' AND response <> '' GROUP BY model, prompt_hash)`)
		return err
	})
	if err != nil {
		return 0, db.wrap(err, "prune runs")
	}
	return int(n), nil
}
