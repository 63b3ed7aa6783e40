package claims

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// monthAt reads a month name at token i: a single name (with an attached
// conjunction or preposition: ويناير، بفبراير), a two-word Levantine name
// (كانون الثاني), an English abbreviation with its full stop, and a paired
// form naming the same month twice (تموز/يوليو، أيار (مايو)). It returns the
// month and the token after the name.
func (s *scanner) monthAt(i int) (int, int, bool) {
	m, next, ok := s.singleMonthAt(i)
	if !ok {
		return 0, 0, false
	}
	// paired form: تموز/يوليو or أيار (مايو)
	switch s.punct(next) {
	case "/":
		if m2, n2, ok2 := s.singleMonthAt(next + 1); ok2 && m2 == m {
			next = n2
		}
	case "(":
		if m2, n2, ok2 := s.singleMonthAt(next + 1); ok2 && m2 == m && s.punct(n2) == ")" {
			next = n2 + 1
		}
	}
	return m, next, true
}

func (s *scanner) singleMonthAt(i int) (int, int, bool) {
	w := s.word(i)
	if w == "" {
		return 0, 0, false
	}
	t := s.toks[i]
	if t.latin {
		m, ok := months[w]
		if !ok {
			return 0, 0, false
		}
		next := i + 1
		if englishMonthAbbrev[w] && s.punct(next) == "." && s.attached(next) {
			next++
		}
		return m, next, true
	}
	for c := range clitics(w, cliticPrefixes, 3) {
		if m, ok := months[c]; ok {
			return m, i + 1, true
		}
		if pair, ok := monthPairs[c]; ok {
			if m, ok := pair[s.word(i+1)]; ok {
				return m, i + 2, true
			}
		}
	}
	if m, ok := months[w]; ok { // two-letter names: آب
		return m, i + 1, true
	}
	return 0, 0, false
}

// yearAt reads a year at token i: four digits (1000-2100), or up to four
// digits with an era marker (1445هـ، 1949م). It returns the year, whether it
// is Hijri, whether an era marker was present, and the token after it.
func (s *scanner) yearAt(i int) (y int, hijri, era bool, next int, ok bool) {
	if i >= len(s.toks) {
		return 0, false, false, 0, false
	}
	t := s.toks[i]
	if t.kind != tNum || t.frac || t.grouped || t.digits > 4 {
		return 0, false, false, 0, false
	}
	y = int(t.num)
	next = i + 1
	if w := s.word(next); w != "" && (s.attached(next) || t.digits == 4) {
		switch {
		case eraGregorian[w]:
			era, next = true, next+1
		case eraHijri[w]:
			era, hijri, next = true, true, next+1
		}
	}
	if !era && (t.digits != 4 || y < 1000 || y > 2100) {
		return 0, false, false, 0, false
	}
	return y, hijri, era, next, true
}

// yearAfter reads the year that completes a date or a month: optional
// comma, optional "من عام"/"of", then a year.
func (s *scanner) yearAfter(i int) (int, int, bool) {
	j := i
	if s.punct(j) == "," {
		j++
	}
	if w := s.word(j); w == "من" || w == "of" {
		j++
	}
	if yearWords[s.word(j)] {
		j++
	}
	y, hijri, _, next, ok := s.yearAt(j)
	if !ok || hijri {
		return 0, 0, false
	}
	return y, next, true
}

// dayAt reads a day of the month (1-31) at token i, with an attached
// English ordinal suffix (24th).
func (s *scanner) dayAt(i int) (int, int, bool) {
	if i >= len(s.toks) {
		return 0, 0, false
	}
	t := s.toks[i]
	if t.kind != tNum || t.frac || t.grouped || t.digits > 2 || t.num < 1 || t.num > 31 {
		return 0, 0, false
	}
	next := i + 1
	if ordinalSuffixes[s.word(next)] && s.attached(next) {
		next++
	}
	return int(t.num), next, true
}

