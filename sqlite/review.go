package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/newsroom/factcheck"
)

// AddReview appends an editor's decision. Reviews are never changed or
// deleted (the database refuses it), and they outlive the claim they are
// about. A zero At means now.
func (db *DB) AddReview(ctx context.Context, r factcheck.Review) error {
	if r.ClaimID == "" {
		return fmt.Errorf("add review: empty claim id")
	}
	if r.Decision == "" {
		return fmt.Errorf("add review of claim %s: empty decision", r.ClaimID)
	}
	at := r.At
	if at.IsZero() {
		at = db.now()
	}
	_, err := db.db.ExecContext(ctx, `INSERT INTO reviews (claim_id, decision, note, reviewer, reviewed_at)
		VALUES (?, ?, ?, ?, ?)`, r.ClaimID, r.Decision, r.Note, r.By, timeArg(at))
	if err != nil {
		return db.wrap(err, "add review of claim %s", r.ClaimID)
	}
	return nil
}

// scanReview reads claim_id, decision, note, reviewer, reviewed_at.
func scanReview(rows *sql.Rows) (factcheck.Review, error) {
	var r factcheck.Review
	var at sql.NullString
	if err := rows.Scan(&r.ClaimID, &r.Decision, &r.Note, &r.By, &at); err != nil {
		return r, err
	}
	var err error
	r.At, err = parseTime(at)
	return r, err
}

// Reviews returns the reviews of claim claimID, oldest first.
func (db *DB) Reviews(ctx context.Context, claimID string) ([]factcheck.Review, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT claim_id, decision, note, reviewer, reviewed_at
		FROM reviews WHERE claim_id = ? ORDER BY id`, claimID)
	if err != nil {
		return nil, db.wrap(err, "reviews of claim %s", claimID)
	}
	defer rows.Close()
	var out []factcheck.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, db.wrap(err, "reviews of claim %s", claimID)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "reviews of claim %s", claimID)
	}
	return out, nil
}

// LatestReviews returns the most recently added review of each of
// claimIDs that has one, by claim id.
func (db *DB) LatestReviews(ctx context.Context, claimIDs []string) (map[string]factcheck.Review, error) {
	out := map[string]factcheck.Review{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	// One JSON array parameter instead of a placeholder per id: no SQL
	// built from strings, and no limit on the number of ids.
	ids, err := json.Marshal(claimIDs)
	if err != nil {
		return nil, fmt.Errorf("latest reviews: encode claim ids: %w", err)
	}
	rows, err := db.db.QueryContext(ctx, `SELECT claim_id, decision, note, reviewer, reviewed_at
		FROM reviews WHERE id IN (
			SELECT max(id) FROM reviews WHERE claim_id IN (SELECT value FROM json_each(?)) GROUP BY claim_id
		)`, string(ids))
	if err != nil {
		return nil, db.wrap(err, "latest reviews of %d claims", len(claimIDs))
	}
	defer rows.Close()
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, db.wrap(err, "latest reviews of %d claims", len(claimIDs))
		}
		out[r.ClaimID] = r
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "latest reviews of %d claims", len(claimIDs))
	}
	return out, nil
}
