package claims

import (
	"iter"
	"strings"

	"github.com/newsroom/factcheck/textnorm"
)

// The tables below are keyed by folded forms (textnorm.Fold) and are only
// read after initialisation.

// numClass says how a number word combines with its neighbours.
type numClass uint8

const (
	ncValue      numClass = iota + 1 // adds its value: units, tens, hundreds (one..ninety, ثلاثمائة)
	ncTeen                           // عشر/عشرة after a unit (أحد عشر), or ten alone
	ncMultiplier                     // multiplies what came before: hundred, thousand, million, آلاف
	ncFixed                          // a value complete in itself: ألفان (2000), مليونين
)

type numWord struct {
	val   float64
	class numClass
	// weak words are numbers only inside a compound or before a counted
	// noun: "one", "واحد", and "الاثنين" (also Monday).
	weak bool
}

// numberWords maps cardinal number words, Arabic in their case and gender
// forms, and English.
var numberWords = func() map[string]numWord {
	m := map[string]numWord{}
	add := func(v float64, c numClass, words ...string) {
		for _, w := range words {
			m[textnorm.Fold(w)] = numWord{val: v, class: c}
		}
	}
	add(1, ncValue, "واحد", "واحدة", "أحد", "إحدى", "one")
	add(2, ncValue, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "إثنين", "two")
	add(3, ncValue, "ثلاث", "ثلاثة", "three")
	add(4, ncValue, "أربع", "أربعة", "four")
	add(5, ncValue, "خمس", "خمسة", "five")
	add(6, ncValue, "ست", "ستة", "six")
	add(7, ncValue, "سبع", "سبعة", "seven")
	add(8, ncValue, "ثمان", "ثماني", "ثمانية", "ثمانى", "eight")
	add(9, ncValue, "تسع", "تسعة", "nine")
	add(10, ncTeen, "عشر", "عشرة")
	add(10, ncValue, "ten")
	for v, w := range map[float64]string{11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen",
		16: "sixteen", 17: "seventeen", 18: "eighteen", 19: "nineteen"} {
		add(v, ncValue, w)
	}
	add(20, ncValue, "عشرون", "عشرين", "twenty")
	add(30, ncValue, "ثلاثون", "ثلاثين", "thirty")
	add(40, ncValue, "أربعون", "أربعين", "forty", "fourty")
	add(50, ncValue, "خمسون", "خمسين", "fifty")
	add(60, ncValue, "ستون", "ستين", "sixty")
	add(70, ncValue, "سبعون", "سبعين", "seventy")
	add(80, ncValue, "ثمانون", "ثمانين", "eighty")
	add(90, ncValue, "تسعون", "تسعين", "ninety")
	add(100, ncMultiplier, "مئة", "مائة", "hundred")
	add(200, ncValue, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي")
	for v, stem := range map[float64]string{300: "ثلاث", 400: "أربع", 500: "خمس", 600: "ست", 700: "سبع", 800: "ثمان", 900: "تسع"} {
		add(v, ncValue, stem+"مئة", stem+"مائة")
	}
	add(1000, ncMultiplier, "ألف", "آلاف", "ألفا", "thousand", "thousands")
	add(2000, ncFixed, "ألفان", "ألفين")
	add(1e6, ncMultiplier, "مليون", "ملايين", "مليونا", "million", "mln", "mn")
	add(2e6, ncFixed, "مليونان", "مليونين")
	add(1e9, ncMultiplier, "مليار", "مليارات", "مليارا", "بليون", "بلايين", "billion", "bn")
	add(2e9, ncFixed, "ملياران", "مليارين")
	add(1e12, ncMultiplier, "تريليون", "ترليون", "تريليونات", "trillion", "tn")
	for _, w := range []string{"واحد", "واحدة", "أحد", "إحدى", "one", "اثنين", "إثنين"} {
		e := m[textnorm.Fold(w)]
		e.weak = true
		m[textnorm.Fold(w)] = e
	}
	return m
}()

// ordinalWords maps ordinal words (unit ordinals; compounds add a cardinal
// ten after و: الخامسة والسبعين).
var ordinalWords = func() map[string]int {
	m := map[string]int{}
	add := func(v int, words ...string) {
		for _, w := range words {
			m[textnorm.Fold(w)] = v
		}
	}
	add(1, "أول", "الأول", "الأولى", "أولى", "first", "حادي", "الحادي", "حادية", "الحادية")
	add(2, "ثاني", "الثاني", "الثانية", "ثانية", "ثان", "second")
	add(3, "ثالث", "الثالث", "الثالثة", "ثالثة", "third")
	add(4, "رابع", "الرابع", "الرابعة", "رابعة", "fourth")
	add(5, "خامس", "الخامس", "الخامسة", "خامسة", "fifth")
	add(6, "سادس", "السادس", "السادسة", "سادسة", "sixth")
	add(7, "سابع", "السابع", "السابعة", "سابعة", "seventh")
	add(8, "ثامن", "الثامن", "الثامنة", "ثامنة", "eighth")
	add(9, "تاسع", "التاسع", "التاسعة", "تاسعة", "ninth")
	add(10, "عاشر", "العاشر", "العاشرة", "عاشرة", "tenth")
	add(11, "eleventh")
	add(12, "twelfth")
	add(13, "thirteenth")
	add(14, "fourteenth")
	add(15, "fifteenth")
	add(16, "sixteenth")
	add(17, "seventeenth")
	add(18, "eighteenth")
	add(19, "nineteenth")
	add(20, "twentieth")
	add(30, "thirtieth")
	add(40, "fortieth")
	add(50, "fiftieth")
	add(60, "sixtieth")
	add(70, "seventieth")
	add(80, "eightieth")
	add(90, "ninetieth")
	add(100, "hundredth", "centenary", "centennial")
	return m
}()

// months maps month names to 1..12: English (full and abbreviated),
// Egyptian/Gulf Arabic, Maghrebi Arabic and the one-word Levantine names.
// The two-word Levantine names (كانون الثاني، تشرين الأول) are in
// monthPairs.
var months = func() map[string]int {
	m := map[string]int{}
	add := func(v int, words ...string) {
		for _, w := range words {
			m[textnorm.Fold(w)] = v
		}
	}
	add(1, "يناير", "جانفي", "january", "jan")
	add(2, "فبراير", "فيفري", "شباط", "february", "feb")
	add(3, "مارس", "آذار", "march", "mar")
	add(4, "أبريل", "إبريل", "ابريل", "أفريل", "نيسان", "april", "apr")
	add(5, "مايو", "ماي", "أيار", "may")
	add(6, "يونيو", "يونية", "جوان", "حزيران", "june", "jun")
	add(7, "يوليو", "يولية", "جويلية", "تموز", "july", "jul")
	add(8, "أغسطس", "اغسطس", "أوت", "آب", "august", "aug")
	add(9, "سبتمبر", "أيلول", "september", "sep", "sept")
	add(10, "أكتوبر", "october", "oct")
	add(11, "نوفمبر", "november", "nov")
	add(12, "ديسمبر", "december", "dec")
	return m
}()

// monthPairs are the two-word Levantine month names, keyed by their first
// word; the value maps the folded second word to the month.
var monthPairs = func() map[string]map[string]int {
	f := textnorm.Fold
	return map[string]map[string]int{
		f("كانون"): {f("الثاني"): 1, f("الأول"): 12},
		f("تشرين"): {f("الأول"): 10, f("الثاني"): 11},
	}
}()

// ambiguousMonths are month names that are also ordinary words ("may",
// "march", "ماي"); they count as months only with a day or a year beside them.
var ambiguousMonths = textnorm.FoldSet("may", "march", "mar", "jan", "sep", "oct", "dec", "ماي", "آب", "أوت")

// englishMonthAbbrev are abbreviations that may be followed by a full stop.
var englishMonthAbbrev = textnorm.FoldSet("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")

// yearWords introduce a year: عام 1949، في العام 2024، سنة 2001، in 1949.
var yearWords = textnorm.FoldSet("عام", "العام", "سنة", "السنة", "عامي", "سنتي", "لعام", "للعام", "بعام", "وعام", "والعام", "فعام", "ولعام", "للسنة",
	"لسنة", "وسنة", "بالعام", "year", "years")

// yearPrepositions before a 4-digit number make it a year: in 1949, منذ 1999.
var yearPrepositions = textnorm.FoldSet("في", "منذ", "حتى", "عام", "خلال", "قبل", "بعد", "مطلع", "أواخر", "أوائل", "منتصف", "نهاية", "بداية",
	"in", "since", "by", "until", "till", "from", "of", "during", "before", "after", "early", "late", "mid", "circa", "c", "around",
	"وفي", "ففي", "عن", "to", "and", "or", "year", "between")

// rankedNouns are singular nouns a definite tens word after them ranks:
// العضو الثلاثين (the thirtieth member), الذكرى السبعين.
var rankedNouns = textnorm.FoldSet("العضو", "الذكرى", "المرة", "الدورة", "القمة", "العام", "السنة", "المؤتمر", "الجولة", "الموجة",
	"التوسعة", "المرحلة", "النسخة", "الاجتماع", "الدولة", "البلد", "اليوم", "الشهر", "الأسبوع", "القرن", "الحزمة", "الذكري")

// weakYearPrepositions come before years and counts alike: a counted noun
// after the number makes it a count ("عن 1900 رأس", "around 1500 troops").
var weakYearPrepositions = textnorm.FoldSet("عن", "of", "to", "and", "or", "from", "around", "circa", "c", "by")

// seasons before a year make a year claim: صيف 1993م.
var seasons = textnorm.FoldSet("صيف", "شتاء", "ربيع", "خريف", "summer", "winter", "spring", "autumn", "fall")

// eraMarkers follow a year: م (Gregorian), هـ (Hijri), AD, BC.
var eraGregorian = textnorm.FoldSet("م", "ad", "ce", "مـ")
var eraHijri = textnorm.FoldSet("ه", "هـ", "ah")

// relativeAfter follow a month name to make it relative: مارس الماضي.
var relativeAfter = map[string]int{
	textnorm.Fold("الماضي"): -1, textnorm.Fold("المنصرم"): -1, textnorm.Fold("الفائت"): -1, textnorm.Fold("السابق"): -1,
	textnorm.Fold("المقبل"): 1, textnorm.Fold("القادم"): 1, textnorm.Fold("الجاري"): 0, textnorm.Fold("الحالي"): 0,
}

// relativeBefore precede an English month name: last March.
var relativeBefore = map[string]int{"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}

// rangeJoiners join the two ends of a range.
var rangeJoiners = textnorm.FoldSet("-", "–", "—", "/", "حتى", "إلى", "الى", "لغاية", "و", "to", "and", "through", "till", "until", "thru")

// rangeOpeners may precede the first end of a range.
var rangeOpeners = textnorm.FoldSet("من", "بين", "from", "between", "منذ", "ما")

// identifierWords before a number make it a label, not a quantity: المادة 5,
// Article 5, Resolution 1973, page 3.
var identifierWords = textnorm.FoldSet("المادة", "مادة", "بالمادة", "للمادة", "والمادة", "البند", "بند", "الفقرة", "فقرة", "رقم", "برقم", "الرقم", "القرار",
	"قرار", "بالقرار", "الفصل", "الصفحة", "صفحة", "ص", "الطريق", "شارع", "الشارع", "الرحلة", "رحلة", "الجزء", "المجلد", "العدد", "الإصدار",
	"النسخة", "الغرفة", "الطابق", "الملحق", "الهاتف", "هاتف", "فاكس", "تلفون", "جوال", "article", "art", "no", "nos", "number", "resolution",
	"section", "sec", "chapter", "ch", "page", "pages", "pp", "p", "room", "flight", "route", "highway", "vol", "volume", "issue",
	"rule", "clause", "paragraph", "para", "amendment", "tel", "phone", "fax", "mobile", "ext", "version", "v", "id", "ref",
	"squadron", "regiment", "platform", "gate", "terminal", "exit", "junction", "appendix", "annex",
	"table", "figure", "fig", "المادتين", "الفقرتين", "الجدول", "الشكل", "الملف", "البطاقة", "الكود", "سورة", "الآية", "آية")

// timeWords after a number make it a time of day: 10 صباحا، 5 pm.
var timeWords = textnorm.FoldSet("صباحا", "صباحًا", "مساء", "مساءً", "ظهرا", "ظهرًا", "فجرا", "ليلا", "am", "pm", "a", "p", "gmt", "utc",
	"o'clock", "بتوقيت", "hrs", "h")

// timeLead before a number make it a time: الساعة 10.
var timeLead = textnorm.FoldSet("الساعة", "بالساعة", "والساعة")

// notCountedNouns are words that cannot be the counted noun after a number.
var notCountedNouns = textnorm.FoldSet("من", "في", "على", "إلى", "الى", "عن", "مع", "و", "أو", "او", "ثم", "حتى", "منذ", "بين", "عند", "قبل", "بعد",
	"هو", "هي", "التي", "الذي", "إن", "أن", "ان", "قد", "لا", "لم", "كان", "كانت", "ما", "كل", "هذا", "هذه", "ذلك", "وهو", "وهي",
	"of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "the", "a", "an", "is", "are", "was", "were", "be",
	"as", "that", "this", "which", "who", "than", "it", "its", "per", "but", "if", "so", "not", "he", "she", "they", "we", "i")

// scaleLetters are scale abbreviations attached to digits: 40bn, 3m, 5k.
var scaleLetters = map[string]float64{"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "mln": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}

// ordinalSuffixes attached to digits: 75th, 1st, 2nd, 3rd.
var ordinalSuffixes = textnorm.FoldSet("st", "nd", "rd", "th")

// ordinalExcludedBefore: an ordinal after these words is part of a name or
// label (الحرب العالمية الثانية, المادة الخامسة, Article Fifth).
var ordinalExcludedBefore = textnorm.FoldSet("العالمية", "المادة", "مادة", "بالمادة", "للمادة", "البند", "الفقرة", "الفصل", "القرن", "century", "war",
	"world", "القرون", "الطبعة", "الدرجة", "الصف", "الجزء", "ثانيا", "عالمية", "جهة", "ناحية", "كانون", "تشرين", "ربيع",
	"جمادى", "النصف", "الربع", "حرب", "أطراف", "طرف", "جهات")

// cliticPrefixes are the Arabic conjunctions, prepositions and article that
// attach to a word, longest first.
var cliticPrefixes = []string{"وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "وب", "ول", "فب", "فل", "وك", "و", "ب", "ل", "ف", "ك"}

// conjPrefixes may join the later words of a compound number: و، وال.
var conjPrefixes = []string{"وال", "و"}

// triggers holds every folded word that can begin a match: month names,
// number and ordinal words, year words, seasons, currency words and codes,
// and the other words the matchers look for at their first token. A word
// token none of whose clitic forms is a trigger is passed over at once.
var triggers = func() map[string]bool {
	m := map[string]bool{}
	for _, table := range []map[string]bool{yearWords, seasons, currencyCodes, periodWords} {
		for w := range table {
			m[w] = true
		}
	}
	for w := range numberWords {
		m[w] = true
	}
	for w := range ordinalWords {
		m[w] = true
	}
	for w := range months {
		m[w] = true
	}
	for w := range monthPairs {
		m[w] = true
	}
	for w := range currencyWords {
		m[w] = true
	}
	for w := range relativeBefore {
		m[w] = true
	}
	for w := range currencyBefore {
		m[w] = true
	}
	for _, w := range []string{"نصف", "half", "a", "c"} {
		m[textnorm.Fold(w)] = true
	}
	// every clitic form too, so that the check is one lookup
	for w := range m {
		if w[0] >= 0x80 {
			for _, p := range cliticPrefixes {
				m[p+w] = true
			}
		}
	}
	return m
}()

// Word classes, looked up once per token in wordClasses.
const (
	classTrigger  uint8 = 1 << iota // may begin a match (triggers)
	classStopword                   // a function word (textnorm)
	classMark                       // part of how a quantity is written: era markers, "percent", "th"
)

// wordClasses merges triggers, stopwords and quantity marks so that each
// token costs one lookup.
var wordClasses = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range triggers {
		m[w] |= classTrigger
	}
	for _, w := range textnorm.Stopwords() {
		m[w] |= classStopword
	}
	for _, set := range []map[string]bool{eraGregorian, eraHijri, ordinalSuffixes, percentWordsSet()} {
		for w := range set {
			m[w] |= classMark
		}
	}
	return m
}()

// clitics yields w and then w with each clitic prefix removed; each form
// keeps at least minLen letters.
func clitics(w string, prefixes []string, minLen int) iter.Seq[string] {
	return func(yield func(string) bool) {
		if !yield(w) {
			return
		}
		for _, p := range prefixes {
			if strings.HasPrefix(w, p) {
				rest := w[len(p):]
				if runeLen(rest) >= minLen && !yield(rest) {
					return
				}
			}
		}
	}
}

func runeLen(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
