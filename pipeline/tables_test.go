package pipeline

import "testing"

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
