// Package aliases maps the names of one thing in Arabic and English (الناتو،
// حلف شمال الأطلسي، NATO) to a shared concept, so that a claim finds
// passages in either language and "the same thing" can be decided across
// them. It does no I/O beyond reading the table it is given.
package aliases

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/newsroom/factcheck/textnorm"
)

// Table is a loaded alias table. It is read-only once loaded.
type Table struct {
	// canonical is each group's canonical name: its first name as written,
	// even one matching cannot use ("May" is a stopword, yet the group is
	// the month).
	canonical []string
	// byFirst maps a phrase's first stem to the phrases that start with it,
	// longest first.
	byFirst map[string][]phrase
	// phrases lists each group's phrases as stem sequences.
	phrases [][][]string
}

type phrase struct {
	stems   []string
	group   int    // the alias group, or -1 for a numbered document
	key     string // the concept key of a numbered document ("=Resolution 1973")
	generic bool   // a common name ("the Alliance") that may mean another thing in context
}

// numberedHeads are the stems of the nouns that, followed by a number,
// name one document in either language: "Resolution 1973", "القرار 1973",
// "UNSCR 1973". The number is an identifier, not a quantity, so the pair
// names the thing as surely as a proper name does.
var numberedHeads = map[string]string{"resolut": "Resolution", "unscr": "Resolution", "قرار": "Resolution"}

// numberedStems maps each canonical head of numberedHeads to its stems,
// sorted: the phrases a search for a numbered document spells out.
var numberedStems = func() map[string][]string {
	out := map[string][]string{}
	for stem, head := range numberedHeads {
		out[head] = append(out[head], stem)
	}
	for _, stems := range out {
		sort.Strings(stems)
	}
	return out
}()

// numberedPhrase returns the phrase of a numbered document at stems[i]
// ("قرار", "1970"; "resolut", "no", "1970"), if one starts there.
func numberedPhrase(stems []string, i int) (phrase, bool) {
	head, ok := numberedHeads[stems[i]]
	if !ok {
		return phrase{}, false
	}
	j := i + 1
	if j < len(stems) && (stems[j] == "رقم" || stems[j] == "no") {
		j++
	}
	if j >= len(stems) || !isIdentifier(stems[j]) {
		return phrase{}, false
	}
	return phrase{stems: stems[i : j+1], group: -1, key: "=" + head + " " + stems[j]}, true
}

// isIdentifier reports whether a stem is a document number: one to five
// digits.
func isIdentifier(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// IsNumbered reports whether a concept key names a numbered document
// ("=Resolution 1973").
func IsNumbered(key string) bool {
	head, num, ok := strings.Cut(strings.TrimPrefix(key, "="), " ")
	return ok && strings.HasPrefix(key, "=") && isIdentifier(num) && len(numberedStems[head]) > 0
}

// key returns the concept key of a phrase.
func (t *Table) key(p phrase) string {
	if p.group < 0 {
		return p.key
	}
	return t.concept(p.group)
}

// Load reads an alias table: '#' comments and blank lines are ignored;
// every other line is a group of equivalent names separated by '|', the
// first being the canonical one. A name written with a leading '~' is
// generic ("~the Alliance", "~الحلف"): it usually means the group's thing
// but can mean another in context, so Named does not count it. name labels
// errors. Tables may be loaded into one another with Add.
func Load(r io.Reader, name string) (*Table, error) {
	t := &Table{byFirst: map[string][]phrase{}}
	if err := t.Add(r, name); err != nil {
		return nil, err
	}
	return t, nil
}

// Add reads more groups into t (a user's own table after the bundled one).
func (t *Table) Add(r io.Reader, name string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		var stems [][]string
		var generic []bool
		raw, canonical := 0, ""
		for _, n := range strings.Split(text, "|") {
			n = strings.TrimSpace(n)
			if n == "" {
				continue
			}
			raw++
			gen := strings.HasPrefix(n, "~")
			n = strings.TrimSpace(strings.TrimPrefix(n, "~"))
			if canonical == "" {
				canonical = n
			}
			st := textnorm.Terms(n)
			if words(st) < 1 || words(st) < len(st) && words(st) < 2 {
				// A name of stopwords alone would match everything, and one
				// of numbers ("9/11") would match dates.
				continue
			}
			stems = append(stems, st)
			generic = append(generic, gen)
		}
		if raw < 2 {
			return fmt.Errorf("%s:%d: want at least two names separated by '|'", name, line)
		}
		if len(stems) < 2 {
			continue // too few names usable for matching
		}
		g := len(t.canonical)
		t.canonical = append(t.canonical, canonical)
		t.phrases = append(t.phrases, stems)
		for k, st := range stems {
			t.byFirst[st[0]] = append(t.byFirst[st[0]], phrase{stems: st, group: g, generic: generic[k]})
			if first := st[0]; first[0] >= 0x80 {
				// The stemmer keeps a leading conjunction or preposition
				// (فانضمت → فانضم، لحوار → لحوار); index the name with one
				// too, since the prefix belongs to the text, not the name.
				for _, conj := range []string{"و", "ف", "ل", "ب", "ك", "ول", "وب", "فل"} {
					v := append([]string{conj + first}, st[1:]...)
					t.byFirst[v[0]] = append(t.byFirst[v[0]], phrase{stems: v, group: g, generic: generic[k]})
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	for k, ps := range t.byFirst {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].stems) > len(ps[j].stems) })
		t.byFirst[k] = ps
	}
	return nil
}

