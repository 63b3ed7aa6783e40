// Package claims turns article text into checkable claims: every date,
// year, range, count, percentage, sum of money and ordinal, in Arabic or
// English, with its byte offsets, normalised value, unit, qualifier, the
// clause it stands in and the words that say what it is about. It does no
// I/O.
package claims

import (
	"sort"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// Options tune an extraction.
type Options struct {
	// Date is the article's date, used to resolve relative dates ("last
	// March"). When zero, a date in the article's header lines is used.
	Date time.Time
}

// Extract returns the claims in text, ordered by offset. Offsets are byte
// offsets into text, so text[c.Start:c.End] == c.Span for every claim.
func Extract(text string, opt Options) []factcheck.Claim {
	s := newScanner(text, opt)
	if opt.Date.IsZero() {
		// the header's date, read from the claims found there as the scan
		// reaches the first relative date (one pass over the text)
		s.headerEnd = headerEnd(text)
	}
	s.scan()
	docID := factcheck.DocumentID(text)
	out := make([]factcheck.Claim, 0, len(s.found))
	for _, f := range s.found {
		c := f.claim
		c.DocID = docID
		c.ID = factcheck.ClaimID(docID, c.Start, c.End)
		c.Span = text[c.Start:c.End]
		c.Sentence, c.Terms = s.context(f.a, f.b, f.unitTok)
		out = append(out, c)
	}
	return out
}

// found is a claim with the token range it was read from.
type found struct {
	claim   factcheck.Claim
	a, b    int // tokens [a, b)
	unitTok int // token index of the counted noun, or -1
}

// scanner holds one extraction's state.
type scanner struct {
	text    string
	toks    []token
	opt     Options
	found   []found
	clauses []clause
	// contentWord marks the tokens that may be a claim's terms; computed
	// once, on the first claim's context.
	contentWord []bool
	surfaces    []string // tokens' text without harakat, filled as terms need them
	// headerEnd is where the article's header lines end, when the article's
	// date is to be read from them; headerDone once it has been.
	headerEnd  int
	headerDone bool
	// rangeCurrency carries a sum's currency to the upper end of its range
	// ("A$268–368 billion"), whose number stands at token rangeAt.
	rangeCurrency string
	rangeAt       int
}

func newScanner(text string, opt Options) *scanner {
	s := &scanner{text: text, toks: tokenize(text), opt: opt}
	for i, t := range s.toks {
		if t.kind == tWord {
			s.toks[i].class = wordClasses[t.norm]
		}
	}
	s.markExcluded()
	return s
}

// scan walks the tokens, trying each matcher at each position; a match
// consumes its tokens.
func (s *scanner) scan() {
	for i := 0; i < len(s.toks); {
		if s.toks[i].excluded {
			i++
			continue
		}
		if f, next, ok := s.match(i); ok {
			if f.claim.Kind != "" {
				if f.claim.Kind.IsTemporal() && f.claim.Qualifier == "" {
					f.claim.Qualifier = s.temporalQualifier(f.a)
				}
				s.found = append(s.found, f)
			}
			i = next
			continue
		}
		i++
	}
}

// temporalQualifier reads "after" and "before" in front of a date: "بعد
// عام 2002م" states a bound, not a year.
func (s *scanner) temporalQualifier(a int) factcheck.Qualifier {
	w := s.word(a - 1)
	if w == "" {
		return ""
	}
	for c := range clitics(w, []string{"و", "ف"}, 2) {
		switch c {
		case "بعد", "after", "post":
			return factcheck.QualMoreThan
		case "قبل", "before", "prior":
			return factcheck.QualLessThan
		}
	}
	if w == "to" && s.word(a-2) == "prior" {
		return factcheck.QualLessThan
	}
	return ""
}

// skip is a match that consumes tokens without making a claim (an
// identifier, a time of day, a phone number).
func skip(next int) (found, int, bool) { return found{}, next, true }

// match tries every matcher at token i, most specific first.
func (s *scanner) match(i int) (found, int, bool) {
	t := s.toks[i]
	switch t.kind {
	case tNum:
		for _, m := range []func(int) (found, int, bool){s.matchNumericDate, s.matchDayDateRange, s.matchDayDate} {
			if f, next, ok := m(i); ok {
				return f, next, true
			}
		}
		if next, ok := s.nonQuantity(i); ok {
			return skip(next)
		}
		for _, m := range []func(int) (found, int, bool){
			s.matchYearRange, s.matchMoney, s.matchPercent, s.matchDigitOrdinal, s.matchArticleOrdinal, s.matchYear, s.matchCount,
		} {
			if f, next, ok := m(i); ok {
				return f, next, true
			}
		}
		return skip(i + 1)
	case tWord:
		if !(s.toks[i].class&classTrigger != 0) {
			return found{}, 0, false
		}
		for _, m := range []func(int) (found, int, bool){
			s.matchMonthFirst, s.matchRelativeMonth, s.matchYearWord,
			s.matchMoney, s.matchPercent, s.matchHalf, s.matchOrdinalWord, s.matchCount,
		} {
			if f, next, ok := m(i); ok {
				return f, next, true
			}
		}
	case tPunct:
		if f, next, ok := s.matchMoney(i); ok {
			return f, next, true
		}
		if t.norm == "%" && i+1 < len(s.toks) && s.toks[i+1].kind == tNum && !s.toks[i+1].space {
			// "%60" as typed in some right-to-left texts
			if !s.isLabel(i + 1) {
				v := s.toks[i+1]
				return s.newFound(factcheck.KindPercent, i, i+2, fmtNum(v.num), "", s.qualifier(i, i+2)), i + 2, true
			}
		}
	}
	return found{}, 0, false
}

// newFound builds a claim over tokens [a, b).
func (s *scanner) newFound(kind factcheck.Kind, a, b int, value, unit string, q factcheck.Qualifier) found {
	return found{
		claim: factcheck.Claim{Kind: kind, Start: s.toks[a].start, End: s.toks[b-1].end, Value: value, Unit: unit, Qualifier: q},
		a:     a, b: b, unitTok: -1,
	}
}

// word returns the folded form of token i when it is a word, else "".
func (s *scanner) word(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tWord {
		return ""
	}
	return s.toks[i].norm
}

// punct returns the folded rune of token i when it is punctuation, else "".
func (s *scanner) punct(i int) string {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tPunct {
		return ""
	}
	return s.toks[i].norm
}

// attached reports whether token i follows token i-1 with no space.
func (s *scanner) attached(i int) bool {
	return i > 0 && i < len(s.toks) && !s.toks[i].space
}

// markExcluded marks tokens that are part of URLs, e-mail addresses, file
// names and similar strings, which hold digits but no quantities.
func (s *scanner) markExcluded() {
	text := s.text
	for i := 0; i < len(s.toks); i++ {
		t := s.toks[i]
		if t.kind != tWord {
			continue
		}
		isURL := (t.norm == "http" || t.norm == "https" || t.norm == "ftp") && s.punct(i+1) == ":" && s.attached(i+1)
		isWWW := t.norm == "www" && s.punct(i+1) == "." && s.attached(i+1)
		isMail := s.punct(i+1) == "@" && s.attached(i+1)
		if !isURL && !isWWW && !isMail {
			continue
		}
		// extend to the next white space
		end := t.end
		for end < len(text) && !isSpaceByte(text[end]) {
			end++
		}
		start := t.start
		for start > 0 && !isSpaceByte(text[start-1]) {
			start--
		}
		for j := i; j >= 0 && s.toks[j].end > start; j-- {
			s.toks[j].excluded = true
		}
		j := i
		for ; j < len(s.toks) && s.toks[j].start < end; j++ {
			s.toks[j].excluded = true
		}
		i = j - 1
	}
	// domain-like tokens: word '.' (com|org|net|int|gov|edu|…)
	for i := 0; i+2 < len(s.toks); i++ {
		if s.punct(i+1) == "." && s.attached(i+1) && s.attached(i+2) && topLevelDomains[s.word(i+2)] {
			for j := i; j >= 0 && (j == i || s.attached(j+1)); j-- {
				s.toks[j].excluded = true
			}
			for j := i + 1; j < len(s.toks) && (j == i+1 || s.attached(j)); j++ {
				s.toks[j].excluded = true
			}
		}
	}

}

var topLevelDomains = textnorm.FoldSet("com", "org", "net", "int", "gov", "edu", "info", "io", "uk", "eu", "ar", "sa", "ae", "eg", "qa", "de", "fr", "html", "htm", "php", "aspx", "pdf")

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// articleDate is the date relative dates resolve against: Options.Date,
// or the first full date among the claims found in the header.
func (s *scanner) articleDate() time.Time {
	if !s.opt.Date.IsZero() || s.headerEnd == 0 || s.headerDone {
		return s.opt.Date
	}
	s.headerDone = true
	for _, f := range s.found {
		if f.claim.End > s.headerEnd {
			break
		}
		if d, ok := dateOf(f.claim); ok {
			s.opt.Date = d
			break
		}
	}
	return s.opt.Date
}

// dateOf is the calendar date a date or date-range claim starts on.
func dateOf(c factcheck.Claim) (time.Time, bool) {
	v := c.Value
	switch c.Kind {
	case factcheck.KindDate:
	case factcheck.KindDateRange:
		v, _, _ = strings.Cut(v, "/")
	default:
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", v)
	return t, err == nil
}

// headerEnd returns the offset where the header lines (title, dateline,
// byline: short lines before the first paragraph, at most eight) end.
func headerEnd(text string) int {
	end := 0
	for n := 0; n < 8 && end < len(text); n++ {
		nl := strings.IndexByte(text[end:], '\n')
		line := text[end:]
		if nl >= 0 {
			line = text[end : end+nl]
		}
		if len(line) > 200 {
			break
		}
		if nl < 0 {
			return len(text)
		}
		end += nl + 1
	}
	return end
}

// HeaderDate finds the article's own date in its header: the first full
// date in the lines before the first long paragraph (at most eight lines).
func HeaderDate(text string) (time.Time, bool) {
	end := headerEnd(text)
	if end == 0 {
		return time.Time{}, false
	}
	return FirstDate(text[:end])
}

// FirstDate returns the first full calendar date (day, month and year)
// stated in s, in Arabic or English, as UTC midnight.
func FirstDate(s string) (time.Time, bool) {
	sc := newScanner(s, Options{})
	sc.scan()
	sort.SliceStable(sc.found, func(i, j int) bool { return sc.found[i].claim.Start < sc.found[j].claim.Start })
	for _, f := range sc.found {
		if t, ok := dateOf(f.claim); ok {
			return t, true
		}
	}
	return time.Time{}, false
}
