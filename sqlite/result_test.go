package sqlite

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestSaveResult(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	doc, claims := testDoc("The alliance had 28 members in 2011 and 32 in 2024", "28", "32")
	if err := db.SaveDocument(t.Context(), "r1", "a.txt", doc, claims); err != nil {
		t.Fatal(err)
	}
	asOf := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)
	first := factcheck.Result{
		ClaimID: claims[1].ID, Verdict: factcheck.VerdictDisputed, Confidence: 0.5, Flagged: true,
		Evidence: []factcheck.Evidence{
			{ClaimID: claims[1].ID, PassageID: "p2", Source: "https://a", Quote: "28 members", Stance: factcheck.StanceRefutes, Value: "28", AsOf: asOf, Score: 3.5, Reason: "older count", Tentative: true},
			{ClaimID: claims[1].ID, PassageID: "p1", Source: "https://b", Quote: "32 members", Stance: factcheck.StanceSupports, Value: "32", Score: 7},
		},
	}
	final := factcheck.Result{
		ClaimID: claims[1].ID, Verdict: factcheck.VerdictSupported, Confidence: 0.9, Correction: "",
		Evidence: []factcheck.Evidence{
			{ClaimID: claims[1].ID, PassageID: "p1", Source: "https://b", Quote: "32 members", Stance: factcheck.StanceSupports, Value: "32", Score: 7},
		},
		LLM: &factcheck.LLMOpinion{Model: "m", Verdict: factcheck.VerdictSupported, Confidence: 0.8,
			EvidenceIDs: []string{"p1"}, Rationale: "«32 members»", Trusted: true},
	}
	// A resumed run saves again: the last save wins, nothing accumulates.
	for _, res := range []factcheck.Result{first, final, final} {
		if err := db.SaveResult(t.Context(), "r1", res); err != nil {
			t.Fatal(err)
		}
	}
	got, err := db.Result(t.Context(), "r1", claims[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(final, *got); diff != "" {
		t.Errorf("Result (-want +got):\n%s", diff)
	}

	unverified := factcheck.Result{ClaimID: claims[0].ID, Verdict: factcheck.VerdictUnverified, Flagged: true}
	if err := db.SaveResult(t.Context(), "r1", first); err != nil { // evidence order is kept
		t.Fatal(err)
	}
	if err := db.SaveResult(t.Context(), "r1", unverified); err != nil {
		t.Fatal(err)
	}
	all, err := db.Results(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]factcheck.Result{claims[1].ID: first, claims[0].ID: unverified}
	if diff := cmp.Diff(want, all); diff != "" {
		t.Errorf("Results (-want +got):\n%s", diff)
	}

	for _, tt := range []struct {
		run, claim string
		want       bool
	}{
		{"r1", claims[0].ID, true},
		{"r1", "nope", false},
		{"r2", claims[0].ID, false},
	} {
		if got, err := db.HasResult(t.Context(), tt.run, tt.claim); err != nil || got != tt.want {
			t.Errorf("HasResult(%s, %s) = %v, %v; want %v", tt.run, tt.claim, got, err, tt.want)
		}
	}
	if _, err := db.Result(t.Context(), "r1", "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Result(nope) = %v, want ErrNotFound", err)
	}
}

func TestSaveResultRefusesBadInput(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 0)
	doc, claims := testDoc("founded in 1949", "1949")
	if err := db.SaveDocument(t.Context(), "r1", "a.txt", doc, claims); err != nil {
		t.Fatal(err)
	}
	id := claims[0].ID
	ev := factcheck.Evidence{PassageID: "p1", Stance: factcheck.StanceSupports}
	for _, tt := range []struct {
		name string
		run  string
		res  factcheck.Result
	}{
		{"unknown claim", "r1", factcheck.Result{ClaimID: "nope", Verdict: factcheck.VerdictSupported}},
		{"unknown run", "r9", factcheck.Result{ClaimID: id, Verdict: factcheck.VerdictSupported}},
		{"unknown verdict", "r1", factcheck.Result{ClaimID: id, Verdict: "true"}},
		{"passage cited twice", "r1", factcheck.Result{ClaimID: id, Verdict: factcheck.VerdictSupported, Evidence: []factcheck.Evidence{ev, ev}}},
		{"evidence of another claim", "r1", factcheck.Result{ClaimID: id, Verdict: factcheck.VerdictSupported,
			Evidence: []factcheck.Evidence{{ClaimID: "other", PassageID: "p1", Stance: factcheck.StanceSupports}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if err := db.SaveResult(t.Context(), tt.run, tt.res); err == nil {
				t.Fatal("SaveResult succeeded")
			}
		})
	}
	if ok, err := db.HasResult(t.Context(), "r1", id); err != nil || ok {
		t.Errorf("a refused result was kept: %v, %v", ok, err)
	}
}
