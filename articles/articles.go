// Package articles reads articles (plain text, Markdown or HTML) into
// documents, refusing input that is empty, binary, too large or not valid
// UTF-8 with an error that names it.
package articles

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/textnorm"
)

// DefaultMaxBytes bounds the size of one article.
const DefaultMaxBytes = 16 << 20

// Errors callers may test with errors.Is.
var (
	ErrEmpty    = errors.New("empty file")
	ErrBinary   = errors.New("binary file, not text")
	ErrTooLarge = errors.New("file too large")
	ErrEncoding = errors.New("not valid UTF-8")
)

// Reader reads articles.
type Reader struct {
	// MaxBytes bounds an article's size; DefaultMaxBytes when zero.
	MaxBytes int64
	// Date is the articles' date when given on the command line; otherwise
	// a date in each article's header lines is used.
	Date time.Time
}

// ReadFile reads the article at path.
func (r Reader) ReadFile(path string) (factcheck.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return factcheck.Document{}, fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return factcheck.Document{}, fmt.Errorf("read %s: is a directory", path)
	}
	max := r.maxBytes()
	body, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return factcheck.Document{}, fmt.Errorf("read %s: %w", path, err)
	}
	return r.Parse(path, body, contentTypeOf(path, body))
}

func (r Reader) maxBytes() int64 {
	if r.MaxBytes > 0 {
		return r.MaxBytes
	}
	return DefaultMaxBytes
}

// contentTypeOf guesses "html" or "text" from the file name and content.
func contentTypeOf(path string, body []byte) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".html", ".htm", ".xhtml":
		return "text/html"
	case ".txt", ".md", ".markdown", ".text":
		return "text/plain"
	}
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 512)]))
	if bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) {
		return "text/html"
	}
	return "text/plain"
}

// Parse makes a document of an article's bytes; source names it in errors
// and in the document. contentType is a MIME type: text/html is parsed as
// HTML, anything else as text.
func (r Reader) Parse(source string, body []byte, contentType string) (factcheck.Document, error) {
	if int64(len(body)) > r.maxBytes() {
		return factcheck.Document{}, fmt.Errorf("read %s: %w (over %d bytes)", source, ErrTooLarge, r.maxBytes())
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return factcheck.Document{}, fmt.Errorf("read %s: %w", source, ErrEmpty)
	}
	if isBinary(body) {
		return factcheck.Document{}, fmt.Errorf("read %s: %w", source, ErrBinary)
	}
	if !utf8.Valid(body) {
		off := firstInvalid(body)
		return factcheck.Document{}, fmt.Errorf("read %s: %w (first bad byte at offset %d)", source, ErrEncoding, off)
	}
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	var text, title string
	if strings.Contains(contentType, "html") {
		var err error
		text, title, err = htmlText(body)
		if err != nil {
			return factcheck.Document{}, fmt.Errorf("read %s: %w", source, err)
		}
		if strings.TrimSpace(text) == "" {
			return factcheck.Document{}, fmt.Errorf("read %s: %w (no visible text)", source, ErrEmpty)
		}
	} else {
		text = string(body)
		title = firstLine(text)
	}
	doc := factcheck.Document{
		ID:     factcheck.DocumentID(text),
		Source: source,
		Title:  title,
		Lang:   textnorm.Lang(text),
		Text:   text,
		Date:   r.Date,
	}
	if doc.Date.IsZero() {
		doc.Date, _ = claims.HeaderDate(text)
	}
	return doc, nil
}

// isBinary reports NUL bytes or a high share of control characters.
func isBinary(b []byte) bool {
	sample := b[:min(len(b), 8192)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	ctl := 0
	for _, c := range sample {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 > len(sample)
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// firstLine returns the first non-empty line when it is short enough to be
// a title, Markdown heading marks removed.
func firstLine(text string) string {
	for _, line := range strings.SplitN(text, "\n", 6) {
		line = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(line), "#"))
		if line == "" {
			continue
		}
		if len(line) > 300 {
			return ""
		}
		return line
	}
	return ""
}

// dropped are elements whose text is not part of the article.
const dropped = "script, style, noscript, template, svg, iframe, nav, header, footer, aside, form, button, select, " +
	"[role=navigation], [role=banner], [role=contentinfo], [hidden], [aria-hidden=true]"

// blockElements end a line of visible text.
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "tr": true, "table": true, "section": true, "article": true, "blockquote": true,
	"dd": true, "dt": true, "dl": true, "pre": true, "figcaption": true, "figure": true, "main": true, "hr": true, "caption": true,
	"td": true, "th": true,
}

// htmlText returns the visible text of an HTML article, one line per block,
// and its title.
func htmlText(body []byte) (string, string, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return "", "", fmt.Errorf("parse html: %w", err)
	}
	title := strings.TrimSpace(doc.Find("title").First().Text())
	if h1 := strings.TrimSpace(doc.Find("h1").First().Text()); h1 != "" {
		title = h1
	}
	doc.Find(dropped).Remove()
	root := doc.Find("body")
	if root.Length() == 0 {
		root = doc.Selection
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(collapseSpace(n.Data))
			return
		case html.ElementNode:
			if n.Data == "head" || n.Data == "title" {
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			newline(&b)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			newline(&b)
		}
	}
	for _, n := range root.Nodes {
		walk(n)
	}
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n"), title, nil
}

func newline(b *strings.Builder) {
	s := b.String()
	if len(s) > 0 && s[len(s)-1] != '\n' {
		b.WriteByte('\n')
	}
}

// collapseSpace turns runs of white space into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		if space && b.Len() == 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
