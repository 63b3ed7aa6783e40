package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestClaimReview(t *testing.T) {
	at := time.Date(2024, 7, 20, 9, 30, 0, 0, time.UTC)
	decided := func(ds ...factcheck.Decision) (*factcheck.Review, []factcheck.Review) {
		var h []factcheck.Review
		for i, d := range ds {
			h = append(h, factcheck.Review{Decision: d, Note: "note " + string(d), By: "lina", At: at.Add(time.Duration(i) * time.Hour)})
		}
		if len(h) == 0 {
			return nil, nil
		}
		return &h[len(h)-1], h
	}
	claim := func(id, span, sentence string, res *factcheck.Result, ds ...factcheck.Decision) Claim {
		rv, h := decided(ds...)
		return Claim{Claim: factcheck.Claim{ID: id, Span: span, Sentence: sentence}, Result: res, Review: rv, History: h}
	}
	refuted := &factcheck.Result{Verdict: factcheck.VerdictRefuted, Flagged: true, Correction: "2024-03-07"}
	r := &Report{Documents: []Document{
		{Source: "https://news.example/nato-75", Title: "NATO at 75", Lang: "en", Date: time.Date(2024, 7, 15, 0, 0, 0, 0, time.UTC),
			Claims: []Claim{
				claim("c1", "7 March 2023", "Sweden joined NATO on 7 March 2023.", refuted, factcheck.DecisionNeedsResearch, factcheck.DecisionConfirmedError),
				claim("c2", "1949", "NATO was founded in 1949.", nil, factcheck.DecisionConfirmedCorrect),
				claim("c3", "30", "It has 30 members.", refuted, factcheck.DecisionConfirmedError, factcheck.DecisionDismissed),
				claim("c4", "12", "12 countries signed.", refuted),
			}},
		{Source: "articles/ar.txt", Title: "الناتو", Lang: "ar",
			Claims: []Claim{claim("c5", "آذار/مارس 2023م", "انضمت السويد في آذار/مارس 2023م.", nil, factcheck.DecisionConfirmedError)}},
	}}
	var buf bytes.Buffer
	if err := ClaimReview(&buf, r, "The Newsroom"); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, buf.String())
	}
	if len(got) != 2 {
		t.Fatalf("%d claim reviews, want 2 (the claims whose latest decision is confirmed_error):\n%s", len(got), buf.String())
	}
	want := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"identifier":    "c1",
		"claimReviewed": "Sweden joined NATO on 7 March 2023.",
		"datePublished": "2024-07-20",
		"author":        map[string]any{"@type": "Organization", "name": "The Newsroom"},
		"reviewRating": map[string]any{"@type": "Rating", "ratingValue": 1.0, "bestRating": 5.0, "worstRating": 1.0,
			"alternateName": "False"},
		"itemReviewed": map[string]any{"@type": "Claim", "datePublished": "2024-07-15",
			"appearance": map[string]any{"@type": "CreativeWork", "url": "https://news.example/nato-75",
				"headline": "NATO at 75", "datePublished": "2024-07-15"}},
		"reviewBody": "“7 March 2023” is wrong; the correct value is 2024-03-07. note confirmed_error",
		"inLanguage": "en",
	}
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("first claim review (-want +got):\n%s", diff)
	}
	// A file path is not a URL: it identifies the article instead.
	app := got[1]["itemReviewed"].(map[string]any)["appearance"].(map[string]any)
	if app["identifier"] != "articles/ar.txt" || app["url"] != nil {
		t.Errorf("appearance of a file article = %v", app)
	}
	if got[1]["claimReviewed"] != "انضمت السويد في آذار/مارس 2023م." {
		t.Errorf("Arabic claimReviewed = %q", got[1]["claimReviewed"])
	}

	// Nothing confirmed: an empty array, still JSON.
	buf.Reset()
	if err := ClaimReview(&buf, &Report{}, ""); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty report: %q, %v; want []", buf.String(), err)
	}
}

func TestReviewInHTMLReport(t *testing.T) {
	at := time.Date(2024, 7, 20, 9, 30, 0, 0, time.UTC)
	h := []factcheck.Review{
		{ClaimID: "c1", Decision: factcheck.DecisionNeedsResearch, Note: "ask the desk", By: "omar", At: at},
		{ClaimID: "c1", Decision: factcheck.DecisionConfirmedError, Note: "Sweden joined in 2024 <b>", By: "lina", At: at.Add(time.Hour)},
	}
	text := "Sweden joined NATO on 7 March 2023."
	r := &Report{Run: factcheck.Run{ID: "r1", Status: factcheck.RunComplete}, Documents: []Document{{
		Source: "a.txt", Lang: "en", Text: text,
		Claims: []Claim{{
			Claim:  factcheck.Claim{ID: "c1", Span: "7 March 2023", Start: 22, End: 34, Sentence: text},
			Result: &factcheck.Result{Verdict: factcheck.VerdictRefuted, Flagged: true, Correction: "2024-03-07"},
			Review: &h[1], History: h,
		}},
	}}}
	var buf bytes.Buffer
	if err := HTML(&buf, r); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"reviewed: confirmed_error",
		"<strong>confirmed_error</strong> by lina",
		"Sweden joined in 2024 &lt;b&gt;",
		"<strong>needs_research</strong> by omar",
		"1 reviewed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}
