// Package sqlite is factcheck's store: runs, documents and their claims,
// fetched pages and their passages with a full-text index, results with
// their evidence, and editors' reviews, all in one SQLite file. It also
// gathers what a report shows about a run (DB.Report), for `factcheck
// report` and the review UI, whose store a *DB is.
//
// The database runs in WAL mode with a busy timeout and immediate write
// transactions, so that the nightly job, the review UI and a second process
// can share one file: writers queue instead of failing with "database is
// locked". The schema comes from migrations embedded in the binary.
//
// Build with -tags sqlite_fts5: without it SQLite has no FTS5 module and
// Open fails with "no such module: fts5".
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver

	"github.com/newsroom/factcheck"
)

// Sentinel errors; test for them with errors.Is.
var (
	// ErrNotFound is returned when a requested record does not exist.
	ErrNotFound = factcheck.ErrNotFound
	// ErrNotDatabase is returned when the file is not a SQLite database.
	ErrNotDatabase = errors.New("not a SQLite database")
	// ErrReadOnly is returned when a write reaches a database that can only
	// be read (file permissions, a read-only mount).
	ErrReadOnly = errors.New("database is read-only")
	// ErrDiskFull is returned when a write fails for lack of space.
	ErrDiskFull = errors.New("database or disk is full")
	// ErrSchemaTooNew is returned by Open when the database was migrated by
	// a newer build of factcheck than this one.
	ErrSchemaTooNew = errors.New("database schema is newer than this program")
)

// busyTimeout is how long a statement waits for another writer before it
// fails with "database is locked". Writes are short; ten seconds covers a
// queue of them.
const busyTimeout = 10 * time.Second

// DB is a handle on one store file. It is safe for concurrent use; several
// DBs, in one process or several, may open the same file.
type DB struct {
	db   *sql.DB
	path string
	// owner identifies this process in runs.owner ("host:pid").
	owner string
	// now is the clock for the times the store sets itself (first_seen,
	// computed_at); tests replace it.
	now func() time.Time
}

// Open opens the store at path, creating the file if it does not exist,
// and applies any migrations it has not seen yet. It fails with
// ErrNotDatabase when path is some other kind of file and ErrSchemaTooNew
// when a newer factcheck has migrated it. A read-only file that is up to
// date opens for reading; writes then fail with ErrReadOnly.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("open store: empty path")
	}
	if path == ":memory:" {
		// Each pooled connection would get its own empty database.
		return nil, errors.New("open store: :memory: is not supported, use a file")
	}
	name, err := dsn(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	sdb, err := sql.Open("sqlite3", name)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// A handful of idle connections saves re-running the connection
	// pragmas; writers serialise on SQLite's lock anyway.
	sdb.SetMaxIdleConns(16) // a run's workers reuse connections instead of opening new ones
	db := &DB{db: sdb, path: path, owner: processOwner(), now: time.Now}
	if err := connect(ctx, sdb); err != nil {
		sdb.Close()
		return nil, db.openError(err)
	}
	if err := db.migrate(ctx); err != nil {
		sdb.Close()
		return nil, db.openError(err)
	}
	if _, err := db.reindex(ctx); err != nil {
		if code, _ := sqliteCode(err); code != codeReadOnly {
			sdb.Close()
			return nil, db.openError(err)
		}
	}
	return db, nil
}

// connect opens the first connection, retrying while another connection is
// switching a new file to WAL mode: that switch needs an exclusive lock, and
// SQLite reports the conflict at once with SQLITE_BUSY instead of waiting
// in the busy handler. Once the file is in WAL mode the race is over.
func connect(ctx context.Context, sdb *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := sdb.PingContext(ctx)
		if code, _ := sqliteCode(err); code != codeBusy || time.Now().After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// openError wraps an error from Open with the path, classified like every
// other error of the store.
func (db *DB) openError(err error) error {
	if kind, withPath := classify(err); withPath {
		err = &fileError{kind: kind, err: err}
	}
	return fmt.Errorf("open store %s: %w", db.path, err)
}

// dsn builds a go-sqlite3 data source name for path. The path goes into a
// file: URI, made absolute and escaped, so that a '?', '#' or '%' in a
// file name is not read as URI syntax; go-sqlite3 reads its own
// _-prefixed parameters and SQLite ignores them.
func dsn(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	abs = filepath.ToSlash(abs)
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // a Windows drive letter: file:///C:/…
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	q.Set("_foreign_keys", "on")
	// BEGIN IMMEDIATE takes the write lock up front, where the busy timeout
	// applies; a deferred transaction that upgrades from read to write fails
	// at once with SQLITE_BUSY when another connection has written.
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String(), nil
}

// processOwner identifies the current process for runs.owner.
func processOwner() string {
	host, err := os.Hostname()
	if err != nil {
		host = "unknown"
	}
	return host + ":" + strconv.Itoa(os.Getpid())
}

// Close closes the store. Queries in flight finish first.
func (db *DB) Close() error {
	if err := db.db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", db.path, err)
	}
	return nil
}

