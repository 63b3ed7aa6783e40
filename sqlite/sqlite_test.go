package sqlite

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-sqlite3"
	"github.com/newsroom/factcheck"
	"golang.org/x/sync/errgroup"
)

// openTestDB opens a store in a fresh file under t.TempDir and closes it
// when the test ends.
func openTestDB(t *testing.T) *DB {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "factcheck.db"))
}

// openAt opens the store at path and closes it when the test ends.
func openAt(t *testing.T, path string) *DB {
	t.Helper()
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return db
}

// testDoc returns a document with text and claims on the given spans of it,
// with ids derived like the claims package derives them.
func testDoc(text string, spans ...string) (factcheck.Document, []factcheck.Claim) {
	sum := sha256.Sum256([]byte(text))
	doc := factcheck.Document{ID: hex.EncodeToString(sum[:]), Title: "t", Lang: "ar", Text: text}
	var claims []factcheck.Claim
	for _, s := range spans {
		i := strings.Index(text, s)
		claims = append(claims, factcheck.Claim{
			ID:    fmt.Sprintf("%s:%d-%d", doc.ID[:12], i, i+len(s)),
			DocID: doc.ID, Kind: factcheck.KindYear, Span: s, Start: i, End: i + len(s),
			Value: "1949", Sentence: text, Terms: []string{"الحلف"},
		})
	}
	return doc, claims
}

// beginRun begins run id, started at the given minute of a fixed day.
func beginRun(t *testing.T, db *DB, id string, minute int) {
	t.Helper()
	r := factcheck.Run{ID: id, StartedAt: time.Date(2024, 7, 9, 10, minute, 0, 0, time.UTC)}
	if err := db.BeginRun(t.Context(), r, `{"llm":false}`); err != nil {
		t.Fatalf("BeginRun(%s): %v", id, err)
	}
}

func TestMigrationsNumbered(t *testing.T) {
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("no embedded migrations")
	}
}

func TestOpenReopenIsIdempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factcheck.db")
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		db, err := Open(t.Context(), path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := db.db.QueryRowContext(t.Context(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if got, want := n, len(ms); got != want {
			t.Errorf("open %d: %d migrations recorded, want %d", i, got, want)
		}
		if i == 0 {
			beginRun(t, db, "r1", 0)
		}
		if _, err := db.Run(t.Context(), "r1"); err != nil {
			t.Errorf("open %d: data lost: %v", i, err)
		}
		var mode string
		if err := db.db.QueryRowContext(t.Context(), `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" {
			t.Errorf("journal_mode = %q, want wal", mode)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenSchemaTooNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factcheck.db")
	db := openAt(t, path)
	if _, err := db.db.ExecContext(t.Context(),
		`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	_, err := Open(t.Context(), path)
	if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open = %v, want ErrSchemaTooNew naming %s", err, path)
	}
}

func TestOpenPathWithURISyntax(t *testing.T) {
	// '?', '#' and '%' are file name characters, not URI syntax.
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag%20", "store.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, path)
	beginRun(t, db, "r1", 0)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("store not created at the given path: %v", err)
	}
}

func TestOpenRelativePaths(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.Mkdir("sub", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"factcheck.db", "a:b.db", "./sub/x.db", "sub/../y.db"} {
		db := openAt(t, path)
		beginRun(t, db, "r1", 0)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("Open(%q) did not create it: %v", path, err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("this is not a database\n", 200)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		path string
		is   error // nil: any error naming the path
	}{
		{"not a database", notDB, ErrNotDatabase},
		{"directory", dir, nil},
		{"missing directory", filepath.Join(dir, "missing", "factcheck.db"), nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, err := Open(t.Context(), tt.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%s) succeeded", tt.path)
			}
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q does not name %s", err, tt.path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %q is not %v", err, tt.is)
			}
		})
	}
}

func TestReadOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factcheck.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	beginRun(t, db, "r1", 0)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	makeReadOnly(t, path)

	db = openAt(t, path) // up to date: opening only reads
	if _, err := db.Run(t.Context(), "r1"); err != nil {
		t.Fatalf("read from read-only store: %v", err)
	}
	err = db.BeginRun(t.Context(), factcheck.Run{ID: "r2"}, "")
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
		t.Fatalf("write to read-only store = %v, want ErrReadOnly naming %s", err, path)
	}
}

// makeReadOnly makes the file at path unwritable, even for root (through
// the immutable attribute), or skips the test when it cannot.
func makeReadOnly(t *testing.T, path string) {
	t.Helper()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return // permissions suffice
	}
	f.Close()
	// Running as root: permissions do not stop writes.
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s read-only as root: chattr: %v: %s", path, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("chattr", "-i", path).CombinedOutput(); err != nil {
			t.Errorf("chattr -i %s: %v: %s", path, err, out)
		}
	})
}

