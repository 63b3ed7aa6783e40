package bench

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck/aliases"
	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/textnorm"
)

func TestGenerateDeterministic(t *testing.T) {
	a, b := Generate(30, 7), Generate(30, 7)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("Generate(30, 7) differs between calls (-first +second):\n%s", diff)
	}
	if c := Generate(30, 8); bytes.Equal(c.Articles[0].Body, a.Articles[0].Body) {
		t.Errorf("another seed gave the same first article")
	}
}

// TestGenerateRealistic checks what the bench relies on: both languages,
// 10 to 20 claims an article, some deliberately wrong values, pages for
// every topic, a loadable alias table, and articles that stay apart.
func TestGenerateRealistic(t *testing.T) {
	c := Generate(200, 1)
	if got, want := len(c.Articles), 200; got != want {
		t.Fatalf("%d articles, want %d", got, want)
	}
	if got, want := len(c.Pages), 3*TopicCount(200); got != want {
		t.Errorf("%d pages, want %d", got, want)
	}
	langs := map[string]int{}
	total := 0
	seen := map[string]bool{}
	for _, a := range c.Articles {
		text := string(a.Body)
		if seen[text] {
			t.Errorf("%s repeats another article", a.Name)
		}
		seen[text] = true
		langs[textnorm.Lang(text)]++
		n := len(claims.Extract(text, claims.Options{}))
		total += n
		if n < 8 || n > 24 {
			t.Errorf("%s has %d claims, want about 10-20:\n%s", a.Name, n, text)
		}
	}
	if langs["ar"] < 80 || langs["en"] < 80 {
		t.Errorf("languages %v, want about half each", langs)
	}
	if avg := float64(total) / float64(len(c.Articles)); avg < 10 || avg > 20 {
		t.Errorf("%.1f claims an article on average, want 10-20", avg)
	}
	if c.Wrong == 0 || c.Wrong > total/5 {
		t.Errorf("%d wrong facts in %d claims", c.Wrong, total)
	}
	if _, err := aliases.Load(strings.NewReader(c.Aliases), "generated"); err != nil {
		t.Errorf("alias table: %v", err)
	}
	for _, p := range c.Pages {
		if strings.HasSuffix(p.Name, ".html") {
			if err := xmlWellFormed(p.Body); err != nil {
				t.Errorf("%s: %v", p.Name, err)
			}
		}
	}
}

// xmlWellFormed checks a generated page's tags balance (the pages are
// written as XHTML-compatible HTML, apart from the doctype).
func xmlWellFormed(body []byte) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

func TestSiteRevalidates(t *testing.T) {
	c := Generate(10, 1)
	site := NewSite(c.Pages[:2], 10*time.Millisecond)
	srv := httptest.NewServer(site)
	defer srv.Close()
	start := time.Now()
	resp, err := http.Get(srv.URL + "/" + c.Pages[0].Name)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if time.Since(start) < 10*time.Millisecond {
		t.Errorf("answered before its latency")
	}
	if !bytes.Equal(body, c.Pages[0].Body) || resp.Header.Get("Content-Type") != c.Pages[0].ContentType() {
		t.Fatalf("served %q as %s", body[:min(40, len(body))], resp.Header.Get("Content-Type"))
	}
	req, _ := http.NewRequest("GET", srv.URL+"/"+c.Pages[0].Name, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %s, want 304", resp.Status)
	}
	resp, _ = http.Get(srv.URL + "/missing.html")
	resp.Body.Close()
	if got, want := site.Counts(), (SiteCounts{Requests: 3, Fetches: 1, NotModified: 1}); got != want {
		t.Errorf("counts %+v, want %+v", got, want)
	}
}

func TestLLMAnswers(t *testing.T) {
	l := &LLM{}
	srv := httptest.NewServer(l)
	defer srv.Close()
	for _, tt := range []struct {
		name, user, want string
	}{
		{"value in E1", "The claim (kind year, stated value 1962):\n<passage id=\"E1\" source=\"x\">founded in 1962</passage>", `\"verdict\":\"supported\"`},
		{"value elsewhere", "The claim (kind year, stated value 1962):\n<passage id=\"E1\" source=\"x\">founded in 1963</passage>", `\"verdict\":\"unverified\"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := `{"model":"m","messages":[{"role":"system","content":"s"},{"role":"user","content":` + jsonString(tt.user) + `}]}`
			resp, err := http.Post(srv.URL+"/v1/chat/completions", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			out, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("answer %s, want %s", out, tt.want)
			}
		})
	}
	resp, _ := http.Post(srv.URL+"/v1/other", "application/json", strings.NewReader("{}"))
	resp.Body.Close()
	if l.Requests() != 3 || l.Bad() != 1 {
		t.Errorf("requests %d, bad %d; want 3, 1", l.Requests(), l.Bad())
	}
}

func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\\':
			b.WriteString(`\\`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestPlotSVG(t *testing.T) {
	var b bytes.Buffer
	err := PlotSVG(&b, "t <1>", "articles", "seconds", []Series{
		{Name: "wall", Color: "red", Pts: []Point{{10, 3.5}, {100, 30}, {1000, 290}}},
		{Name: "bound", Color: "black", Dash: true, Pts: []Point{{10, 3}, {100, 27}, {1000, 0}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := xmlWellFormed(b.Bytes()); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, b.String())
	}
	for _, want := range []string{"<svg", "t &lt;1&gt;", "polyline", "1000", "wall", "bound"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("plot lacks %q", want)
		}
	}
}

// BenchmarkExtractCorpus measures claim extraction over generated
// articles, in bytes per second (go test -bench ExtractCorpus ./bench).
func BenchmarkExtractCorpus(b *testing.B) {
	c := Generate(200, 1)
	b.SetBytes(int64(c.Bytes()))
	for b.Loop() {
		for _, a := range c.Articles {
			claims.Extract(string(a.Body), claims.Options{})
		}
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		Generate(100, 1)
	}
}
