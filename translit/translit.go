// Package translit lets a proper name that no alias table knows meet
// itself across the Arabic and Latin scripts: "عملية سرفال" and "Operation
// Serval", "برخان" and "Barkhane", "زرنج" and "Zaranj". Both spellings are
// reduced to their consonant skeleton, the consonants grouped into classes
// the two scripts render alike (ق، ك، ج، غ and k, q, c, g, j; س، ص، ش، ز and
// s, z, sh, ch), the vowels, w, y, ا، و، ي and ع dropped, doubled letters
// collapsed. A skeleton of fewer than MinConsonants consonants says too
// little to match on and is not returned.
//
// Only a Latin word written with a capital letter is taken for a name; an
// Arabic word may be one whatever its spelling, so Arabic words give keys
// for their common clitic prefixes both kept and stripped (برخان starts
// with ب, وبرخان carries one). It does no I/O.
package translit

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsroom/factcheck/textnorm"
)

// MinConsonants is the fewest consonants a skeleton holds: "Rabin" (r-b-n)
// and "Arafat" (r-f-t) match; "Rutte" (r-t) and "Gao" (k) are too short to
// tell from chance.
const MinConsonants = 3

// Script is the script a key was read from.
type Script byte

// The two scripts keys are read from.
const (
	Arabic Script = 'a'
	Latin  Script = 'l'
)

// Other returns the other script.
func (s Script) Other() Script {
	if s == Arabic {
		return Latin
	}
	return Arabic
}

// Key is a skeleton tagged with the script it was read from, so that a
// caller can ask for the other script's spelling only: "~lbrhn" is a Latin
// word's skeleton.
func Key(s Script, skeleton string) string { return "~" + string(s) + skeleton }

// As returns key as if read from script s: the key under which s would
// spell the same skeleton.
func As(key string, s Script) string { return Key(s, key[2:]) }

// WordKeys returns the keys of word, a name in either script as written
// (case kept), each once, with the word's script; nil when the word is not
// a name this package reads (a Latin word in lower case, digits, too few
// consonants).
func WordKeys(word string) ([]string, Script) {
	r, _ := utf8.DecodeRuneInString(word)
	switch {
	case isArabic(r):
		var out []string
		for _, w := range arabicForms(textnorm.Fold(word)) {
			if sk := arabicSkeleton(w); utf8.RuneCountInString(sk) >= MinConsonants && !slices.Contains(out, Key(Arabic, sk)) {
				out = append(out, Key(Arabic, sk))
			}
		}
		return out, Arabic
	case unicode.IsUpper(r):
		if titles[strings.ToLower(word)] {
			return nil, Latin
		}
		var out []string
		for _, sk := range latinSkeletons(word) {
			if len(sk) >= MinConsonants && !slices.Contains(out, Key(Latin, sk)) {
				out = append(out, Key(Latin, sk))
			}
		}
		return out, Latin
	}
	return nil, 0
}

// titles are words English capitalizes before or inside names that are not
// names themselves: "Lord Ismay" and "اللورد إسماي" share "Lord", not the
// man.
var titles = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`lord lady sir dame king queen prince princess emir amir sheikh sultan shah
		president prime minister ministers minister's secretary general chancellor premier ambassador envoy
		senator governor mayor judge justice chief commander admiral marshal colonel captain major lieutenant
		sergeant pope bishop cardinal imam mr mrs ms dr doctor professor saint st mount lake river cape port fort
		operation resolution treaty accord accords agreement declaration charter protocol convention
		council assembly committee commission parliament congress senate court cabinet ministry office
		republic kingdom union federation emirate emirates state states nation nations organization
		organisation league alliance forces force army navy command mission summit conference
		north south east west northern southern eastern western central new great united national
		international islamic arab democratic people's popular socialist federal royal supreme grand`) {
		m[w] = true
	}
	return m
}()

func isArabic(r rune) bool { return r >= 0x0600 && r <= 0x06FF }

// arabicArticles are the article and its clitic combinations: a word
// opening with one is a common noun with its article far more often than
// a foreign name, so only the stripped form is read.
var arabicArticles = []string{"وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال"}

// arabicForms returns the spellings of an Arabic word to read: the word
// stripped of its article, or the word and the word without a one-letter
// clitic (ب، ل، ف، ك after an optional و; و itself is dropped as a vowel).
func arabicForms(w string) []string {
	for _, p := range arabicArticles {
		if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 3 {
			return []string{w[len(p):]}
		}
	}
	out := []string{w}
	rest := strings.TrimPrefix(w, "و")
	for _, p := range []string{"ب", "ل", "ف", "ك"} {
		if strings.HasPrefix(rest, p) && utf8.RuneCountInString(rest) > 3 {
			out = append(out, rest[len(p):])
		}
	}
	return out
}

