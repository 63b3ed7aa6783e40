package claims

import (
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/factcheck/textnorm"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters (harakat and tatweel inside are kept in the span, dropped from norm)
	tNum                  // a run of digits, with inner thousands or decimal separators
	tPunct                // any other single non-space rune
)

// token is one unit of the text with its byte offsets in the original.
type token struct {
	start, end int
	// norm is the folded form: letters folded (textnorm.FoldRune), digits ASCII
	// without thousands separators.
	norm string
	// num is the numeric value of a tNum token.
	num float64
	// digits is the number of integer digits of a tNum token.
	digits int32
	kind   tokKind
	// frac is true when a tNum token had a decimal part; grouped when it
	// had thousands separators.
	frac    bool
	grouped bool
	// space is true when white space separates this token from the previous
	// one; nl when that white space holds a line break.
	space, nl bool
	// latin is true for a word of Latin letters.
	latin bool
	// class is a word's wordClasses entry; excluded marks tokens inside
	// URLs, e-mail addresses and the like.
	class    uint8
	excluded bool
}

// tokenize splits text into tokens. It never fails: invalid UTF-8 bytes
// become single punctuation tokens, so offsets always stay on the text.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/8+16)
	space, nl := true, false
	buf := make([]byte, 0, 64)
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size <= 1 {
			toks = append(toks, token{start: i, end: i + 1, kind: tPunct, norm: "\ufffd", space: space, nl: nl})
			space, nl = false, false
			i++
			continue
		}
		f, keep := textnorm.FoldRune(r)
		switch {
		case !keep:
			// A mark outside a word (e.g. a stray tatweel): attach to nothing.
			i += size
			continue
		case f == ' ' || unicode.IsSpace(f):
			space = true
			if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
				nl = true
			}
			i += size
			continue
		case isDigit(f):
			t, n := scanNumber(text, i)
			t.space, t.nl = space, nl
			toks = append(toks, t)
			i = n
		case isLetter(f):
			latin := f < 0x250
			j, same := i, true
			buf = buf[:0]
			for j < len(text) {
				c := text[j]
				if c < 0x80 { // ASCII fast path
					if !latin || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
						break
					}
					if c <= 'Z' {
						c += 'a' - 'A'
						same = false
					}
					buf = append(buf, c)
					j++
					continue
				}
				var r2 rune
				var s2 int
				if (c == 0xD8 || c == 0xD9) && j+1 < len(text) && text[j+1]&0xC0 == 0x80 {
					// the Arabic block, decoded inline: most of an Arabic text
					r2, s2 = rune(c&0x1F)<<6|rune(text[j+1]&0x3F), 2
				} else {
					r2, s2 = utf8.DecodeRuneInString(text[j:])
					if r2 == utf8.RuneError && s2 <= 1 {
						break
					}
				}
				f2, keep2 := textnorm.FoldRune(r2)
				if !keep2 {
					same = false
					j += s2
					continue
				}
				if !isLetter(f2) || (f2 < 0x250) != latin && !(f2 >= 0x300 && f2 < 0x370) {
					break // a change of script starts a new word: وIP4
				}
				if f2 != r2 {
					same = false
				}
				buf = utf8.AppendRune(buf, f2)
				j += s2
			}
			norm := text[i:j] // no allocation when folding changed nothing
			if !same {
				norm = string(buf)
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, norm: norm, space: space, nl: nl, latin: latin})
			i = j
		default:
			toks = append(toks, token{start: i, end: i + size, kind: tPunct, norm: string(f), space: space, nl: nl})
			i += size
		}
		space, nl = false, false
	}
	return toks
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isLetter is unicode.IsLetter || unicode.IsMark with fast paths for the
// Arabic block and ASCII.
func isLetter(r rune) bool {
	switch {
	case r >= 0x0621 && r <= 0x064A, r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r < 0x80:
		return false
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// digitAt returns the folded digit at text[i:] and its size, or -1.
func digitAt(text string, i int) (int, int) {
	if i >= len(text) {
		return -1, 0
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	f, _ := textnorm.FoldRune(r)
	if isDigit(f) {
		return int(f - '0'), size
	}
	return -1, 0
}

// scanNumber reads a number starting at text[i]: digits with inner ','
// (thousands, when followed by exactly three digits) or '.', '٫' (decimal,
// once). It returns the token and the offset after it.
func scanNumber(text string, i int) (token, int) {
	t := token{start: i, kind: tNum}
	var intPart, fracPart []byte
	inFrac := false
	j := i
	for j < len(text) {
		d, size := digitAt(text, j)
		if d >= 0 {
			if inFrac {
				fracPart = append(fracPart, byte('0'+d))
			} else {
				intPart = append(intPart, byte('0'+d))
			}
			j += size
			continue
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		if (r == ',' || r == '٬') && !inFrac && groupFollows(text, j+size) {
			t.grouped = true
			j += size
			continue
		}
		if (r == '.' || r == '٫') && !inFrac {
			if d2, _ := digitAt(text, j+size); d2 >= 0 {
				inFrac = true
				j += size
				continue
			}
		}
		break
	}
	t.end = j
	t.digits = int32(len(intPart))
	t.frac = len(fracPart) > 0
	norm := string(intPart)
	if t.frac {
		norm += "." + string(fracPart)
	}
	t.norm = norm
	t.num = parseFloat(norm)
	return t, j
}

// groupFollows reports whether exactly three digits follow at text[i:]
// (and no fourth), as after a thousands separator.
func groupFollows(text string, i int) bool {
	n := 0
	for n < 4 {
		d, size := digitAt(text, i)
		if d < 0 {
			break
		}
		n++
		i += size
	}
	return n == 3
}

// parseFloat parses an ASCII decimal without allocation or error paths;
// the tokenizer has already checked the syntax.
func parseFloat(s string) float64 {
	var v float64
	div := 0.0
	for k := 0; k < len(s); k++ {
		c := s[k]
		if c == '.' {
			div = 1
			continue
		}
		v = v*10 + float64(c-'0')
		if div > 0 {
			div *= 10
		}
	}
	if div > 0 {
		v /= div
	}
	return v
}
