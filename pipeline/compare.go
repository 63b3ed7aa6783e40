package pipeline

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsroom/factcheck"
)

// This file compares values: a claim's against a passage's, at the
// claim's precision and with its qualifiers.

// specificity grades how unlikely a value is to be met by chance.
type specificity int

const (
	common   specificity = iota // small counts, round percentages: "three countries", "50%"
	moderate                    // years, months, round numbers: "1999", "200 thousand"
	distinct                    // days, ranges, exact figures: "5 December 1994", "6.8%", "143"
)

// specificityOf grades the value of quantity q.
func specificityOf(q factcheck.Claim) specificity {
	if q.Kind.IsTemporal() {
		v, _, isRange := strings.Cut(q.Value, "/")
		if isRange || precision(v) == 3 {
			return distinct
		}
		return moderate
	}
	f, err := strconv.ParseFloat(q.Value, 64)
	if err != nil || q.Kind == factcheck.KindOrdinal {
		return common
	}
	switch {
	case f != math.Trunc(f):
		return distinct // 6.8, 3.3
	case f <= 12:
		return common
	}
	// strip the trailing zeros: 143, 1550 and 2443 are exact; 200000 and
	// 25 are round
	for f >= 10 && math.Mod(f, 10) == 0 {
		f /= 10
	}
	if f >= 100 || f >= 10 && int(f)%5 != 0 {
		return distinct
	}
	return moderate
}

// agreement is how two values relate.
type agreement int

const (
	unrelated agreement = iota // different kinds, units or precisions: no bearing
	agrees
	conflicts
)

// nearMiss reports whether passage value q differs from claim value c as
// a slip would: a full date with the same day and month in another year, a
// range of months or days with one end changed, or a figure of two or more
// digits with its digits transposed (78, 87) or, of three or more, one
// digit changed (1,550, 6,550).
func nearMiss(c, q factcheck.Claim) bool {
	switch {
	case c.Kind.IsTemporal() && q.Kind.IsTemporal():
		if cs, ce, ok := strings.Cut(c.Value, "/"); ok {
			// a range with one end the same and the other not: "20 November
			// to 19 December 2022" against "20 November – 18 December 2022";
			// not years ("(2014-2021)" against "2014–2022"): terms of years
			// are many, and often share a year
			qs, qe, ok := strings.Cut(q.Value, "/")
			return ok && precision(cs) >= 2 && precision(cs) == precision(qs) && precision(ce) == precision(qe) && (cs == qs) != (ce == qe)
		}
		if precision(c.Value) != 3 || precision(q.Value) != 3 {
			return false
		}
		return c.Value[4:] == q.Value[4:] && c.Value[:4] != q.Value[:4]
	case c.Kind != q.Kind || c.Kind == factcheck.KindOrdinal:
		return false
	}
	a, b := digitsOf(c.Value), digitsOf(q.Value)
	if len(a) != len(b) || len(a) < 2 || a == b {
		return false
	}
	var diff []int
	for i := range a {
		if a[i] != b[i] {
			diff = append(diff, i)
		}
	}
	switch len(diff) {
	case 1:
		return len(strings.Trim(a, "0")) >= 3
	case 2:
		return diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
	}
	return false
}

// farApartMoney is how many times larger one sum may be than another and
// still be a figure for the same thing: "$161.1 billion" of net income is
// not refuted by an oil price of "$139"; "$25 million" against "$25
// billion", the same digits, is a slip of scale, and refutable.
const farApartMoney = 100

// farApartPercent is farApartMoney for percentages, whose wrong values are
// most often off by a few points: "2.5%" against "1.5%" is refutable, "90%"
// against "1.5%" is another share.
const farApartPercent = 10

// farApartBy reports whether a and b differ by more than ratio times,
// their significant digits not the same.
func farApartBy(a, b string, ratio float64) bool {
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || x <= 0 || y <= 0 || max(x, y) <= ratio*min(x, y) {
		return false
	}
	sig := func(v string) string { return strings.Trim(digitsOf(v), "0") }
	return sig(a) != sig(b)
}

// digitsOf returns the digits of a numeric value, decimal point removed.
func digitsOf(v string) string {
	return strings.ReplaceAll(strings.TrimLeft(v, "-"), ".", "")
}

