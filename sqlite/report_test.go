package sqlite

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/reports"
)

func TestReportPicksRun(t *testing.T) {
	type run struct {
		id     string
		minute int // of the start, see beginRun
		status factcheck.RunStatus
	}
	const (
		running     = factcheck.RunRunning
		complete    = factcheck.RunComplete
		interrupted = factcheck.RunInterrupted
		failed      = factcheck.RunFailed
	)
	for _, tt := range []struct {
		name   string
		runs   []run  // in the order they are begun
		review string // the run Report picks for an empty id; "" for none
		latest string // the run LatestReport picks
	}{
		{"no run", nil, "", ""},
		{"one complete", []run{{"a", 1, complete}}, "a", "a"},
		{"running after complete", []run{{"a", 1, complete}, {"b", 2, running}}, "a", "b"},
		{"cut short after complete", []run{{"a", 1, complete}, {"b", 2, interrupted}, {"c", 3, failed}}, "a", "c"},
		{"latest complete", []run{{"a", 1, complete}, {"b", 2, complete}, {"c", 3, failed}}, "b", "c"},
		{"none complete", []run{{"a", 1, failed}, {"b", 3, running}, {"c", 2, interrupted}}, "b", "b"},
		{"by start, not by insertion", []run{{"b", 2, complete}, {"a", 1, complete}}, "b", "b"},
		{"same start: begun last", []run{{"a", 1, complete}, {"b", 1, complete}}, "b", "b"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := openTestDB(t)
			for _, r := range tt.runs {
				beginRun(t, db, r.id, r.minute)
				if r.status == running {
					continue
				}
				end := time.Date(2024, 7, 9, 11, r.minute, 0, 0, time.UTC)
				if err := db.FinishRun(t.Context(), r.id, r.status, end, ""); err != nil {
					t.Fatal(err)
				}
			}
			for _, get := range []struct {
				name   string
				report func() (*reports.Report, error)
				want   string
			}{
				{`Report("")`, func() (*reports.Report, error) { return db.Report(t.Context(), "") }, tt.review},
				{"LatestReport", func() (*reports.Report, error) { return db.LatestReport(t.Context()) }, tt.latest},
			} {
				rep, err := get.report()
				switch {
				case get.want == "":
					if !errors.Is(err, ErrNotFound) {
						t.Errorf("%s = %v, %v; want ErrNotFound", get.name, rep, err)
					}
				case err != nil:
					t.Errorf("%s: %v", get.name, err)
				case rep.Run.ID != get.want:
					t.Errorf("%s picked run %s, want %s", get.name, rep.Run.ID, get.want)
				}
			}
		})
	}
}

