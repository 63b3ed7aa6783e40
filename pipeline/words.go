package pipeline

import (
	"strings"
	"unicode"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// This file holds small word lists and the helpers that read them.

// timeNouns count spans of time: "five years", "87 يوماً".
var timeNouns = textnorm.FoldSet("عام", "عاما", "أعوام", "سنة", "سنوات", "سنين", "years", "year", "months", "month", "شهر", "شهرا", "أشهر", "شهور",
	"days", "day", "يوم", "يوما", "أيام", "weeks", "week", "أسبوع", "أسبوعا", "أسابيع", "decades", "عقود", "عقدا")

// timeOfDay names a part of a day, which says when on a date, not what
// happened: "At dawn on 13 August 1961, …", "فجر 24 فبراير".
var timeOfDay = termSet("فجر", "الفجر", "صباح", "الصباح", "مساء", "المساء", "ليلة", "ليل", "الليل", "ظهر", "الظهر", "منتصف", "ساعات",
	"dawn", "morning", "evening", "night", "midnight", "noon", "afternoon", "hours")

// qualifierWords state how near a figure is, not what it is of: a clause
// holding only one of them and its figure ("، بنحو 2.4 مليون لاجئ،") is
// about the clause before it.
var qualifierWords = termSet("نحو", "بنحو", "حوالي", "حوالى", "قرابة", "زهاء", "تقريبا", "أكثر", "أقل", "يقارب",
	"about", "around", "nearly", "almost", "roughly", "approximately", "some", "over", "more", "less", "fewer")

// incrementWords mark a count as an addition rather than a total: "أربع
// دول جديدة", "four new members", "another four", "additional troops".
var incrementWords = textnorm.FoldSet("جديدة", "جديد", "جدد", "جديدتين", "إضافية", "إضافي", "إضافيين", "أخرى", "آخرين", "أخريين",
	"new", "additional", "another", "more", "further", "extra")

// isIncrement reports whether count q counts an addition: an increment
// word in its counted noun, right after it or right before its number.
func isIncrement(q factcheck.Claim) bool {
	if q.Kind != factcheck.KindCount || timeNouns[textnorm.Fold(q.Unit)] {
		return false // "a further five years" extends by as much as "by five years"
	}
	for _, w := range strings.Fields(q.Unit) {
		if incrementWords[textnorm.Fold(w)] {
			return true
		}
	}
	before, after := splitAtSpan(q.Sentence, q.Span)
	return incrementWords[firstWord(after)] || incrementWords[lastWord(before)]
}

// termSet is the set of the search terms (textnorm.Terms) of words: their
// stems, as the terms of a clause are compared.
func termSet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		for _, t := range textnorm.Terms(w) {
			m[t] = true
		}
	}
	return m
}

// firstWord returns the first word of s as textnorm.Words reads it, numbers
// passed over; "" when s has none.
func firstWord(s string) string {
	for _, w := range textnorm.Words(s) {
		if hasLetter(w) {
			return w
		}
	}
	return ""
}

// lastWord returns the last word of s as textnorm.Words reads it, numbers
// passed over; "" when s has none.
func lastWord(s string) string {
	ws := textnorm.Words(s)
	for i := len(ws) - 1; i >= 0; i-- {
		if hasLetter(ws[i]) {
			return ws[i]
		}
	}
	return ""
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

// stateWords say a count is a state that changes over time (members, a
// present "has"), not the tally of an event ("evacuated 120,000 people").
var stateWords = textnorm.FoldSet("has", "have", "had", "comprises", "comprise", "comprised", "counts", "numbers", "now", "today", "currently",
	"total", "membership", "member", "members", "allies", "ally", "countries", "states",
	"يضم", "تضم", "ضم", "يبلغ", "تبلغ", "بلغ", "اليوم", "حاليا", "الآن", "بات", "أصبح", "صار", "عدد", "إجمالي",
	"عضو", "عضوا", "أعضاء", "الأعضاء", "عضوية", "حليف", "حليفا", "الحلفاء", "حلفاء", "دولة", "دول", "الدول")

// changesOverTime reports whether count c is a state that changes over
// time: its counted noun or its clause says so.
func changesOverTime(c factcheck.Claim) bool {
	for _, w := range textnorm.Words(c.Unit + " " + c.Sentence) {
		if stateWords[w] {
			return true
		}
	}
	return false
}