// coarserBy returns how many levels of precision (day, month, year)
// passage value q has fewer than claim c; 0 when it has as many or more,
// or for values that are not points in time.
func coarserBy(q, c factcheck.Claim) int {
	if !q.Kind.IsTemporal() || !c.Kind.IsTemporal() {
		return 0
	}
	qv, _, _ := strings.Cut(q.Value, "/")
	cv, _, _ := strings.Cut(c.Value, "/")
	return max(0, precision(cv)-precision(qv))
}

// coarser reports whether passage value q is less precise than claim c
// ("1989" against "February 1991"): a coarser date may be about a wider
// span, so it does not refute.
func coarser(q, c factcheck.Claim) bool {
	if !q.Kind.IsTemporal() || !c.Kind.IsTemporal() {
		return false
	}
	qv, _, _ := strings.Cut(q.Value, "/")
	cv, _, _ := strings.Cut(c.Value, "/")
	return precision(qv) < precision(cv)
}

// compare relates a claim's value to a passage quantity's.
func compare(v claimView, pq passageQuantity) agreement {
	c, q := v.c, pq.q
	if q.Relative && q.Value == "" || c.Value == "" || q.Value == "" {
		return unrelated
	}
	switch {
	case len(v.eventYears) > 0 && q.Kind.IsTemporal():
		return compareAnniversary(v.eventYears, v.marked, q)
	case c.Kind.IsTemporal() && q.Kind.IsTemporal():
		if c.Unit != q.Unit || c.Qualifier != "" || q.Qualifier != "" {
			// Hijri against Gregorian; "after 2002" states a bound, not a date
			return unrelated
		}
		return compareTime(c, q)
	case c.Kind != q.Kind:
		return unrelated
	case c.Kind == factcheck.KindCount && v.increment != pq.increment:
		return unrelated // "four new members" is not the total "29 Allies"
	case c.Kind == factcheck.KindCount:
		// the same counted noun: stated with the passage's number, or, for
		// a passage number without one ("Number of Allies: 32"), in its sentence
		switch {
		case v.unit == "" && pq.unit == "":
		case v.unit == "" || v.unit != pq.unit && !(pq.unit == "" && (pq.own[v.unit] || slices.ContainsFunc(v.unitTerms, func(t string) bool { return pq.own[t] }))):
			if c.Value == q.Value && (c.Qualifier == "" || c.Qualifier == q.Qualifier || c.Qualifier == factcheck.QualAbout) &&
				specificityOf(c) == distinct {
				// the same exact figure counts the same thing, whatever
				// words two languages give it ("2692 صاروخا", "2,692
				// missiles"; "نحو 1340 كيلومتراً", "about 1,340 kilometres")
				return agrees
			}
			return unrelated
		}
		return compareNumbers(c.Value, c.Qualifier, q.Value, q.Qualifier, 0.005)
	case c.Kind == factcheck.KindPercent:
		cv, err1 := strconv.ParseFloat(c.Value, 64)
		qv, err2 := strconv.ParseFloat(q.Value, 64)
		if err1 != nil || err2 != nil {
			return unrelated
		}
		if farApartBy(c.Value, q.Value, farApartPercent) {
			return unrelated // "90% live in poverty" and "1.5% were killed"
		}
		// rounding: "12%" agrees with 11.8, "7.0%" does not with 7.12;
		// "about" widens a whole percentage by a point, a figure stated
		// to decimals by less: "نحو 2.65%" is not 2.56
		rounding := roundingOf(c, q)
		return compareValues(cv, c.Qualifier, qv, q.Qualifier, rounding, min(1, 10*rounding))
	case c.Kind == factcheck.KindMoney:
		if farApartBy(c.Value, q.Value, farApartMoney) {
			return unrelated
		}
		agr := compareNumbers(c.Value, c.Qualifier, q.Value, q.Qualifier, 0.01)
		if c.Unit != q.Unit {
			if agr == agrees {
				return conflicts // the same amount in another currency
			}
			return unrelated
		}
		return agr
	case c.Kind == factcheck.KindOrdinal:
		// an ordinal ranks something: the 75th anniversary, the third year
		// a table cell's rank is of what its header names ("Euro area
		// member no.: 17th")
		if v.unit == "" || v.unit != pq.unit && !(pq.unit == "" && pq.row && pq.own[v.unit]) {
			return unrelated
		}
		if c.Value == q.Value {
			return agrees
		}
		return conflicts
	}
	return unrelated
}

