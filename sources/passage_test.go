package sources

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readPage reads a page from testdata/pages as a Fetcher would.
func readPage(t testing.TB, name string) *factcheck.Page {
	t.Helper()
	p, err := New(Config{}).ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// htmlPage wraps an HTML snippet as a fetched page.
func htmlPage(body string) *factcheck.Page {
	return &factcheck.Page{URL: "https://example.org/p", ContentType: typeHTML, Body: []byte(body), Lang: "en"}
}

// goldenPassage is what the golden files record of a passage: the parts
// that do not depend on where the page was read from.
type goldenPassage struct {
	Context string `json:"context,omitempty"`
	Text    string `json:"text"`
	Lang    string `json:"lang"`
}

func TestPassagesGolden(t *testing.T) {
	for _, name := range []string{"nato_en.html", "nato_ar.html", "nato_1256.html", "nato_notes.md", "nato_facts.txt"} {
		t.Run(name, func(t *testing.T) {
			page := readPage(t, name)
			ps, err := Passages(page)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]goldenPassage, len(ps))
			for i, p := range ps {
				got[i] = goldenPassage{Context: p.Context, Text: p.Text, Lang: p.Lang}
			}
			path := filepath.Join("testdata", "golden", name+".json")
			if *update {
				b, err := json.MarshalIndent(got, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			var want []goldenPassage
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("passages of %s (-want +got):\n%s", name, diff)
			}
		})
	}
}

// passageTexts returns the context and text of each passage.
func passageTexts(ps []factcheck.Passage) []goldenPassage {
	out := make([]goldenPassage, len(ps))
	for i, p := range ps {
		out[i] = goldenPassage{Context: p.Context, Text: p.Text}
	}
	return out
}

// p is shorthand for an expected passage.
func p(context, text string) goldenPassage { return goldenPassage{Context: context, Text: text} }

func TestPassagesPageContent(t *testing.T) {
	for _, tt := range []struct {
		page    string
		absent  []string // text of boilerplate, scripts and hidden elements
		present []goldenPassage
	}{
		{
			page: "nato_en.html",
			absent: []string{
				"Skip to main content", "cookies", "Accept all", "Alliance Facts", "Home", "History since 1949",
				"Search", "dataLayer", "UA-1949", "Styles say", "28 members", "29 members", "Related articles",
				"30 years of partnership", "enable JavaScript", "Template text", "Subscribe", "All rights reserved",
				"99 members", "Last updated",
			},
			present: []goldenPassage{
				p("NATO member countries", "The North Atlantic Treaty Organization (NATO) is a military alliance of 32 member states: 30 in Europe and 2 in North America."),
				p("NATO member countries > Members > Enlargement > Member states by year of accession", "Country: Belgium; Accession: 1949; Region: Europe"),
				// Germany's Region cell spans two rows.
				p("NATO member countries > Members > Enlargement > Member states by year of accession", "Country: Spain; Accession: 1982; Region: Europe"),
				p("NATO member countries > Key facts > Founded", "4 April 1949"),
				p("NATO member countries > Key facts", "Figures on this page are compiled from official NATO sources and national defence ministries."),
				p("NATO member countries > Defence spending", "Year: 2024; Allies spending 2% of GDP: 23"),
				p("NATO member countries > Defence spending", "Estimates for 2024 were published in June 2024."),
			},
		},
		{
			page:   "nato_ar.html",
			absent: []string{"ملفات تعريف الارتباط", "موافق", "الرئيسية", "اتصل بنا", "الأكثر قراءة", "قمة الحلف", "شارك على تويتر", "جميع الحقوق", "نص إعلاني", "تم تحميل"},
			present: []goldenPassage{
				p("حلف شمال الأطلسي", "تأسس حلف شمال الأطلسي في 4 أبريل 1949م بتوقيع 12 دولة على معاهدة واشنطن."),
				p("حلف شمال الأطلسي > الأعضاء > التوسع > الدول الأعضاء حسب سنة الانضمام", "الدولة: تركيا; سنة الانضمام: ١٩٥٢"),
				p("حلف شمال الأطلسي > الأعضاء > الدول المؤسسة", "الأمين العام الحالي للحلف هو مارك روته منذ 1 أكتوبر 2024."),
			},
		},
	} {
		t.Run(tt.page, func(t *testing.T) {
			ps, err := Passages(readPage(t, tt.page))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				for _, a := range tt.absent {
					if strings.Contains(p.Text, a) || strings.Contains(p.Context, a) {
						t.Errorf("passage %d (%q, context %q) contains %q", p.Ordinal, p.Text, p.Context, a)
					}
				}
			}
			got := passageTexts(ps)
			for _, want := range tt.present {
				if !slices.Contains(got, want) {
					t.Errorf("no passage %q under %q", want.Text, want.Context)
				}
			}
		})
	}
}

