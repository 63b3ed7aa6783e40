package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/articles"
	"github.com/newsroom/factcheck/sources"
	"github.com/newsroom/factcheck/sqlite"
)

// pageSources reads reference pages from disk with the sources package.
type pageSources struct{ *sources.Fetcher }

func (pageSources) Passages(p *factcheck.Page) ([]factcheck.Passage, error) {
	return sources.Passages(p)
}

// fullStore is a real store whose page writes fail as on a full disk.
type fullStore struct{ *sqlite.DB }

var errDiskFull = errors.New("database or disk is full")

func (fullStore) SavePage(context.Context, factcheck.Page, []factcheck.Passage) error {
	return errDiskFull
}

// TestStoreFailureFailsTheRun: a source that cannot be read fails alone,
// but a store that cannot keep a page fails the run at once, naming the
// cause, instead of counting every source as failed.
func TestStoreFailureFailsTheRun(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "nato.html")
	if err := os.WriteFile(page, []byte("<html><body><h1>NATO</h1><p>NATO was founded on 4 April 1949.</p></body></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("NATO\n\nNATO was founded in 1949.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		full    bool
		sources []string
		wantErr error
		failed  int
	}{
		{"a missing source fails alone", false, []string{page, filepath.Join(dir, "missing.html")}, nil, 1},
		{"a full store fails the run", true, []string{page}, errDiskFull, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "fc.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var store factcheck.Store = db
			if tt.full {
				store = fullStore{db}
			}
			if err := db.BeginRun(t.Context(), factcheck.Run{ID: "r", Status: factcheck.RunRunning, StartedAt: time.Now()}, ""); err != nil {
				t.Fatal(err)
			}
			p := &Pipeline{Store: store, Sources: pageSources{sources.New(sources.Config{})}, Articles: articles.Reader{}, Judge: &Judge{}}
			sum, err := p.Run(t.Context(), "r", []string{article}, tt.sources)
			if !errors.Is(err, tt.wantErr) || err != nil && !strings.Contains(err.Error(), page) {
				t.Fatalf("Run error = %v, want %v naming %s", err, tt.wantErr, page)
			}
			if sum.SourcesFailed != tt.failed {
				t.Errorf("sources failed = %d, want %d", sum.SourcesFailed, tt.failed)
			}
		})
	}
}