// arabicClass maps an Arabic consonant to its class; letters not listed
// (alef, waw, ya, ain, hamza, harakat) are dropped.
var arabicClass = map[rune]byte{
	'ب': 'b', 'پ': 'b', 'ت': 't', 'ث': 't', 'ط': 't', 'ج': 'k', 'چ': 's', 'ح': 'h', 'خ': 'h', 'ه': 'h', 'ة': 'h',
	'د': 'd', 'ذ': 'd', 'ض': 'd', 'ر': 'r', 'ز': 's', 'س': 's', 'ش': 's', 'ص': 's', 'ظ': 's', 'غ': 'k',
	'ف': 'f', 'ڤ': 'f', 'ق': 'k', 'ك': 'k', 'ک': 'k', 'گ': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
}

func arabicSkeleton(w string) string {
	rs := []rune(w)
	// a final ه or ة is the feminine ending, not a consonant ("روته")
	for len(rs) > 0 && (rs[len(rs)-1] == 'ه' || rs[len(rs)-1] == 'ة') {
		rs = rs[:len(rs)-1]
	}
	var b []byte
	for i := 0; i < len(rs); i++ {
		if rs[i] == 'ت' && i+1 < len(rs) && rs[i+1] == 'ش' {
			continue // "تشاد" renders "Tchad", "Chad": the ت is part of ch
		}
		if c, ok := arabicClass[rs[i]]; ok && (len(b) == 0 || b[len(b)-1] != c) {
			b = append(b, c)
		}
	}
	return string(b)
}

// latinDigraphs are read before single letters, longest first.
var latinDigraphs = []struct{ from, to string }{
	{"sch", "s"}, {"tch", "s"}, {"sh", "s"}, {"kh", "h"}, {"gh", "k"}, {"ph", "f"}, {"th", "t"}, {"dh", "d"},
	{"ck", "k"}, {"qu", "k"},
}

// latinClass maps a Latin consonant to its class; vowels, w, y and h
// after a vowel at a word's end are handled by latinSkeleton.
var latinClass = map[rune]string{
	'b': "b", 'p': "b", 'd': "d", 't': "t", 'f': "f", 'v': "f", 'k': "k", 'q': "k", 'g': "k", 'j': "k",
	's': "s", 'z': "s", 'x': "ks", 'h': "h", 'l': "l", 'm': "m", 'n': "n", 'r': "r",
}

// latinSkeletons returns the skeleton of a Latin word and, when the word
// ends in a consonant French leaves silent (Mitterrand, ميتران), the
// skeleton without it; "ch" is read as "sh" (Chirac, شيراك) and as "k".
func latinSkeletons(w string) []string {
	w = strings.ToLower(stripMarks(w))
	out := []string{latinSkeleton(w, "s")}
	if strings.Contains(w, "ch") {
		out = append(out, latinSkeleton(w, "k"))
	}
	if n := len(w); n > 3 && strings.ContainsRune("dtsx", rune(w[n-1])) && !strings.ContainsRune("dtsx", rune(w[n-2])) {
		out = append(out, latinSkeleton(w[:n-1], "s"))
	}
	return out
}

func latinSkeleton(w, ch string) string {
	var b strings.Builder
	last := byte(0)
	put := func(s string) {
		for i := 0; i < len(s); i++ {
			if s[i] != last {
				b.WriteByte(s[i])
				last = s[i]
			}
		}
	}
	for i := 0; i < len(w); {
		rest := w[i:]
		if strings.HasPrefix(rest, "ch") {
			put(ch)
			i += 2
			continue
		}
		if d, ok := digraph(rest); ok {
			put(d.to)
			i += len(d.from)
			continue
		}
		r, size := utf8.DecodeRuneInString(rest)
		i += size
		switch {
		case r == 'c':
			if i < len(w) && strings.ContainsRune("eiy", rune(w[i])) {
				put("s")
			} else {
				put("k")
			}
		case r == 'h' && i == len(w):
			// a final h is silent: "Aisha", "Fatah"
		default:
			if c, ok := latinClass[r]; ok {
				put(c)
			} else if !strings.ContainsRune("aeiouyw", r) {
				return "" // a letter outside the Latin alphabet: not read
			}
		}
	}
	return b.String()
}

func digraph(s string) (struct{ from, to string }, bool) {
	for _, d := range latinDigraphs {
		if strings.HasPrefix(s, d.from) {
			return d, true
		}
	}
	return struct{ from, to string }{}, false
}

// stripMarks removes accents: "Traoré" → "Traore", "Ça" → "Ca".
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Names calls f with every name-like word of text, as written: runs of
// letters, Arabic or Latin.
func Names(text string, f func(word string)) {
	start := -1
	for i, r := range text {
		letter := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			f(text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		f(text[start:])
	}
}
