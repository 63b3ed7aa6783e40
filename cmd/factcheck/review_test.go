package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reviewItem is the part of a `review list --json` line the tests read.
type reviewItem struct {
	ID         string `json:"id"`
	Source     string `json:"source"`
	Kind       string `json:"kind"`
	Span       string `json:"span"`
	Value      string `json:"value"`
	Verdict    string `json:"verdict"`
	Correction string `json:"correction"`
	Flagged    bool   `json:"flagged"`
	Review     *struct {
		Decision string `json:"decision"`
		Note     string `json:"note"`
		By       string `json:"by"`
		At       string `json:"at"`
	} `json:"review"`
}

// reviewArticles copies the review test articles into a fresh directory,
// so that a test can edit them, and returns it.
func reviewArticles(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"en_alliance.txt", "ar_alliance.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata/review/articles", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runReviewPipeline runs the real pipeline on the articles in dir against
// the tiny reference pack of testdata/review, flagging unverified claims
// too so that the queue has several rows.
func runReviewPipeline(t *testing.T, db, dir string) {
	t.Helper()
	code, out, errOut := runCmd(t, "run", "--db", db, "--flag-unverified",
		"--sources", "testdata/review/reference", "--aliases", "testdata/review/aliases.txt", dir)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
}

// reviewFixture returns a database with one run over the review articles,
// and the directory of the articles.
func reviewFixture(t *testing.T) (db, dir string) {
	t.Helper()
	dir = reviewArticles(t)
	db = filepath.Join(t.TempDir(), "fc.db")
	runReviewPipeline(t, db, dir)
	return db, dir
}

func listReview(t *testing.T, db string, args ...string) []reviewItem {
	t.Helper()
	code, out, errOut := runCmd(t, append([]string{"review", "list", "--db", db, "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("review list --json: exit %d: %s", code, errOut)
	}
	var items []reviewItem
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var it reviewItem
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatalf("review list --json: line %q: %v", line, err)
		}
		items = append(items, it)
	}
	return items
}

// findSpan returns the item with the given span, failing the test when
// there is none.
func findSpan(t *testing.T, items []reviewItem, span string) reviewItem {
	t.Helper()
	for _, it := range items {
		if it.Span == span {
			return it
		}
	}
	t.Fatalf("no claim %q among %+v", span, items)
	return reviewItem{}
}

// reportClaim is a claim of `report --json` with its review and history.
type reportClaim struct {
	ID     string `json:"id"`
	Span   string `json:"span"`
	Review *struct {
		Decision string `json:"decision"`
		By       string `json:"by"`
	} `json:"review"`
	History []struct {
		Decision string `json:"decision"`
	} `json:"review_history"`
}

func reportClaims(t *testing.T, db string) (runID string, claims []reportClaim) {
	t.Helper()
	code, out, errOut := runCmd(t, "report", "--db", db, "--json")
	if code != exitOK {
		t.Fatalf("report --json: exit %d: %s", code, errOut)
	}
	var r struct {
		Run struct {
			ID string `json:"id"`
		} `json:"run"`
		Documents []struct {
			Claims []reportClaim `json:"claims"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	for _, d := range r.Documents {
		claims = append(claims, d.Claims...)
	}
	return r.Run.ID, claims
}

func TestReviewCommands(t *testing.T) {
	db, _ := reviewFixture(t)

	items := listReview(t, db)
	if len(items) < 2 {
		t.Fatalf("review list: %d flagged claims, want at least 2: %+v", len(items), items)
	}
	for _, it := range items {
		if !it.Flagged || it.ID == "" || it.Source == "" || it.Kind == "" || it.Verdict == "" || it.Review != nil {
			t.Errorf("review list item %+v: want a flagged, unreviewed claim with id, source, kind and verdict", it)
		}
	}
	sweden := findSpan(t, items, "7 March 2023")
	if sweden.Verdict != "refuted" || sweden.Correction != "2024-03-07" || items[0].Verdict != "refuted" {
		t.Errorf("7 March 2023: %+v; want refuted with correction 2024-03-07, listed among the first", sweden)
	}
	all := listReview(t, db, "--all")
	if len(all) <= len(items) {
		t.Errorf("review list --all: %d claims, want more than the %d flagged", len(all), len(items))
	}
	for i, it := range all {
		if it.Flagged != (i < len(items)) {
			t.Errorf("review list --all: flagged claims are not first (%d: %+v)", i, it)
			break
		}
	}

	for _, tt := range []struct {
		args []string
		want int
		msg  string
	}{
		{[]string{"review"}, exitUsage, "usage"},
		{[]string{"review", "nosuch"}, exitUsage, "nosuch"},
		{[]string{"review", "set", "--db", db, sweden.ID}, exitUsage, "--decision"},
		{[]string{"review", "set", "--db", db, sweden.ID, "--decision", "wrong"}, exitUsage, `"wrong"`},
		{[]string{"review", "set", "--db", db, sweden.ID, "--decision", "dismissed", "--by", strings.Repeat("x", 81)}, exitUsage, "name"},
		{[]string{"review", "set", "--db", db, "0123456789abcdef0123", "--decision", "dismissed", "--by", "lina"}, exitRunFailed, "0123456789abcdef0123"},
		{[]string{"review", "show", "--db", db, "0123456789abcdef0123"}, exitRunFailed, "0123456789abcdef0123"},
		{[]string{"review", "list", "--db", filepath.Join(t.TempDir(), "none.db")}, exitRunFailed, "none.db"},
	} {
		code, _, errOut := runCmd(t, tt.args...)
		if code != tt.want || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want exit %d naming %s", tt.args, code, errOut, tt.want, tt.msg)
		}
	}

	// Flags may follow the id; the name defaults to FACTCHECK_EDITOR.
	t.Setenv("FACTCHECK_EDITOR", "omar")
	if code, out, errOut := runCmd(t, "review", "set", sweden.ID, "--db", db, "--decision", "needs_research", "--note", "ask the desk"); code != exitOK || !strings.Contains(out, "needs_research") {
		t.Fatalf("review set: exit %d: %s %s", code, out, errOut)
	}
	if code, _, errOut := runCmd(t, "review", "set", "--db", db, "--by", "lina", sweden.ID, "--decision", "confirmed_error", "--note", "Sweden joined on 7 March 2024"); code != exitOK {
		t.Fatalf("review set: exit %d: %s", code, errOut)
	}

	got := findSpan(t, listReview(t, db), "7 March 2023")
	if got.Review == nil || got.Review.Decision != "confirmed_error" || got.Review.By != "lina" || got.Review.At == "" {
		t.Errorf("review list after set: review %+v, want confirmed_error by lina", got.Review)
	}

	// The history is append-only and visible, oldest first.
	code, out, _ := runCmd(t, "review", "show", "--db", db, sweden.ID)
	i, j := strings.Index(out, "needs_research by omar: ask the desk"), strings.Index(out, "confirmed_error by lina: Sweden joined on 7 March 2024")
	if code != exitOK || i < 0 || j < i || !strings.Contains(out, "correction: 2024-03-07") || !strings.Contains(out, "refutes testdata/review/reference/") {
		t.Errorf("review show: exit %d, want both decisions oldest first with the correction and evidence:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "review", "show", "--db", db, "--json", sweden.ID)
	var shown struct {
		ID       string `json:"id"`
		InRun    bool   `json:"in_run"`
		Evidence []any  `json:"evidence"`
		History  []struct {
			Decision string `json:"decision"`
		} `json:"history"`
	}
	if err := json.Unmarshal([]byte(out), &shown); code != exitOK || err != nil || shown.ID != sweden.ID || !shown.InRun ||
		len(shown.Evidence) == 0 || len(shown.History) != 2 || shown.History[0].Decision != "needs_research" {
		t.Errorf("review show --json: exit %d, %v: %+v", code, err, shown)
	}

	// The report shows the latest decision and keeps the history.
	_, claims := reportClaims(t, db)
	for _, c := range claims {
		if c.ID != sweden.ID {
			continue
		}
		if c.Review == nil || c.Review.Decision != "confirmed_error" || len(c.History) != 2 {
			t.Errorf("report --json: review %+v, history %+v", c.Review, c.History)
		}
	}
	if code, out, _ := runCmd(t, "report", "--db", db, "--html"); code != exitOK || !strings.Contains(out, "reviewed: confirmed_error") ||
		!strings.Contains(out, "<strong>confirmed_error</strong> by lina") {
		t.Errorf("report --html does not show the decision (exit %d)", code)
	}
	if code, out, _ := runCmd(t, "review", "list", "--db", db); code != exitOK || !strings.Contains(out, "confirmed_error by lina") ||
		!strings.Contains(out, "1 reviewed") {
		t.Errorf("review list: exit %d:\n%s", code, out)
	}
}

func TestReviewSurvivesReruns(t *testing.T) {
	db, dir := reviewFixture(t)
	items := listReview(t, db)
	sweden := findSpan(t, items, "7 March 2023")
	var arabic reviewItem
	for _, it := range items {
		if strings.HasSuffix(it.Source, "ar_alliance.txt") {
			arabic = it
			break
		}
	}
	if arabic.ID == "" {
		t.Fatalf("no flagged claim in the Arabic article: %+v", items)
	}
	for _, id := range []string{sweden.ID, arabic.ID} {
		if code, _, errOut := runCmd(t, "review", "set", "--db", db, id, "--decision", "confirmed_error", "--by", "lina"); code != exitOK {
			t.Fatalf("review set %s: %s", id, errOut)
		}
	}
	firstRun, _ := reportClaims(t, db)

	// The same articles again: same claim ids, same decisions.
	runReviewPipeline(t, db, dir)
	secondRun, claims := reportClaims(t, db)
	if secondRun == firstRun {
		t.Fatalf("report still shows run %s after a second run", firstRun)
	}
	decided := map[string]string{}
	for _, c := range claims {
		if c.Review != nil {
			decided[c.ID] = c.Review.Decision
		}
	}
	if decided[sweden.ID] != "confirmed_error" || decided[arabic.ID] != "confirmed_error" {
		t.Errorf("after re-running unchanged articles, decisions %v; want both claims still confirmed_error", decided)
	}

	// The English article is edited: its claims get new ids. The new claim
	// starts unreviewed, the old decision stays in the history.
	path := filepath.Join(dir, "en_alliance.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), "\nThe North Atlantic", "\nAn editor's note was added here.\nThe North Atlantic", 1)
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	runReviewPipeline(t, db, dir)
	_, claims = reportClaims(t, db)
	for _, c := range claims {
		switch {
		case c.ID == sweden.ID:
			t.Errorf("claim %s of the old text is still in the report", sweden.ID)
		case c.Span == "7 March 2023" && c.Review != nil:
			t.Errorf("the edited article's claim %s inherited review %+v", c.ID, c.Review)
		case c.ID == arabic.ID && (c.Review == nil || c.Review.Decision != "confirmed_error"):
			t.Errorf("the unchanged Arabic claim lost its decision: %+v", c.Review)
		}
	}
	code, out, errOut := runCmd(t, "review", "show", "--db", db, sweden.ID)
	if code != exitOK || !strings.Contains(out, "not in run") || !strings.Contains(out, "confirmed_error by lina") {
		t.Errorf("review show of the old claim: exit %d: %s%s", code, out, errOut)
	}
}

func TestClaimReviewExport(t *testing.T) {
	db, _ := reviewFixture(t)
	items := listReview(t, db)
	sweden := findSpan(t, items, "7 March 2023")
	runCmd(t, "review", "set", "--db", db, sweden.ID, "--decision", "confirmed_error", "--by", "lina", "--note", "joined in 2024")
	for _, it := range items {
		if it.ID != sweden.ID {
			runCmd(t, "review", "set", "--db", db, it.ID, "--decision", "dismissed", "--by", "lina")
			break
		}
	}
	out := filepath.Join(t.TempDir(), "claims.jsonld")
	code, _, errOut := runCmd(t, "report", "--db", db, "--claimreview", "--publisher", "The Newsroom", "-o", out)
	if code != exitOK {
		t.Fatalf("report --claimreview: exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		Identifier    string `json:"identifier"`
		ClaimReviewed string `json:"claimReviewed"`
		Author        struct {
			Name string `json:"name"`
		} `json:"author"`
		ReviewRating struct {
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			Type       string `json:"@type"`
			Appearance struct {
				Identifier string `json:"identifier"`
			} `json:"appearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("--claimreview output is not JSON: %v\n%s", err, b)
	}
	if len(got) != 1 {
		t.Fatalf("%d claim reviews, want 1 (the confirmed error only):\n%s", len(got), b)
	}
	g := got[0]
	if g.Context != "https://schema.org" || g.Type != "ClaimReview" || g.Identifier != sweden.ID || g.Author.Name != "The Newsroom" ||
		g.ReviewRating.AlternateName != "False" || g.ItemReviewed.Type != "Claim" ||
		!strings.HasSuffix(g.ItemReviewed.Appearance.Identifier, "en_alliance.txt") || !strings.Contains(g.ClaimReviewed, "7 March 2023") {
		t.Errorf("claim review = %+v", g)
	}
	if code, _, _ := runCmd(t, "report", "--db", db, "--claimreview", "--json"); code != exitUsage {
		t.Errorf("--claimreview with --json: exit %d, want %d", code, exitUsage)
	}
}