// joinerAt reports whether a range joiner stands at token i (a dash,
// حتى، إلى، to, until; و and "and" only when opened is true) and returns the
// token after it.
func (s *scanner) joinerAt(i int, opened bool) (int, bool) {
	if p := s.punct(i); p == "-" || p == "/" {
		return i + 1, true
	}
	w := s.word(i)
	if w == "" {
		return 0, false
	}
	if (w == "و" || w == "and") && !opened {
		return 0, false
	}
	if rangeJoiners[w] {
		return i + 1, true
	}
	return 0, false
}

// opened reports whether a range opener (من، بين، from, between) stands
// just before token i, possibly followed by a year word (بين عامي).
func (s *scanner) opened(i int) bool {
	j := i - 1
	if yearWords[s.word(j)] {
		j--
	}
	return rangeOpeners[s.word(j)]
}

func validDate(y, m, d int) bool {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

func fmtDate(y, m, d int) string  { return fmt.Sprintf("%04d-%02d-%02d", y, m, d) }
func fmtMonth(y, m int) string    { return fmt.Sprintf("%04d-%02d", y, m) }
func dateKey(y, m, d int) int     { return y*10000 + m*100 + d }
func monthKey(y, m int) int       { return y*100 + m }
func isSlashOrDash(p string) bool { return p == "-" || p == "/" }

// matchNumericDate reads all-digit dates: 2024-07-09, 2024/07/09,
// 09/07/2024, 9-7-2024 (day first in Arabic and British usage; month
// first when the first number cannot be a month's day order otherwise).
func (s *scanner) matchNumericDate(i int) (found, int, bool) {
	if i+4 >= len(s.toks) {
		return found{}, 0, false
	}
	a, b, c := s.toks[i], s.toks[i+2], s.toks[i+4]
	sep1, sep2 := s.punct(i+1), s.punct(i+3)
	if b.kind != tNum || c.kind != tNum || !isSlashOrDash(sep1) || sep1 != sep2 ||
		!s.attached(i+1) || !s.attached(i+2) || !s.attached(i+3) || !s.attached(i+4) ||
		a.frac || b.frac || c.frac || a.grouped || b.grouped || c.grouped {
		return found{}, 0, false
	}
	var y, m, d int
	switch {
	case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
		y, m, d = int(a.num), int(b.num), int(c.num)
	case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
		y, m, d = int(c.num), int(b.num), int(a.num)
		if m > 12 && d <= 12 {
			m, d = d, m
		}
	default:
		return found{}, 0, false
	}
	if y < 1000 || y > 2100 || !validDate(y, m, d) {
		return found{}, 0, false
	}
	return s.newFound(factcheck.KindDate, i, i+5, fmtDate(y, m, d), "", ""), i + 5, true
}

// matchDayDate reads day-first dates: 11 سبتمبر 2001م، 15 Feb. 2011,
// 19-Sep-2011, 24th of February 2022. A day and month with no year is
// consumed without a claim: it cannot be checked.
func (s *scanner) matchDayDate(i int) (found, int, bool) {
	d, n, ok := s.dayAt(i)
	if !ok {
		return found{}, 0, false
	}
	dashed := false
	if isSlashOrDash(s.punct(n)) && s.attached(n) && s.attached(n+1) {
		n++
		dashed = true
	} else if w := s.word(n); w == "of" || w == "من" {
		if _, _, ok := s.monthAt(n + 1); ok {
			n++
		}
	}
	m, n2, ok := s.monthAt(n)
	if !ok {
		return found{}, 0, false
	}
	if dashed && isSlashOrDash(s.punct(n2)) && s.attached(n2) {
		n2++
	}
	y, n3, ok := s.yearAfter(n2)
	if !ok || !validDate(y, m, d) {
		if dir, ok := relativeAfter[s.word(n2)]; ok {
			// "5 نوفمبر المقبل": a day of a month relative to the article
			return s.relativeDate(i, n2+1, d, m, dir), n2 + 1, true
		}
		if s.toks[n].latin && ambiguousMonths[s.word(n)] && !capitalised(s.text, s.toks[n]) {
			return found{}, 0, false
		}
		if y, ok := s.yearFor(i, m, d); ok {
			// "began on 24 March 1999 and lasted 78 days, until 10 June":
			// the year of the date before it in the paragraph, inferred
			return s.inferred(factcheck.KindDate, i, n2, fmtDate(y, m, d)), n2, true
		}
		return skip(n2)
	}
	return s.newFound(factcheck.KindDate, i, n3, fmtDate(y, m, d), "", ""), n3, true
}

// inheritReach is how far back, in bytes, a date with no year looks for
// the year it inherits in its paragraph; paragraphReach, how far when the
// year was stated in the paragraph before.
const (
	inheritReach   = 400
	paragraphReach = 1500
)

// inheritedYear returns the year of the last date, month or year stated
// before token i in its paragraph, not further than inheritReach, or, when
// its paragraph states none before it, in the paragraph before, not
// further than paragraphReach: a day and month with no year continue the
// account ("ففي 9 آب/أغسطس سقطت زرنج" after a paragraph on July 2021).
func (s *scanner) inheritedYear(i int) (int, bool) {
	start := s.toks[i].start
	for k := len(s.found) - 1; k >= 0; k-- {
		c := s.found[k].claim
		breaks := paragraphBreaks(s.text[c.End:start])
		if breaks > 1 || breaks == 0 && start-c.End > inheritReach || breaks == 1 && start-c.End > paragraphReach {
			return 0, false
		}
		if c.Relative {
			// a date that inferred its year passes on where it took it
			// from: the date before it, or the article's date ("on 28
			// December and again on 3 January" in a January report)
			start = c.Start
			continue
		}
		switch c.Kind {
		case factcheck.KindYear, factcheck.KindMonth, factcheck.KindDate, factcheck.KindDateRange, factcheck.KindMonthRange:
		default:
			continue
		}
		v := c.Value
		if _, end, ok := strings.Cut(v, "/"); ok {
			v = end
		}
		if c.Unit != "" || len(v) < 4 {
			continue
		}
		y, err := strconv.Atoi(v[:4])
		return y, err == nil
	}
	return 0, false
}

// yearFor returns the year of day d of month m stated with no year at
// token i: the year inherited from the paragraph (inheritedYear) or, when
// there is none, the year that puts the day nearest the article's date, as
// a report's "on 10 December" means the last 10 December before it, or the
// next when that is nearer ("the summit on 24 June" in a report of 1 June).
// It is inferred, so the claim is questioned, never refuted, by a date of
// another year.
func (s *scanner) yearFor(i, m, d int) (int, bool) {
	if y, ok := s.inheritedYear(i); ok {
		return y, validDate(y, m, d)
	}
	ad := s.articleDate()
	if ad.IsZero() {
		return 0, false
	}
	best, bestDist := 0, time.Duration(math.MaxInt64)
	for y := ad.Year() - 1; y <= ad.Year()+1; y++ {
		if !validDate(y, m, d) {
			continue
		}
		dist := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(ad)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best, best != 0
}

// paragraphBreaks counts the paragraph breaks in s: runs of line breaks
// with nothing but spaces between them count once.
func paragraphBreaks(s string) int {
	n, inBreak := 0, false
	for _, r := range s {
		switch {
		case r == '\n':
			if !inBreak {
				n++
			}
			inBreak = true
		case r == ' ' || r == '\t' || r == '\r':
		default:
			inBreak = false
		}
	}
	return n
}

// relativeDate makes a date claim for day d of month m stated relative to
// the article's date (dir -1 last, +1 next, 0 this), valued when that date
// is known.
func (s *scanner) relativeDate(a, b, d, m, dir int) found {
	value := ""
	if ad := s.articleDate(); !ad.IsZero() {
		y := ad.Year()
		key, now := m*100+d, int(ad.Month())*100+ad.Day()
		switch {
		case dir < 0 && key >= now:
			y--
		case dir > 0 && key <= now:
			y++
		}
		if validDate(y, m, d) {
			value = fmtDate(y, m, d)
		}
	}
	return s.inferred(factcheck.KindDate, a, b, value)
}

// inferred builds a time claim over tokens [a, b) whose year is not stated
// but inferred (Relative), from the article's date or the paragraph's.
func (s *scanner) inferred(kind factcheck.Kind, a, b int, value string) found {
	f := s.newFound(kind, a, b, value, "", "")
	f.claim.Relative = true
	return f
}

// capitalised reports whether token t starts with an upper-case letter.
func capitalised(text string, t token) bool {
	c := text[t.start]
	return c >= 'A' && c <= 'Z'
}

// matchDayDateRange reads ranges of days: من 9 حتى 11 تموز/يوليو 2024,
// 9-11 July 2024, 30 June - 2 July 2024, 30 يونيو 2024 إلى 2 يوليو 2024.
func (s *scanner) matchDayDateRange(i int) (found, int, bool) {
	d1, n, ok := s.dayAt(i)
	if !ok {
		return found{}, 0, false
	}
	opened := s.opened(i)
	// d1 J d2 M Y; "19 و20 نوفمبر" and "9 and 10 July" are ranges too
	if j, ok := s.joinerAt(n, true); ok {
		if d2, n2, ok := s.dayAt(j); ok {
			if m, n3, ok := s.monthAt(n2); ok {
				if y, n4, ok := s.yearAfter(n3); ok && d1 < d2 && validDate(y, m, d1) && validDate(y, m, d2) {
					return s.newFound(factcheck.KindDateRange, i, n4, fmtDate(y, m, d1)+"/"+fmtDate(y, m, d2), "", ""), n4, true
				}
			}
		}
	}
	// d1 M1 [Y1] J d2 M2 Y2
	m1, n2, ok := s.monthAt(n)
	if !ok {
		return found{}, 0, false
	}
	y1, n3, hasY1 := s.yearAfter(n2)
	if !hasY1 {
		n3 = n2
	}
	j, ok := s.joinerAt(n3, opened)
	if !ok {
		return found{}, 0, false
	}
	d2, n4, ok := s.dayAt(j)
	if !ok {
		return found{}, 0, false
	}
	m2, n5, ok := s.monthAt(n4)
	if !ok {
		return found{}, 0, false
	}
	y2, n6, ok := s.yearAfter(n5)
	if !ok {
		return found{}, 0, false
	}
	if !hasY1 {
		y1 = y2
	}
	if !validDate(y1, m1, d1) || !validDate(y2, m2, d2) || dateKey(y1, m1, d1) >= dateKey(y2, m2, d2) {
		return found{}, 0, false
	}
	return s.newFound(factcheck.KindDateRange, i, n6, fmtDate(y1, m1, d1)+"/"+fmtDate(y2, m2, d2), "", ""), n6, true
}

// matchMonthFirst reads what starts with a month name: English dates
// (February 24, 2022; July 9-11, 2024), month ranges (بين يناير 2017
// ويناير 2021; January to March 2024) and months (فبراير 2002م، July 2024).
func (s *scanner) matchMonthFirst(i int) (found, int, bool) {
	m1, n, ok := s.monthAt(i)
	if !ok {
		return found{}, 0, false
	}
	opened := s.opened(i)
	// Month d1 [J d2], Y
	if d1, n2, ok := s.dayAt(n); ok {
		if j, ok := s.joinerAt(n2, opened); ok {
			// July 9-11, 2024 or July 30 - August 2, 2024
			if d2, n3, ok := s.dayAt(j); ok {
				y, n4, hasYear := s.yearAfter(n3)
				if hasYear && d1 < d2 && validDate(y, m1, d1) && validDate(y, m1, d2) {
					return s.newFound(factcheck.KindDateRange, i, n4, fmtDate(y, m1, d1)+"/"+fmtDate(y, m1, d2), "", ""), n4, true
				}
				if !hasYear && d1 < d2 && s.toks[i].latin {
					// "June 24-25" with no year: the year before it, inferred
					if y, ok := s.inheritedYear(i); ok && validDate(y, m1, d1) && validDate(y, m1, d2) {
						return s.inferred(factcheck.KindDateRange, i, n3, fmtDate(y, m1, d1)+"/"+fmtDate(y, m1, d2)), n3, true
					}
					return skip(n3)
				}
			}
			if m2, n3, ok := s.monthAt(j); ok {
				if d2, n4, ok := s.dayAt(n3); ok {
					if y, n5, ok := s.yearAfter(n4); ok && validDate(y, m1, d1) && validDate(y, m2, d2) && dateKey(y, m1, d1) < dateKey(y, m2, d2) {
						return s.newFound(factcheck.KindDateRange, i, n5, fmtDate(y, m1, d1)+"/"+fmtDate(y, m2, d2), "", ""), n5, true
					}
				}
			}
		}
		if y, n3, ok := s.yearAfter(n2); ok && validDate(y, m1, d1) {
			return s.newFound(factcheck.KindDate, i, n3, fmtDate(y, m1, d1), "", ""), n3, true
		}
		if s.toks[n].digits <= 2 && s.toks[i].latin && (!ambiguousMonths[s.word(i)] || capitalised(s.text, s.toks[i])) {
			// "July 4": the year of the date before it, inferred, or none
			if y, ok := s.yearFor(i, m1, d1); ok {
				return s.inferred(factcheck.KindDate, i, n2, fmtDate(y, m1, d1)), n2, true
			}
			return skip(n2)
		}
	}
	y1, n2, hasY1 := s.yearAfter(n)
	// month ranges
	rangeFrom := n
	if hasY1 {
		rangeFrom = n2
	}
	if f, next, ok := s.monthRangeRest(i, m1, y1, hasY1, rangeFrom, opened); ok {
		return f, next, true
	}
	if hasY1 {
		return s.newFound(factcheck.KindMonth, i, n2, fmtMonth(y1, m1), "", ""), n2, true
	}
	if y, n2, ok := s.sameYear(n); ok {
		return s.newFound(factcheck.KindMonth, i, n2, fmtMonth(y, m1), "", ""), n2, true
	}
	return s.bareMonth(i, m1, n)
}

// sameYearPhrases follow a month to place it in the year last mentioned:
// مايو من نفس العام، in May of that year.
var sameYearPhrases = [][]string{
	strings.Fields(textnorm.Fold("من نفس العام")), strings.Fields(textnorm.Fold("من العام نفسه")), strings.Fields(textnorm.Fold("من ذات العام")),
	strings.Fields(textnorm.Fold("من العام ذاته")), strings.Fields(textnorm.Fold("من السنة نفسها")), strings.Fields(textnorm.Fold("من نفس السنة")),
	{"of", "the", "same", "year"}, {"of", "that", "year"}, {"that", "year"},
}

// sameYear reads a same-year phrase at token i and returns the year of the
// latest year, month or date claim found before it.
func (s *scanner) sameYear(i int) (int, int, bool) {
	for _, p := range sameYearPhrases {
		if !s.wordsEqual(i, p) {
			continue
		}
		for k := len(s.found) - 1; k >= 0; k-- {
			c := s.found[k].claim
			switch c.Kind {
			case factcheck.KindYear, factcheck.KindMonth, factcheck.KindDate:
				if c.Unit == "" && len(c.Value) >= 4 {
					var y int
					if _, err := fmt.Sscanf(c.Value[:4], "%d", &y); err == nil {
						return y, i + len(p), true
					}
				}
			}
		}
		return 0, 0, false
	}
	return 0, 0, false
}

// monthLeads before a month name with no year make it a claim about that
// month of the article's year: في يونيو، in June.
var monthLeads = textnorm.FoldSet("في", "خلال", "منذ", "حتى", "قبل", "بعد", "مطلع", "أواخر", "أوائل", "منتصف", "نهاية", "بداية", "شهر", "لشهر",
	"بشهر", "in", "since", "until", "during", "early", "late", "mid", "through", "from", "by")

// bareMonth reads a month named without a year after a preposition: it
// is relative to the article's date, like "last March".
func (s *scanner) bareMonth(i, m, next int) (found, int, bool) {
	if s.relativeMarker(next) {
		return found{}, 0, false
	}
	lead := false
	for c := range clitics(s.word(i-1), []string{"و", "ف"}, 2) {
		lead = lead || monthLeads[c]
	}
	if !lead {
		return found{}, 0, false
	}
	if s.toks[i].latin {
		if ambiguousMonths[s.word(i)] {
			return found{}, 0, false
		}
		if c := s.text[s.toks[i].start]; c < 'A' || c > 'Z' {
			return found{}, 0, false
		}
	}
	value := ""
	if d := s.articleDate(); !d.IsZero() {
		value = fmtMonth(d.Year(), m)
	}
	return s.inferred(factcheck.KindMonth, i, next, value), next, true
}

// relativeMarker reports whether token i makes the month before it
// relative (الماضي، المقبل), so matchRelativeMonth reads it.
func (s *scanner) relativeMarker(i int) bool {
	_, ok := relativeAfter[s.word(i)]
	return ok
}

// monthRangeRest completes a month range whose first month (and maybe
// year) was read: "J M2 Y2". The joiner may be a و attached to the second
// month (ويناير) when the range was opened by بين or من.
func (s *scanner) monthRangeRest(i, m1, y1 int, hasY1 bool, j int, opened bool) (found, int, bool) {
	k, ok := s.joinerAt(j, opened)
	if !ok {
		if !opened || !strings.HasPrefix(s.word(j), "و") {
			return found{}, 0, false
		}
		k = j // ويناير: the joiner is the attached و
	}
	m2, n, ok := s.monthAt(k)
	if !ok {
		return found{}, 0, false
	}
	y2, n2, ok := s.yearAfter(n)
	if !ok {
		return found{}, 0, false
	}
	if !hasY1 {
		y1 = y2
	}
	if monthKey(y1, m1) >= monthKey(y2, m2) {
		return found{}, 0, false
	}
	return s.newFound(factcheck.KindMonthRange, i, n2, fmtMonth(y1, m1)+"/"+fmtMonth(y2, m2), "", ""), n2, true
}

// matchRelativeMonth reads months stated relative to the article's date:
// مارس الماضي، أواخر يونيو المقبل، last March, next June. The value is
// resolved against Options.Date, and empty when that is unknown.
func (s *scanner) matchRelativeMonth(i int) (found, int, bool) {
	start := i
	var m, next, dir int
	if d, ok := relativeBefore[s.word(i)]; ok && s.toks[i].latin {
		mm, n, ok := s.monthAt(i + 1)
		if !ok {
			return found{}, 0, false
		}
		m, next, dir = mm, n, d
	} else {
		mm, n, ok := s.monthAt(i)
		if !ok {
			return found{}, 0, false
		}
		d, ok := relativeAfter[s.word(n)]
		if !ok {
			return found{}, 0, false
		}
		m, next, dir = mm, n+1, d
		if periodWords[s.word(i-1)] {
			start = i - 1
		}
	}
	value := ""
	if d := s.articleDate(); !d.IsZero() {
		y := d.Year()
		switch {
		case dir < 0 && m >= int(d.Month()):
			y--
		case dir > 0 && m <= int(d.Month()):
			y++
		}
		value = fmtMonth(y, m)
	}
	return s.inferred(factcheck.KindMonth, start, next, value), next, true
}

// periodWords mark part of a month: أواخر يونيو، مطلع مارس.
var periodWords = textnorm.FoldSet("أواخر", "أوائل", "منتصف", "مطلع", "نهاية", "بداية", "أول", "آخر", "بدايات", "نهايات")

// matchYearWord reads a year or year range introduced by a year word or
// season: عام 1949م، في العام 2024، صيف 1993م، بين عامي 2014 و2018.
func (s *scanner) matchYearWord(i int) (found, int, bool) {
	w := s.word(i)
	if !yearWords[w] && !seasons[w] {
		return found{}, 0, false
	}
	j := i + 1
	if seasons[w] && yearWords[s.word(j)] {
		j++
	}
	if f, next, ok := s.yearRangeAt(j, i, true); ok {
		return f, next, true
	}
	y, hijri, _, next, ok := s.yearAt(j)
	if !ok {
		return found{}, 0, false
	}
	return s.yearFound(i, next, y, hijri), next, true
}

func (s *scanner) yearFound(a, b, y int, hijri bool) found {
	unit := ""
	if hijri {
		unit = "hijri"
	}
	return s.newFound(factcheck.KindYear, a, b, fmt.Sprint(y), unit, "")
}

// matchYearRange reads year ranges starting at a number: (1979-1990م),
// 2004-2011م، from 1991 to 1999.
func (s *scanner) matchYearRange(i int) (found, int, bool) {
	return s.yearRangeAt(i, i, false)
}

// yearRangeAt reads "Y1 J [year word] Y2" at token i; the claim starts at
// token start. introduced is true after a year word, which makes the
// numbers years without further context.
func (s *scanner) yearRangeAt(i, start int, introduced bool) (found, int, bool) {
	y1, hijri1, era1, n, ok := s.yearAt(i)
	if !ok {
		return found{}, 0, false
	}
	opened := s.opened(i)
	p := s.punct(n)
	j, ok := s.joinerAt(n, opened)
	if !ok {
		return found{}, 0, false
	}
	if !isSlashOrDash(p) && !opened && !introduced {
		return found{}, 0, false // "2004 to 2011" needs "from"
	}
	if yearWords[s.word(j)] {
		j++
	}
	y2, hijri2, era2, n2, ok := s.yearAt(j)
	if !ok && isSlashOrDash(p) && j < len(s.toks) && s.toks[j].kind == tNum && s.toks[j].digits == 2 && !s.toks[j].frac {
		// 1991-99
		y2 = y1/100*100 + int(s.toks[j].num)
		n2, ok = j+1, y2 > y1
		if w := s.word(n2); eraGregorian[w] {
			n2, era2 = n2+1, true
		}
	}
	if !ok || hijri1 != hijri2 || y2 <= y1 {
		return found{}, 0, false
	}
	if p == "/" && y2 != y1+1 {
		return found{}, 0, false
	}
	short := s.toks[j].digits == 2
	// "its 1980-1988 war", "the 2021-2027 budget": two years joined by a
	// dash are a range whatever noun follows
	dashed := p == "-" && s.attached(n) && s.attached(j) && y1 >= 1800 && y2 <= 2100 && y2-y1 <= 60
	if !era1 && !era2 && !opened && !introduced && !short && !dashed && !s.yearContext(i, n2) {
		return found{}, 0, false
	}
	unit := ""
	if hijri1 {
		unit = "hijri"
	}
	return s.newFound(factcheck.KindYearRange, start, n2, fmt.Sprintf("%d/%d", y1, y2), unit, ""), n2, true
}

// matchYear reads a bare year: 1949م، 1445هـ، "in 2011", "(2004)".
func (s *scanner) matchYear(i int) (found, int, bool) {
	y, hijri, era, next, ok := s.yearAt(i)
	if !ok {
		return found{}, 0, false
	}
	if !era && !s.yearContext(i, next) {
		return found{}, 0, false
	}
	a := i
	if seasons[s.word(i-1)] {
		a = i - 1
	}
	return s.yearFound(a, next, y, hijri), next, true
}

// yearContext decides whether the four-digit number at token i (ending
// before token next) is a year rather than a count: it is when a year word,
// preposition, season or month stands before it, when it is in
// parentheses, or when no counted noun follows it.
func (s *scanner) yearContext(i, next int) bool {
	y := s.toks[i].num
	prev := s.word(i - 1)
	if weakYearPrepositions[prev] && y >= 1000 && s.countedNoun(next) {
		noun := true
		for c := range clitics(s.word(next), cliticPrefixes, 1) {
			noun = noun && !textnorm.IsStopword(c)
		}
		if noun {
			return false // "تخلت عن 1900 رأس نووي", "around 1500 troops"
		}
	}
	if prev != "" {
		for c := range clitics(prev, cliticPrefixes, 2) {
			if yearWords[c] || yearPrepositions[c] || seasons[c] {
				return true
			}
		}
		if _, _, ok := s.monthAt(i - 1); ok {
			return true
		}
	}
	if s.punct(i-1) == "(" && s.punct(next) == ")" {
		return true
	}
	if y < 1800 || y > 2100 {
		return false
	}
	if w := s.word(next); w != "" && s.countedNoun(next) {
		// "تعويم 2016 وتعويم 2024", "صدمة 2022 وبرنامج جديد": a year after
		// the noun it dates, then "and" another noun, counts nothing
		and := strings.HasPrefix(w, "و") && !s.toks[next].latin
		// (the noun before, in construct with its year, has no article:
		// "وظف المصنع 2000 وظيفة" counts jobs)
		named := prev != "" && !s.toks[i-1].latin && !textnorm.IsStopword(prev) && !definite(prev) && s.countedNoun(i-1)
		return and && named
	}
	return true
}
