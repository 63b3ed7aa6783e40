package pipeline

import (
	"testing"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/claims"
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

func TestRowSpan(t *testing.T) {
	for _, tt := range []struct {
		name, row string
		want      string
		kind      factcheck.Kind
	}{
		{"start and end months", "Operation: Ocean Shield; Start: August 2009; End: December 2016; Area: Gulf of Aden", "2009-08/2016-12", factcheck.KindMonthRange},
		{"Arabic headers, mixed precision", "العملية: درع المحيط; البداية: 17 آب/أغسطس 2009; النهاية: كانون الأول/ديسمبر 2016", "2009-08/2016-12", factcheck.KindMonthRange},
		{"no end", "Operation: Sea Guardian; Start: November 2016; End: ongoing", "", ""},
		{"two dates that open and close nothing", "Signed: 4 April 1949; Entered into force: 24 August 1949", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := rowSpan(tt.row, claims.Extract(tt.row, claims.Options{}))
			if !ok {
				if tt.want != "" {
					t.Fatalf("no span, want %s", tt.want)
				}
				return
			}
			if got.Value != tt.want || got.Kind != tt.kind {
				t.Fatalf("span %s %s, want %s %s", got.Kind, got.Value, tt.kind, tt.want)
			}
			if tt.row[got.Start:got.End] != got.Span {
				t.Errorf("span %q is not the row's text at its offsets", got.Span)
			}
		})
	}
}

func TestSameDayYearApart(t *testing.T) {
	date := func(v string) factcheck.Claim { return factcheck.Claim{Kind: factcheck.KindDate, Value: v} }
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"1968-03-31", "1967-03-31", true},
		{"1968-03-31", "1966-03-31", true},
		{"1968-03-31", "1965-03-31", false},
		{"2024-04-04", "1949-04-04", false},
		{"1968-03-31", "1968-03-31", false},
		{"1968-03-31", "1967-03-30", false},
	} {
		if got := sameDayYearApart(date(tt.a), date(tt.b)); got != tt.want {
			t.Errorf("sameDayYearApart(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	if sameDayYearApart(factcheck.Claim{Kind: factcheck.KindMonth, Value: "1968-03"}, factcheck.Claim{Kind: factcheck.KindMonth, Value: "1967-03"}) {
		t.Error("months are not days")
	}
}

func TestMoneyLabel(t *testing.T) {
	for _, tt := range []struct {
		label    string
		scale    float64
		currency string
		ok       bool
	}{
		{"الإيرادات (مليار دولار)", 1e9, "USD", true},
		{"Revenue (USD billion)", 1e9, "USD", true},
		{"Cost ($bn)", 1e9, "USD", true},
		{"Budget (million euros)", 1e6, "EUR", true},
		{"Share of GDP (%)", 0, "", false},
		{"Troops (2019)", 0, "", false},
		{"Revenue", 0, "", false},
		{"Saudi riyals", 1, "SAR", true},
		{"US dollars (approx.)", 1, "USD", true},
		{"Egyptian pounds", 1, "EGP", true},
		{"Point in time", 0, "", false},
	} {
		scale, cur, ok := moneyLabel(tt.label)
		if scale != tt.scale || cur != tt.currency || ok != tt.ok {
			t.Errorf("moneyLabel(%q) = %v, %q, %v; want %v, %q, %v", tt.label, scale, cur, ok, tt.scale, tt.currency, tt.ok)
		}
	}
}

func TestCountScale(t *testing.T) {
	for _, tt := range []struct {
		label string
		scale float64
		ok    bool
	}{
		{"عدد المسافرين (مليون)", 1e6, true},
		{"Passengers (million)", 1e6, true},
		{"Population (thousands)", 1e3, true},
		{"اللاجئون (ألف)", 1e3, true},
		{"Revenue (USD billion)", 0, false}, // a sum: moneyLabel's
		{"Troops (2019)", 0, false},
		{"Share of GDP (%)", 0, false},
		{"Passengers", 0, false},
	} {
		scale, ok := countScale(tt.label)
		if scale != tt.scale || ok != tt.ok {
			t.Errorf("countScale(%q) = %v, %v; want %v, %v", tt.label, scale, ok, tt.scale, tt.ok)
		}
	}
}
