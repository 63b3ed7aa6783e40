package sqlite

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestSaveDocument(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	beginRun(t, db, "r2", 1)
	text := "تأسس حلف شمال الأطلسي عام 1949م، وضم 12 دولة."
	doc, claims := testDoc(text, "12 دولة", "عام 1949م") // out of text order on purpose
	doc.Date = time.Date(2024, 7, 9, 0, 0, 0, 0, time.UTC)
	claims[0].Kind, claims[0].Value, claims[0].Unit = factcheck.KindCount, "12", "دولة"
	claims[0].Qualifier, claims[0].Relative, claims[0].Terms = factcheck.QualAbout, true, nil

	if err := db.AddRunInput(t.Context(), "r1", "a.txt"); err != nil {
		t.Fatal(err)
	}
	for range 2 { // saving twice adds nothing
		if err := db.SaveDocument(t.Context(), "r1", "a.txt", doc, claims); err != nil {
			t.Fatal(err)
		}
	}
	// The same text read by a later run under another name.
	if err := db.SaveDocument(t.Context(), "r2", "copy/a.txt", factcheck.Document{ID: doc.ID, Text: text}, claims); err != nil {
		t.Fatal(err)
	}

	var n int
	if err := db.db.QueryRowContext(t.Context(), `SELECT count(*) FROM claims`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d claims stored, want 2", n)
	}
	got, err := db.Claims(t.Context(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []factcheck.Claim{claims[1], claims[0]} // text order
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Claims (-want +got):\n%s", diff)
	}
	c, err := db.Claim(t.Context(), claims[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(claims[0], *c); diff != "" {
		t.Errorf("Claim (-want +got):\n%s", diff)
	}
	if text[c.Start:c.End] != c.Span {
		t.Errorf("offsets %d:%d give %q, want %q", c.Start, c.End, text[c.Start:c.End], c.Span)
	}

	d, err := db.Document(t.Context(), doc.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The second save had no title, language or date: the stored ones stay;
	// Source is where the text was first read.
	doc.Source = "a.txt"
	if diff := cmp.Diff(doc, *d); diff != "" {
		t.Errorf("Document (-want +got):\n%s", diff)
	}

	for _, id := range []string{"nope"} {
		if _, err := db.Document(t.Context(), id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Document(%s) = %v, want ErrNotFound", id, err)
		}
		if _, err := db.Claim(t.Context(), id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Claim(%s) = %v, want ErrNotFound", id, err)
		}
	}
}

func TestSaveDocumentValidates(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	doc, claims := testDoc("in 1949", "1949")
	other, _ := testDoc("something else")
	for _, tt := range []struct {
		name   string
		runID  string
		doc    factcheck.Document
		claims []factcheck.Claim
	}{
		{"empty document id", "r1", factcheck.Document{Text: "x"}, nil},
		{"claim of another document", "r1", other, claims},
		{"claim without id", "r1", doc, []factcheck.Claim{{Span: "1949"}}},
		{"unknown run", "r9", doc, claims},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.SaveDocument(t.Context(), tt.runID, "a.txt", tt.doc, tt.claims); err == nil {
				t.Fatal("SaveDocument succeeded")
			}
		})
	}
	// Nothing of the refused saves was kept.
	if _, err := db.Document(t.Context(), doc.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document after refused saves = %v, want ErrNotFound", err)
	}
}

func TestRunInputs(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	doc, claims := testDoc("founded in 1949", "1949")
	steps := []func() error{
		func() error { return db.AddRunInput(t.Context(), "r1", "b.txt") },
		func() error { return db.AddRunInput(t.Context(), "r1", "a.txt") },
		func() error { return db.AddRunInput(t.Context(), "r1", "https://example.org/c") },
		func() error { return db.SaveDocument(t.Context(), "r1", "a.txt", doc, claims) },
		func() error { return db.SetInputStatus(t.Context(), "r1", "a.txt", InputVerified) },
		func() error { return db.FailInput(t.Context(), "r1", "https://example.org/c", "404 Not Found") },
		func() error { return db.FailInput(t.Context(), "r1", "d.txt", "permission denied") }, // never added
		func() error { return db.AddRunInput(t.Context(), "r1", "a.txt") },                    // resume: no change
	}
	for i, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	got, err := db.RunInputs(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	want := []RunInput{
		{Source: "b.txt", Status: InputPending},
		{Source: "a.txt", DocID: doc.ID, Status: InputVerified},
		{Source: "https://example.org/c", Status: InputFailed, Error: "404 Not Found"},
		{Source: "d.txt", Status: InputFailed, Error: "permission denied"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("RunInputs (-want +got):\n%s", diff)
	}

	if err := db.SetInputStatus(t.Context(), "r1", "nope.txt", InputVerified); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetInputStatus(unknown input) = %v, want ErrNotFound", err)
	}
	if err := db.SetInputStatus(t.Context(), "r1", "a.txt", "done"); err == nil {
		t.Error("SetInputStatus accepted an unknown status")
	}
	if err := db.AddRunInput(t.Context(), "r9", "a.txt"); err == nil {
		t.Error("AddRunInput accepted an unknown run")
	}
}
