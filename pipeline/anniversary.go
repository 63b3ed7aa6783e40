package pipeline

import (
	"slices"
	"strconv"
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// An anniversary dates what it commemorates: the 30th anniversary of a
// campaign, marked in 2025, says the campaign began in 1995. A claim such as
// "الذكرى الثلاثون لانطلاق عملية القوة المتعمدة" is then checked as a year
// against passages dating the campaign, as well as against passages giving
// the anniversary's rank.

// mentionsAnniversary reports whether resolved terms name an anniversary:
// the alias table's concept or one of anniversaryNouns.
func mentionsAnniversary(terms map[string]bool) bool {
	if terms["=anniversary"] {
		return true
	}
	for t := range anniversaryNouns {
		if terms[t] {
			return true
		}
	}
	return false
}

// anniversaryNouns are the counted nouns of an ordinal that mark an
// anniversary, folded as textnorm.Terms folds them.
var anniversaryNouns = termSet("الذكرى", "ذكرى", "ذكراه", "ذكراها", "بالذكرى", "للذكرى", "anniversary", "anniversaries", "jubilee")

// isAnniversary reports whether claim c dates an event by the years since
// it: an ordinal ranking an anniversary ("الذكرى الخامسة والسبعين", "75th
// anniversary"), or a count of years since or after it ("خمسون عاماً على
// وثيقة هلسنكي", "twenty-five years after the Founding Act", "منذ 30
// عاماً").
func isAnniversary(c factcheck.Claim) bool {
	switch {
	case c.Unit == "":
		return false
	case c.Kind == factcheck.KindOrdinal:
		return slices.ContainsFunc(textnorm.Terms(c.Unit), func(t string) bool { return anniversaryNouns[t] })
	case c.Kind != factcheck.KindCount || c.Qualifier != "" || !yearNouns[textnorm.Fold(c.Unit)]:
		return false
	}
	before, after := splitAtSpan(c.Sentence, c.Span)
	return sinceBefore[lastWord(before)] || sinceAfter[firstWord(after)]
}

// yearNouns count years; sinceBefore and sinceAfter are the words that make
// a count of years the time since an event: "منذ 30 عاماً", "بعد ثلاثين
// عاماً على", "fifty years after", "thirty years ago".
var (
	yearNouns   = textnorm.FoldSet("عام", "عاما", "أعوام", "سنة", "سنوات", "سنين", "years")
	sinceBefore = textnorm.FoldSet("منذ", "بعد")
	sinceAfter  = textnorm.FoldSet("على", "من", "مضت", "after", "since", "ago", "on")
)

// anniversaryYears returns the years an anniversary claim c dates its
// event to: the year it is marked less its rank. The year it is marked is
// a date stated in the claim's sentence ("the summit of July 2024 marked
// the 75th anniversary"), or the article's date; marked lists those
// candidates, and years the event year each gives. None when nothing
// dates the anniversary.
func anniversaryYears(c factcheck.Claim, a Article) (years, marked []int) {
	n, err := strconv.Atoi(c.Value)
	if err != nil || n <= 0 || !isAnniversary(c) {
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
	refs = slices.Compact(refs)
	for _, r := range refs {
		for _, e := range refs {
			if d := r - n - e; d >= -1 && d <= 1 {
				// the sentence states the event's own date ("the 70th
				// anniversary of the treaty signed on 14 May 1955"): the
				// anniversary is as true as that date, checked on its own
				return nil, nil
			}
		}
	}
	for _, r := range refs {
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
// A range dates two events, its start and its end ("the Wall stood from
// 1961 to 1989"): either may be the one commemorated.
//
// A passage date in a year the anniversary is marked in is the occasion
// itself (the summit that marked it), not the event it commemorates.
func compareAnniversary(years, marked []int, q factcheck.Claim) agreement {
	if q.Unit != "" || q.Qualifier != "" {
		return unrelated
	}
	far := true
	for _, end := range strings.Split(q.Value, "/") {
		if len(end) < 4 {
			return unrelated
		}
		y, err := strconv.Atoi(end[:4])
		if err != nil || slices.Contains(marked, y) {
			return unrelated
		}
		for _, e := range years {
			switch d := y - e; {
			case d == 0:
				return agrees
			case d == 1 || d == -1:
				far = false
			}
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
