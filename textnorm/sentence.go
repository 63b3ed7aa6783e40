package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// SentenceAround returns the sentence of text holding the byte range
// [start, end): from the previous sentence end or line break to the next
// one, the closing mark included. A full stop ends a sentence only where a
// space or the end of the text follows it and it does not close an initial
// or an abbreviation such as "U.S." or "J."; "!", "?", "؟" and line breaks
// always do. Offsets out of range are clamped.
func SentenceAround(text string, start, end int) string {
	a, b := SentenceBounds(text, start, end)
	return text[a:b]
}

// SentenceBounds returns the byte offsets [a, b) of the sentence
// SentenceAround returns.
func SentenceBounds(text string, start, end int) (a, b int) {
	start = min(max(start, 0), len(text))
	end = min(max(end, start), len(text))
	for i := start - 1; i >= 0; i-- {
		if n := sentenceEnd(text, i); n > 0 {
			a = i + n
			break
		}
	}
	b = len(text)
	for i := end; i < len(text); i++ {
		if n := sentenceEnd(text, i); n > 0 {
			b = i + n
			if text[i] == '\n' {
				b = i
			}
			break
		}
	}
	return a, b
}

// sentenceEnd returns the length in bytes of the mark ending a sentence
// at byte i of text, or 0.
func sentenceEnd(text string, i int) int {
	switch text[i] {
	case '\n', '!', '?':
		return 1
	case '.':
	default:
		if r, size := utf8.DecodeRuneInString(text[i:]); r == '؟' {
			return size
		}
		return 0
	}
	if i+1 < len(text) && text[i+1] != ' ' && text[i+1] != '\n' {
		return 0 // 3.5, example.com
	}
	// "U.S." and "J." close a single letter, not a sentence
	r, size := utf8.DecodeLastRuneInString(text[:i])
	if unicode.IsUpper(r) {
		prev, _ := utf8.DecodeLastRuneInString(text[:i-size])
		if i-size == 0 || !unicode.IsLetter(prev) {
			return 0
		}
	}
	return 1
}