// Path returns the file the store was opened from.
func (db *DB) Path() string { return db.path }

// Integrity runs SQLite's integrity and foreign-key checks over the whole
// file and checks the search index against the passages; it returns an
// error listing the first problems found. It needs a writable store.
func (db *DB) Integrity(ctx context.Context) error {
	var problems []string
	collect := func(query string, format func(*sql.Rows) (string, error)) error {
		rows, err := db.db.QueryContext(ctx, query)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := format(rows)
			if err != nil {
				return err
			}
			if p != "" && len(problems) < 20 {
				problems = append(problems, p)
			}
		}
		return rows.Err()
	}
	err := collect("PRAGMA integrity_check", func(rows *sql.Rows) (string, error) {
		var msg string
		if err := rows.Scan(&msg); err != nil || msg == "ok" {
			return "", err
		}
		return msg, nil
	})
	if err != nil {
		return db.wrap(err, "integrity check")
	}
	err = collect("PRAGMA foreign_key_check", func(rows *sql.Rows) (string, error) {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s row %d: missing %s", table, rowid.Int64, parent), nil
	})
	if err != nil {
		return db.wrap(err, "foreign key check")
	}
	// PRAGMA integrity_check does not compare an external-content FTS5
	// index with its content table; this command does (and only reads,
	// although SQLite treats it as a write).
	_, err = db.db.ExecContext(ctx, `INSERT INTO passages_fts (passages_fts, rank) VALUES ('integrity-check', 1)`)
	switch code, _ := sqliteCode(err); {
	case code == codeCorrupt:
		problems = append(problems, "search index passages_fts does not match passages"+
			" (rebuild: INSERT INTO passages_fts (passages_fts) VALUES ('rebuild'))")
	case err != nil:
		return db.wrap(err, "search index check")
	}
	if len(problems) > 0 {
		return fmt.Errorf("integrity check %s: %d problem(s): %q", db.path, len(problems), problems)
	}
	return nil
}

// withTx runs fn in one immediate transaction, committing when fn returns
// nil and rolling back otherwise. fn must do all its work through tx.
func (db *DB) withTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback() // the error from fn is the one that matters
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// wrap adds context to err: a lowercase description of the operation and,
// for errors about the database file itself (read-only, full, not a
// database, cannot be opened), the path and the matching sentinel error.
func (db *DB) wrap(err error, format string, args ...any) error {
	if kind, withPath := classify(err); withPath {
		err = &fileError{path: db.path, kind: kind, err: err}
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}

// fileError is an error about the database file: it names the file and
// matches both its sentinel kind (ErrReadOnly…) and the SQLite error.
type fileError struct {
	path string // empty when the message already names the file
	kind error  // nil when no sentinel applies
	err  error
}

func (e *fileError) Error() string {
	if e.path == "" {
		return e.err.Error()
	}
	return e.err.Error() + " (store " + e.path + ")"
}

func (e *fileError) Unwrap() []error {
	if e.kind == nil {
		return []error{e.err}
	}
	return []error{e.kind, e.err}
}

// classify maps SQLite result codes that concern the database file to a
// sentinel error (nil when there is none) and reports whether the error
// should name the file.
func classify(err error) (kind error, withPath bool) {
	var fe *fileError
	if errors.As(err, &fe) {
		return nil, false // already annotated further down
	}
	code, ok := sqliteCode(err)
	if !ok {
		return nil, false
	}
	switch code {
	case codeNotADB:
		return ErrNotDatabase, true
	case codeReadOnly:
		return ErrReadOnly, true
	case codeFull:
		return ErrDiskFull, true
	case codeCantOpen, codeCorrupt, codeIOErr, codePerm, codeBusy, codeLocked:
		return nil, true
	}
	return nil, false
}

// Primary SQLite result codes (https://sqlite.org/rescode.html), part of
// SQLite's stable interface.
const (
	codePerm     = 3
	codeBusy     = 5
	codeLocked   = 6
	codeReadOnly = 8
	codeIOErr    = 10
	codeCorrupt  = 11
	codeFull     = 13
	codeCantOpen = 14
	codeNotADB   = 26
)

// timeLayout is RFC 3339 with a fixed nine-digit fraction: unlike
// time.RFC3339Nano it never trims zeros, so text order is time order.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// timeArg converts t to its stored form: UTC RFC 3339 text, NULL when zero.
func timeArg(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a time stored by timeArg; NULL gives the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time: %w", err)
	}
	return t.UTC(), nil
}

// boolArg stores b as SQLite's 0 or 1.
func boolArg(b bool) int {
	if b {
		return 1
	}
	return 0
}

// jsonOrEmpty returns s, or an empty JSON object when s is empty, for the
// columns that hold caller-supplied JSON.
func jsonOrEmpty(s string) string {
	if s == "" {
		return "{}"
	}
	return s
}

// rowsAffected returns ErrNotFound when res changed no row.
func rowsAffected(res sql.Result) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
