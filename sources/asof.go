package sources

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"

	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/textnorm"
)

// pageDates holds the dates a page states about itself. A page's AsOf is
// the first of these that is set, in field order, then its Last-Modified
// header (a file's modification time), then the time it was fetched:
//
//  1. modified metadata: <meta> article:modified_time, og:updated_time,
//     dateModified (itemprop or JSON-LD), DC.date.modified,
//     dcterms.modified, last-modified;
//  2. a visible "updated" line: آخر تحديث، تاريخ التحديث، آخر تعديل, "Last
//     updated", "Updated", "Last modified", "As of";
//  3. published metadata: article:published_time, datePublished
//     (itemprop or JSON-LD), name=date, DC.date, DC.date.issued,
//     dcterms.date/issued/created, pubdate, <time pubdate>;
//  4. a visible "published" line: نُشر في، نشر في، نشر بتاريخ، تاريخ النشر,
//     "Published", "Posted on";
//  5. the first <time datetime> that is not inside running text (a
//     paragraph, list item, table or quotation, where it dates an event
//     rather than the page);
//
// so a page updated after it was published is taken as of its update,
// whichever way each date is given. In Markdown, front matter keys
// (updated, lastmod, modified; date, published) count as metadata.
type pageDates struct {
	metaModified  time.Time
	lineModified  time.Time
	metaPublished time.Time
	linePublished time.Time
	timeElement   time.Time
	// now bounds plausible dates: a page is not stated as of the future.
	now time.Time
}

// set stores t in *field unless the field is already set (the first date
// found of each kind wins) or t is implausible.
func (d *pageDates) set(field *time.Time, t time.Time) {
	if field.IsZero() && d.plausible(t) {
		*field = t.UTC()
	}
}

// plausible reports whether t can be the date of a page fetched at d.now:
// not a zero or placeholder date, and not in the future.
func (d *pageDates) plausible(t time.Time) bool {
	return !t.IsZero() && t.Year() >= 1900 && (d.now.IsZero() || !t.After(d.now.Add(48*time.Hour)))
}

// asOf returns the page's as-of date by the precedence of pageDates.
func (d *pageDates) asOf(lastModified string, fetchedAt time.Time) time.Time {
	for _, t := range []time.Time{d.metaModified, d.lineModified, d.metaPublished, d.linePublished, d.timeElement} {
		if !t.IsZero() {
			return t
		}
	}
	if t, err := http.ParseTime(lastModified); err == nil && d.plausible(t) {
		return t.UTC()
	}
	return fetchedAt
}

// metaDateKind says whether a <meta> name or property, or an itemprop,
// (lower-cased) gives a page's modification date, its publication date,
// or neither.
func metaDateKind(key string) (modified, published bool) {
	switch key {
	case "article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
		"dcterms.modified", "last-modified", "lastmod":
		return true, false
	case "article:published_time", "og:published_time", "datepublished", "datecreated", "date",
		"dc.date", "dc.date.issued", "dc.date.created", "dcterms.date", "dcterms.issued",
		"dcterms.created", "pubdate", "publishdate", "publish-date", "publish_date":
		return false, true
	}
	return false, false
}

// htmlMetaDates collects the dates in doc's metadata: <meta> tags,
// itemprop attributes and JSON-LD. It must run before scripts are removed.
func (d *pageDates) htmlMetaDates(doc *goquery.Document) {
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		for _, a := range []string{"property", "name", "itemprop", "http-equiv"} {
			key, ok := s.Attr(a)
			if !ok || strings.TrimSpace(key) == "" {
				continue
			}
			d.setMeta(strings.ToLower(strings.TrimSpace(key)), s.AttrOr("content", ""))
			return
		}
	})
	doc.Find("[itemprop]").Not("meta").Each(func(_ int, s *goquery.Selection) {
		for _, key := range strings.Fields(strings.ToLower(s.AttrOr("itemprop", ""))) {
			if modified, published := metaDateKind(key); !modified && !published {
				continue // most itemprops (articleBody…) are not dates: do not read their text
			}
			v, ok := s.Attr("datetime")
			if !ok {
				v, ok = s.Attr("content")
			}
			if !ok {
				v = s.Text()
			}
			d.setMeta(key, v)
		}
	})
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if json.Unmarshal([]byte(s.Text()), &v) == nil {
			d.jsonLD(v)
		}
	})
	doc.Find("time[pubdate][datetime]").Each(func(_ int, s *goquery.Selection) {
		if t, ok := parseDate(s.AttrOr("datetime", "")); ok {
			d.set(&d.metaPublished, t)
		}
	})
}

