// Package reports renders a run's results as a plain-text summary, as JSON
// (the contract in DESIGN.md) and as one self-contained HTML file. It only
// renders: the store (package sqlite) gathers the Report.
package reports

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
)

// Report is everything shown about one run.
type Report struct {
	Run       factcheck.Run
	Documents []Document
	// Failed lists inputs that could not be read, with why.
	Failed []Failure
}

// Document is one article of the run with its claims, in text order.
type Document struct {
	Source string
	Title  string
	Lang   string
	Date   time.Time
	Text   string
	Claims []Claim
}

// Claim is a claim with its result and review.
type Claim struct {
	factcheck.Claim
	Result *factcheck.Result // nil when not judged yet
	Review *factcheck.Review // latest decision, nil when none
	// History holds every review, oldest first.
	History []factcheck.Review
}

// Failure is an input that could not be processed.
type Failure struct{ Source, Error string }

// Counts summarise a report.
type Counts struct {
	Documents int
	Failed    int
	Claims    int
	Flagged   int
	Reviewed  int
	Verdicts  map[factcheck.Verdict]int
}

// Counts tallies the report.
func (r *Report) Counts() Counts {
	c := Counts{Documents: len(r.Documents), Failed: len(r.Failed), Verdicts: map[factcheck.Verdict]int{}}
	for _, d := range r.Documents {
		for _, cl := range d.Claims {
			c.Claims++
			v := factcheck.VerdictUnverified
			if cl.Result != nil {
				v = cl.Result.Verdict
				if cl.Result.Flagged {
					c.Flagged++
				}
			}
			c.Verdicts[v]++
			if cl.Review != nil {
				c.Reviewed++
			}
		}
	}
	return c
}

// verdictOrder lists verdicts most urgent first.
var verdictOrder = []factcheck.Verdict{factcheck.VerdictRefuted, factcheck.VerdictDisputed, factcheck.VerdictUnverified, factcheck.VerdictSupported}

// FlaggedClaims returns the flagged claims of all documents, refuted first,
// then disputed, then by confidence.
func (r *Report) FlaggedClaims() []FlaggedClaim {
	var out []FlaggedClaim
	for di := range r.Documents {
		d := &r.Documents[di]
		for ci := range d.Claims {
			if c := &d.Claims[ci]; c.Result != nil && c.Result.Flagged {
				out = append(out, FlaggedClaim{Doc: d, Claim: c})
			}
		}
	}
	rank := func(v factcheck.Verdict) int {
		for i, o := range verdictOrder {
			if o == v {
				return i
			}
		}
		return len(verdictOrder)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Claim.Result, out[j].Claim.Result
		if rank(a.Verdict) != rank(b.Verdict) {
			return rank(a.Verdict) < rank(b.Verdict)
		}
		return a.Confidence > b.Confidence
	})
	return out
}

// FlaggedClaim is a flagged claim with its document.
type FlaggedClaim struct {
	Doc   *Document
	Claim *Claim
}

