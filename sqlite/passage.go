package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/newsroom/factcheck"
)

const passageColumns = `p.id, p.page_url, p.ordinal, p.context, p.text, p.lang, p.as_of`

// scanPassage reads passageColumns followed by extra destinations.
func scanPassage(sc interface{ Scan(...any) error }, extra ...any) (factcheck.Passage, error) {
	var ps factcheck.Passage
	var asOf sql.NullString
	dest := append([]any{&ps.ID, &ps.PageURL, &ps.Ordinal, &ps.Context, &ps.Text, &ps.Lang, &asOf}, extra...)
	if err := sc.Scan(dest...); err != nil {
		return ps, err
	}
	var err error
	ps.AsOf, err = parseTime(asOf)
	return ps, err
}

// PagePassages returns the passages of page url in page order.
func (db *DB) PagePassages(ctx context.Context, url string) ([]factcheck.Passage, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT `+passageColumns+` FROM passages p
		WHERE p.page_url = ? ORDER BY p.ordinal, p.seq`, url)
	if err != nil {
		return nil, db.wrap(err, "passages of page %s", url)
	}
	defer rows.Close()
	var out []factcheck.Passage
	for rows.Next() {
		ps, err := scanPassage(rows)
		if err != nil {
			return nil, db.wrap(err, "passages of page %s", url)
		}
		out = append(out, ps)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "passages of page %s", url)
	}
	return out, nil
}

// Passage returns passage id, or ErrNotFound.
func (db *DB) Passage(ctx context.Context, id string) (*factcheck.Passage, error) {
	ps, err := scanPassage(db.db.QueryRowContext(ctx, `SELECT `+passageColumns+` FROM passages p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err != nil {
		return nil, db.wrap(err, "passage %s", id)
	}
	return &ps, nil
}

// ScoredPassage is a passage found by SearchPassages; Score is the negated
// FTS5 bm25 rank.
type ScoredPassage = factcheck.ScoredPassage

// SearchPassages returns up to limit passages (all when limit <= 0) that
// match the FTS5 MATCH expression match, best first. match is built by the
// caller over terms already normalised with textnorm (the index holds
// textnorm.IndexText), with every term quoted by QuoteTerm, for example
// MatchAny(textnorm.Terms(q)). An empty match finds nothing.
func (db *DB) SearchPassages(ctx context.Context, match string, limit int) ([]ScoredPassage, error) {
	if strings.TrimSpace(match) == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := db.db.QueryContext(ctx, `SELECT `+passageColumns+`, -bm25(passages_fts), pg.title
		FROM passages_fts
		JOIN passages p ON p.seq = passages_fts.rowid
		JOIN pages pg ON pg.url = p.page_url
		WHERE passages_fts MATCH ?
		ORDER BY bm25(passages_fts), p.seq
		LIMIT ?`, match, limit)
	if err != nil {
		return nil, db.wrap(err, "search passages for %q", match)
	}
	defer rows.Close()
	var out []ScoredPassage
	for rows.Next() {
		var sp ScoredPassage
		sp.Passage, err = scanPassage(rows, &sp.Score, &sp.PageTitle)
		if err != nil {
			return nil, db.wrap(err, "search passages for %q", match)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, db.wrap(err, "search passages for %q", match)
	}
	return out, nil
}

// QuoteTerm returns term as an FTS5 string (double quotes, inner double
// quotes doubled, NUL bytes dropped since SQLite would end the query
// there), so that whatever it contains is matched as text and never read
// as query syntax (AND, NEAR, *, column filters…).
func QuoteTerm(term string) string {
	term = strings.ReplaceAll(term, "\x00", "")
	return `"` + strings.ReplaceAll(term, `"`, `""`) + `"`
}

// MatchAny returns an FTS5 expression matching passages that contain any
// of terms, each quoted with QuoteTerm, repeats and empty terms dropped.
// It returns "" when no term is left, which SearchPassages answers with
// no passages.
func MatchAny(terms []string) string {
	seen := make(map[string]bool, len(terms))
	var parts []string
	for _, t := range terms {
		if strings.TrimSpace(t) == "" || seen[t] {
			continue
		}
		seen[t] = true
		parts = append(parts, QuoteTerm(t))
	}
	return strings.Join(parts, " OR ")
}

// SearchTerms finds the passages matching any of terms (already normalised,
// as from textnorm.Terms), best first.
func (db *DB) SearchTerms(ctx context.Context, terms []string, limit int) ([]ScoredPassage, error) {
	return db.SearchPassages(ctx, MatchAny(terms), limit)
}
