package pipeline

import (
	"slices"
	"strconv"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// An anniversary dates what it commemorates: the 30th anniversary of a
// campaign, marked in 2025, says the campaign began in 1995. A claim such as
// "الذكرى الثلاثون لانطلاق عملية القوة المتعمدة" is then checked as a year
// against passages dating the campaign, as well as against passages giving
// the anniversary's rank.

// anniversaryNouns are the counted nouns of an ordinal that mark an
// anniversary, folded as textnorm.Terms folds them.
var anniversaryNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"الذكرى", "ذكرى", "ذكراه", "ذكراها", "بالذكرى", "للذكرى", "anniversary", "anniversaries", "jubilee"} {
		for _, t := range textnorm.Terms(w) {
			m[t] = true
		}
	}
	return m
}()

// isAnniversary reports whether ordinal claim c ranks an anniversary.
func isAnniversary(c factcheck.Claim) bool {
	if c.Kind != factcheck.KindOrdinal || c.Unit == "" {
		return false
	}
	return slices.ContainsFunc(textnorm.Terms(c.Unit), func(t string) bool { return anniversaryNouns[t] })
}

// anniversaryYears returns the years an anniversary claim c dates its
// event to: the year it is marked less its rank. The year it is marked is
// a date stated in the claim's sentence ("the summit of July 2024 marked
// the 75th anniversary"), or the article's date; marked lists those
// candidates, and years the event year each gives. None when nothing
// dates the anniversary.
func anniversaryYears(c factcheck.Claim, a Article) (years, marked []int) {
	n, err := strconv.Atoi(c.Value)
	if !isAnniversary(c) || err != nil || n <= 0 {
		return nil, nil
	}
	var refs []int
	if !a.Date.IsZero() {
		refs = append(refs, a.Date.Year())
	}
	for _, o := range a.Claims {
		if o.Kind.IsTemporal() && o.Sentence == c.Sentence && o.Unit == "" && o.Qualifier == "" && len(o.Value) >= 4 {
			if y, err := strconv.Atoi(o.Value[:4]); err == nil {
				refs = append(refs, y)
			}
		}
	}
	slices.Sort(refs)
	for _, r := range slices.Compact(refs) {
		if r-n > 0 {
			years, marked = append(years, r-n), append(marked, r)
		}
	}
	return years, marked
}

// rankFor returns the rank an anniversary has when its event happened in
// year: of the years it may be marked in, the reading nearest the claimed
// rank n; 0 when none follows year.
func rankFor(marked []int, n, year int) int {
	best := 0
	for _, r := range marked {
		if k := r - year; k > 0 && (best == 0 || abs(k-n) < abs(best-n)) {
			best = k
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// compareAnniversary relates the years an anniversary dates its event to
// with temporal passage quantity q: it agrees when q falls in one of them
// and conflicts when it is two or more years from every one (an
// anniversary may be marked in the year before or after the round date).
func compareAnniversary(years []int, q factcheck.Claim) agreement {
	if q.Unit != "" || q.Qualifier != "" || len(q.Value) < 4 {
		return unrelated
	}
	y, err := strconv.Atoi(q.Value[:4])
	if err != nil {
		return unrelated
	}
	far := true
	for _, e := range years {
		switch d := y - e; {
		case d == 0:
			return agrees
		case d == 1 || d == -1:
			far = false
		}
	}
	if far {
		return conflicts
	}
	return unrelated
}

// ordinalSuffix writes n as an English ordinal: 1st, 2nd, 30th, 111th.
func ordinalSuffix(n int) string {
	suffix := "th"
	switch n % 10 {
	case 1:
		suffix = "st"
	case 2:
		suffix = "nd"
	case 3:
		suffix = "rd"
	}
	if n%100 >= 11 && n%100 <= 13 {
		suffix = "th"
	}
	return strconv.Itoa(n) + suffix
}
