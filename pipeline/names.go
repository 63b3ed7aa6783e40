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
	var out []string
	translit.Names(text, func(w string) {
		for _, k := range j.unknownNameKeys(w, false) {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	})
	return out
}

// claimNameKeys returns the keys under which the other script would spell
// the names among a claim's context words: "سرفال" in an Arabic claim is
// looked for as a Latin word's skeleton, so a passage in the claim's own
// language, which shares the word itself, is not credited twice.
func (j *Judge) claimNameKeys(words []string) []string {
	var out []string
	for _, w := range words {
		for _, k := range j.unknownNameKeys(w, true) {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// unknownNameKeys returns the keys of word w, or of its spelling in the
// other script when other is set; none for a stopword or a word the alias
// table knows, which is matched as a concept already.
func (j *Judge) unknownNameKeys(w string, other bool) []string {
	f := textnorm.Fold(w)
	if textnorm.IsStopword(f) || j.Aliases.Knows(textnorm.Stem(f)) {
		return nil
	}
	keys, script := translit.WordKeys(w)
	if !other {
		return keys
	}
	for i, k := range keys {
		keys[i] = translit.As(k, script.Other())
	}
	return keys
}
