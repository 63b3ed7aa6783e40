package claims

import (
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// qualifierPhrase is a run of folded words that qualifies a quantity.
type qualifierPhrase struct {
	words []string
	q     factcheck.Qualifier
}

func phrases(q factcheck.Qualifier, ps ...string) []qualifierPhrase {
	out := make([]qualifierPhrase, 0, len(ps))
	for _, p := range ps {
		out = append(out, qualifierPhrase{words: strings.Fields(textnorm.Fold(p)), q: q})
	}
	return out
}

// qualifiersBefore stand before the quantity, longest first within each
// qualifier; qualifiersAfter follow it.
var qualifiersBefore = concat(
	phrases(factcheck.QualAtLeast, "ما لا يقل عن", "لا يقل عن", "ما لا يقل على", "at least", "no fewer than", "no less than", "not less than"),
	phrases(factcheck.QualAtMost, "ما لا يزيد عن", "ما لا يزيد على", "لا يزيد عن", "لا يزيد على", "at most", "up to", "no more than", "not more than", "حتى"),
	phrases(factcheck.QualMoreThan, "ما يزيد على", "ما يزيد عن", "ما يربو على", "أكثر من", "بأكثر من", "لأكثر من", "وأكثر من", "يزيد على", "يزيد عن",
		"يفوق", "ما فوق", "more than", "over", "above", "in excess of", "upwards of", "exceeding"),
	phrases(factcheck.QualLessThan, "أقل من", "بأقل من", "لأقل من", "ما دون", "دون", "less than", "fewer than", "under", "below"),
	phrases(factcheck.QualAbout, "ما يقرب من", "ما يقارب", "يقارب", "نحو", "بنحو", "لنحو", "ونحو", "حوالي", "بحوالي", "وحوالي", "حوالى", "زهاء",
		"تقريبا", "around", "about", "approximately", "roughly", "some", "an estimated", "estimated", "approx", "circa", "nearly", "almost", "قرابة", "ما يقارب من"),
)

var qualifiersAfter = concat(
	phrases(factcheck.QualAbout, "تقريبا", "تقريباً", "approximately", "or so"),
	phrases(factcheck.QualAtLeast, "على الأقل", "كحد أدنى", "at least", "or more", "فأكثر", "أو أكثر"),
	phrases(factcheck.QualAtMost, "كحد أقصى", "على الأكثر", "at most", "or less", "أو أقل"),
)

func concat(lists ...[]qualifierPhrase) []qualifierPhrase {
	var out []qualifierPhrase
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// qualifier finds the qualifier of the quantity over tokens [a, b): a
// phrase just before it (أكثر من، نحو، more than) or just after it (على
// الأقل، كحد أدنى). It returns "" when the value is stated as exact.
func (s *scanner) qualifier(a, b int) factcheck.Qualifier {
	for _, p := range qualifiersBefore {
		n := len(p.words)
		if a-n < 0 || !s.wordsEqual(a-n, p.words) {
			continue
		}
		return p.q
	}
	for _, p := range qualifiersAfter {
		if s.wordsEqual(b, p.words) {
			return p.q
		}
	}
	return ""
}

// wordsEqual reports whether the words starting at token i are ws, with no
// punctuation between them.
func (s *scanner) wordsEqual(i int, ws []string) bool {
	for k, w := range ws {
		if s.word(i+k) != w {
			return false
		}
	}
	return true
}
