package aliases

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/newsroom/factcheck/textnorm"
)

const table = `# test table
NATO | North Atlantic Treaty Organization | الناتو | حلف شمال الأطلسي | الحلف
Sweden | السويد
joined | accession | انضم | انضمت | انضمام
month | months | شهر | أشهر
`

func TestResolveAcrossLanguages(t *testing.T) {
	tab, err := Load(strings.NewReader(table), "test")
	if err != nil {
		t.Fatal(err)
	}
	ar := tab.Resolve(textnorm.Terms("فانضمت السويد إلى حلف شمال الأطلسي في مارس"))
	en := tab.Resolve(textnorm.Terms("Sweden's accession to the North Atlantic Treaty Organization"))
	for _, key := range []string{"=NATO", "=Sweden", "=joined"} {
		if !slices.Contains(ar, key) || !slices.Contains(en, key) {
			t.Errorf("concept %s: arabic terms %v, english terms %v", key, ar, en)
		}
	}
	if !tab.IsEntity("=NATO") || tab.IsEntity("=joined") {
		t.Errorf("IsEntity: NATO is an entity, joined is not")
	}
	if !tab.IsTimeUnit("=month") || tab.IsTimeUnit("=joined") || tab.IsEntity("=month") {
		t.Errorf("IsTimeUnit: month is a unit of time and no entity, joined is not one")
	}
	if slices.Contains(ar, textnorm.Stem("شمال")) {
		t.Errorf("stems of a matched phrase should be replaced by its concept: %v", ar)
	}
	if got := tab.Expand("=Sweden"); len(got) != 2 {
		t.Errorf("Expand(=Sweden) = %v, want two phrases", got)
	}
	if got := tab.Expand("foo"); len(got) != 1 || got[0][0] != "foo" {
		t.Errorf("Expand(foo) = %v", got)
	}
}

func TestNumberedDocuments(t *testing.T) {
	tab, err := Load(strings.NewReader(table), "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text string
		want string // "" for none
	}{
		{"اعتمد مجلس الأمن القرار 1973 بأغلبية عشرة أصوات", "=Resolution 1973"},
		{"وبموجب القرار رقم 1973", "=Resolution 1973"},
		{"the Council adopted Resolution 1973 on 17 March", "=Resolution 1973"},
		{"under UNSCR 1973", "=Resolution 1973"},
		{"the resolution passed in 2011 with ten votes", ""},
		{"القرار الذي صدر في آذار", ""},
	} {
		var got []string
		for _, m := range tab.Mentions(textnorm.Terms(tt.text)) {
			if IsNumbered(m.Key) {
				got = append(got, m.Key)
			}
		}
		if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
			t.Errorf("%q: numbered documents %v, want %q", tt.text, got, tt.want)
		}
	}
	if !tab.IsEntity("=Resolution 1973") || IsNumbered("=NATO") || IsNumbered("=Resolution") {
		t.Errorf("a numbered document is an entity; NATO and a bare head are not numbered")
	}
	if got := tab.Expand("=Resolution 1973"); len(got) != 3 || got[0][1] != "1973" {
		t.Errorf("Expand(=Resolution 1973) = %v, want the head nouns of both languages with the number", got)
	}
}

func TestGenericNames(t *testing.T) {
	tab, err := Load(strings.NewReader("NATO | الناتو | ~الحلف | ~the Alliance\nWarsaw Pact | حلف وارسو\n"), "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		text     string
		resolves bool // Resolve finds NATO
		named    []string
	}{
		{"the Alliance's military structures", true, nil},
		{"ألغى الحلف هياكله العسكرية", true, nil},
		{"NATO and the Alliance", true, []string{"=NATO"}},
		{"الناتو وحلف وارسو", true, []string{"=NATO", "=Warsaw Pact"}},
	} {
		stems := textnorm.Terms(tt.text)
		if got := slices.Contains(tab.Resolve(stems), "=NATO"); got != tt.resolves {
			t.Errorf("Resolve(%q) has NATO: %v, want %v", tt.text, got, tt.resolves)
		}
		if got := tab.Named(stems); !slices.Equal(got, tt.named) {
			t.Errorf("Named(%q) = %v, want %v", tt.text, got, tt.named)
		}
	}
	if got := tab.Canonical("=NATO"); got != "NATO" {
		t.Errorf("Canonical = %q", got)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := Load(strings.NewReader("NATO\n"), "bad.txt"); err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
		t.Errorf("single-name line: error = %v, want one naming bad.txt:1", err)
	}
}

func TestBundledTable(t *testing.T) {
	f, err := os.Open("../seeds/aliases.txt")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	tab, err := Load(f, "seeds/aliases.txt")
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() < 50 {
		t.Errorf("bundled table has %d groups", tab.Len())
	}
	got := tab.Resolve(textnorm.Terms("تأسس حلف شمال الأطلسي عام 1949"))
	if !slices.Contains(got, "=NATO") {
		t.Errorf("bundled table does not resolve NATO: %v", got)
	}
}

// TestMonthNamedByStopword: a group's first name is its key even when it
// is a stopword that matching skips ("May"), so its other names still read
// as the month, not as a concept of their own.
func TestMonthNamedByStopword(t *testing.T) {
	tab, err := Load(strings.NewReader("May | مايو | أيار\nJune | يونيو | حزيران\n"), "months")
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"في 20 مايو", "في أيار", "حزيران"} {
		got := tab.Resolve(textnorm.Terms(text))
		months := slices.DeleteFunc(slices.Clone(got), func(k string) bool { return !tab.IsMonth(k) })
		if len(months) != 1 {
			t.Errorf("%q resolves to %v: want one month", text, got)
		}
		for _, k := range got {
			if tab.IsEntity(k) {
				t.Errorf("%q: month %s read as an entity", text, k)
			}
		}
	}
	if got := tab.Resolve(textnorm.Terms("you may go")); slices.ContainsFunc(got, tab.IsMonth) {
		t.Errorf("the verb 'may' read as a month: %v", got)
	}
}
