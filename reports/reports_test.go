package reports

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixture is a small run with an Arabic and an English article, hostile
// text in the article, the evidence and the model's rationale, a review
// and a failed input.
func fixture() *Report {
	at := time.Date(2024, 7, 15, 3, 0, 0, 0, time.UTC)
	arText := "حلف <script>alert(1)</script> الناتو\nشنت روسيا الحرب على أوكرانيا فبراير 2002م، وتأسس الحلف عام 1949م."
	span := func(text, s string) (int, int) {
		i := strings.Index(text, s)
		return i, i + len(s)
	}
	s1, e1 := span(arText, "فبراير 2002م")
	s2, e2 := span(arText, "عام 1949م")
	enText := "NATO at 75\nThe alliance had thirty members in 2024 & more."
	s3, e3 := span(enText, "thirty members")
	return &Report{
		Run: factcheck.Run{ID: "20240715T030000Z-abcd", Status: factcheck.RunComplete, StartedAt: at, FinishedAt: at.Add(90 * time.Second)},
		Documents: []Document{
			{Source: "articles/ar.txt", Title: "حلف <script>alert(1)</script> الناتو", Lang: "ar", Text: arText, Claims: []Claim{
				{Claim: factcheck.Claim{ID: "c1", Kind: factcheck.KindMonth, Span: arText[s1:e1], Start: s1, End: e1, Value: "2002-02", Sentence: "شنت روسيا الحرب على أوكرانيا فبراير 2002م"},
					Result: &factcheck.Result{ClaimID: "c1", Verdict: factcheck.VerdictRefuted, Confidence: 0.9, Flagged: true, Correction: "2022-02",
						Evidence: []factcheck.Evidence{{Source: "https://example.org/ukraine?a=1&b=<2>", Quote: "On 24 February 2022 Russia invaded <b>Ukraine</b>.", Stance: factcheck.StanceRefutes, Value: "2022-02-24", AsOf: at, Score: 0.9, Reason: "states date 2022-02-24 about the same thing"}},
						LLM:      &factcheck.LLMOpinion{Model: "test-model", Verdict: factcheck.VerdictRefuted, Confidence: 0.8, Rationale: "The passage <E1> says 2022.", Trusted: true}},
					Review:  &factcheck.Review{ClaimID: "c1", Decision: factcheck.DecisionConfirmedError, Note: "fix <now>", By: "Huda", At: at.Add(time.Hour)},
					History: []factcheck.Review{{ClaimID: "c1", Decision: factcheck.DecisionConfirmedError, Note: "fix <now>", By: "Huda", At: at.Add(time.Hour)}}},
				{Claim: factcheck.Claim{ID: "c2", Kind: factcheck.KindYear, Span: arText[s2:e2], Start: s2, End: e2, Value: "1949", Sentence: "وتأسس الحلف عام 1949م"},
					Result: &factcheck.Result{ClaimID: "c2", Verdict: factcheck.VerdictSupported, Confidence: 0.85,
						Evidence: []factcheck.Evidence{{Source: "reference/ar.html", Quote: "تأسس الحلف عام 1949", Stance: factcheck.StanceSupports, Value: "1949", Score: 0.8}}}},
			}},
			{Source: "articles/en.txt", Title: "NATO at 75", Lang: "en", Text: enText, Claims: []Claim{
				{Claim: factcheck.Claim{ID: "c3", Kind: factcheck.KindCount, Span: enText[s3:e3], Start: s3, End: e3, Value: "30", Unit: "members", Sentence: "The alliance had thirty members in 2024 & more."},
					Result: &factcheck.Result{ClaimID: "c3", Verdict: factcheck.VerdictDisputed, Confidence: 0.4, Flagged: true, Correction: "32",
						Evidence: []factcheck.Evidence{{Source: "reference/en.html", Quote: "The Alliance has 32 members.", Stance: factcheck.StanceRefutes, Value: "32", Score: 0.3,
							Reason: "states count 32, probably about the same thing, but not surely", Tentative: true}}}},
			}},
		},
		Failed: []Failure{{Source: "articles/bad.txt", Error: "read articles/bad.txt: binary file, not text"}},
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update after checking the change", name)
	}
}