// Text writes a plain summary: the run, counts by verdict, and every
// flagged claim with its correction and best evidence.
func Text(w io.Writer, r *Report) error {
	c := r.Counts()
	var b strings.Builder
	fmt.Fprintf(&b, "run %s  %s  started %s", r.Run.ID, r.Run.Status, fmtTime(r.Run.StartedAt))
	if !r.Run.FinishedAt.IsZero() {
		fmt.Fprintf(&b, "  finished %s", fmtTime(r.Run.FinishedAt))
	}
	fmt.Fprintf(&b, "\n%d documents (%d failed), %d claims: ", c.Documents, c.Failed, c.Claims)
	var parts []string
	for _, v := range verdictOrder {
		parts = append(parts, fmt.Sprintf("%d %s", c.Verdicts[v], v))
	}
	fmt.Fprintf(&b, "%s; %d flagged, %d reviewed\n", strings.Join(parts, ", "), c.Flagged, c.Reviewed)
	for _, f := range r.Failed {
		fmt.Fprintf(&b, "FAILED %s: %s\n", f.Source, f.Error)
	}
	flagged := r.FlaggedClaims()
	if len(flagged) > 0 {
		b.WriteString("\nflagged claims:\n")
	}
	for _, f := range flagged {
		res := f.Claim.Result
		fmt.Fprintf(&b, "- [%s %.2f] %s: %q (%s %s)", res.Verdict, res.Confidence, f.Doc.Source, f.Claim.Span, f.Claim.Kind, f.Claim.Value)
		if res.Correction != "" {
			fmt.Fprintf(&b, " -> %s", res.Correction)
		}
		if f.Claim.Review != nil {
			fmt.Fprintf(&b, " [reviewed: %s by %s]", f.Claim.Review.Decision, f.Claim.Review.By)
		}
		b.WriteByte('\n')
		if e := bestEvidence(res); e != nil {
			stance := string(e.Stance)
			if e.Tentative {
				stance += " (tentative)"
			}
			fmt.Fprintf(&b, "    %s %s: %q\n", stance, e.Source, Truncate(e.Quote, 160))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Truncate shortens s to at most n bytes on a character boundary, marking
// the cut with an ellipsis.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// The JSON contract of DESIGN.md; fields may be added, none renamed or dropped.
type (
	jsonReport struct {
		Run       jsonRun        `json:"run"`
		Documents []jsonDocument `json:"documents"`
		Failed    []jsonFailure  `json:"failed"`
	}
	jsonRun struct {
		ID         string `json:"id"`
		Status     string `json:"status"`
		StartedAt  string `json:"started_at"`
		FinishedAt string `json:"finished_at"`
	}
	jsonDocument struct {
		Source string      `json:"source"`
		Title  string      `json:"title"`
		Lang   string      `json:"lang"`
		Date   string      `json:"date,omitempty"`
		Claims []jsonClaim `json:"claims"`
	}
	jsonClaim struct {
		ID         string         `json:"id"`
		Kind       string         `json:"kind"`
		Span       string         `json:"span"`
		Start      int            `json:"start"`
		End        int            `json:"end"`
		Value      string         `json:"value"`
		Unit       string         `json:"unit"`
		Qualifier  string         `json:"qualifier"`
		Sentence   string         `json:"sentence"`
		Verdict    string         `json:"verdict"`
		Confidence float64        `json:"confidence"`
		Flagged    bool           `json:"flagged"`
		Correction string         `json:"correction"`
		Evidence   []jsonEvidence `json:"evidence"`
		LLM        *jsonLLM       `json:"llm"`
		Review     *jsonReview    `json:"review"`
		History    []jsonReview   `json:"review_history,omitempty"`
	}
	jsonEvidence struct {
		Source string  `json:"source"`
		Quote  string  `json:"quote"`
		Stance string  `json:"stance"`
		Value  string  `json:"value"`
		AsOf   string  `json:"as_of"`
		Score  float64 `json:"score"`
		Reason string  `json:"reason,omitempty"`
		// Tentative: a refutation that disputes the claim without refuting it.
		Tentative bool `json:"tentative,omitempty"`
	}
	jsonLLM struct {
		Model      string  `json:"model"`
		Verdict    string  `json:"verdict"`
		Confidence float64 `json:"confidence"`
		Rationale  string  `json:"rationale"`
		Trusted    bool    `json:"trusted"`
		Error      string  `json:"error,omitempty"`
	}
	jsonReview struct {
		Decision string `json:"decision"`
		Note     string `json:"note"`
		By       string `json:"by"`
		At       string `json:"at"`
	}
	jsonFailure struct {
		Source string `json:"source"`
		Error  string `json:"error"`
	}
)

func toJSONReview(r factcheck.Review) jsonReview {
	return jsonReview{Decision: string(r.Decision), Note: r.Note, By: r.By, At: fmtTime(r.At)}
}

// JSON writes the report as the JSON contract of DESIGN.md.
func JSON(w io.Writer, r *Report) error {
	out := jsonReport{
		Run:       jsonRun{ID: r.Run.ID, Status: string(r.Run.Status), StartedAt: fmtTime(r.Run.StartedAt), FinishedAt: fmtTime(r.Run.FinishedAt)},
		Documents: []jsonDocument{},
		Failed:    []jsonFailure{},
	}
	for _, f := range r.Failed {
		out.Failed = append(out.Failed, jsonFailure(f))
	}
	for _, d := range r.Documents {
		jd := jsonDocument{Source: d.Source, Title: d.Title, Lang: d.Lang, Claims: []jsonClaim{}}
		if !d.Date.IsZero() {
			jd.Date = d.Date.Format("2006-01-02")
		}
		for _, c := range d.Claims {
			jc := jsonClaim{
				ID: c.ID, Kind: string(c.Kind), Span: c.Span, Start: c.Start, End: c.End, Value: c.Value, Unit: c.Unit,
				Qualifier: string(c.Qualifier), Sentence: c.Sentence, Verdict: string(factcheck.VerdictUnverified),
				Evidence: []jsonEvidence{},
			}
			if res := c.Result; res != nil {
				jc.Verdict, jc.Confidence, jc.Flagged, jc.Correction = string(res.Verdict), res.Confidence, res.Flagged, res.Correction
				for _, e := range res.Evidence {
					asOf := ""
					if !e.AsOf.IsZero() {
						asOf = e.AsOf.Format("2006-01-02")
					}
					jc.Evidence = append(jc.Evidence, jsonEvidence{Source: e.Source, Quote: e.Quote, Stance: string(e.Stance), Value: e.Value, AsOf: asOf, Score: e.Score, Reason: e.Reason, Tentative: e.Tentative})
				}
				if l := res.LLM; l != nil {
					jc.LLM = &jsonLLM{Model: l.Model, Verdict: string(l.Verdict), Confidence: l.Confidence, Rationale: l.Rationale, Trusted: l.Trusted, Error: l.Error}
				}
			}
			if c.Review != nil {
				rv := toJSONReview(*c.Review)
				jc.Review = &rv
			}
			for _, h := range c.History {
				jc.History = append(jc.History, toJSONReview(h))
			}
			jd.Claims = append(jd.Claims, jc)
		}
		out.Documents = append(out.Documents, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