func TestDiskFull(t *testing.T) {
	db := openTestDB(t)
	// One connection, so that the page limit below applies to the write.
	db.db.SetMaxOpenConns(1)
	var pages int
	if err := db.db.QueryRowContext(t.Context(), `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(t.Context(), fmt.Sprintf(`PRAGMA max_page_count = %d`, pages)); err != nil {
		t.Fatal(err)
	}
	page := factcheck.Page{URL: "https://example.org/big", Body: make([]byte, 1<<20)}
	err := db.SavePage(t.Context(), page, nil)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), db.Path()) {
		t.Fatalf("SavePage on a full store = %v, want ErrDiskFull naming %s", err, db.Path())
	}
}

func TestConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factcheck.db")
	// Two handles (as two processes would have) opening a fresh file at
	// once: both race to create the schema.
	var dbs [2]*DB
	var g errgroup.Group
	for i := range dbs {
		g.Go(func() error {
			db, err := Open(t.Context(), path)
			dbs[i] = db
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatalf("concurrent Open: %v", err)
	}
	for _, db := range dbs {
		t.Cleanup(func() { db.Close() })
	}
	beginRun(t, dbs[0], "r1", 0)

	const writers, writes = 4, 50
	for w := range writers {
		db := dbs[w%len(dbs)]
		g.Go(func() error {
			for i := range writes {
				doc, claims := testDoc(fmt.Sprintf("تأسس الحلف عام 1949 (%d/%d)", w, i), "1949")
				source := fmt.Sprintf("w%d/%d.txt", w, i)
				if err := db.SaveDocument(t.Context(), "r1", source, doc, claims); err != nil {
					return err
				}
				if err := db.SaveResult(t.Context(), "r1", factcheck.Result{ClaimID: claims[0].ID, Verdict: factcheck.VerdictSupported}); err != nil {
					return err
				}
				if err := db.AddReview(t.Context(), factcheck.Review{ClaimID: claims[0].ID, Decision: factcheck.DecisionDismissed}); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatalf("concurrent writes: %v", err)
	}
	inputs, err := dbs[1].RunInputs(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	results, err := dbs[0].Results(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(inputs), writers*writes; got != want {
		t.Errorf("%d inputs, want %d", got, want)
	}
	if got, want := len(results), writers*writes; got != want {
		t.Errorf("%d results, want %d", got, want)
	}
}

func TestIntegrity(t *testing.T) {
	db := openTestDB(t)
	seedPage(t, db, "https://example.org/nato", "NATO", "تأسس الحِلْف عام 1949", "The alliance has 32 members")
	if err := db.Integrity(t.Context()); err != nil {
		t.Fatal(err)
	}
	// Desynchronise the search index behind the store's back.
	if _, err := db.db.ExecContext(t.Context(), `DROP TRIGGER passages_fts_delete`); err != nil {
		t.Fatal(err)
	}
	seedPage(t, db, "https://example.org/nato", "NATO", "replaced")
	if err := db.Integrity(t.Context()); err == nil || !strings.Contains(err.Error(), "search index") {
		t.Fatalf("Integrity after desync = %v, want a search index problem", err)
	}
}

func TestWrapClassifiesFileErrors(t *testing.T) {
	db := &DB{path: "/data/factcheck.db"}
	for _, tt := range []struct {
		err      error
		is       error // nil: no sentinel
		withPath bool
	}{
		{sqlite3.Error{Code: sqlite3.ErrReadonly}, ErrReadOnly, true},
		{sqlite3.Error{Code: sqlite3.ErrFull}, ErrDiskFull, true},
		{sqlite3.Error{Code: sqlite3.ErrNotADB}, ErrNotDatabase, true},
		{sqlite3.Error{Code: sqlite3.ErrCantOpen}, nil, true},
		{sqlite3.Error{Code: sqlite3.ErrConstraint}, nil, false},
		{ErrNotFound, ErrNotFound, false},
	} {
		t.Run(tt.err.Error(), func(t *testing.T) {
			err := db.wrap(fmt.Errorf("commit: %w", tt.err), "save page %s", "https://x")
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("%v is not %v", err, tt.is)
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("%v does not wrap %v", err, tt.err)
			}
			if got := strings.Contains(err.Error(), db.path); got != tt.withPath {
				t.Errorf("%q names the path: %v, want %v", err, got, tt.withPath)
			}
			// Wrapping again at an outer boundary does not repeat the path.
			if again := db.wrap(err, "run"); strings.Count(again.Error(), db.path) > 1 {
				t.Errorf("wrapped twice: %q", again)
			}
		})
	}
}

func TestResultCodesMatchDriver(t *testing.T) {
	for _, tt := range []struct {
		ours   int
		driver sqlite3.ErrNo
	}{
		{codePerm, sqlite3.ErrPerm}, {codeBusy, sqlite3.ErrBusy}, {codeLocked, sqlite3.ErrLocked},
		{codeReadOnly, sqlite3.ErrReadonly}, {codeIOErr, sqlite3.ErrIoErr}, {codeCorrupt, sqlite3.ErrCorrupt},
		{codeFull, sqlite3.ErrFull}, {codeCantOpen, sqlite3.ErrCantOpen}, {codeNotADB, sqlite3.ErrNotADB},
	} {
		if tt.ours != int(tt.driver) {
			t.Errorf("code %d, driver says %d (%v)", tt.ours, int(tt.driver), tt.driver)
		}
	}
}