func TestHTMLGolden(t *testing.T) {
	var b bytes.Buffer
	if err := HTML(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script>", "<b>Ukraine", "<E1>", "<now>", "<2>"} {
		if strings.Contains(out, bad) {
			t.Errorf("unescaped %q in the HTML report", bad)
		}
	}
	for _, want := range []string{`dir="rtl"`, `class="refuted" id="claim-c1"`, "2022-02", "confirmed_error", "test-model", `href="https://example.org/ukraine?a=1&amp;b=%3c2%3e"`} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	for _, external := range []string{"<link", "src=\"http", "@import"} {
		if strings.Contains(out, external) {
			t.Errorf("HTML report loads an external asset (%q)", external)
		}
	}
	if strings.Index(out, "claim-c1") > strings.Index(out, "<h2>Articles</h2>") {
		t.Errorf("flagged claims are not listed before the articles")
	}
	golden(t, "report.golden.html", b.Bytes())
}

func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	run := doc["run"].(map[string]any)
	for _, k := range []string{"id", "status", "started_at", "finished_at"} {
		if _, ok := run[k]; !ok {
			t.Errorf("run lacks %q", k)
		}
	}
	d := doc["documents"].([]any)[0].(map[string]any)
	for _, k := range []string{"source", "title", "lang", "claims"} {
		if _, ok := d[k]; !ok {
			t.Errorf("document lacks %q", k)
		}
	}
	c := d["claims"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "kind", "span", "start", "end", "value", "unit", "qualifier", "sentence", "verdict", "confidence", "flagged", "correction", "evidence", "llm", "review"} {
		if _, ok := c[k]; !ok {
			t.Errorf("claim lacks %q", k)
		}
	}
	e := c["evidence"].([]any)[0].(map[string]any)
	for _, k := range []string{"source", "quote", "stance", "value", "as_of", "score"} {
		if _, ok := e[k]; !ok {
			t.Errorf("evidence lacks %q", k)
		}
	}
	for _, k := range []string{"model", "verdict", "confidence", "rationale"} {
		if _, ok := c["llm"].(map[string]any)[k]; !ok {
			t.Errorf("llm lacks %q", k)
		}
	}
	for _, k := range []string{"decision", "note", "by", "at"} {
		if _, ok := c["review"].(map[string]any)[k]; !ok {
			t.Errorf("review lacks %q", k)
		}
	}
	golden(t, "report.golden.json", b.Bytes())
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Text(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"1 refuted, 1 disputed, 0 unverified, 1 supported", "2 flagged, 1 reviewed", "FAILED articles/bad.txt", `-> 2022-02`,
		`refutes (tentative) reference/en.html`} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	if strings.Index(out, "فبراير 2002م") > strings.Index(out, "thirty members") {
		t.Errorf("refuted claims should come before disputed ones:\n%s", out)
	}
}

// TestTextShowsTheDecidingEvidence: the text report quotes the evidence
// that decided the verdict, not merely the first that takes a side.
func TestTextShowsTheDecidingEvidence(t *testing.T) {
	r := fixture()
	res := r.Documents[0].Claims[0].Result
	res.Evidence = append([]factcheck.Evidence{{Source: "reference/weak.html", Quote: "a probable conflict", Stance: factcheck.StanceRefutes,
		Value: "2021-02", Score: 0.4, Tentative: true}}, res.Evidence...)
	var b bytes.Buffer
	if err := Text(&b, r); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Contains(out, "reference/weak.html") || !strings.Contains(out, "refutes https://example.org/ukraine") {
		t.Errorf("the refuted claim should quote its firm refutation:\n%s", out)
	}
}
