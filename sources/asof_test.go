package sources

import (
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
)

func TestAsOf(t *testing.T) {
	fetched := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		name         string
		contentType  string
		body         string
		lastModified string
		want         time.Time
	}{
		{"modified meta over published meta", typeHTML,
			`<meta property="article:published_time" content="2019-04-04T09:00:00Z"><meta property="article:modified_time" content="2024-03-07T10:30:00+01:00">`,
			"", time.Date(2024, 3, 7, 9, 30, 0, 0, time.UTC)},
		{"published meta", typeHTML, `<meta property="article:published_time" content="2019-04-04">`, "", day(2019, 4, 4)},
		{"og:updated_time", typeHTML, `<meta property="og:updated_time" content="2023-11-02T12:00:00">`, "", time.Date(2023, 11, 2, 12, 0, 0, 0, time.UTC)},
		{"name=date", typeHTML, `<meta name="date" content="2022-06-01">`, "", day(2022, 6, 1)},
		{"DC.date", typeHTML, `<meta name="DC.date" content="2021-02-03">`, "", day(2021, 2, 3)},
		{"last-modified meta", typeHTML, `<meta http-equiv="last-modified" content="Tue, 15 Oct 2024 08:00:00 GMT">`, "", time.Date(2024, 10, 15, 8, 0, 0, 0, time.UTC)},
		{"itemprop dateModified", typeHTML,
			`<span itemprop="datePublished">2020-01-01</span><time itemprop="dateModified" datetime="2024-08-09">9 August</time>`, "", day(2024, 8, 9)},
		{"JSON-LD graph", typeHTML,
			`<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2018-01-01"},{"@type":"Article","dateModified":"2024-02-02T00:00:00Z"}]}</script>`,
			"", day(2024, 2, 2)},
		{"malformed JSON-LD ignored", typeHTML, `<script type="application/ld+json">{"dateModified": "2024-02-02",}</script>`, "", fetched},
		{"updated line over published meta", typeHTML,
			`<meta property="article:published_time" content="2019-04-04"><p>Last updated: 2024-05-06</p>`, "", day(2024, 5, 6)},
		{"modified meta over updated line", typeHTML,
			`<meta property="article:modified_time" content="2024-01-01"><p>Updated 2024-06-01</p>`, "", day(2024, 1, 1)},
		{"published meta over published line", typeHTML,
			`<meta name="date" content="2020-01-01"><p>Published 2021-01-01</p>`, "", day(2020, 1, 1)},
		{"arabic updated line", typeHTML, `<p class="meta">آخر تحديث: 2024-10-02</p>`, "", day(2024, 10, 2)},
		{"arabic published line with harakat", typeHTML, `<p>نُشر في 2024-03-08</p>`, "", day(2024, 3, 8)},
		{"arabic published line", typeHTML, `<span>تاريخ النشر 2023-12-31</span>`, "", day(2023, 12, 31)},
		{"dateline with a time element", typeHTML, `<p>Updated <time datetime="2024-02-03T10:00:00Z">3 February</time></p>`, "", day(2024, 2, 3)},
		{"the date after its word", typeHTML, `<p>Published 2019-01-02, updated 2024-03-04</p>`, "", day(2024, 3, 4)},
		{"as of", typeHTML, `<p>As of 2024-07-01, NATO has 32 members.</p>`, "", day(2024, 7, 1)},
		{"dateline in the footer", typeHTML, `<p>Text.</p><footer>Last updated: 2024-03-07</footer>`, "", day(2024, 3, 7)},
		{"dateline word inside another word", typeHTML, `<p>Unpublished draft 2020-01-01</p>`, "", fetched},
		{"long running text is not a dateline", typeHTML,
			`<p>The membership list was updated on 2019-01-01 after a long debate among the allies about the criteria for enlargement in the Balkans and beyond.</p>`,
			"", fetched},
		{"dateline in a script ignored", typeHTML, `<script>var s = "Updated 2020-01-01";</script><p>Text.</p>`, "", fetched},
		{"time element in a byline", typeHTML, `<div class="byline"><time datetime="2023-05-06">6 May</time></div>`, "", day(2023, 5, 6)},
		{"time element in running text ignored", typeHTML, `<p>The treaty was signed on <time datetime="1949-04-04">4 April 1949</time>.</p>`, "", fetched},
		{"future date ignored", typeHTML,
			`<meta property="article:modified_time" content="2030-01-01"><meta property="article:published_time" content="2024-01-01">`, "", day(2024, 1, 1)},
		{"placeholder date ignored", typeHTML, `<meta property="article:modified_time" content="0001-01-01T00:00:00Z">`, "", fetched},
		{"Last-Modified header", typeHTML, `<p>Text.</p>`, "Wed, 21 Feb 2024 07:28:00 GMT", time.Date(2024, 2, 21, 7, 28, 0, 0, time.UTC)},
		{"page date over Last-Modified", typeHTML, `<p>Updated 2023-01-01</p>`, "Wed, 21 Feb 2024 07:28:00 GMT", day(2023, 1, 1)},
		{"bad Last-Modified", typeHTML, `<p>Text.</p>`, "yesterday", fetched},
		{"fetch date", typeHTML, `<p>Text.</p>`, "", fetched},
		{"front matter", typeMarkdown, "---\ndate: 2023-01-15\nupdated: '2024-04-04'\n---\n# T\n", "", day(2024, 4, 4)},
		{"markdown dateline", typeMarkdown, "# T\n\n*Last updated: 2024-05-01*\n", "", day(2024, 5, 1)},
		{"text dateline", typeText, "NATO\n\nPublished: 2022-09-09\n", "", day(2022, 9, 9)},
		{"text front matter is not metadata", typeText, "---\ndate: 2024-04-04\n---\n", "", fetched},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &factcheck.Page{URL: "https://example.org/", ContentType: tt.contentType, Body: []byte(tt.body), LastModified: tt.lastModified, FetchedAt: fetched}
			if err := describe(p); err != nil {
				t.Fatal(err)
			}
			if !p.AsOf.Equal(tt.want) {
				t.Errorf("AsOf = %v, want %v", p.AsOf, tt.want)
			}
		})
	}
}

