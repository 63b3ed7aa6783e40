package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/newsroom/factcheck"
)

// SaveDocument stores doc and its claims and marks source, an input of run
// runID, as extracted, in one transaction. When the document is already
// stored, a non-empty title, language or date replaces the stored one;
// claims already stored are left as they are (claim ids derive from the
// text and offsets, so a re-extraction gives the same ids).
func (db *DB) SaveDocument(ctx context.Context, runID, source string, doc factcheck.Document, claims []factcheck.Claim) error {
	if doc.ID == "" {
		return fmt.Errorf("save document %s: empty document id", source)
	}
	for _, c := range claims {
		if c.ID == "" {
			return fmt.Errorf("save document %s: claim %q has an empty id", source, c.Span)
		}
		if c.DocID != "" && c.DocID != doc.ID {
			return fmt.Errorf("save document %s: claim %s belongs to document %s, not %s", source, c.ID, c.DocID, doc.ID)
		}
	}
	docSource := doc.Source
	if docSource == "" {
		docSource = source
	}
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO documents (id, source, title, lang, text, date, first_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET
				title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE documents.title END,
				lang = CASE WHEN excluded.lang <> '' THEN excluded.lang ELSE documents.lang END,
				date = coalesce(excluded.date, documents.date)`,
			doc.ID, docSource, doc.Title, doc.Lang, doc.Text, timeArg(doc.Date), timeArg(db.now()))
		if err != nil {
			return fmt.Errorf("upsert document: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO claims
			(id, doc_id, kind, span, span_start, span_end, value, unit, qualifier, sentence, terms, relative)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO NOTHING`)
		if err != nil {
			return fmt.Errorf("prepare claim insert: %w", err)
		}
		defer stmt.Close()
		for _, c := range claims {
			terms, err := json.Marshal(nonNil(c.Terms))
			if err != nil {
				return fmt.Errorf("encode terms of claim %s: %w", c.ID, err)
			}
			_, err = stmt.ExecContext(ctx, c.ID, doc.ID, c.Kind, c.Span, c.Start, c.End,
				c.Value, c.Unit, c.Qualifier, c.Sentence, string(terms), boolArg(c.Relative))
			if err != nil {
				return fmt.Errorf("insert claim %s: %w", c.ID, err)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO run_documents (run_id, source, doc_id, status, error)
			VALUES (?, ?, ?, ?, '')
			ON CONFLICT (run_id, source) DO UPDATE SET doc_id = excluded.doc_id, status = excluded.status, error = ''`,
			runID, source, doc.ID, InputExtracted)
		if err != nil {
			return fmt.Errorf("mark input extracted: %w", err)
		}
		return nil
	})
	if err != nil {
		return db.wrap(err, "save document %s of run %s", source, runID)
	}
	return nil
}

// nonNil returns s, or an empty slice for nil, so that it encodes as [].
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Document returns document id, or ErrNotFound. Its Source is the path or
// URL it was first read from.
func (db *DB) Document(ctx context.Context, id string) (*factcheck.Document, error) {
	var d factcheck.Document
	var date sql.NullString
	err := db.db.QueryRowContext(ctx, `SELECT id, source, title, lang, text, date FROM documents WHERE id = ?`, id).
		Scan(&d.ID, &d.Source, &d.Title, &d.Lang, &d.Text, &date)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err == nil {
		d.Date, err = parseTime(date)
	}
	if err != nil {
		return nil, db.wrap(err, "document %s", id)
	}
	return &d, nil
}