// span is a closed numeric interval.
type span struct{ lo, hi float64 }

// interval turns a value and its qualifier into the interval it claims;
// tol is the absolute tolerance of an exact or "about" value.
func interval(v float64, q factcheck.Qualifier, tol float64) span {
	inf := math.Inf(1)
	switch q {
	case factcheck.QualMoreThan:
		return span{v + 1e-9, inf}
	case factcheck.QualAtLeast:
		return span{v, inf}
	case factcheck.QualLessThan:
		return span{-inf, v - 1e-9}
	case factcheck.QualAtMost:
		return span{-inf, v}
	}
	return span{v - tol, v + tol}
}

// compareInterval: agree when the passage's interval lies inside the
// claim's, conflict when they do not meet.
func compareInterval(c, q span) agreement {
	switch {
	case q.lo >= c.lo && q.hi <= c.hi:
		return agrees
	case q.hi < c.lo || q.lo > c.hi:
		return conflicts
	}
	return unrelated
}

// compareNumbers compares counts or amounts with relative tolerances for
// exact and "about" values (an exact figure still allows rounding).
func compareNumbers(cs string, cq factcheck.Qualifier, qs string, qq factcheck.Qualifier, exactTol float64) agreement {
	cv, err1 := strconv.ParseFloat(cs, 64)
	qv, err2 := strconv.ParseFloat(qs, 64)
	if err1 != nil || err2 != nil {
		return unrelated
	}
	return compareValues(cv, cq, qv, qq, math.Abs(cv)*exactTol, 1)
}

// compareValues compares a claim's value cv (qualified cq) with a
// passage's qv (qualified qq). exact is the absolute tolerance of an exact
// claim (rounding); an "about" value allows more, the fewer significant
// digits it has (aboutShare), and never less than minAbout.
//
// A bound ("more than 100", "up to 23") is supported by a value within it
// and near it: "more than 100 troops" by 120, not by 5,000, which says
// nothing of the claim's point. Two bounds of the same direction state the
// same limit and compare as values ("up to 23" against "up to 18").
func compareValues(cv float64, cq factcheck.Qualifier, qv float64, qq factcheck.Qualifier, exact, minAbout float64) agreement {
	about := func(v float64) float64 { return math.Max(minAbout, math.Abs(v)*aboutShare(v)) }
	ctol := exact
	if cq == factcheck.QualAbout {
		ctol = about(cv)
	}
	qtol := 0.0 // an exact passage value is a point; the claim carries the tolerance
	if qq == factcheck.QualAbout {
		qtol = about(qv)
	}
	switch cb, qb := boundSign(cq), boundSign(qq); {
	case cb != 0 && qb != 0:
		if cb != qb {
			return unrelated
		}
		return compareInterval(span{cv - exact, cv + exact}, span{qv, qv})
	case cb != 0:
		agr := compareInterval(interval(cv, cq, 0), interval(qv, qq, qtol))
		reach := boundReach
		if cq == factcheck.QualAtMost {
			// "pledged up to EUR 4 billion" states the ceiling it pledged,
			// not any sum below it
			reach = ceilingReach
		}
		if agr == agrees && math.Abs(qv-cv) > math.Abs(cv)*reach {
			return unrelated // within the bound but far from it
		}
		return agr
	}
	return compareInterval(interval(cv, cq, ctol), interval(qv, qq, qtol))
}

// boundReach is how far, as a share of the bound, a value may lie inside
// a bound and still support it.
const boundReach = 0.5

// ceilingReach is boundReach for "up to", "at most": the figure stated is
// most often the amount itself.
const ceilingReach = 0.1

// boundSign is 1 for a lower bound (more than, at least), -1 for an upper
// one (less than, at most) and 0 otherwise.
func boundSign(q factcheck.Qualifier) int {
	switch q {
	case factcheck.QualMoreThan, factcheck.QualAtLeast:
		return 1
	case factcheck.QualLessThan, factcheck.QualAtMost:
		return -1
	}
	return 0
}

