// Package textnorm normalises Arabic and English text for matching: it folds
// letter variants, drops harakat and tatweel, maps Arabic-Indic digits to
// ASCII, and stems words so that الحلف، بالحلف and حلف (or members and member)
// meet in a search index. It does no I/O.
package textnorm

import (
	"strings"
	"unicode"
)

// FoldRune maps r to its matching form. It returns false when r carries no
// meaning for matching (harakat, tatweel, joiners) and should be dropped.
func FoldRune(r rune) (rune, bool) {
	switch {
	case r >= 0x0628 && r <= 0x063A && r != 0x0629, r >= 0x0641 && r <= 0x0648:
		return r, true // the common Arabic letters fold to themselves
	case r < 0x80:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A'), true
		}
		return r, true
	case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640, // harakat, superscript alef, tatweel
		r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0xFEFF, r == 0x00AD:
		return 0, false
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return '0' + (r - 0x0660), true
	case r >= 0x06F0 && r <= 0x06F9: // Extended (Persian) digits
		return '0' + (r - 0x06F0), true
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', true
	case 'ى', 'ی':
		return 'ي', true
	case 'ة':
		return 'ه', true
	case 'ؤ':
		return 'و', true
	case 'ئ':
		return 'ي', true
	case 'ک':
		return 'ك', true
	case '٪':
		return '%', true
	case '٫':
		return '.', true
	case '٬':
		return ',', true
	case '،':
		return ',', true
	case '؛':
		return ';', true
	case '؟':
		return '?', true
	case '\u00A0', '\u2009', '\u202F':
		return ' ', true
	case '\u2013', '\u2014', '\u2212':
		return '-', true
	}
	if r >= 0x0600 && r <= 0x06FF {
		return r, true // Arabic has no case
	}
	return unicode.ToLower(r), true
}

// Fold returns s with every rune folded by FoldRune.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := FoldRune(r); ok {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// IsArabicLetter reports whether r is a letter of the Arabic script.
func IsArabicLetter(r rune) bool {
	return (r >= 0x0620 && r <= 0x064A) || (r >= 0x066E && r <= 0x06D3) || r == 0x06D5 ||
		(r >= 0x06FA && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || (r >= 0xFB50 && r <= 0xFDFF) || (r >= 0xFE70 && r <= 0xFEFC)
}

// Lang guesses the language of s: "ar" when Arabic letters outnumber Latin
// ones, "en" otherwise, "" when s has no letters.
func Lang(s string) string {
	var ar, lat int
	for _, r := range s {
		switch {
		case IsArabicLetter(r):
			ar++
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case ar == 0 && lat == 0:
		return ""
	case ar >= lat:
		return "ar"
	}
	return "en"
}

// FoldSet returns the set of words folded as Fold folds them, for looking up
// words of folded text.
func FoldSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true
	}
	return m
}
