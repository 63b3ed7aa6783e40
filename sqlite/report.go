package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/reports"
)

// Report returns everything shown about run runID: every input of the run,
// unchanged documents included, with each claim's result in that run, its
// latest review and its review history; inputs that failed are listed with
// their errors. With AddReview and Reviews it makes a *DB the review UI's
// store.
//
// An empty runID means the run editors review: the latest complete run, so
// that a run in progress (or one cut short) does not empty the review
// queue, or the latest run when none has completed. The error wraps
// ErrNotFound when there is no run yet, or no run runID.
func (db *DB) Report(ctx context.Context, runID string) (*reports.Report, error) {
	if runID == "" {
		rec, err := scanRun(db.db.QueryRowContext(ctx, `SELECT `+runColumns+` FROM runs
			ORDER BY status = ? DESC, started_at DESC, rowid DESC LIMIT 1`, factcheck.RunComplete))
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("no run in %s yet: %w", db.path, ErrNotFound)
		}
		if err != nil {
			return nil, db.wrap(err, "run to review")
		}
		return db.report(ctx, &rec)
	}
	rec, err := db.Run(ctx, runID)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("no run %q in %s: %w", runID, db.path, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return db.report(ctx, rec)
}

// LatestReport returns the report (see Report) of the run begun most
// recently, whatever its status: unlike the review queue, `factcheck
// report` shows a run in progress or cut short. The error wraps ErrNotFound
// when there is no run yet.
func (db *DB) LatestReport(ctx context.Context) (*reports.Report, error) {
	rec, err := db.LatestRun(ctx)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("no run in %s yet: %w", db.path, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return db.report(ctx, rec)
}

// report gathers the report of the run rec.
func (db *DB) report(ctx context.Context, rec *RunRecord) (*reports.Report, error) {
	rep, err := db.gather(ctx, rec)
	if err != nil {
		return nil, fmt.Errorf("report of run %s: %w", rec.ID, err)
	}
	return rep, nil
}

// gather reads the run's inputs, documents, claims, results and reviews.
func (db *DB) gather(ctx context.Context, rec *RunRecord) (*reports.Report, error) {
	rep := &reports.Report{Run: rec.Run}
	inputs, err := db.RunInputs(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	results, err := db.Results(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		if in.Status == InputFailed {
			rep.Failed = append(rep.Failed, reports.Failure{Source: in.Source, Error: in.Error})
			continue
		}
		if in.DocID == "" {
			continue // not read yet
		}
		doc, err := db.Document(ctx, in.DocID)
		if err != nil {
			return nil, fmt.Errorf("document of %s: %w", in.Source, err)
		}
		cs, err := db.Claims(ctx, in.DocID)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		latest, err := db.LatestReviews(ctx, ids)
		if err != nil {
			return nil, err
		}
		d := reports.Document{Source: in.Source, Title: doc.Title, Lang: doc.Lang, Date: doc.Date, Text: doc.Text}
		for _, c := range cs {
			rc := reports.Claim{Claim: c}
			if res, ok := results[c.ID]; ok {
				rc.Result = &res
			}
			if rv, ok := latest[c.ID]; ok {
				rc.Review = &rv
				if rc.History, err = db.Reviews(ctx, c.ID); err != nil {
					return nil, err
				}
			}
			d.Claims = append(d.Claims, rc)
		}
		rep.Documents = append(rep.Documents, d)
	}
	return rep, nil
}
