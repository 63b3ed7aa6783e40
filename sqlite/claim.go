package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/newsroom/factcheck"
)

const claimColumns = `id, doc_id, kind, span, span_start, span_end, value, unit, qualifier, sentence, terms, relative`

// scanClaim reads one row of claimColumns.
func scanClaim(sc interface{ Scan(...any) error }) (factcheck.Claim, error) {
	var c factcheck.Claim
	var terms string
	var relative int
	err := sc.Scan(&c.ID, &c.DocID, &c.Kind, &c.Span, &c.Start, &c.End, &c.Value, &c.Unit,
		&c.Qualifier, &c.Sentence, &terms, &relative)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(terms), &c.Terms); err != nil {
		return c, fmt.Errorf("decode terms of claim %s: %w", c.ID, err)
	}
	if len(c.Terms) == 0 {
		c.Terms = nil
	}
	c.Relative = relative != 0
	return c, nil
}

// Claims returns the claims of document docID in text order.
func (db *DB) Claims(ctx context.Context, docID string) ([]factcheck.Claim, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+claimColumns+` FROM claims
		WHERE doc_id = ? ORDER BY span_start, span_end, id`, docID)
	if err != nil {
		return nil, db.wrap(err, "claims of document %s", docID)
	}
	defer rows.Close()
	var out []factcheck.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, db.wrap(err, "claims of document %s", docID)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "claims of document %s", docID)
	}
	return out, nil
}

// Claim returns claim id, or ErrNotFound.
func (db *DB) Claim(ctx context.Context, id string) (*factcheck.Claim, error) {
	c, err := scanClaim(db.db.QueryRowContext(ctx, `SELECT `+claimColumns+` FROM claims WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, db.wrap(err, "claim %s", id)
	}
	return &c, nil
}