// Concept is the key of an alias group in a term set: "=" and the group's
// canonical name, which no stem can equal.
func (t *Table) concept(g int) string { return "=" + t.canonical[g] }

// Canonical returns the canonical name of a concept key, or "" when key is
// not one.
func (t *Table) Canonical(key string) string {
	if !strings.HasPrefix(key, "=") {
		return ""
	}
	return key[1:]
}

// Mention is a concept found in a text, at the index of its first stem,
// spanning Len stems.
type Mention struct {
	Key string
	Pos int
	Len int
}

// Mentions returns every alias phrase in stems (nested ones too) as a
// concept key with its position, in order of position.
func (t *Table) Mentions(stems []string) []Mention {
	if t == nil {
		return nil
	}
	var out []Mention
	t.eachPhrase(stems, func(i int, p phrase) {
		out = append(out, Mention{Key: t.key(p), Pos: i, Len: len(p.stems)})
	})
	return out
}

// eachPhrase calls f for every alias phrase in stems (nested ones too) with
// the index of its first stem, in order of position.
func (t *Table) eachPhrase(stems []string, f func(i int, p phrase)) {
	for i := range stems {
		for _, p := range t.byFirst[stems[i]] {
			if i+len(p.stems) <= len(stems) && equal(stems[i:i+len(p.stems)], p.stems) {
				f(i, p)
			}
		}
		if p, ok := numberedPhrase(stems, i); ok {
			f(i, p)
		}
	}
}

// Resolve replaces the alias phrases in stems (a text's stems in order, as
// from textnorm.Terms) by their concept keys: every phrase that occurs
// yields its key, nested ones too ("الحرب على أوكرانيا" yields the war in
// Ukraine, war, and Ukraine), and stems inside no phrase are kept as they
// are. The result is the text's terms for matching. A nil table returns
// stems unchanged.
func (t *Table) Resolve(stems []string) []string {
	if t == nil {
		return stems
	}
	out := make([]string, 0, len(stems))
	covered := make([]bool, len(stems))
	seen := map[string]bool{}
	t.eachPhrase(stems, func(i int, p phrase) {
		if key := t.key(p); !seen[key] {
			seen[key] = true
			out = append(out, key)
		}
		for k := i; k < i+len(p.stems); k++ {
			covered[k] = true
		}
	})
	for i, st := range stems {
		if !covered[i] {
			out = append(out, st)
		}
	}
	return out
}

// Named returns the concept keys that stems name by other than generic
// names, each once, in order of position: "the alliance's structures"
// names nothing, "NATO's structures" names NATO.
func (t *Table) Named(stems []string) []string {
	if t == nil {
		return nil
	}
	var out []string
	t.eachPhrase(stems, func(_ int, p phrase) {
		if key := t.key(p); !p.generic && !slices.Contains(out, key) {
			out = append(out, key)
		}
	})
	return out
}

// Knows reports whether stem opens one of the table's phrases: a word the
// table names things by.
func (t *Table) Knows(stem string) bool { return t != nil && len(t.byFirst[stem]) > 0 }

// IsMonth reports whether a concept key is a month: months are read as
// part of dates, not as what a quantity is about.
func (t *Table) IsMonth(key string) bool { return months[t.Canonical(key)] }

// IsEntity reports whether a concept key names a thing (a country, an
// organisation, a person, a place), as opposed to an action or a common
// noun: the alias table writes entities' canonical names capitalised and
// the others in lower case. Months are not entities.
func (t *Table) IsEntity(key string) bool {
	name := t.Canonical(key)
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		return false
	}
	return !months[name]
}

// IsTimeUnit reports whether a concept key is a unit of time (day, week,
// month, hour): it is what a count of them counts ("four months"), but
// beside a date ("يوم 9 أيار") it is part of the date, not what the date is
// about.
func (t *Table) IsTimeUnit(key string) bool { return timeUnits[t.Canonical(key)] }

var timeUnits = map[string]bool{"day": true, "week": true, "month": true, "hour": true}

var months = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true}

// Expand returns the stem phrases of a term for a search query: every name
// of the group for a concept key, the head nouns of both languages with
// the number for a numbered document, the stem itself otherwise.
func (t *Table) Expand(term string) [][]string {
	if t != nil && strings.HasPrefix(term, "=") {
		for g, name := range t.canonical {
			if name == term[1:] {
				return t.phrases[g]
			}
		}
		if IsNumbered(term) {
			head, num, _ := strings.Cut(term[1:], " ")
			var out [][]string
			for _, stem := range numberedStems[head] {
				out = append(out, []string{stem, num})
			}
			return out
		}
	}
	return [][]string{{term}}
}

// Len is the number of groups.
func (t *Table) Len() int {
	if t == nil {
		return 0
	}
	return len(t.canonical)
}

// words counts the stems that are not numbers.
func words(stems []string) int {
	n := 0
	for _, st := range stems {
		if st[0] < '0' || st[0] > '9' {
			n++
		}
	}
	return n
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
