package sqlite

import (
	"testing"
	"time"

	"github.com/newsroom/factcheck"
)

// TestCopyResults: an article verified by the run just before, with the
// same judge key, has its results and evidence copied; another key, or a
// run in between, means judging again.
func TestCopyResults(t *testing.T) {
	ctx := t.Context()
	db := openAt(t, t.TempDir()+"/fc.db")
	doc := factcheck.Document{ID: "d1", Source: "a.txt", Text: "عام 1949", Lang: "ar"}
	claim := factcheck.Claim{ID: "c1", DocID: "d1", Kind: factcheck.KindYear, Span: "عام 1949", End: 11, Value: "1949"}
	begin := func(id string, at time.Time) {
		t.Helper()
		if err := db.BeginRun(ctx, factcheck.Run{ID: id, Status: factcheck.RunRunning, StartedAt: at}, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.AddRunInput(ctx, id, "a.txt"); err != nil {
			t.Fatal(err)
		}
		if err := db.SaveDocument(ctx, id, "a.txt", doc, []factcheck.Claim{claim}); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	begin("r1", t0)
	res := factcheck.Result{ClaimID: "c1", Verdict: factcheck.VerdictSupported, Confidence: 0.9,
		Evidence: []factcheck.Evidence{
			{PassageID: "p1", Source: "ref.html", Quote: "1949", Stance: factcheck.StanceSupports, Value: "1949"},
			{PassageID: "p2", Source: "ref.html", Quote: "1950", Stance: factcheck.StanceRefutes, Value: "1950", Tentative: true},
		}}
	if err := db.SaveResults(ctx, "r1", []factcheck.Result{res}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetJudgeKey(ctx, "r1", "a.txt", "k"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetInputStatus(ctx, "r1", "a.txt", InputVerified); err != nil {
		t.Fatal(err)
	}
	begin("r2", t0.Add(time.Hour))
	for _, tt := range []struct {
		key  string
		want bool
	}{{"k", true}, {"other", false}, {"", false}} {
		from, ok, err := db.PreviousResults(ctx, "r2", "d1", tt.key)
		if err != nil || ok != tt.want || ok && from != "r1" {
			t.Errorf("PreviousResults(key %q) = %q, %v, %v; want ok=%v", tt.key, from, ok, err, tt.want)
		}
	}
	copied, err := db.CopyResults(ctx, "r1", "r2", "d1")
	if err != nil || len(copied) != 1 || copied[0].Verdict != factcheck.VerdictSupported {
		t.Fatalf("CopyResults = %+v, %v", copied, err)
	}
	got, err := db.Result(ctx, "r2", "c1")
	if err != nil || got.Confidence != 0.9 || len(got.Evidence) != 2 || got.Evidence[0].Quote != "1949" || !got.Evidence[1].Tentative {
		t.Errorf("copied result = %+v, %v", got, err)
	}
	if _, err := db.CopyResults(ctx, "r1", "r2", "d1"); err != nil {
		t.Errorf("copying again: %v", err)
	}
	begin("r3", t0.Add(2*time.Hour)) // r2 did not verify the article
	if _, ok, _ := db.PreviousResults(ctx, "r3", "d1", "k"); ok {
		t.Errorf("results offered from a run that did not verify the article")
	}
}
