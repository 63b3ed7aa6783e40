package pipeline

import (
	"testing"
	"time"
)

func TestIsIncrement(t *testing.T) {
	for _, tt := range []struct {
		text, span string
		want       bool
	}{
		{"إذ انضمت إليه أربع دول جديدة: الجبل الأسود عام 2017", "أربع دول", true},
		{"NATO admitted four new members in 2004.", "four new members", true},
		{"The Alliance was joined by another four countries.", "four countries", true},
		{"Allies after accession: 29", "29", false},
		{"The treaty now runs for a further five years.", "five years", false},
		{"The Alliance has 32 members.", "32 members", false},
	} {
		c := claimAt(t, tt.text, tt.span, time.Time{})
		if got := isIncrement(c); got != tt.want {
			t.Errorf("isIncrement(%q in %q) = %v, want %v", tt.span, tt.text, got, tt.want)
		}
	}
}
