package sqlite

import (
	"path/filepath"
	"testing"

	"github.com/newsroom/factcheck/textnorm"
)

// TestReindexOnOpen stores a passage, makes its index text what an older
// stemmer made, and checks that opening the store again rebuilds it, so the
// passage is found by the new stems, and that a current store is left alone.
func TestReindexOnOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fc.db")
	db := openAt(t, path)
	seedPage(t, db, "https://example.org/beirut", "لبنان", "وصل الوفد إلى بيروت في 4 آب/أغسطس 2020.")
	stale := "لبنان وصل وفد يرو 4 اب اغسطس 2020" // بيروت stemmed as بيرو, Peru
	if _, err := db.db.ExecContext(t.Context(), `UPDATE passages SET norm = ?`, stale); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(t.Context(), `UPDATE index_version SET version = 1`); err != nil {
		t.Fatal(err)
	}
	if got, err := db.SearchTerms(t.Context(), textnorm.Terms("بيروت"), 10); err != nil || len(got) != 0 {
		t.Fatalf("stale index: SearchTerms(بيروت) = %d passages, %v; want none", len(got), err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, path)
	got, err := db.SearchTerms(t.Context(), textnorm.Terms("بيروت"), 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("after reopening: SearchTerms(بيروت) = %d passages, %v; want 1", len(got), err)
	}
	var version int
	if err := db.db.QueryRowContext(t.Context(), `SELECT version FROM index_version`).Scan(&version); err != nil || version != textnorm.IndexVersion {
		t.Errorf("index version %d (%v), want %d", version, err, textnorm.IndexVersion)
	}
	if n, err := db.reindex(t.Context()); err != nil || n != 0 {
		t.Errorf("reindex of a current store rewrote %d passages (%v), want 0", n, err)
	}
}
