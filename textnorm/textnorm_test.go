package textnorm

import (
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"الحِلْف", "الحلف"},
		{"عـــام ١٩٤٩", "عام 1949"},
		{"أإآٱ", "اااا"},
		{"مدرسة على", "مدرسه علي"},
		{"NATO ٪٦٠", "nato %60"},
		{"۱۲۳", "123"},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestStemsMeet checks that the forms FINDINGS.md found unmatched in raw
// FTS5 meet after Terms.
func TestStemsMeet(t *testing.T) {
	for _, tt := range [][2]string{
		{"الحلف", "حلف"},
		{"الحِلْف", "بالحلف"},
		{"والحلف", "حلف"},
		{"الاطلسي", "الأطلسي"},
		{"تاسس", "تأسس"},
		{"القمة", "قمة"},
		{"دولة", "الدول"},
		{"members", "member"},
		{"countries", "country"},
	} {
		a, b := Terms(tt[0]), Terms(tt[1])
		if len(a) != 1 || len(b) != 1 || a[0] != b[0] {
			t.Errorf("Terms(%q) = %v and Terms(%q) = %v do not meet", tt[0], a, tt[1], b)
		}
	}
}

// TestStemsApart: words the Snowball stemmer would merge with an unrelated
// name or noun keep stems of their own (stemExceptions).
func TestStemsApart(t *testing.T) {
	for _, tt := range [][2]string{
		{"الدولي", "الدول"},     // international, states
		{"الدولية", "دولة"},     // international, state
		{"الرئيسية", "رئيس"},    // main, president
		{"بيروت", "بيرو"},       // Beirut, Peru
		{"وزارة", "زيارة"},      // ministry, visit
		{"كاميرا", "الكاميرون"}, // camera, Cameroon
		{"الفراغ", "براغ"},      // vacuum, Prague
		{"متوسط", "المتوسط"},    // average, the Mediterranean
		{"بمتوسط", "والمتوسط"},  // at an average, and the Mediterranean
	} {
		if a, b := Terms(tt[0]), Terms(tt[1]); len(a) == 1 && len(b) == 1 && a[0] == b[0] {
			t.Errorf("Terms(%q) and Terms(%q) are both %v", tt[0], tt[1], a)
		}
	}
	if a, b := Terms("الدولية"), Terms("والدولي"); len(a) != 1 || len(b) != 1 || a[0] != b[0] {
		t.Errorf("Terms(الدولية) = %v and Terms(والدولي) = %v do not meet", a, b)
	}
	if a, b := Terms("البحر المتوسط"), Terms("حوض المتوسط"); a[len(a)-1] != b[len(b)-1] {
		t.Errorf("Terms(البحر المتوسط) = %v and Terms(حوض المتوسط) = %v do not meet", a, b)
	}
}

func TestTermsDropStopwords(t *testing.T) {
	got := Terms("ومع تطور الأحداث في عام 1,949 the Alliance of")
	for _, stop := range []string{"ومع", "في", "the", "of"} {
		if slices.Contains(got, stop) {
			t.Errorf("Terms kept stopword %q: %v", stop, got)
		}
	}
	if !slices.Contains(got, "1949") {
		t.Errorf("Terms lost the number: %v", got)
	}
}

func TestLang(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"تأسس حلف شمال الأطلسي (NATO)", "ar"},
		{"NATO was founded in 1949", "en"},
		{"1949 – 2024", ""},
	} {
		if got := Lang(tt.in); got != tt.want {
			t.Errorf("Lang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceAround(t *testing.T) {
	for _, tt := range []struct {
		name, text, span, want string
	}{
		{"middle sentence", "First one. The war began in 2014. Then more.", "2014", " The war began in 2014."},
		{"abbreviation", "The U.S. withdrawal took effect on 2 August 2019. Next.", "2019", "The U.S. withdrawal took effect on 2 August 2019."},
		{"initial", "Signed by J. Smith in 1990. Next.", "1990", "Signed by J. Smith in 1990."},
		{"decimal", "Spending rose 6.8 per cent in 2023. Next.", "2023", "Spending rose 6.8 per cent in 2023."},
		{"arabic question mark and line", "هل؟ بدأت الحرب عام 2022\nسطر آخر", "2022", " بدأت الحرب عام 2022"},
		{"no boundary", "2024", "2024", "2024"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(tt.text, tt.span)
			if got := SentenceAround(tt.text, i, i+len(tt.span)); got != tt.want {
				t.Errorf("SentenceAround = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFoldSet(t *testing.T) {
	s := FoldSet("Published", "آخر", "الأربعاء")
	for _, w := range []string{"published", Fold("آخر"), Fold("الاربعاء")} {
		if !s[w] {
			t.Errorf("FoldSet lacks %q", w)
		}
	}
	if len(s) != 3 || s["Published"] {
		t.Errorf("FoldSet = %v, want the three folded words only", s)
	}
}
