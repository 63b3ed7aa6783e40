package pipeline

import (
	"testing"

	"github.com/newsroom/factcheck"
)

func TestPercentLabel(t *testing.T) {
	for _, tt := range []struct {
		label string
		want  bool
	}{
		{"Table 2. Defence expenditure as a share of GDP (%), selected Allies", true},
		{"Share of GDP (%)", true},
		{"الإنفاق الدفاعي نسبةً إلى الناتج (٪)", true},
		{"النسبة المئوية من الناتج", true},
		{"Allies at or above 2%", false},
		{"Allies meeting the 2 per cent guideline", false},
		{"Spending 2024", false},
		{"", false},
	} {
		if got := percentLabel(tt.label); got != tt.want {
			t.Errorf("percentLabel(%q) = %v, want %v", tt.label, got, tt.want)
		}
	}
}

func TestCellLabel(t *testing.T) {
	row := "Ally: Latvia; 2014: 0.94; 2025 (est.): 3.73"
	for _, tt := range []struct {
		at   string
		want string
	}{
		{"Latvia", "Ally"},
		{"0.94", " 2014"},
		{"3.73", " 2025 (est.)"},
	} {
		at := len(row) - len(tt.at)
		for i := range row {
			if len(row)-i >= len(tt.at) && row[i:i+len(tt.at)] == tt.at {
				at = i
				break
			}
		}
		if got := cellLabel(row, at); got != tt.want {
			t.Errorf("cellLabel at %q = %q, want %q", tt.at, got, tt.want)
		}
	}
	if got := cellLabel("no cells here 42", 14); got != "" {
		t.Errorf("cellLabel of prose = %q, want empty", got)
	}
}

func TestCoAgree(t *testing.T) {
	pct := func(v string, q factcheck.Qualifier) factcheck.Claim {
		return factcheck.Claim{Kind: factcheck.KindPercent, Span: v + "%", Value: v, Qualifier: q}
	}
	for _, tt := range []struct {
		name string
		a, b factcheck.Claim
		want bool
	}{
		{"the same figure ties", pct("4.48", ""), pct("4.48", ""), true},
		{"an estimate ties to its figure", pct("4.48", factcheck.QualAbout), pct("4.48", ""), true},
		{"an estimate does not tie to a figure a point away", pct("4.48", factcheck.QualAbout), pct("3.73", ""), false},
		{"the same count in two languages ties", factcheck.Claim{Kind: factcheck.KindCount, Value: "1900", Unit: "warheads"},
			factcheck.Claim{Kind: factcheck.KindCount, Value: "1900", Unit: "رأس نووي"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := coAgree(claimView{c: tt.a}, passageQuantity{q: tt.b}); got != tt.want {
				t.Errorf("coAgree(%s, %s) = %v, want %v", tt.a.Value, tt.b.Value, got, tt.want)
			}
		})
	}
}
