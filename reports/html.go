package reports

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
)

//go:embed templates/report.html.tmpl
var templates embed.FS

var reportTemplate = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"date":     func(t time.Time) string { return fmtDate(t) },
	"time":     fmtTime,
	"pct":      func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
	"dir":      Direction,
	"isURL":    factcheck.IsURL,
	"verdict":  verdictOf,
	"segments": Paragraphs,
	"docIndex": func(i int) string { return fmt.Sprintf("doc-%d", i+1) },
	"claimRef": func(id string) string { return "claim-" + id },
	"trunc":    Truncate,
	"stance":   func(s factcheck.Stance) string { return string(s) },
	"best":     bestEvidence,
}).ParseFS(templates, "templates/report.html.tmpl"))

// HTML writes the report as one self-contained HTML file: inline CSS, no
// scripts or external assets, everything from articles, pages and models
// escaped by html/template.
func HTML(w io.Writer, r *Report) error {
	data := struct {
		*Report
		Counts   Counts
		Flagged  []FlaggedClaim
		Verdicts []factcheck.Verdict
	}{r, r.Counts(), r.FlaggedClaims(), verdictOrder}
	if err := reportTemplate.Execute(w, data); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	return nil
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// Direction is the writing direction of a language: "rtl" or "ltr".
func Direction(lang string) string {
	switch lang {
	case "ar", "fa", "ur", "he":
		return "rtl"
	}
	return "ltr"
}

// verdictOf is a claim's verdict, unverified when it has no result.
func verdictOf(c *Claim) string {
	if c.Result == nil {
		return string(factcheck.VerdictUnverified)
	}
	return string(c.Result.Verdict)
}

// bestEvidence is the highest-scored evidence that takes the side of the
// verdict (refuting for refuted and disputed claims, supporting otherwise),
// or nil.
func bestEvidence(res *factcheck.Result) *factcheck.Evidence {
	want := factcheck.StanceSupports
	if res.Verdict == factcheck.VerdictRefuted || res.Verdict == factcheck.VerdictDisputed {
		want = factcheck.StanceRefutes
	}
	var best *factcheck.Evidence
	for i := range res.Evidence {
		if e := &res.Evidence[i]; e.Stance == want && (best == nil || e.Score > best.Score) {
			best = e
		}
	}
	return best
}

// Segment is a run of an article's text, with the claim it highlights if
// any.
type Segment struct {
	Text  string
	Claim *Claim
}

// Paragraphs cuts a document's text into paragraphs of plain runs and
// claim spans, so renderers highlight claims inline. Claims with stale or
// overlapping offsets are left out, keeping the text intact.
func Paragraphs(d *Document) [][]Segment {
	var paras [][]Segment
	var cur []Segment
	flushText := func(s string) {
		for {
			i := strings.IndexByte(s, '\n')
			if i < 0 {
				if s != "" {
					cur = append(cur, Segment{Text: s})
				}
				return
			}
			if i > 0 {
				cur = append(cur, Segment{Text: s[:i]})
			}
			if len(cur) > 0 {
				paras = append(paras, cur)
			}
			cur = nil
			s = s[i+1:]
		}
	}
	pos := 0
	for i := range d.Claims {
		c := &d.Claims[i]
		if c.Start < pos || c.End > len(d.Text) || c.Start > c.End {
			continue
		}
		flushText(d.Text[pos:c.Start])
		cur = append(cur, Segment{Text: d.Text[c.Start:c.End], Claim: c})
		pos = c.End
	}
	flushText(d.Text[pos:])
	if len(cur) > 0 {
		paras = append(paras, cur)
	}
	return paras
}
