package pipeline

import (
	"slices"

	"github.com/newsroom/factcheck/textnorm"
	"github.com/newsroom/factcheck/translit"
)

// nameKeys returns the transliteration keys (translit.WordKeys) of the
// words of text the alias table does not know, each once: the names a
// passage states, in the script it states them.
func (j *Judge) nameKeys(text string) []string {
	var words []string
	translit.Names(text, func(w string) { words = append(words, w) })
	return j.unknownNamesKeys(words, false)
}

// claimNameKeys returns the keys under which the other script would spell
// the names among a claim's context words: "سرفال" in an Arabic claim is
// looked for as a Latin word's skeleton, so a passage in the claim's own
// language, which shares the word itself, is not credited twice.
func (j *Judge) claimNameKeys(words []string) []string { return j.unknownNamesKeys(words, true) }

// unknownNamesKeys returns the keys of words, each once, as their own
// script spells them or, when other is set, as the other script would;
// none for a stopword or a word the alias table knows, which is matched
// as a concept already.
func (j *Judge) unknownNamesKeys(words []string, other bool) []string {
	var out []string
	for _, w := range words {
		keys, script := translit.WordKeys(w)
		if len(keys) == 0 {
			continue // not a name (a lower-case Latin word, a short one): no need to stem it
		}
		f := textnorm.Fold(w)
		if textnorm.IsStopword(f) || j.Aliases.Knows(textnorm.Stem(f)) {
			continue
		}
		for _, k := range keys {
			if other {
				k = translit.As(k, script.Other())
			}
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}
