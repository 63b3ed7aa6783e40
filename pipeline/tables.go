package pipeline

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/textnorm"
)

// statedPercent matches a percentage stated with its figure ("2%", "20
// per cent", "٢٪"): a label holding one names a threshold, not its column's unit.
var statedPercent = regexp.MustCompile(`[0-9٠-٩][0-9٠-٩.,٫]*\s*(%|٪|per ?cent|في المئة|في المائة|بالمئة|بالمائة)`)

// percentMarks say that the figures under a label are percentages.
var percentMarks = []string{"%", "٪", "per cent", "percent", "في المئة", "في المائة", "بالمئة", "بالمائة", "النسبة المئوية"}

// percentLabel reports whether a table's caption or a cell's header says
// its figures are percentages ("share of GDP (%)"), beyond any percentage
// it states with a figure ("Allies at or above 2%").
func percentLabel(label string) bool {
	label = strings.ToLower(statedPercent.ReplaceAllString(label, ""))
	for _, m := range percentMarks {
		if strings.Contains(label, m) {
			return true
		}
	}
	return false
}

// labelUnit matches the parenthesised unit of a header or caption:
// "الإيرادات (مليار دولار)", "Revenue (USD billion)", "Cost ($bn)".
var labelUnit = regexp.MustCompile(`\(([^()0-9٠-٩]{1,30})\)`)

// moneyLabel returns the scale and currency a table's caption or a cell's
// header gives its figures ("Revenue (USD billion)": 1e9, USD), read as the
// claims package reads a sum stated with the figure 1.
func moneyLabel(label string) (scale float64, currency string, ok bool) {
	var cands []string
	if m := labelUnit.FindStringSubmatch(label); m != nil {
		unit := strings.TrimSpace(m[1])
		cands = append(cands, "1 "+unit)
		if first, rest, found := strings.Cut(unit, " "); found {
			cands = append(cands, first+" 1 "+rest) // "USD 1 billion"
		}
		if r := []rune(unit); len(r) > 1 {
			cands = append(cands, string(r[0])+"1"+string(r[1:])) // "$1bn"
		}
	}
	bracketed := len(cands)
	// a header that is a currency's name: "Saudi riyals", "US dollars
	// (approx.)"; its cells state their own scale ("3.42 trillion")
	if name := strings.TrimSpace(labelUnit.ReplaceAllString(label, "")); name != "" && len(name) <= 40 {
		cands = append(cands, "1 "+name)
	}
	for k, c := range cands {
		q, v, ok := wholeQuantity(c)
		if ok && q.Kind == factcheck.KindMoney && q.Unit != "" && (v > 1 || k >= bracketed && v == 1) {
			return v, q.Unit, true
		}
	}
	return 0, "", false
}

// wholeQuantity reads text c as the claims package does and returns its
// quantity and value when c states exactly one, spanning all of c.
func wholeQuantity(c string) (factcheck.Claim, float64, bool) {
	qs := claims.Extract(c, claims.Options{})
	if len(qs) != 1 || qs[0].Start != 0 || qs[0].End != len(c) {
		return factcheck.Claim{}, 0, false
	}
	v, err := strconv.ParseFloat(qs[0].Value, 64)
	return qs[0], v, err == nil
}

// countScale returns the scale a table's caption or a cell's header gives
// its counts ("عدد المسافرين (مليون)", "Passengers (millions)": 1e6), read
// as the claims package reads the scale word after the figure 1.
func countScale(label string) (float64, bool) {
	m := labelUnit.FindStringSubmatch(label)
	if m == nil {
		return 0, false
	}
	q, v, ok := wholeQuantity("1 " + strings.TrimSpace(m[1]))
	if !ok || q.Kind != factcheck.KindCount || q.Unit != "" || v <= 1 {
		return 0, false
	}
	return v, true
}

// cellLabel returns the header of the cell of table row text (rendered
// "Header: value; Header: value") holding the byte offset at.
func cellLabel(text string, at int) string {
	cell := text[:at]
	if k := strings.LastIndex(cell, ";"); k >= 0 {
		cell = cell[k+1:]
	}
	if k := strings.LastIndex(cell, ":"); k >= 0 {
		return cell[:k]
	}
	return ""
}

// startLabels and endLabels head the cells of a table row that open and
// close a span of time: "Start: August 2009; End: December 2016".
var (
	startLabels = textnorm.FoldSet("start", "started", "began", "begin", "beginning", "from", "launched", "opened", "start date",
		"البداية", "بداية", "البدء", "بدأت", "بدء", "من", "الانطلاق", "تاريخ البدء")
	endLabels = textnorm.FoldSet("end", "ended", "until", "to", "closed", "concluded", "terminated", "end date",
		"النهاية", "نهاية", "انتهت", "الانتهاء", "حتى", "إلى", "تاريخ الانتهاء")
)

// rowSpan returns the span of time a table row states in two cells, one
// headed as its start and one as its end, as one range quantity covering
// both cells: a row "Operation: Ocean Shield; Start: August 2009; End:
// December 2016" dates the operation 2009-08/2016-12, as an article's
// "(2009-2016)" does. The range has the precision of the coarser end.
func rowSpan(text string, qs []factcheck.Claim) (factcheck.Claim, bool) {
	var start, end *factcheck.Claim
	for i := range qs {
		q := &qs[i]
		if !q.Kind.IsTemporal() || strings.Contains(q.Value, "/") || q.Value == "" || q.Qualifier != "" || q.Unit != "" {
			continue
		}
		label := strings.TrimSpace(strings.ToLower(cellLabel(text, q.Start)))
		switch {
		case startLabels[textnorm.Fold(label)] && start == nil:
			start = q
		case endLabels[textnorm.Fold(label)] && end == nil:
			end = q
		}
	}
	if start == nil || end == nil || start.Start > end.Start {
		return factcheck.Claim{}, false
	}
	p := min(precision(start.Value), precision(end.Value))
	kind := map[int]factcheck.Kind{1: factcheck.KindYearRange, 2: factcheck.KindMonthRange, 3: factcheck.KindDateRange}[p]
	r := *start
	r.Kind, r.End = kind, end.End
	r.Span = text[start.Start:end.End]
	r.Value = truncate(start.Value, p) + "/" + truncate(end.Value, p)
	return r, true
}
