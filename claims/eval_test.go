package claims

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// label is one labelled claim in the format of ../shared/eval/dev-claims.json.
type label struct {
	Doc    string `json:"doc"`
	Anchor string `json:"anchor"`
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Status string `json:"status"`
	Truth  string `json:"truth"`
	Note   string `json:"note"`
}

// labelSet is a label file and the directory its documents are in.
type labelSet struct {
	name   string
	labels string
	docs   string
}

var labelSets = []labelSet{
	{"dev", "../../shared/eval/dev-claims.json", "../../shared/seeds"},
	{"seeds", "testdata/seed-labels.json", "../../shared/seeds"},
	{"articles", "testdata/articles/labels.json", "testdata/articles"},
	{"samples", "../seeds/articles/labels.json", "../seeds/articles"},
}

// TestLabelledClaims checks the extractor against labelled articles: every
// required claim found (its span overlaps the anchor and its value is
// equal), no negative one reported.
func TestLabelledClaims(t *testing.T) {
	for _, set := range labelSets {
		t.Run(set.name, func(t *testing.T) {
			raw, err := os.ReadFile(set.labels)
			if err != nil {
				t.Skipf("labels not available: %v", err)
			}
			var labels []label
			if err := json.Unmarshal(raw, &labels); err != nil {
				t.Fatalf("%s: %v", set.labels, err)
			}
			st := evaluate(t, set, labels)
			t.Logf("%s: required %d/%d found (recall %.3f), optional %d/%d, negatives reported %d/%d",
				set.name, st.reqFound, st.req, float64(st.reqFound)/float64(max(st.req, 1)), st.optFound, st.opt, st.negFound, st.neg)
		})
	}
}

type evalStats struct{ req, reqFound, opt, optFound, neg, negFound int }

func evaluate(t *testing.T, set labelSet, labels []label) evalStats {
	t.Helper()
	texts := map[string]string{}
	extracted := map[string][]struct {
		start, end int
		kind, val  string
	}{}
	var st evalStats
	for _, l := range labels {
		text, ok := texts[l.Doc]
		if !ok {
			b, err := os.ReadFile(filepath.Join(set.docs, l.Doc))
			if err != nil {
				t.Fatalf("%s: %v", l.Doc, err)
			}
			text = string(b)
			texts[l.Doc] = text
			for _, c := range Extract(text, Options{}) {
				extracted[l.Doc] = append(extracted[l.Doc], struct {
					start, end int
					kind, val  string
				}{c.Start, c.End, string(c.Kind), c.Value})
			}
		}
		if strings.Count(text, l.Anchor) != 1 {
			t.Errorf("%s: anchor %q occurs %d times, want 1", l.Doc, l.Anchor, strings.Count(text, l.Anchor))
			continue
		}
		a := strings.Index(text, l.Anchor)
		b := a + len(l.Anchor)
		hit := false
		var near []string
		for _, c := range extracted[l.Doc] {
			if c.start < b && c.end > a {
				if c.val == l.Value {
					hit = true
				}
				near = append(near, c.kind+"="+c.val+" "+text[c.start:c.end])
			}
		}
		switch l.Status {
		case "required":
			st.req++
			if hit {
				st.reqFound++
			} else {
				t.Errorf("%s: missed required %s %q in %q (found there: %v)", l.Doc, l.Kind, l.Value, l.Anchor, near)
			}
		case "optional":
			st.opt++
			if hit {
				st.optFound++
			}
		case "negative":
			st.neg++
			if len(near) > 0 {
				st.negFound++
				t.Errorf("%s: reported non-claim in %q: %v", l.Doc, l.Anchor, near)
			}
		}
	}
	return st
}

// TestRelativeDates checks that relative months resolve against the
// article's date and stay empty without one.
func TestRelativeDates(t *testing.T) {
	text := "زار الأمين العام سراييفو في مارس الماضي، والقمة المقررة أواخر يونيو المقبل."
	for _, tt := range []struct {
		date string
		want []string
	}{
		{"2025-05-20", []string{"2025-03", "2025-06"}},
		{"2025-02-01", []string{"2024-03", "2025-06"}},
		{"2025-07-01", []string{"2025-03", "2026-06"}},
		{"", []string{"", ""}},
	} {
		var d time.Time
		if tt.date != "" {
			d, _ = time.Parse("2006-01-02", tt.date)
		}
		got := Extract(text, Options{Date: d})
		if len(got) != 2 {
			t.Fatalf("date %s: got %d claims, want 2: %+v", tt.date, len(got), got)
		}
		for k, c := range got {
			if c.Kind != "month" || c.Value != tt.want[k] || !c.Relative {
				t.Errorf("date %s: claim %d = %s %q relative=%v, want month %q relative", tt.date, k, c.Kind, c.Value, c.Relative, tt.want[k])
			}
		}
	}
}
