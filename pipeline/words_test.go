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

func TestNearestAction(t *testing.T) {
	j := testJudge(t)
	for _, tt := range []struct {
		text, span, want string
	}{
		{"وعقد الاجتماع الذي استضافت في أيار/مايو 2023 لمحاسبة موسكو على الحرب", "أيار/مايو 2023", "=hosted"},
		{"After months of tension the war began in 2014", "2014", "=invasion"},
		{"In 2014 Russia annexed Crimea", "2014", "=annexation"},
		{"The summit of 2024 in Washington", "2024", "=summit"},
		{"Sweden in 2024", "2024", ""},
	} {
		c := claimAt(t, tt.text, tt.span, time.Time{})
		v := j.view(c, Article{})
		if v.nearestAction != tt.want {
			t.Errorf("nearest action of %q in %q = %q, want %q", tt.span, tt.text, v.nearestAction, tt.want)
		}
	}
}