func TestPassagesHTML(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
		want []goldenPassage
	}{
		{"bare container text", `<div>Intro with 1 fact.<p>A paragraph.</p>Tail text 2.</div><section>Section text.</section>`,
			[]goldenPassage{p("", "Intro with 1 fact."), p("", "A paragraph."), p("", "Tail text 2."), p("", "Section text.")}},
		{"nested lists", `<ul><li>Founders<ul><li>Belgium</li><li>Canada</li></ul></li><li><p>Later</p></li></ul>`,
			[]goldenPassage{p("", "Founders"), p("", "Belgium"), p("", "Canada"), p("", "Later")}},
		{"heading path", `<h1>A</h1><p>x</p><h2>B</h2><p>y</p><h3>C</h3><p>z</p><h2>D</h2><p>w</p><h4>E</h4><p>v</p><h1>F</h1><p>u</p>`,
			[]goldenPassage{p("A", "x"), p("A > B", "y"), p("A > B > C", "z"), p("A > D", "w"), p("A > D > E", "v"), p("F", "u")}},
		{"heading with markup", `<h2>Members <a href="#e">¶</a><small>(2024)</small></h2><p>x</p>`,
			[]goldenPassage{p("Members ¶(2024)", "x")}},
		{"header row of th without thead", `<table><tr><th>Year</th><th>Members</th></tr><tr><td>1949</td><td>12</td></tr></table>`,
			[]goldenPassage{p("", "Year: 1949; Members: 12")}},
		{"table without header", `<table><tr><td>1949</td><td>12 members</td></tr><tr><td>2024</td><td></td></tr></table>`,
			[]goldenPassage{p("", "1949; 12 members"), p("", "2024")}},
		{"row header under empty corner", `<table><thead><tr><th></th><th>Joined</th></tr></thead><tbody><tr><th>Albania</th><td>2009</td></tr></tbody></table>`,
			[]goldenPassage{p("", "Albania; Joined: 2009")}},
		{"two header rows with spans", `<table><caption>Population</caption><thead>
			<tr><th rowspan="2">Country</th><th colspan="2">Population (millions)</th></tr>
			<tr><th>2010</th><th>2020</th></tr></thead>
			<tbody><tr><td>France</td><td>65</td><td>68</td></tr><tr><td colspan="3">Source: national statistics</td></tr></tbody></table>`,
			[]goldenPassage{p("Population", "Country: France; Population (millions) 2010: 65; Population (millions) 2020: 68"), p("Population", "Source: national statistics")}},
		{"caption joins heading path", `<h2>Enlargement</h2><table><caption>By year</caption><tr><th>Year</th></tr><tr><td>1952</td></tr></table>`,
			[]goldenPassage{p("Enlargement > By year", "Year: 1952")}},
		{"hostile spans are bounded", `<table><tr><th colspan="999999999">H</th></tr><tr><td rowspan="-4" colspan="x">v1</td></tr></table>`,
			[]goldenPassage{p("", "H: v1")}},
		{"layout table", `<table><tr><td><h2>News</h2><p>One.</p><p>Two.</p></td><td>Side 1</td></tr></table>`,
			[]goldenPassage{p("News", "One."), p("News", "Two."), p("News", "Side 1")}},
		{"one wrapped paragraph per cell is data", `<table><thead><tr><th>Year</th></tr></thead><tr><td><div><p>1949</p></div></td></tr></table>`,
			[]goldenPassage{p("", "Year: 1949")}},
		{"duplicates and passages without letters or digits", `<p>Same 1.</p><div>Same 1.</div><p>—</p><p> &nbsp; </p><p>...</p>`,
			[]goldenPassage{p("", "Same 1.")}},
		{"white space collapsed, nothing else changed", "<p>  32\n\t members&nbsp;in <b>2024</b>,\u00a0 «quoted» &amp; الحِلْف ٣٢</p>",
			[]goldenPassage{p("", "32 members in 2024, «quoted» & الحِلْف ٣٢")}},
		{"inline elements join", `<p>the 1<sup>st</sup> of 2<span>0</span>24</p>`,
			[]goldenPassage{p("", "the 1st of 2024")}},
		{"br is a space", `<p>Members: 32<br>Founded: 1949</p>`,
			[]goldenPassage{p("", "Members: 32 Founded: 1949")}},
		{"invisible and boilerplate dropped", `<body><p>Kept 1.</p>
			<p style="DISPLAY : none">s</p><p style="visibility:hidden">v</p><span aria-hidden="true">icon</span><p hidden>h</p>
			<nav>n</nav><aside>a</aside><footer>f</footer><form>fo</form><button>b</button><div role="banner">rb</div>
			<div role="navigation">rn</div><div role="contentinfo">rc</div><noscript>ns</noscript><template>t</template>
			<dialog>d</dialog><div id="cookie-bar">We use cookies</div><span class="sr-only">sr</span><svg><text>svg</text></svg>
			<select><option>o</option></select><iframe>if</iframe><script>sc</script><style>st</style></body>`,
			[]goldenPassage{p("", "Kept 1.")}},
		{"open dialog kept", `<dialog open><p>Notice 1.</p></dialog>`,
			[]goldenPassage{p("", "Notice 1.")}},
		{"page header dropped, article header kept", `<header><p>Site tagline</p></header><article><header><h1>Title</h1><p>By A. Writer</p></header><p>Body.</p></article>`,
			[]goldenPassage{p("Title", "By A. Writer"), p("Title", "Body.")}},
		{"cookie class on a page wrapper", `<body class="cookie-consent-given"><div class="cookies-accepted"><h1>T</h1><p>Body 1.</p></div></body>`,
			[]goldenPassage{p("T", "Body 1.")}},
		{"definition list", `<h2>Facts</h2><dl><dt>Founded</dt><dd>1949</dd><dd>in Washington</dd><dt>Members</dt><dd><p>32</p></dd></dl><p>After.</p>`,
			[]goldenPassage{p("Facts", "Founded"), p("Facts > Founded", "1949"), p("Facts > Founded", "in Washington"),
				p("Facts", "Members"), p("Facts > Members", "32"), p("Facts", "After.")}},
		{"blockquote", `<blockquote>Quote text.<p>Second.</p></blockquote>`,
			[]goldenPassage{p("", "Quote text."), p("", "Second.")}},
		{"head ignored", `<html><head><title>Title 1</title><meta name="x" content="y"></head><body><p>x1</p></body></html>`,
			[]goldenPassage{p("", "x1")}},
		{"text outside any element", `Loose text 7`,
			[]goldenPassage{p("", "Loose text 7")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := Passages(htmlPage(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, passageTexts(ps)); diff != "" {
				t.Errorf("passages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPassagesText(t *testing.T) {
	for _, tt := range []struct {
		name     string
		markdown bool
		body     string
		want     []goldenPassage
	}{
		{"markdown headings", true, "# A\n\nx1\n\n## B\ny1\n\n### C ###\nz1\n\n## D\nw1\n\n#NoSpace 1\n",
			[]goldenPassage{p("A", "x1"), p("A > B", "y1"), p("A > B > C", "z1"), p("A > D", "w1"), p("A > D", "#NoSpace 1")}},
		{"setext headings and rules", true, "Title\n=====\n\nText 1.\n\nPart\n---\nText 2.\n\n- - -\n\nText 3.\n",
			[]goldenPassage{p("Title", "Text 1."), p("Title > Part", "Text 2."), p("Title > Part", "Text 3.")}},
		{"paragraphs join their lines", true, "NATO was founded\nin 1949.\n\nSecond  paragraph\r\nwith CRLF.\r\n",
			[]goldenPassage{p("", "NATO was founded in 1949."), p("", "Second paragraph with CRLF.")}},
		{"list items", true, "Intro:\n- one 1\n* two 2\n  continued\n+ three 3\n1. four 4\n12) five 5\n\n1949. The year, not a marker.\n",
			[]goldenPassage{p("", "Intro:"), p("", "one 1"), p("", "two 2 continued"), p("", "three 3"), p("", "four 4"), p("", "five 5"),
				p("", "1949. The year, not a marker.")}},
		{"inline markup", true, "**32** members, *European* and _North American_; [NATO](https://nato.int) ![logo](l.png) `code 1` <https://nato.int> snake_case_name 2*3*4 \\*literal\\*\n",
			[]goldenPassage{p("", "32 members, European and North American; NATO code 1 https://nato.int snake_case_name 2*3*4 *literal*")}},
		{"table with header", true, "| Country | Joined |\n|:--|--:|\n| Finland | 2023 |\nSweden | 2024\n\nAfter 1.\n",
			[]goldenPassage{p("", "Country: Finland; Joined: 2023"), p("", "Country: Sweden; Joined: 2024"), p("", "After 1.")}},
		{"table without delimiter row", true, "| 1949 | 12 |\n| 2024 | 32 |\n",
			[]goldenPassage{p("", "1949; 12"), p("", "2024; 32")}},
		{"code fence kept verbatim", true, "```go\nx := 2 * 3 * 4\n\ny := **1**\n```\nAfter 1.\n",
			[]goldenPassage{p("", "x := 2 * 3 * 4"), p("", "y := **1**"), p("", "After 1.")}},
		{"blockquote", true, "> Quoted *text* 1\n> continues.\n",
			[]goldenPassage{p("", "Quoted text 1 continues.")}},
		{"front matter skipped", true, "---\ntitle: T\ndate: 2024-01-02\n---\nBody 1.\n",
			[]goldenPassage{p("", "Body 1.")}},
		{"unclosed front matter is text", true, "---\ntitle: T\n",
			[]goldenPassage{p("", "title: T")}},
		{"plain text has no markdown", false, "# Not a heading 1\n\n**bold** 2\n- item 3\n• bullet 4\n\n---\ntitle: x\n",
			[]goldenPassage{p("", "# Not a heading 1"), p("", "**bold** 2"), p("", "item 3"), p("", "bullet 4"), p("", "--- title: x")}},
		{"arabic", false, "حلف شمال الأطلسي\n\n- تأسس عام 1949م\n١. يضم ٣٢ دولة\n",
			[]goldenPassage{p("", "حلف شمال الأطلسي"), p("", "تأسس عام 1949م"), p("", "يضم ٣٢ دولة")}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ct := typeText
			if tt.markdown {
				ct = typeMarkdown
			}
			ps, err := Passages(&factcheck.Page{URL: "notes.md", ContentType: ct, Body: []byte(tt.body)})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, passageTexts(ps)); diff != "" {
				t.Errorf("passages (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPassageFields(t *testing.T) {
	asOf := time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)
	page := &factcheck.Page{
		URL:         "https://example.org/nato",
		ContentType: typeHTML,
		Lang:        "ar",
		AsOf:        asOf,
		Body:        []byte(`<p>NATO has 32 members.</p><p>1949</p><p>يضم الحلف 32 دولة</p>`),
	}
	ps, err := Passages(page)
	if err != nil {
		t.Fatal(err)
	}
	var got []factcheck.Passage
	for i, text := range []string{"NATO has 32 members.", "1949", "يضم الحلف 32 دولة"} {
		sum := sha256.Sum256([]byte(page.URL + "\x00" + strconv.Itoa(i) + "\x00" + text))
		got = append(got, factcheck.Passage{
			ID:      hex.EncodeToString(sum[:])[:16],
			PageURL: page.URL,
			Ordinal: i,
			Text:    text,
			// A passage without letters takes the page's language.
			Lang: []string{"en", "ar", "ar"}[i],
			AsOf: asOf,
		})
	}
	if diff := cmp.Diff(got, ps); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	again, err := Passages(page)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(ps, again); diff != "" {
		t.Errorf("passages differ between calls (-first +second):\n%s", diff)
	}
}

func TestPassagesErrors(t *testing.T) {
	for _, tt := range []struct {
		name string
		page *factcheck.Page
	}{
		{"unsupported type", &factcheck.Page{URL: "https://example.org/x.pdf", ContentType: "application/pdf", Body: []byte("%PDF-1.7")}},
		{"nesting beyond the parser's limit", htmlPage(strings.Repeat("<div>", 600) + "deep 1")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Passages(tt.page)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.page.URL) {
				t.Errorf("error %q does not name %s", err, tt.page.URL)
			}
		})
	}
}

// TestPassagesHostileShapes feeds shapes of HTML whose naive handling is
// quadratic or worse; each took from seconds to minutes before being
// bounded. The time limit is loose so that a busy machine does not fail it.
func TestPassagesHostileShapes(t *testing.T) {
	text := strings.Repeat("word 32 ", 1<<19) // 4 MiB
	for _, tt := range []struct {
		name string
		body string
		want int // passages
	}{
		{"nested definition terms", strings.Repeat("<dl><dt>", 250) + text, 1},
		{"nested cookie classes", strings.Repeat(`<div class="cookie">`, 500) + text, 1},
		{"nested microdata", strings.Repeat(`<div itemprop="articleBody">`, 500) + text, 1},
		{"spans widening every row", "<table><tr><th>a</th></tr>" + strings.Repeat(`<tr><td colspan="100" rowspan="100">x</td></tr>`, 3000) + "</table>", 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			page := htmlPage(tt.body)
			page.FetchedAt = time.Now()
			if err := describe(page); err != nil {
				t.Fatal(err)
			}
			ps, err := Passages(page)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != tt.want {
				t.Errorf("%d passages, want %d", len(ps), tt.want)
			}
			if elapsed := time.Since(start); elapsed > 5*time.Second {
				t.Errorf("took %v", elapsed)
			}
		})
	}
}

// FuzzPassages checks that any input yields passages that are non-empty,
// collapsed, valid UTF-8, unique and numbered in order, without panicking.
func FuzzPassages(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "pages", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
		f.Add(b, uint8(1))
	}
	f.Add([]byte(`<table><tr><th colspan=3 rowspan=2>a</th><td rowspan=0>b<table><tr><td>c</td></tr></table></td></tr></table>`), uint8(0))
	f.Add([]byte("<dl><dd>x<dt>y<dd>z</dl><h2>\xff\xfe</h2><p>\x00 1</p>"), uint8(0))
	f.Add([]byte("| a | b |\n|---|\n| 1 |\n```\n# h\n- [x](y) **z\n\xc3"), uint8(1))
	f.Add([]byte("---\ntitle: x\n---\n1. 2. 3.\n* * *\n"), uint8(2))
	f.Fuzz(func(t *testing.T, body []byte, kind uint8) {
		ct := []string{typeHTML, typeMarkdown, typeText}[int(kind)%3]
		page := &factcheck.Page{URL: "https://example.org/f", ContentType: ct, Body: body, FetchedAt: time.Unix(1.7e9, 0)}
		if err := describe(page); err != nil {
			return // HTML nested beyond the parser's limit
		}
		if page.AsOf.IsZero() {
			t.Fatal("no AsOf")
		}
		ps, err := Passages(page)
		if err != nil {
			t.Fatalf("describe read the page but Passages did not: %v", err)
		}
		seen := make(map[string]bool)
		for i, p := range ps {
			switch {
			case p.Text == "":
				t.Fatalf("passage %d is empty", i)
			case !utf8.ValidString(p.Text) || !utf8.ValidString(p.Context):
				t.Fatalf("passage %d is not valid UTF-8: %q under %q", i, p.Text, p.Context)
			case p.Text != collapse(p.Text):
				t.Fatalf("passage %d is not collapsed: %q", i, p.Text)
			case p.Ordinal != i:
				t.Fatalf("passage %d has ordinal %d", i, p.Ordinal)
			case seen[p.Text]:
				t.Fatalf("passage %d repeats %q", i, p.Text)
			}
			seen[p.Text] = true
		}
	})
}

func BenchmarkPassagesHTML(b *testing.B) {
	page := readPage(b, "nato_en.html")
	b.SetBytes(int64(len(page.Body)))
	for b.Loop() {
		if _, err := Passages(page); err != nil {
			b.Fatal(err)
		}
	}
}