func TestReportOfRun(t *testing.T) {
	db := openTestDB(t)
	beginRun(t, db, "r1", 1)
	if rep, err := db.Report(t.Context(), "r1"); err != nil || rep.Run.ID != "r1" || rep.Run.Status != factcheck.RunRunning {
		t.Errorf(`Report("r1") = %+v, %v; want run r1, running`, rep, err)
	}
	_, err := db.Report(t.Context(), "nosuch")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"nosuch"`) {
		t.Errorf(`Report("nosuch") = %v, want ErrNotFound naming the run`, err)
	}
}

func TestReportContents(t *testing.T) {
	ctx := t.Context()
	db := openTestDB(t)
	at := time.Date(2024, 7, 10, 9, 0, 0, 0, time.UTC)
	doc, cs := testDoc("تأسس الحلف عام 1949، وانضمت إليه السويد عام 2024.", "1949", "2024")
	doc.Date = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)
	const (
		article = "articles/nato.txt"
		missing = "articles/missing.txt"
		later   = "articles/later.txt"
	)

	// Run r1 lists three articles, checks one, fails to read another and
	// is cut short before the third: its second claim has no result.
	beginRun(t, db, "r1", 1)
	for _, in := range []string{article, missing, later} {
		if err := db.AddRunInput(ctx, "r1", in); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveDocument(ctx, "r1", article, doc, cs); err != nil {
		t.Fatal(err)
	}
	r1 := factcheck.Result{ClaimID: cs[0].ID, Verdict: factcheck.VerdictSupported, Confidence: 0.9,
		Evidence: []factcheck.Evidence{{ClaimID: cs[0].ID, PassageID: "p1", Source: "https://example.org/nato",
			Quote: "تأسس الحلف عام 1949", Stance: factcheck.StanceSupports, Value: "1949", AsOf: doc.Date, Score: 2.5, Reason: "same year"}},
		LLM: &factcheck.LLMOpinion{Model: "m", Verdict: factcheck.VerdictSupported, Confidence: 0.8, EvidenceIDs: []string{"p1"}, Trusted: true}}
	if err := db.SaveResults(ctx, "r1", []factcheck.Result{r1}); err != nil {
		t.Fatal(err)
	}
	if err := db.FailInput(ctx, "r1", missing, "open articles/missing.txt: no such file"); err != nil {
		t.Fatal(err)
	}
	r1End := time.Date(2024, 7, 9, 10, 1, 30, 0, time.UTC)
	if err := db.FinishRun(ctx, "r1", factcheck.RunInterrupted, r1End, ""); err != nil {
		t.Fatal(err)
	}

	// Run r2 checks the unchanged article again and judges it otherwise.
	beginRun(t, db, "r2", 2)
	if err := db.AddRunInput(ctx, "r2", article); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDocument(ctx, "r2", article, doc, cs); err != nil {
		t.Fatal(err)
	}
	r2 := []factcheck.Result{
		{ClaimID: cs[0].ID, Verdict: factcheck.VerdictDisputed, Confidence: 0.5, Flagged: true},
		{ClaimID: cs[1].ID, Verdict: factcheck.VerdictRefuted, Confidence: 0.95, Flagged: true, Correction: "2023"},
	}
	if err := db.SaveResults(ctx, "r2", r2); err != nil {
		t.Fatal(err)
	}
	if err := db.SetInputStatus(ctx, "r2", article, InputVerified); err != nil {
		t.Fatal(err)
	}
	r2End := time.Date(2024, 7, 9, 10, 2, 30, 0, time.UTC)
	if err := db.FinishRun(ctx, "r2", factcheck.RunComplete, r2End, ""); err != nil {
		t.Fatal(err)
	}

	// Decisions belong to claims, not runs: every run's report shows them.
	reviews := []factcheck.Review{
		{ClaimID: cs[1].ID, Decision: factcheck.DecisionNeedsResearch, Note: "which month?", By: "lina", At: at},
		{ClaimID: "gone", Decision: factcheck.DecisionDismissed, By: "omar", At: at},
		{ClaimID: cs[1].ID, Decision: factcheck.DecisionConfirmedError, Note: "2023, not 2024", By: "omar", At: at.Add(time.Hour)},
	}
	for _, r := range reviews {
		if err := db.AddReview(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	history := []factcheck.Review{reviews[0], reviews[2]}
	document := func(claims ...reports.Claim) []reports.Document {
		return []reports.Document{{Source: article, Title: doc.Title, Lang: doc.Lang, Date: doc.Date, Text: doc.Text, Claims: claims}}
	}
	wantR1 := &reports.Report{
		Run: factcheck.Run{ID: "r1", Status: factcheck.RunInterrupted, StartedAt: time.Date(2024, 7, 9, 10, 1, 0, 0, time.UTC), FinishedAt: r1End},
		Documents: document(
			reports.Claim{Claim: cs[0], Result: &r1},
			reports.Claim{Claim: cs[1], Review: &history[1], History: history},
		),
		Failed: []reports.Failure{{Source: missing, Error: "open articles/missing.txt: no such file"}},
	}
	wantR2 := &reports.Report{
		Run: factcheck.Run{ID: "r2", Status: factcheck.RunComplete, StartedAt: time.Date(2024, 7, 9, 10, 2, 0, 0, time.UTC), FinishedAt: r2End},
		Documents: document(
			reports.Claim{Claim: cs[0], Result: &r2[0]},
			reports.Claim{Claim: cs[1], Result: &r2[1], Review: &history[1], History: history},
		),
	}
	for _, tt := range []struct {
		runID string
		want  *reports.Report
	}{
		{"r1", wantR1},
		{"r2", wantR2},
		{"", wantR2},
	} {
		got, err := db.Report(ctx, tt.runID)
		if err != nil {
			t.Fatalf("Report(%q): %v", tt.runID, err)
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Report(%q) (-want +got):\n%s", tt.runID, diff)
		}
	}
}