// aboutShare is the relative tolerance of an "about" value: 10% for one
// significant digit ("about 100", "half"), 5% for two ("nearly 95%"), 1%
// for more ("about 96.4 billion").
func aboutShare(v float64) float64 {
	digits := strings.Trim(strings.ReplaceAll(strconv.FormatFloat(math.Abs(v), 'f', -1, 64), ".", ""), "0")
	switch {
	case len(digits) <= 1:
		return 0.1
	case len(digits) == 2:
		return 0.05
	}
	return 0.01
}

// roundingOf is how far two decimal figures may differ and still be one
// figure rounded: half a unit of the last place the coarser of them states
// (0.5 for "12%", 0.05 for "7.0%" or "9.4%").
func roundingOf(a, b factcheck.Claim) float64 {
	return 0.5 * math.Pow(10, -float64(min(decimalPlaces(a), decimalPlaces(b))))
}

// decimalPlaces is how many decimal places quantity q states: its value
// drops trailing zeros ("7.0" is 7), so they are counted in its span.
func decimalPlaces(q factcheck.Claim) int {
	places := 0
	if _, frac, ok := strings.Cut(q.Value, "."); ok {
		places = len(frac)
	}
	rs := []rune(q.Span)
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == '.' || rs[i] == '٫') && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]) {
			n := 0
			for k := i + 1; k < len(rs) && unicode.IsDigit(rs[k]); k++ {
				n++
			}
			places = max(places, n)
			break
		}
	}
	return places
}

// precision of a temporal value: 1 year, 2 month, 3 day.
func precision(v string) int {
	switch len(v) {
	case 4:
		return 1
	case 7:
		return 2
	case 10:
		return 3
	}
	return 0
}

// truncate cuts a temporal value to precision p.
func truncate(v string, p int) string {
	switch p {
	case 1:
		return v[:min(4, len(v))]
	case 2:
		return v[:min(7, len(v))]
	}
	return v
}

// compareTime compares temporal values at the precision the claim states:
// "فبراير 2002" conflicts with "24 February 2022", "2001" agrees with "11
// September 2001". A passage coarser than the claim agrees when it is
// consistent (it cannot confirm the day, but states nothing else). Ranges
// compare both ends; a point and a range do not compare.
func compareTime(c, q factcheck.Claim) agreement {
	cr := strings.Contains(c.Value, "/")
	qr := strings.Contains(q.Value, "/")
	if !cr && qr {
		// a range within one unit of the claim's precision is a point at
		// it: "8–9 July 2016" is July 2016, and 2016
		q1, q2, _ := strings.Cut(q.Value, "/")
		if p := precision(c.Value); p > 0 && precision(q1) >= p && precision(q2) >= p && truncate(q1, p) == truncate(q2, p) {
			return comparePoint(c.Value, truncate(q1, p))
		}
	}
	if cr != qr {
		return unrelated
	}
	if !cr {
		return comparePoint(c.Value, q.Value)
	}
	c1, c2, _ := strings.Cut(c.Value, "/")
	q1, q2, _ := strings.Cut(q.Value, "/")
	a, b := comparePoint(c1, q1), comparePoint(c2, q2)
	switch {
	case a == agrees && b == agrees:
		return agrees
	case a == conflicts || b == conflicts:
		return conflicts
	}
	return unrelated
}

func comparePoint(c, q string) agreement {
	pc, pq := precision(c), precision(q)
	if pc == 0 || pq == 0 {
		return unrelated
	}
	p := min(pc, pq)
	if truncate(c, p) == truncate(q, p) {
		return agrees
	}
	return conflicts
}

// sameDayYearApart reports whether full dates c and q name the same day of
// the same month one or two years apart ("31 March 1968", "31 March 1967"):
// a slip too particular to be chance, on any page.
func sameDayYearApart(c, q factcheck.Claim) bool {
	if !c.Kind.IsTemporal() || !nearMiss(c, q) {
		return false
	}
	a, err1 := strconv.Atoi(c.Value[:4])
	b, err2 := strconv.Atoi(q.Value[:4])
	return err1 == nil && err2 == nil && abs(a-b) <= 2
}
