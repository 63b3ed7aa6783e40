package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// Page returns the cached page for url, body included, or ErrNotFound.
func (db *DB) Page(ctx context.Context, url string) (*factcheck.Page, error) {
	var p factcheck.Page
	var fetched, asOf sql.NullString
	err := db.db.QueryRowContext(ctx, `SELECT url, title, lang, content_type, body, etag, last_modified,
		fetched_at, as_of, status, error FROM pages WHERE url = ?`, url).
		Scan(&p.URL, &p.Title, &p.Lang, &p.ContentType, &p.Body, &p.ETag, &p.LastModified,
			&fetched, &asOf, &p.Status, &p.Err)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	if err == nil {
		p.FetchedAt, err = parseTime(fetched)
	}
	if err == nil {
		p.AsOf, err = parseTime(asOf)
	}
	if err != nil {
		return nil, db.wrap(err, "page %s", url)
	}
	return &p, nil
}

// SavePage stores page p in one transaction. When passages is non-nil it
// replaces the page's passages, and with them their entries in the search
// index; an empty non-nil slice leaves the page without passages, and nil
// keeps the stored ones. Each passage is indexed under
// textnorm.IndexText(Context + " " + Text).
func (db *DB) SavePage(ctx context.Context, p factcheck.Page, passages []factcheck.Passage) error {
	if p.URL == "" {
		return errors.New("save page: empty url")
	}
	for _, ps := range passages {
		if ps.ID == "" {
			return fmt.Errorf("save page %s: passage %d has an empty id", p.URL, ps.Ordinal)
		}
		if ps.PageURL != "" && ps.PageURL != p.URL {
			return fmt.Errorf("save page %s: passage %s belongs to page %s", p.URL, ps.ID, ps.PageURL)
		}
	}
	var bodyHash string
	if p.Body != nil {
		sum := sha256.Sum256(p.Body)
		bodyHash = hex.EncodeToString(sum[:])
	}
	err := db.withTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO pages (url, title, lang, content_type, body, body_hash, etag,
			last_modified, fetched_at, as_of, status, error)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (url) DO UPDATE SET title = excluded.title, lang = excluded.lang,
				content_type = excluded.content_type, body = excluded.body, body_hash = excluded.body_hash,
				etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,
				as_of = excluded.as_of, status = excluded.status, error = excluded.error`,
			p.URL, p.Title, p.Lang, p.ContentType, p.Body, bodyHash, p.ETag, p.LastModified,
			timeArg(p.FetchedAt), timeArg(p.AsOf), p.Status, p.Err)
		if err != nil {
			return fmt.Errorf("upsert page: %w", err)
		}
		if passages == nil {
			return nil
		}
		// The delete trigger takes each old passage out of the index.
		if _, err := tx.ExecContext(ctx, `DELETE FROM passages WHERE page_url = ?`, p.URL); err != nil {
			return fmt.Errorf("delete old passages: %w", err)
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO passages (id, page_url, ordinal, context, text, lang, as_of, norm)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET page_url = excluded.page_url, ordinal = excluded.ordinal,
				context = excluded.context, text = excluded.text, lang = excluded.lang,
				as_of = excluded.as_of, norm = excluded.norm`)
		if err != nil {
			return fmt.Errorf("prepare passage insert: %w", err)
		}
		defer stmt.Close()
		for _, ps := range passages {
			norm := textnorm.IndexText(ps.Context + " " + ps.Text)
			_, err := stmt.ExecContext(ctx, ps.ID, p.URL, ps.Ordinal, ps.Context, ps.Text, ps.Lang, timeArg(ps.AsOf), norm)
			if err != nil {
				return fmt.Errorf("insert passage %s: %w", ps.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return db.wrap(err, "save page %s", p.URL)
	}
	return nil
}

// TouchPage records a fetch of url that did not change the cached copy: a
// 304 Not Modified, or a failure (errMsg non-empty). Body, validators and
// passages are kept. A page never fetched successfully is recorded without
// a body, so that its failure can be reported.
func (db *DB) TouchPage(ctx context.Context, url string, fetchedAt time.Time, status int, errMsg string) error {
	_, err := db.db.ExecContext(ctx, `INSERT INTO pages (url, fetched_at, status, error) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET fetched_at = excluded.fetched_at, status = excluded.status, error = excluded.error`,
		url, timeArg(fetchedAt), status, errMsg)
	if err != nil {
		return db.wrap(err, "touch page %s", url)
	}
	return nil
}
