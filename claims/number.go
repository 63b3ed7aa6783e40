package claims

import (
	"math"
	"strconv"
	"strings"

	"github.com/newsroom/factcheck/textnorm"
)

// numInfo describes how a number was written.
type numInfo struct {
	word     bool // written in words
	weak     bool // a lone weak word (one, واحد, الاثنين)
	definite bool // carries the article: الاثنين والثلاثين
	words    int  // number words read
}

// numberAt reads a number at token i: digits (with a following scale word:
// 40 مليار، 1.5 billion; and with abbreviated true an attached abbreviation:
// 40bn) or number words (بخمسة آلاف، الاثنين والثلاثين، thirty-two).
func (s *scanner) numberAt(i int, abbreviated bool) (float64, int, numInfo, bool) {
	if i >= len(s.toks) {
		return 0, 0, numInfo{}, false
	}
	t := s.toks[i]
	switch t.kind {
	case tNum:
		if s.isLabel(i) {
			return 0, 0, numInfo{}, false
		}
		v, next := t.num, i+1
		if w := s.word(next); w != "" && s.attached(next) {
			if m, ok := scaleLetters[w]; ok && abbreviated {
				return v * m, next + 1, numInfo{}, true
			}
		}
		if w := s.word(next); w != "" {
			for c := range clitics(w, []string{"ال"}, 3) {
				if e, ok := numberWords[c]; ok && (e.class == ncMultiplier && e.val > 100) {
					return v * e.val, next + 1, numInfo{}, true
				}
			}
		}
		return v, next, numInfo{}, true
	case tWord:
		v, next, info, ok := s.wordNumber(i)
		if ok {
			v, next = s.andMore(v, next)
		}
		return v, next, info, ok
	}
	return 0, 0, numInfo{}, false
}

// andMore adds an Arabic "and N <smaller scale>" to an amount ending in a
// scale word: "مليار و200 مليون" is 1.2 billion.
func (s *scanner) andMore(v float64, next int) (float64, int) {
	if s.word(next) != "و" || next+2 >= len(s.toks) || s.toks[next+1].kind != tNum || !s.attached(next+1) {
		return v, next
	}
	w := s.word(next + 2)
	e, ok := numberWords[w]
	if !ok || e.class != ncMultiplier || e.val < 1000 {
		return v, next
	}
	add := s.toks[next+1].num * e.val
	if add >= v {
		return v, next
	}
	return v + add, next + 3
}

// pluralMultipliers are vague when they open a number: آلاف الجنود
// (thousands of soldiers), millions of people.
var pluralMultipliers = textnorm.FoldSet("آلاف", "ملايين", "مليارات", "بلايين", "تريليونات", "thousands", "millions", "billions", "trillions", "hundreds", "مئات")

// wordNumber reads a cardinal number written in words at token i.
func (s *scanner) wordNumber(i int) (float64, int, numInfo, bool) {
	var total, group, lastUnit, lastMult float64
	var info numInfo
	var lastClass numClass
	var lastWeak bool
	j := i
	joined := false // an English hyphen or "and" joins the next word
	for j < len(s.toks) && s.toks[j].kind == tWord {
		w := s.toks[j].norm
		latin := s.toks[j].latin
		var e numWord
		found, conj := false, false
		if info.words == 0 {
			for c := range clitics(w, cliticPrefixes, 3) {
				if e, found = numberWords[c]; found {
					pre := w[:len(w)-len(c)]
					info.definite = strings.HasSuffix(pre, "ال") || strings.HasSuffix(pre, "لل")
					break
				}
			}
			if found && e.class == ncMultiplier {
				if pluralMultipliers[w] || pluralMultipliers[stripOne(w)] || info.definite {
					return 0, 0, info, false
				}
				if latin && s.word(i-1) != "a" {
					return 0, 0, info, false
				}
			}
		} else {
			e, found = numberWords[w]
			if !found && !latin {
				for _, p := range conjPrefixes {
					if strings.HasPrefix(w, p) {
						if e, found = numberWords[w[len(p):]]; found {
							conj = true
							break
						}
					}
				}
			}
		}
		if !found {
			break
		}
		ok := true
		switch e.class {
		case ncValue:
			ok = info.words == 0 || conj || joined || lastClass == ncMultiplier && latin
			if ok {
				group += e.val
				lastUnit = e.val
			}
		case ncTeen:
			switch {
			case info.words == 0 || conj:
				group += 10
			case lastClass == ncValue && lastUnit < 10:
				group += 10
			default:
				ok = false
			}
		case ncMultiplier:
			if info.words > 0 && lastClass == ncMultiplier && lastMult >= 1000 && e.val >= 1000 {
				// "ألف مليون" is rare; keep it simple ("مئة ألف", "hundred
				// thousand" are common)
				ok = false
				break
			}
			lastMult = e.val
			if group == 0 {
				group = 1
			}
			if e.val == 100 {
				group *= 100
			} else {
				total += group * e.val
				group = 0
			}
		case ncFixed:
			ok = info.words == 0 || conj
			if ok {
				total += e.val
			}
		}
		if !ok {
			break
		}
		info.words++
		lastClass = e.class
		lastWeak = e.weak
		j++
		joined = false
		if latin {
			if s.punct(j) == "-" && s.attached(j) && s.attached(j+1) {
				if e2, ok := numberWords[s.word(j+1)]; ok && e2.class == ncValue && e2.val < 10 {
					j++
					joined = true
				}
			} else if s.word(j) == "and" && lastClass == ncMultiplier {
				if e2, ok := numberWords[s.word(j+1)]; ok && e2.class == ncValue {
					j++
					joined = true
				}
			}
		}
	}
	if info.words == 0 {
		return 0, 0, info, false
	}
	if joined { // a dangling joiner is not part of the number
		j--
	}
	info.word = true
	info.weak = info.words == 1 && lastWeak
	return total + group, j, info, true
}

// stripOne removes one clitic prefix, for the plural-multiplier check.
func stripOne(w string) string {
	last := w
	for c := range clitics(w, cliticPrefixes, 3) {
		last = c
	}
	return last
}

// fmtNum formats a value without exponent or trailing zeros.
func fmtNum(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e18 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// fmtMoney formats an amount of money to at most two decimals.
func fmtMoney(v float64) string {
	return fmtNum(math.Round(v*100) / 100)
}
