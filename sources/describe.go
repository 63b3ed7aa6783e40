package sources

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// maxTitleRunes bounds a title taken from a text page's first line.
const maxTitleRunes = 200

// describe fills p's Title, Lang and AsOf from its Body, ContentType,
// LastModified and FetchedAt.
func describe(p *factcheck.Page) error {
	d := pageDates{now: p.FetchedAt}
	if isHTML(p.ContentType) {
		doc, err := parseHTML(p.Body)
		if err != nil {
			return err
		}
		p.Title = htmlTitle(doc)
		declared := doc.Find("html").AttrOr("lang", "")
		if declared == "" {
			doc.Find("meta[http-equiv]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
				if strings.EqualFold(s.AttrOr("http-equiv", ""), "content-language") {
					declared = s.AttrOr("content", "")
					return false
				}
				return true
			})
		}
		d.htmlMetaDates(doc)
		doc.Find(invisibleSelector).Remove()
		d.htmlTimeElements(doc)
		root := doc.Find("body")
		if root.Length() == 0 {
			root = doc.Selection
		}
		lines := textLines(root.Nodes[0])
		d.scanLines(lines)
		p.Lang = resolveLang(declared, textnorm.Lang(strings.Join(lines, "\n")))
	} else {
		fm, body := frontMatter(string(p.Body), p.ContentType == typeMarkdown)
		lines := strings.Split(body, "\n")
		p.Title = fm["title"]
		if p.Title == "" {
			p.Title = textTitle(lines, p.ContentType == typeMarkdown)
		}
		for _, key := range slices.Sorted(maps.Keys(fm)) {
			d.setMeta(frontMatterKey(key), fm[key])
		}
		d.scanLines(lines)
		p.Lang = textnorm.Lang(body)
	}
	p.AsOf = d.asOf(p.LastModified, p.FetchedAt)
	return nil
}

// htmlTitle returns the page's <title>, else its og:title, else its first
// <h1>.
func htmlTitle(doc *goquery.Document) string {
	if t := collapse(doc.Find("title").First().Text()); t != "" {
		return t
	}
	if t := collapse(doc.Find(`meta[property="og:title"]`).AttrOr("content", "")); t != "" {
		return t
	}
	if h1 := doc.Find("h1").First(); h1.Length() > 0 {
		return visibleText(h1.Nodes[0])
	}
	return ""
}

// resolveLang settles a page's language from the one its markup declares
// and the one its text shows ("ar", "en" or ""). Templates often declare
// the site's language whatever the page's, so the text wins when the two
// disagree on the script; otherwise the declared language is the more
// precise (textnorm.Lang calls any Latin-script text "en").
func resolveLang(declared, detected string) string {
	primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(declared)), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch {
	case primary == "":
		return detected
	case detected == "":
		return primary
	case (detected == "ar") != arabicScript(primary):
		return detected
	}
	return primary
}

// arabicScript reports whether the language with ISO 639-1 code lang is
// usually written in Arabic script.
func arabicScript(lang string) bool {
	switch lang {
	case "ar", "fa", "ur", "ps", "ku", "ckb", "sd", "ug":
		return true
	}
	return false
}

// textTitle returns the title of a text page: its first Markdown heading
// (in Markdown), else its first non-blank line, cut to maxTitleRunes.
func textTitle(lines []string, markdown bool) string {
	if markdown {
		for _, line := range lines {
			if _, text, ok := atxHeading(line); ok && text != "" {
				return stripInline(text)
			}
		}
	}
	for _, line := range lines {
		if t := collapse(line); t != "" {
			if markdown {
				t = stripInline(t)
			}
			return truncateRunes(t, maxTitleRunes)
		}
	}
	return ""
}

// truncateRunes cuts s to at most n runes, marking a cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n-1 {
			return strings.TrimSpace(s[:j]) + "…"
		}
		i++
	}
	return s
}

// frontMatterKey maps a Markdown front matter key to the metadata key
// metaDateKind knows, or to itself.
func frontMatterKey(key string) string {
	switch key {
	case "updated", "modified", "last_modified", "lastmod", "date_modified", "updated_at":
		return "datemodified"
	case "date", "published", "date_published", "publishdate", "pubdate", "created":
		return "datepublished"
	}
	return key
}

// frontMatter splits YAML front matter ("---" lines around "key: value"
// lines) from the start of a Markdown body. It returns the lower-cased keys
// with their unquoted values and the body after it; anything that is not
// Markdown or has no front matter is returned whole.
func frontMatter(body string, markdown bool) (map[string]string, string) {
	if !markdown {
		return nil, body
	}
	rest, ok := strings.CutPrefix(body, "---\n")
	if !ok {
		if rest, ok = strings.CutPrefix(body, "---\r\n"); !ok {
			return nil, body
		}
	}
	fm := make(map[string]string)
	for len(rest) > 0 {
		line, next, _ := strings.Cut(rest, "\n")
		rest = next
		line = strings.TrimRight(line, "\r")
		if line == "---" || line == "..." {
			return fm, rest
		}
		key, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue // a nested or continued value: not one we read
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		fm[strings.ToLower(strings.TrimSpace(key))] = v
	}
	return nil, body // never closed: not front matter
}

// pageKind names a page's content type for error messages.
func pageKind(p *factcheck.Page) string {
	if p.ContentType == "" {
		return "no content type"
	}
	return fmt.Sprintf("content type %s", p.ContentType)
}
