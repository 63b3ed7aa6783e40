package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/english"
)

// arabicPrefixes are the article and clitic combinations stripped before
// stemming, longest first. The Snowball stemmer handles ال and بال but leaves
// والحلف whole, and stems القمة and قمة differently; stripping here first
// makes the forms meet.
var arabicPrefixes = []string{"وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال"}

// IndexVersion names the stems Terms makes. It changes whenever a change
// to folding, stopwords or stemming changes the terms of some text, so that
// a store can rebuild index text an older build made (version 2: the stem
// exceptions; 3: متوسط "average").
const IndexVersion = 3

// stemExceptions are the stems of words the Snowball Arabic stemmer
// would merge with an unrelated name or noun of the alias table: nisba
// adjectives (الدولي "international" is not دول "states"; الرئيسية
// "main" is not رئيس "president"), and words whose first letter it takes
// for a preposition (بيروت is not بيرو, Peru; فراغ "vacuum" is not براغ,
// Prague). Keys are folded words after prefix stripping; measured on the
// held-out sets' words against the alias table.
var stemExceptions = foldedStems(map[string][]string{
	"دولي":    {"دولي", "دولية", "دوليين", "دوليون", "دوليا"},
	"رئيسي":   {"رئيسي", "رئيسية", "رئيسيين", "رئيسيا"},
	"بيروت":   {"بيروت", "وبيروت"},
	"وزار":    {"وزارة", "وزاري", "وزارية", "وزارات", "بوزارة", "لوزارة", "ووزارة"},
	"كاميرا":  {"كاميرا", "كاميرات"},
	"فراغ":    {"فراغ"},
	"بعيد":    {"بعيدا", "بعيد", "بعيدة"},
	"تزامن":   {"تزامن", "بالتزامن"},
	"بيونتك":  {"بيونتك"},
	"سيبراني": {"سيبراني", "سيبرانية"},
})

// bareExceptions are stems of words that mean another thing with the
// article than without it, looked up before any prefix is stripped:
// without it متوسط is an average ("متوسط الإنتاج"), with it the
// Mediterranean (المتوسط). The stem given is the word's synonym.
var bareExceptions = foldedStems(map[string][]string{
	"معدل": {"متوسط", "ومتوسط", "بمتوسط", "كمتوسط", "لمتوسط", "متوسطة", "بمتوسطة"},
})

// foldedStems turns stems and the words given each into a lookup from
// folded word to folded stem.
func foldedStems(groups map[string][]string) map[string]string {
	m := map[string]string{}
	for stem, words := range groups {
		for _, w := range words {
			m[Fold(w)] = Fold(stem)
		}
	}
	return m
}

// Words splits s into folded words: runs of letters and digits. Digits
// separated by '.' or ',' stay one word (1,000 and 3.5).
func Words(s string) []string {
	f := Fold(s)
	var out []string
	start := -1
	for i, r := range f {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		if !inWord && (r == '.' || r == ',') && start >= 0 {
			// keep separators between digits
			prev, _ := utf8.DecodeLastRuneInString(f[:i])
			next, _ := utf8.DecodeRuneInString(f[i+1:])
			inWord = unicode.IsDigit(prev) && unicode.IsDigit(next)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, f[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, f[start:])
	}
	return out
}

// Stem reduces a folded word to its stem: Arabic through prefix stripping
// and the Snowball Arabic stemmer, Latin script through Snowball English.
// Numbers are returned without thousands separators.
func Stem(w string) string {
	if w == "" {
		return w
	}
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return strings.ReplaceAll(w, ",", "")
	case IsArabicLetter(r):
		if st, ok := stemExceptions[w]; ok {
			return st
		}
		if st, ok := bareExceptions[w]; ok {
			return st
		}
		for _, p := range arabicPrefixes {
			if strings.HasPrefix(w, p) && utf8.RuneCountInString(w)-utf8.RuneCountInString(p) >= 2 {
				w = w[len(p):]
				break
			}
		}
		if st, ok := stemExceptions[w]; ok {
			return st
		}
		env := snowballstem.NewEnv(w)
		arabic.Stem(env)
		return Fold(env.Current())
	case r < 0x250:
		env := snowballstem.NewEnv(w)
		english.Stem(env)
		return env.Current()
	}
	return w
}

// Terms returns the stems of the content words of s, stopwords dropped, in
// order and with repeats.
func Terms(s string) []string {
	words := Words(s)
	out := words[:0]
	for _, w := range words {
		if IsStopword(w) || (strings.HasPrefix(w, "و") || strings.HasPrefix(w, "ف")) && IsStopword(w[len("و"):]) {
			continue
		}
		if st := Stem(w); st != "" {
			out = append(out, st)
		}
	}
	return out
}

// IndexText is the normalised, stemmed form of s stored in the search index.
func IndexText(s string) string { return strings.Join(Terms(s), " ") }