// setMeta records the date v when key names one.
func (d *pageDates) setMeta(key, v string) {
	modified, published := metaDateKind(key)
	if !modified && !published {
		return
	}
	t, ok := parseDate(v)
	switch {
	case !ok:
	case modified:
		d.set(&d.metaModified, t)
	default:
		d.set(&d.metaPublished, t)
	}
}

// jsonLD collects dateModified and datePublished from a JSON-LD value,
// outer objects first and keys in sorted order, so the result does not
// depend on map iteration.
func (d *pageDates) jsonLD(v any) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			d.jsonLD(e)
		}
	case map[string]any:
		if s, ok := v["dateModified"].(string); ok {
			d.setMeta("datemodified", s)
		}
		if s, ok := v["datePublished"].(string); ok {
			d.setMeta("datepublished", s)
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			d.jsonLD(v[k])
		}
	}
}

// htmlTimeElements records the first <time datetime> outside running text.
// Scripts and hidden elements must already be removed.
func (d *pageDates) htmlTimeElements(doc *goquery.Document) {
	doc.Find("time[datetime]").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		if s.ParentsFiltered("p, li, td, th, dd, dt, blockquote, q, caption, figcaption, table").Length() > 0 {
			return true
		}
		if t, ok := parseDate(s.AttrOr("datetime", "")); ok {
			d.set(&d.timeElement, t)
			return false
		}
		return true
	})
}

// maxDatelineRunes is the longest line taken as a dateline; a longer one
// is running text, where "updated" or "published" may date anything.
const maxDatelineRunes = 120

// datelineWord is a word that introduces a page's date on a visible line.
type datelineWord struct {
	folded   string // as folded by textnorm.Fold
	modified bool   // an update, not a first publication
}

// datelineWords returns the words that introduce a dateline, folded.
func datelineWords() []datelineWord {
	words := []datelineWord{
		{"آخر تحديث", true}, {"تاريخ التحديث", true}, {"آخر تعديل", true},
		{"last updated", true}, {"last modified", true}, {"updated", true}, {"as of", true},
		{"نُشر في", false}, {"نشر بتاريخ", false}, {"تاريخ النشر", false},
		{"published", false}, {"posted on", false},
	}
	for i := range words {
		words[i].folded = textnorm.Fold(words[i].folded)
	}
	return words
}

// scanLines records the dates on datelines among lines.
func (d *pageDates) scanLines(lines []string) {
	words := datelineWords()
	for _, line := range lines {
		if utf8.RuneCountInString(line) > maxDatelineRunes {
			continue
		}
		folded, offsets := foldOffsets(line)
		for _, w := range words {
			i := wordIndex(folded, w.folded)
			if i < 0 {
				continue
			}
			// The date follows its word: "Published 2019-01-02, updated 2024-03-04".
			t, ok := claims.FirstDate(line[offsets[i]:])
			if !ok {
				t, ok = claims.FirstDate(line)
			}
			switch {
			case !ok:
			case w.modified:
				d.set(&d.lineModified, t)
			default:
				d.set(&d.linePublished, t)
			}
		}
	}
}

// foldOffsets folds s like textnorm.Fold and also returns, for each byte
// of the folded string, the offset in s of the rune it came from.
func foldOffsets(s string) (string, []int) {
	var b strings.Builder
	offsets := make([]int, 0, len(s))
	for i, r := range s {
		f, ok := textnorm.FoldRune(r)
		if !ok {
			continue
		}
		n := b.Len()
		b.WriteRune(f)
		for range b.Len() - n {
			offsets = append(offsets, i)
		}
	}
	return b.String(), offsets
}

// wordIndex returns the index of the first occurrence of word in s that
// is not part of a longer word, or -1.
func wordIndex(s, word string) int {
	for from := 0; from < len(s); {
		i := strings.Index(s[from:], word)
		if i < 0 {
			return -1
		}
		i += from
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// parseDate parses a date from metadata: RFC 3339 and its common
// variants, HTTP dates, and otherwise the first date claims.FirstDate
// finds.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05",
		"2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05", "2006-01-02", time.RFC1123, time.RFC1123Z, time.RFC850, time.ANSIC,
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return claims.FirstDate(s)
}
