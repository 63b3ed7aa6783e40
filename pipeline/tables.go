package pipeline

import (
	"regexp"
	"strings"
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
