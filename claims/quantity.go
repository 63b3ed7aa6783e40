package claims

import (
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// isLabel reports whether the number at token i is a label rather than a
// quantity: المادة 5، Article 5, No. 3, #4, Resolution 1973.
func (s *scanner) isLabel(i int) bool {
	j := i - 1
	if p := s.punct(j); p == "#" || p == "№" {
		return true
	}
	if s.punct(j) == "." && s.attached(j) {
		j--
	}
	w := s.word(j)
	if w == "" {
		return false
	}
	for c := range clitics(w, []string{"وال", "بال", "لل", "و", "ب", "ل"}, 2) {
		if identifierWords[c] {
			return true
		}
	}
	return false
}

// nonQuantity recognises digits that state no quantity: times of day,
// phone numbers, identifiers (F-16، IP4، 5+5، NTM-1), labels (المادة 5),
// list markers, copyright years, version numbers and long digit strings.
// It returns the token after what it consumed.
func (s *scanner) nonQuantity(i int) (int, bool) {
	t := s.toks[i]
	n := len(s.toks)
	// time of day: 17:03, 17:03:22, 10:30 pm
	if s.punct(i+1) == ":" && i+2 < n && s.toks[i+2].kind == tNum && s.attached(i+1) && s.attached(i+2) {
		j := i + 3
		for s.punct(j) == ":" && j+1 < n && s.toks[j+1].kind == tNum && s.attached(j) {
			j += 2
		}
		if timeWords[s.word(j)] {
			j++
		}
		return j, true
	}
	if timeWords[s.word(i+1)] && !t.frac && t.num <= 24 && s.word(i+1) != "a" && s.word(i+1) != "h" {
		return i + 2, true
	}
	if timeLead[s.word(i-1)] && t.num <= 24 {
		return i + 1, true
	}
	// phone numbers: +32 2 707 41 11, 0123-456-789
	if s.punct(i-1) == "+" && s.attached(i) {
		j, _ := s.digitRun(i)
		return j, true
	}
	if j, count := s.digitRun(i); count >= 4 {
		return j, true
	}
	if t.digits >= 8 && !t.grouped && !t.frac {
		return i + 1, true
	}
	// identifiers attached to letters: IP4, G7, F-16, إف-16، NTM-1، COVID-19، 4G, 1990s
	if s.attached(i) && i > 0 {
		prev := s.toks[i-1]
		if prev.kind == tWord && prev.latin {
			return i + 1, true
		}
		if s.punct(i-1) == "-" && i > 1 && s.toks[i-2].kind == tWord && s.attached(i-1) {
			if _, _, isMonth := s.monthAt(i - 2); !isMonth {
				return i + 1, true
			}
		}
		if s.punct(i-1) == "+" || s.punct(i-1) == "©" {
			return i + 1, true
		}
		if s.punct(i-1) == "(" && i > 1 && s.toks[i-2].kind == tWord && s.attached(i-1) {
			return i + 1, true // f(1), alert(1): code, not a quantity
		}
	}
	if s.productName(i-1) && !(t.digits == 4 && t.num >= 1000 && t.num <= 2100) {
		return i + 1, true
	}
	if w := s.word(i + 1); w != "" && s.attached(i+1) && s.toks[i+1].latin &&
		!ordinalSuffixes[w] && scaleLetters[w] == 0 && !eraGregorian[w] {
		return i + 2, true
	}
	// 5+5, 16-year-old, 24/7, a 52-48 vote
	if p := s.punct(i + 1); (p == "+" || p == "-" || p == "/") && s.attached(i+1) && s.attached(i+2) {
		next := s.toks
		if i+2 < n {
			switch {
			case p == "+":
				return s.skipAttached(i), true
			case p == "-" && next[i+2].kind == tNum && t.digits <= 3 && next[i+2].digits <= 3 && !t.frac && !next[i+2].frac:
				return i + 3, true
			case next[i+2].kind == tWord && p == "-":
				// "a 78-day campaign" counts days; "a 16-year-old" does not
				compound := next[i+2].latin && s.countedNoun(i+2) && !(s.punct(i+3) == "-" && s.attached(i+3))
				if _, _, isMonth := s.monthAt(i + 2); !isMonth && !compound {
					return s.skipAttached(i), true
				}
			case p == "/" && next[i+2].kind == tNum:
				// 24/7, 9/11, 2021/1060 (a regulation); a season 2023/2024 is a year range
				if !(t.digits == 4 && next[i+2].digits == 4 && next[i+2].num == t.num+1) {
					return s.skipAttached(i), true
				}
			}
		}
	}
	// copyright year
	if s.punct(i-1) == "©" || s.word(i-1) == "copyright" {
		return i + 1, true
	}
	// version numbers: 1.2.3
	if t.frac && s.punct(i+1) == "." && i+2 < n && s.toks[i+2].kind == tNum && s.attached(i+1) && s.attached(i+2) {
		return s.skipAttached(i), true
	}
	// list markers at the start of a line: "1." "2)"
	if (t.nl || i == 0) && t.digits <= 2 && !t.frac {
		if p := s.punct(i + 1); (p == "." || p == ")") && s.attached(i+1) {
			return i + 2, true
		}
	}
	// "Page 2 of 5", "الصفحة 2 من 5"
	if s.isLabel(i) {
		if w := s.word(i + 1); (w == "of" || w == "من") && i+2 < n && s.toks[i+2].kind == tNum {
			return i + 3, true
		}
		return i + 1, true
	}
	return 0, false
}

// productName reports whether token j, just before a number, names a
// product or series the number belongs to: "Boeing 737", "iPhone 15",
// "Windows 11" — a capitalised English word inside a sentence, or one
// with a capital inside it, that is no month and does not start the
// sentence.
func (s *scanner) productName(j int) bool {
	if j < 1 || s.toks[j].kind != tWord || !s.toks[j].latin || s.attached(j+1) {
		return false
	}
	raw := s.text[s.toks[j].start:s.toks[j].end]
	inner := false
	for _, c := range raw[1:] {
		if c >= 'A' && c <= 'Z' {
			inner = true
		}
	}
	lead := raw[0] >= 'A' && raw[0] <= 'Z'
	if !inner && !lead {
		return false
	}
	if _, isMonth := months[s.toks[j].norm]; isMonth || currencyCodes[s.toks[j].norm] || yearWords[s.toks[j].norm] {
		return false
	}
	if inner && !lead {
		return true // iPhone, eBay
	}
	// a capital that only starts the sentence says nothing
	prev := s.toks[j-1]
	if prev.kind == tPunct && (prev.norm == "." || prev.norm == "!" || prev.norm == "?" || prev.norm == "\"" || prev.norm == "(") || s.toks[j].nl {
		return false
	}
	return strings.ToUpper(raw) != raw // not an acronym like NATO or EU
}

// digitRun measures a run of numbers separated by single spaces, dashes,
// dots or parentheses from token i, as in phone numbers; it returns the
// token after the run and how many numbers it holds.
func (s *scanner) digitRun(i int) (int, int) {
	j, count := i+1, 1
	for j < len(s.toks) {
		if s.toks[j].kind == tNum && !s.toks[j].nl {
			j++
			count++
			continue
		}
		if p := s.punct(j); (p == "-" || p == "." || p == "(" || p == ")") && j+1 < len(s.toks) && s.toks[j+1].kind == tNum {
			j += 2
			count++
			continue
		}
		break
	}
	return j, count
}

// skipAttached skips tokens glued together without spaces from token i.
func (s *scanner) skipAttached(i int) int {
	j := i + 1
	for j < len(s.toks) && s.attached(j) {
		j++
	}
	return j
}

// timeUnits are counted nouns although retrieval treats some as stopwords.
var timeUnits = textnorm.FoldSet("years", "year", "months", "days", "weeks", "hours", "decades", "centuries", "عاما", "عامًا", "سنة", "سنوات",
	"أعوام", "اعوام", "شهرا", "أشهر", "اشهر", "يوما", "أيام", "ساعة", "ساعات", "أسابيع", "عقود", "قرون", "السنوات", "الأعوام")

// countedNoun reports whether token j can be the noun a number counts.
func (s *scanner) countedNoun(j int) bool {
	w := s.word(j)
	if timeUnits[w] {
		return true
	}
	if w == "" || notCountedNouns[w] || textnorm.IsStopword(w) || timeWords[w] {
		return false
	}
	if _, ok := numberWords[w]; ok {
		return false
	}
	if _, _, ok := s.monthAt(j); ok {
		return false
	}
	if eraGregorian[w] || eraHijri[w] {
		return false
	}
	if _, n, ok := s.dayAt(j + 1); ok {
		if _, _, ok := s.monthAt(n); ok {
			// "دور الستة عشر يوم 6 كانون الأول": the word opens a date
			// ("يوم 6 كانون الأول", "day 6 December"), it counts nothing
			return false
		}
	}
	return true
}

// matchCount reads a count: a number with its counted noun (12 دولة،
// بثمانية دول، خمسون من السياسيين، thirty-two members), a definite number
// after its noun (الأعضاء الاثنين والثلاثين), or bare digits.
func (s *scanner) matchCount(i int) (found, int, bool) {
	v, n, info, ok := s.numberAt(i, false)
	if !ok {
		return found{}, 0, false
	}
	if s.punct(n) == "-" && s.attached(n) && fractionWords[s.word(n+1)] {
		return skip(n + 2) // two-thirds: a share, not a count
	}
	if s.toks[i].kind == tNum && s.toks[i].digits > 4 && s.toks[i].num >= 1e7 && !s.toks[i].grouped && n == i+1 {
		return skip(n)
	}
	if info.word && s.punct(i-1) == "(" && s.punct(n) == ")" {
		// "عدد المسافرين (مليون): 89.1": a table header's scale, not a count
		return skip(n)
	}
	unitTok, end := -1, n
	prev := s.word(i - 1)
	switch {
	case info.word && info.definite && strings.HasPrefix(prev, "ال") && s.countedNoun(i-1):
		// "السنوات الخمس المقبلة": a definite number follows its noun
		unitTok = i - 1
	case s.countedNoun(n):
		unitTok, end = n, n+1
	case s.punct(n) == "-" && s.attached(n) && s.attached(n+1) && s.toks[n+1].latin && s.countedNoun(n+1):
		// "a 78-day campaign", "the 1,340-kilometre border"
		unitTok, end = n+1, n+2
	case (s.word(n) == "من" || s.word(n) == "of") && info.word && s.countedNoun(n+1) && (strings.HasPrefix(s.word(n+1), "ال") || s.toks[n+1].latin):
		unitTok, end = n+1, n+2
	}
	unitEnd := end
	if unitTok >= 0 && s.word(unitTok) == "b" && s.punct(unitTok+1) == "/" && s.word(unitTok+2) == "d" && s.attached(unitTok+2) {
		unitEnd, end = unitTok+3, unitTok+3 // "4 million b/d": barrels a day
	}
	if unitTok >= 0 && s.toks[unitTok].latin {
		// "12 founding members", "32 member states"
		if w2 := s.word(end); w2 != "" && s.countedNoun(end) && strings.HasSuffix(w2, "s") && !strings.HasSuffix(s.word(unitTok), "s") {
			unitEnd = end + 1
			end++
		}
	}
	unit := ""
	switch {
	case unitTok >= 0 && unitTok == i-1:
		unit = s.surface(unitTok, i)
	case unitTok >= 0:
		unit = s.surface(unitTok, unitEnd)
	}
	if info.word {
		if unitTok < 0 {
			switch {
			case info.definite && strings.HasPrefix(prev, "ال") && s.countedNoun(i-1):
				unit = s.surface(i-1, i)
			case s.toks[i].latin || info.words >= 2 || v >= 20:
				// "up from only three in 2014", "اثنا عشر": a count whose noun is understood
			default:
				return found{}, 0, false
			}
		}
		if info.weak || v < 2 {
			return found{}, 0, false
		}
	}
	f := s.newFound(factcheck.KindCount, i, end, fmtNum(v), unit, s.qualifier(i, end))
	f.unitTok = unitTok
	return f, end, true
}

// fractionWords follow a number word in a fraction: two-thirds.
var fractionWords = textnorm.FoldSet("third", "thirds", "quarter", "quarters", "fifth", "fifths", "half", "halves", "tenth", "tenths")

// matchPercent reads percentages: 60%، و44%، 60 في المائة، ستين في المئة,
// 52 per cent, 3.5 percent.
func (s *scanner) matchPercent(i int) (found, int, bool) {
	v, n, _, ok := s.numberAt(i, false)
	if !ok {
		return found{}, 0, false
	}
	end := 0
	switch w := s.word(n); {
	case s.punct(n) == "%":
		end = n + 1
	case w == "في" && percentWords[s.word(n+1)]:
		end = n + 2
	case percentWords[w] || w == "percent" || w == "pct" || w == "percentage":
		end = n + 1
		if w == "percentage" && s.word(end) == "points" {
			end++
		}
	case w == "per" && s.word(n+1) == "cent":
		end = n + 2
	}
	if end == 0 {
		return found{}, 0, false
	}
	return s.newFound(factcheck.KindPercent, i, end, fmtNum(v), "", s.qualifier(i, end)), end, true
}

// percentWords are the Arabic words for "percent" after في or attached ب.
var percentWords = percentWordsSet()

func percentWordsSet() map[string]bool {
	return textnorm.FoldSet("المائة", "المئة", "المية", "بالمائة", "بالمئة", "بالمية", "مئوية", "percent", "pct")
}

// matchHalf reads نصف and half used as a share: "نصف صادرات الأسلحة" is 50
// percent, qualified "about" unless the text says more.
func (s *scanner) matchHalf(i int) (found, int, bool) {
	w := s.word(i)
	t := s.toks[i]
	switch {
	case t.latin:
		if w != "half" {
			return found{}, 0, false
		}
		next := s.word(i + 1)
		prev := s.word(i - 1)
		if next != "of" && next != "the" && next != "its" && next != "their" && next != "all" || prev == "first" || prev == "second" || prev == "a" || prev == "and" || prev == "one" {
			return found{}, 0, false
		}
	default:
		if w != "نصف" && w != "بنصف" && w != "لنصف" && w != "النصف" && w != "بالنصف" && w != "فنصف" {
			return found{}, 0, false
		}
		next := s.word(i + 1)
		if next == "" || halfExcluded[next] {
			return found{}, 0, false
		}
		if _, ok := ordinalWords[next]; ok {
			return found{}, 0, false
		}
		if _, ok := numberWords[next]; ok {
			return found{}, 0, false
		}
	}
	q := s.qualifier(i, i+1)
	if q == "" {
		q = factcheck.QualAbout
	}
	return s.newFound(factcheck.KindPercent, i, i+1, "50", "", q), i + 1, true
}

// halfExcluded are nouns after نصف that make it a span of time or a measure,
// not a share: نصف قرن، نصف ساعة.
var halfExcluded = textnorm.FoldSet("قرن", "ساعة", "ساعه", "عام", "سنة", "شهر", "يوم", "أسبوع", "ساعات", "دقيقة", "مليون", "مليار", "ألف", "الليل",
	"النهار", "العام", "السنة", "الشهر", "القرن", "نهائي", "النهائي", "قطر", "الكرة", "متر", "كيلو", "لتر", "الساعة", "الطريق", "المسافة")

// matchDigitOrdinal reads 75th, 2nd, 21st.
func (s *scanner) matchDigitOrdinal(i int) (found, int, bool) {
	t := s.toks[i]
	if t.frac || t.grouped || !ordinalSuffixes[s.word(i+1)] || !s.attached(i+1) {
		return found{}, 0, false
	}
	if t.num < 2 {
		return skip(i + 2)
	}
	f := s.newFound(factcheck.KindOrdinal, i, i+2, fmtNum(t.num), "", "")
	f.claim.Unit, f.unitTok = s.ordinalNoun(i, i+2)
	return f, i + 2, true
}

// matchArticleOrdinal reads the Arabic article written apart before digits
// as an ordinal: "القمة الـ 33" is the 33rd summit.
func (s *scanner) matchArticleOrdinal(i int) (found, int, bool) {
	t := s.toks[i]
	if s.word(i-1) != "ال" || t.frac || t.grouped || t.num < 2 || t.digits > 3 {
		return found{}, 0, false
	}
	f := s.newFound(factcheck.KindOrdinal, i-1, i+1, fmtNum(t.num), "", "")
	if prev := s.word(i - 2); prev != "" && s.countedNoun(i-2) {
		f.claim.Unit, f.unitTok = s.surface(i-2, i-1), i-2
	}
	return f, i + 1, true
}

// matchOrdinalWord reads ordinal words: الذكرى الخامسة والسبعين، الحادي عشر,
// ثاني اجتماع، the seventy-fifth, third.
func (s *scanner) matchOrdinalWord(i int) (found, int, bool) {
	w := s.word(i)
	t := s.toks[i]
	v, next := 0, i+1
	if t.latin {
		if o, ok := ordinalWords[w]; ok {
			v = o
		} else if e, ok := numberWords[w]; ok && e.class == ncValue && e.val >= 20 && s.punct(i+1) == "-" && s.attached(i+1) && s.attached(i+2) {
			if o, ok := ordinalWords[s.word(i+2)]; ok && o < 10 {
				v, next = int(e.val)+o, i+3
			}
		}
		if v == 0 {
			return found{}, 0, false
		}
		prev := s.word(i - 1)
		if prev == "a" || prev == "one" || prev == "per" || prev == "every" || prev == "two" || prev == "split" {
			return found{}, 0, false // a fraction ("a third of") or a unit of time
		}
		if n := s.word(next); n == "half" || n == "quarter" {
			return found{}, 0, false
		}
	} else {
		for c := range clitics(w, cliticPrefixes, 3) {
			if o, ok := ordinalWords[c]; ok {
				v = o
				break
			}
			// A definite tens word is an ordinal before "من" and a month
			// (العشرين من تموز/يوليو 1974: a day) and after a singular noun
			// that is ranked (العضو الثلاثين: the thirtieth member; after a
			// plural, الأعضاء الثلاثين, it counts).
			if rest, ok := strings.CutPrefix(c, "ال"); ok {
				if e, ok := numberWords[rest]; ok && e.class == ncValue && e.val >= 20 && e.val < 100 && int(e.val)%10 == 0 {
					_, _, isMonth := s.monthAt(next + 1)
					if s.word(next) == "من" && isMonth && e.val <= 30 || rankedNouns[s.word(i-1)] {
						v = int(e.val)
						break
					}
				}
			}
		}
		if v == 0 {
			return found{}, 0, false
		}
		switch n := s.word(next); {
		case n == textnorm.Fold("عشر") || n == textnorm.Fold("عشرة"):
			if v < 10 {
				v += 10
				next++
			}
		case strings.HasPrefix(n, "و") && v < 10:
			for _, p := range conjPrefixes {
				if strings.HasPrefix(n, p) {
					if e, ok := numberWords[n[len(p):]]; ok && e.class == ncValue && e.val >= 20 && e.val < 100 {
						v += int(e.val)
						next++
						break
					}
				}
			}
		}
	}
	// a day written as an ordinal: السابع من تشرين الأول 2023، the seventh of October 2023
	if v >= 1 && v <= 31 && (s.word(next) == "من" || s.word(next) == "of") {
		if m, n2, ok := s.monthAt(next + 1); ok {
			if y, n3, ok := s.yearAfter(n2); ok && validDate(y, m, v) {
				return s.newFound(factcheck.KindDate, i, n3, fmtDate(y, m, v), "", ""), n3, true
			}
			return skip(n2) // no year: it cannot be checked
		}
	}
	for c := range clitics(s.word(i-1), cliticPrefixes, 3) {
		if ordinalExcludedBefore[c] {
			return skip(next)
		}
	}
	if v < 2 {
		return skip(next)
	}
	f := s.newFound(factcheck.KindOrdinal, i, next, fmtNum(float64(v)), "", "")
	f.claim.Unit, f.unitTok = s.ordinalNoun(i, next)
	return f, next, true
}

// ordinalNoun returns the noun an ordinal ranks, as its unit, and its
// token: the word after an English or an indefinite Arabic ordinal ("75th
// anniversary", "ثاني اجتماع"), the definite noun before a definite Arabic
// one, passing over a nisba adjective ("الذكرى التاريخية الخامسة").
func (s *scanner) ordinalNoun(a, b int) (string, int) {
	if s.toks[a].latin || s.toks[a].kind == tNum || !definite(s.toks[a].norm) {
		if s.punct(b) == "-" && s.word(b+1) != "" {
			b++ // "second-largest"
		}
		if s.toks[a].latin && s.word(b) == "and" && s.word(b+1) != "" && s.word(b+2) != "" {
			b += 2 // "third and final filling"
		}
		if s.countedNoun(b) {
			if s.toks[b].latin && capitalised(s.text, s.toks[b]) {
				// a name, then the noun it ranks: "eighth Brussels
				// conference", "second Falcon Heavy launch"
				n := b
				for n < b+2 && s.word(n) != "" && s.toks[n].latin && capitalised(s.text, s.toks[n]) {
					n++
				}
				if s.word(n) != "" && s.toks[n].latin && !capitalised(s.text, s.toks[n]) && s.countedNoun(n) {
					return s.surface(n, n+1), n
				}
			}
			if s.toks[b].latin && capitalised(s.text, s.toks[b]) && s.word(b+1) != "" && capitalised(s.text, s.toks[b+1]) {
				return s.surface(b, b+2), b // a title: "13th Secretary General"
			}
			return s.surface(b, b+1), b
		}
		return "", -1
	}
	if w, v := s.word(a-2), s.word(a-1); a >= 2 && w != "" && v != "" && definite(w) && definite(v) && s.countedNoun(a-2) && !s.countedNoun(a-1) {
		return s.surface(a-2, a), a - 2 // a noun and its adjective: "الأمين العام الرابع عشر"
	}
	for j := a - 1; j >= a-2 && j >= 0; j-- {
		w := s.word(j)
		if w == "" || !s.countedNoun(j) {
			return "", -1
		}
		if strings.HasSuffix(w, "يه") && j == a-1 {
			continue // an adjective: التاريخية، الدبلوماسي
		}
		return s.surface(j, j+1), j
	}
	return "", -1
}

// definite reports whether folded Arabic word w carries the definite
// article, after a clitic conjunction or preposition if any: الخامسة،
// والخامسة، بالثالثة; not ثالث, whose letters merely contain it.
func definite(w string) bool {
	for _, p := range []string{"ال", "وال", "فال", "بال", "كال", "لل"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// surface returns the text of tokens [a, b) without harakat and tatweel.
func (s *scanner) surface(a, b int) string {
	raw := s.text[s.toks[a].start:s.toks[b-1].end]
	clean := true
	for _, r := range raw {
		if _, keep := textnorm.FoldRune(r); !keep {
			clean = false
			break
		}
	}
	if clean {
		return raw
	}
	var sb strings.Builder
	for _, r := range raw {
		if _, keep := textnorm.FoldRune(r); keep {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
