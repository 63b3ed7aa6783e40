package claims

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsroom/factcheck/textnorm"
)

// clause is a token range [a, b) that states one thing; sentence is the
// index of the first clause of its sentence.
type clause struct {
	a, b     int
	sentence int
}

// minClauseWords is the fewest content words a clause may have before it
// is joined to its neighbour: "في العام 1949،" or "In the early hours of 24
// February 2022," alone says too little.
const minClauseWords = 3

// maxTerms bounds the content words kept per claim.
const maxTerms = 24

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = textnorm.FoldSet("mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vs", "etc", "inc", "ltd", "co", "corp", "gen", "col",
	"lt", "sgt", "capt", "gov", "sen", "rep", "jr", "sr", "fig", "vol", "pp", "approx", "est", "dept", "univ", "jan", "feb", "mar", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e", "i", "u", "s", "a", "b", "c", "d")

// splitClauses divides the tokens into sentences (at . ! ? ؟ and line
// breaks) and those into clauses (at , ، ; ؛ and spaced dashes), joining
// clauses of fewer than minClauseWords words to a neighbour.
func (s *scanner) splitClauses() []clause {
	var out []clause
	sentStart := 0
	start := 0
	words := 0
	flush := func(end int, endSentence bool) {
		if end > start {
			c := clause{a: start, b: end, sentence: sentStart}
			if words < minClauseWords && len(out) > 0 && out[len(out)-1].sentence == sentStart && !endSentence {
				// too short and more of the sentence follows: keep open
				return
			}
			if words < minClauseWords && len(out) > 0 && out[len(out)-1].sentence == sentStart {
				out[len(out)-1].b = end
			} else {
				out = append(out, c)
			}
		}
		start, words = end, 0
		if endSentence {
			sentStart = len(out)
		}
	}
	for i, t := range s.toks {
		if t.nl && i > start {
			flush(i, true)
		}
		switch t.kind {
		case tNum:
			words++
		case tWord:
			if s.toks[i].class&classStopword == 0 {
				words++
			}
		case tPunct:
			switch t.norm {
			case ".":
				if !s.abbreviationDot(i) {
					flush(i+1, true)
				}
			case "!", "?", "…":
				flush(i+1, true)
			case ",", ";":
				if words >= minClauseWords {
					flush(i+1, false)
				}
			case "-":
				if t.space && i+1 < len(s.toks) && s.toks[i+1].space && words >= minClauseWords {
					flush(i+1, false)
				}
			}
		}
	}
	flush(len(s.toks), true)
	return out
}

// abbreviationDot reports whether the full stop at token i ends an
// abbreviation (Feb., U.S., Mr.) rather than a sentence.
func (s *scanner) abbreviationDot(i int) bool {
	if !s.attached(i) || i == 0 {
		return false
	}
	prev := s.toks[i-1]
	if prev.kind != tWord || !prev.latin {
		return false
	}
	if !abbreviations[prev.norm] {
		return false
	}
	// "in Feb. 2011" and "U.S. forces": the next token continues the sentence
	if i+1 < len(s.toks) {
		next := s.toks[i+1]
		if next.kind == tNum {
			return true
		}
		if next.kind == tWord && next.latin {
			first := s.text[next.start]
			return first >= 'a' && first <= 'z' || len(prev.norm) == 1
		}
	}
	return false
}

// context returns the clause that holds tokens [a, b) and its content
// words: the counted noun first when there is one, then the clause's
// non-stopwords, then those of the rest of its sentence (which often names
// the subject of a clause that only refers to it).
func (s *scanner) context(a, b, unitTok int) (string, []string) {
	if s.clauses == nil {
		s.clauses = s.splitClauses()
	}
	k := sort.Search(len(s.clauses), func(k int) bool { return s.clauses[k].b > a })
	if k == len(s.clauses) {
		return "", nil
	}
	c := s.clauses[k]
	end := c.b
	if b > end { // a claim that runs over a clause boundary
		for j := k + 1; j < len(s.clauses) && s.clauses[j].a < b; j++ {
			end = s.clauses[j].b
		}
	}
	sentence := strings.TrimSpace(s.text[s.toks[c.a].start:s.toks[end-1].end])
	var seenBuf [maxTerms]string
	seen := seenBuf[:0] // folded forms of terms; at most maxTerms, so a slice beats a map
	terms := make([]string, 0, maxTerms)
	if s.contentWord == nil {
		s.surfaces = make([]string, len(s.toks))
		s.contentWord = make([]bool, len(s.toks))
		for j, t := range s.toks {
			s.contentWord[j] = t.kind == tWord && s.toks[j].class&(classStopword|classMark) == 0 &&
				utf8.RuneCountInString(t.norm) >= 2 && !s.quantityWord(j)
		}
	}
	addTerm := func(j int) {
		if len(terms) >= maxTerms || j < 0 || !s.contentWord[j] {
			return
		}
		w := s.toks[j].norm
		if slices.Contains(seen, w) {
			return
		}
		seen = append(seen, w)
		if s.surfaces[j] == "" {
			s.surfaces[j] = s.surface(j, j+1)
		}
		terms = append(terms, s.surfaces[j])
	}
	addTerm(unitTok)
	for j := c.a; j < end; j++ {
		addTerm(j)
	}
	// then the neighbouring clauses of the sentence, nearest first
	for d := 1; len(terms) < maxTerms; d++ {
		before, after := k-d, k+d
		inBefore := before >= 0 && s.clauses[before].sentence == c.sentence
		inAfter := after < len(s.clauses) && s.clauses[after].sentence == c.sentence
		if !inBefore && !inAfter {
			break
		}
		for _, n := range []int{before, after} {
			if n < 0 || n >= len(s.clauses) || s.clauses[n].sentence != c.sentence || n == k {
				continue
			}
			for j := s.clauses[n].a; j < s.clauses[n].b && len(terms) < maxTerms; j++ {
				addTerm(j)
			}
		}
	}
	return sentence, terms
}

// quantityWord reports whether token j is part of how quantities are
// written (number words, months, era markers, year words) rather than what
// they are about.
func (s *scanner) quantityWord(j int) bool {
	if s.toks[j].class&classMark != 0 {
		return true
	}
	if !(s.toks[j].class&classTrigger != 0) {
		return false
	}
	w := s.toks[j].norm
	for c := range clitics(w, cliticPrefixes, 3) {
		if _, ok := numberWords[c]; ok {
			return true
		}
		if _, ok := ordinalWords[c]; ok && !s.toks[j].latin {
			return true
		}
	}
	if _, _, ok := s.singleMonthAt(j); ok {
		return true
	}
	return yearWords[w]
}
