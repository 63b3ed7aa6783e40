package bench

import (
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
	"time"
)

// The reference pages carry what real sites do around their text (a
// cookie notice, menus, a script, a footer with numbers of its own), so
// that passage extraction works as hard as it does in production.

func pageHead(b *strings.Builder, lang, title string, published time.Time) {
	dir := "ltr"
	if lang == "ar" {
		dir = "rtl"
	}
	fmt.Fprintf(b, `<!DOCTYPE html>
<html lang="%s" dir="%s">
<head>
<meta charset="utf-8">
<title>%s | City Almanac</title>
<meta property="article:published_time" content="%s">
<style>body { font-family: Georgia, serif; max-width: 48em; margin: 0 auto; } table { border-collapse: collapse; }</style>
<script>window.dataLayer = window.dataLayer || []; var consentDays = 180, launched = 2016;</script>
</head>
<body>
<div class="cookie" role="dialog"><p>We use cookies to count visits for 180 days.</p><button>Accept</button></div>
<header><a href="/">City Almanac</a><nav><ul><li><a href="/ports/">Ports</a></li><li><a href="/universities/">Universities</a></li><li><a href="/data/">Data 2000–2024</a></li></ul></nav></header>
<main><article>
`, lang, dir, html.EscapeString(title), published.Format(time.RFC3339))
}

func pageFoot(b *strings.Builder) {
	b.WriteString(`</article></main>
<footer><p>© 2010–2024 City Almanac. 12 editors, 3 offices.</p><p><a href="/about">About</a> · <a href="/privacy">Privacy</a></p></footer>
</body>
</html>
`)
}

// englishPage states all of t's facts, right, in English, with its yearly
// series as a table.
func englishPage(i int, t topic) File {
	r := rand.New(rand.NewPCG(uint64(i), 1))
	var b strings.Builder
	pageHead(&b, "en", t.name.en, t.published)
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"meta\">By the Almanac desk · Updated %s</p>\n", html.EscapeString(t.name.en), t.published.Format("2 January 2006"))
	b.WriteString("<h2>History</h2>\n")
	for k, f := range t.facts {
		if k == 2 {
			b.WriteString("<h2>Operations and funding</h2>\n")
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(f.en(f.value(r, false, false))))
	}
	fmt.Fprintf(&b, "<h2>%s per year</h2>\n<table>\n<tr><th>Year</th><th>%s</th></tr>\n", strings.ToUpper(t.k.countedPl.en[:1])+t.k.countedPl.en[1:], t.k.countedPl.en)
	for _, row := range t.table {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>\n", row[0], row[1])
	}
	b.WriteString("</table>\n")
	pageFoot(&b)
	return File{Name: fmt.Sprintf("t%04d_en.html", i), Body: []byte(b.String())}
}

// arabicPage states the same facts in Arabic.
func arabicPage(i int, t topic) File {
	r := rand.New(rand.NewPCG(uint64(i), 2))
	var b strings.Builder
	pageHead(&b, "ar", t.name.ar, t.published)
	fmt.Fprintf(&b, "<h1>%s</h1>\n<p class=\"meta\">تحديث %s</p>\n<h2>نبذة تاريخية</h2>\n", html.EscapeString(t.name.ar), t.published.Format(time.DateOnly))
	for k, f := range t.facts {
		if k == 2 {
			b.WriteString("<h2>التشغيل والتمويل</h2>\n")
		}
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(strings.TrimPrefix(f.ar(f.value(r, true, false)), "و")))
	}
	fmt.Fprintf(&b, "<h2>عدد %s سنويا</h2>\n<table>\n<tr><th>العام</th><th>عدد %s</th></tr>\n", t.k.countedPl.ar, t.k.countedPl.ar)
	for _, row := range t.table {
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>\n", row[0], row[2])
	}
	b.WriteString("</table>\n")
	pageFoot(&b)
	return File{Name: fmt.Sprintf("t%04d_ar.html", i), Body: []byte(b.String())}
}

// factSheet lists the facts as a Markdown fact sheet, as an agency's
// press kit would.
func factSheet(i int, t topic) File {
	r := rand.New(rand.NewPCG(uint64(i), 3))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s: fact sheet\n\nPublished %s.\n\n## Key facts\n\n", t.name.en, t.published.Format("2 January 2006"))
	for _, f := range t.facts {
		fmt.Fprintf(&b, "- %s\n", f.en(f.value(r, false, false)))
	}
	return File{Name: fmt.Sprintf("t%04d_facts.md", i), Body: []byte(b.String())}
}