func TestTitleAndLang(t *testing.T) {
	for _, tt := range []struct {
		name, contentType, body string
		title, lang             string
	}{
		{"html title", typeHTML, `<html lang="en"><title> NATO  members </title><h1>Other</h1>`, "NATO members", "en"},
		{"og:title", typeHTML, `<meta property="og:title" content="From OG"><h1>Other</h1>`, "From OG", "en"},
		{"first h1", typeHTML, `<h1>Heading <em>one</em></h1><p>Text</p>`, "Heading one", "en"},
		{"declared region dropped", typeHTML, `<html lang="ar-EG"><p>حلف شمال الأطلسي</p>`, "", "ar"},
		{"text overrides a template's language", typeHTML, `<html lang="en"><p>حلف شمال الأطلسي يضم 32 دولة</p><p>Home</p>`, "", "ar"},
		{"declared Latin language kept", typeHTML, `<html lang="fr"><p>L'OTAN compte 32 membres.</p>`, "", "fr"},
		{"content-language meta", typeHTML, `<meta http-equiv="Content-Language" content="de"><p>Die NATO hat 32 Mitglieder.</p>`, "", "de"},
		{"undeclared arabic", typeHTML, `<p>تأسس الحلف عام 1949</p>`, "", "ar"},
		{"markdown heading", typeMarkdown, "Intro line\n\n# The **Title**\n", "The Title", "en"},
		{"front matter title", typeMarkdown, "---\ntitle: \"Notes\"\n---\n# Heading\n", "Notes", "en"},
		{"text first line", typeText, "\n\n  NATO in   numbers\nmore\n", "NATO in numbers", "en"},
		{"long first line cut", typeText, strings.Repeat("word ", 100), strings.Repeat("word ", 39) + "word…", "en"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := &factcheck.Page{URL: "https://example.org/", ContentType: tt.contentType, Body: []byte(tt.body)}
			if err := describe(p); err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title {
				t.Errorf("Title = %q, want %q", p.Title, tt.title)
			}
			if p.Lang != tt.lang {
				t.Errorf("Lang = %q, want %q", p.Lang, tt.lang)
			}
		})
	}
}
