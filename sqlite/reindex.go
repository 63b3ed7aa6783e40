package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/newsroom/factcheck/textnorm"
)

// reindex rebuilds every passage's index text when it was made by another
// textnorm.IndexVersion than this build's, in one transaction, and returns
// how many passages it rewrote. A database opened read-only keeps its old
// index: reading reports needs no search.
func (db *DB) reindex(ctx context.Context) (int, error) {
	var version int
	if err := db.db.QueryRowContext(ctx, `SELECT version FROM index_version WHERE id = 1`).Scan(&version); err != nil {
		return 0, fmt.Errorf("read index version: %w", err)
	}
	if version == textnorm.IndexVersion {
		return 0, nil
	}
	n := 0
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT seq, context, text FROM passages`)
		if err != nil {
			return fmt.Errorf("read passages: %w", err)
		}
		type passage struct {
			seq           int64
			context, text string
		}
		var ps []passage
		for rows.Next() {
			var p passage
			if err := rows.Scan(&p.seq, &p.context, &p.text); err != nil {
				rows.Close()
				return fmt.Errorf("read passage: %w", err)
			}
			ps = append(ps, p)
		}
		if err := rows.Close(); err != nil {
			return fmt.Errorf("read passages: %w", err)
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read passages: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE passages SET norm = ? WHERE seq = ? AND norm <> ?`)
		if err != nil {
			return fmt.Errorf("prepare reindex: %w", err)
		}
		defer stmt.Close()
		for _, p := range ps {
			norm := textnorm.IndexText(p.context + " " + p.text)
			res, err := stmt.ExecContext(ctx, norm, p.seq, norm)
			if err != nil {
				return fmt.Errorf("reindex passage %d: %w", p.seq, err)
			}
			if k, _ := res.RowsAffected(); k > 0 {
				n++
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE index_version SET version = ? WHERE id = 1`, textnorm.IndexVersion); err != nil {
			return fmt.Errorf("record index version: %w", err)
		}
		return nil
	})
	return n, err
}
