package sources

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// parseHTML parses an HTML page body.
func parseHTML(body []byte) (*goquery.Document, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// invisibleSelector matches elements whose text is never shown: code,
// embedded media, templates and elements marked hidden.
const invisibleSelector = "script, style, noscript, template, svg, iframe, object, embed, canvas, video, audio, [hidden]"

// boilerplateSelector matches visible elements that are not a page's
// content: navigation, banners, side bars, forms and dialogs (cookie
// notices are usually one), and text meant only for screen readers.
const boilerplateSelector = "nav, aside, footer, form, button, select, textarea, dialog:not([open]), " +
	"[role=navigation], [role=banner], [role=contentinfo], [role=search], [role=menu], [role=menubar], " +
	"[role=complementary], [role=dialog], [role=alertdialog], [aria-hidden=true], " +
	".sr-only, .visually-hidden, .screen-reader-text"

// consentSelector matches cookie and consent notices that are not marked
// up as dialogs. Class names are only a hint, so prune checks the size and
// shape of what matches before removing it.
const consentSelector = "[id*=cookie], [class*=cookie], [id*=consent], [class*=consent], [id*=gdpr], [class*=gdpr]"

// prune removes everything from doc that is not the page's visible
// content. A <header> is dropped only at page level: inside <article> or
// <main> it holds the article's title and dateline, which are content.
func prune(doc *goquery.Document) {
	doc.Find(invisibleSelector).Remove()
	doc.Find(boilerplateSelector).Remove()
	doc.Find("header").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.ParentsFiltered("article, main").Length() == 0
	}).Remove()
	doc.Find("[style]").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return hiddenByStyle(s.AttrOr("style", ""))
	}).Remove()
	doc.Find(consentSelector).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return looksLikeNotice(s.Nodes[0])
	}).Remove()
}

// maxNoticeRunes is the most text a cookie or consent notice has.
const maxNoticeRunes = 600

// looksLikeNotice reports whether n, whose class or id mentions cookies or
// consent, is small and flat enough to be a notice. A page wrapper whose
// class merely mentions them ("has-cookie-bar") holds the whole page, with
// headings and far more text. It reads no further than it must.
func looksLikeNotice(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article:
		return false
	}
	runes := 0
	var flat func(*html.Node) bool
	flat = func(n *html.Node) bool {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				for range c.Data {
					if runes++; runes > maxNoticeRunes {
						return false
					}
				}
			case html.ElementNode:
				switch {
				case headingLevel(c) > 0, c.DataAtom == atom.Article, c.DataAtom == atom.Main, c.DataAtom == atom.Table:
					return false
				case !flat(c):
					return false
				}
			}
		}
		return true
	}
	return flat(n)
}

// hiddenByStyle reports whether an inline style hides its element.
func hiddenByStyle(style string) bool {
	s := strings.ToLower(strings.Join(strings.Fields(style), ""))
	return strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden")
}

// isBlock reports whether n starts a new line of text when rendered.
func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption,
		atom.Center, atom.Dd, atom.Details, atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt,
		atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr,
		atom.Html, atom.Legend, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th,
		atom.Thead, atom.Tr, atom.Ul:
		return true
	}
	return false
}

// headingLevel returns 1 to 6 for h1 to h6, and 0 for any other node.
func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// visibleText returns the text under n with whitespace collapsed and
// block boundaries and <br> kept as spaces, so that "<p>a</p><p>b</p>"
// reads "a b" and "<b>3</b>2" reads "32".
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.DataAtom == atom.Br || isBlock(n) {
				b.WriteByte(' ')
				defer b.WriteByte(' ')
			}
		case html.DocumentNode:
		default:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

// textLines renders the text under n as lines, one per block, for finding
// datelines. A <time> renders as its datetime attribute, so that "Updated
// <time datetime="2024-07-01">1 July</time>" carries a full date.
func textLines(n *html.Node) []string {
	var lines []string
	var b strings.Builder
	flush := func() {
		if s := collapse(b.String()); s != "" {
			lines = append(lines, s)
		}
		b.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if dt, ok := attr(n, "datetime"); ok && n.DataAtom == atom.Time && strings.TrimSpace(dt) != "" {
				b.WriteString(" " + dt + " ")
				return
			}
			if n.DataAtom == atom.Br || isBlock(n) {
				flush()
				defer flush()
			}
		case html.DocumentNode:
		default:
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return lines
}

// attr returns n's attribute key.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// collapse replaces each run of white space in s with one space and trims
// both ends; it is the only change made to the text of a passage.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
