package sources

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/textnorm"
)

// Passages splits a page into passages: the units of text that evidence
// quotes come from.
//
// In HTML, every paragraph, list item, blockquote, <dt>, <dd> and data
// table row is a passage, and so is text standing directly in a <div>,
// <section>, <article> or other container. Scripts, styles, hidden
// elements, navigation, page-level headers, footers, side bars, forms,
// dialogs and cookie notices are dropped. Each passage's Context is the
// path of headings it stands under ("Members > Enlargement"), plus the
// table's caption for a table row and the term for a <dd>. A table row
// reads "Header1: cell1; Header2: cell2" with the column headers of the
// table's <thead> (its last row) or of its leading rows of <th> cells;
// colspan and rowspan are followed. A table whose cells hold headings,
// nested tables or several blocks is taken for layout, not data, and its
// cells are read as containers.
//
// In Markdown, paragraphs are separated by blank lines, headings give the
// Context, each list item is a passage, a table row reads like an HTML
// one, and inline markup (emphasis, links, code spans) is removed as a
// renderer would. Plain text is read the same way without the Markdown
// rules: blank-line paragraphs and list items.
//
// Passage text is the page's visible text with white space collapsed and
// nothing else changed, except that a table row joins its cells with their
// headers. Passages without a letter or digit are skipped, and a text that
// repeats one seen earlier on the page is kept only once. Ordinal numbers
// the passages kept, from 0; ID is the first 16 hex digits of
// SHA-256(page URL, 0, ordinal, 0, text).
func Passages(page *factcheck.Page) ([]factcheck.Passage, error) {
	c := &collector{page: page, seen: make(map[string]bool)}
	switch page.ContentType {
	case typeHTML, typeXHTML:
		doc, err := parseHTML(page.Body)
		if err != nil {
			return nil, fmt.Errorf("passages of %s: %w", page.URL, err)
		}
		prune(doc)
		x := htmlPassages{c: c}
		x.walk(doc.Selection.Nodes[0])
		x.flush()
	case typeMarkdown, typeText:
		textPassages(c, string(page.Body), page.ContentType == typeMarkdown)
	default:
		return nil, fmt.Errorf("passages of %s: %w: %s", page.URL, ErrUnsupportedType, pageKind(page))
	}
	return c.out, nil
}

// collector numbers, identifies and de-duplicates the passages of a page.
type collector struct {
	page *factcheck.Page
	seen map[string]bool // passage texts kept so far
	out  []factcheck.Passage
}

// add keeps text as the page's next passage, under the headings context.
func (c *collector) add(context, text string) {
	text = collapse(strings.ToValidUTF8(text, "\uFFFD"))
	if !hasLetterOrDigit(text) || c.seen[text] {
		return
	}
	c.seen[text] = true
	ordinal := len(c.out)
	lang := textnorm.Lang(text)
	if lang == "" {
		lang = c.page.Lang
	}
	c.out = append(c.out, factcheck.Passage{
		ID:      passageID(c.page.URL, ordinal, text),
		PageURL: c.page.URL,
		Ordinal: ordinal,
		Context: collapse(strings.ToValidUTF8(context, "\uFFFD")),
		Text:    text,
		Lang:    lang,
		AsOf:    c.page.AsOf,
	})
}

// passageID is the stable id of a passage: it changes when the page, the
// passage's place on it or its text does.
func passageID(pageURL string, ordinal int, text string) string {
	sum := sha256.Sum256([]byte(pageURL + "\x00" + strconv.Itoa(ordinal) + "\x00" + text))
	return hex.EncodeToString(sum[:8])
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// headingPath joins the non-empty headings and extra context parts with
// " > ".
func headingPath(headings []string, extra ...string) string {
	var parts []string
	for _, h := range slices.Concat(headings, extra) {
		if h != "" {
			parts = append(parts, h)
		}
	}
	return strings.Join(parts, " > ")
}

// htmlPassages walks a pruned HTML tree, gathering the inline text of each
// block into a passage.
type htmlPassages struct {
	c        *collector
	headings [6]string
	// term is the text of the last <dt>, the context of the <dd>s after it;
	// inDd is set while inside one of those <dd>s.
	term string
	inDd bool
	buf  strings.Builder // inline text of the block being read
}

func (x *htmlPassages) context(extra ...string) string {
	if x.inDd {
		extra = append([]string{x.term}, extra...)
	}
	return headingPath(x.headings[:], extra...)
}

// flush ends the current block's text as a passage.
func (x *htmlPassages) flush() {
	text := x.buf.String()
	x.buf.Reset()
	if hasLetterOrDigit(text) { // most block boundaries end no text at all
		x.c.add(x.context(), text)
	}
}

func (x *htmlPassages) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		x.buf.WriteString(n.Data)
		return
	case html.DocumentNode:
		x.children(n)
		return
	case html.ElementNode:
	default:
		return
	}
	if level := headingLevel(n); level > 0 {
		x.flush()
		x.headings[level-1] = visibleText(n)
		for i := level; i < len(x.headings); i++ {
			x.headings[i] = ""
		}
		return
	}
	switch n.DataAtom {
	case atom.Br:
		x.buf.WriteByte(' ')
		return
	case atom.Head, atom.Title:
		return
	case atom.Table:
		if parts := splitTable(n); isDataTable(n, parts) {
			x.flush()
			x.table(parts)
			return
		}
	case atom.Dl:
		x.flush()
		term, inDd := x.term, x.inDd
		x.term, x.inDd = "", false
		x.children(n)
		x.flush()
		x.term, x.inDd = term, inDd
		return
	case atom.Dt:
		x.flush()
		x.children(n)
		// The term is the <dt>'s own text, read once: a nested list in a
		// term would otherwise be read again for each level.
		x.term = collapse(x.buf.String())
		x.flush()
		return
	case atom.Dd:
		x.flush()
		inDd := x.inDd
		x.inDd = true
		x.children(n)
		x.flush()
		x.inDd = inDd
		return
	}
	if isBlock(n) {
		x.flush()
		x.children(n)
		x.flush()
		return
	}
	x.children(n)
}

func (x *htmlPassages) children(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		x.walk(c)
	}
}

// table adds a data table's rows as passages.
func (x *htmlPassages) table(parts tableParts) {
	var header []string
	if len(parts.head) > 0 {
		header = headerNames(layoutGrid(parts.head))
	}
	context := x.context(parts.caption)
	for _, line := range layoutGrid(parts.body) {
		cells := make([]string, len(line))
		heads := make([]string, len(line))
		for col := 0; col < len(line); {
			// A cell spanning columns is given once, under their header
			// if they share one (a full-width note row has none).
			end := col + 1
			for end < len(line) && line[end].node == line[col].node {
				end++
			}
			cells[col] = line[col].text
			if end <= len(header) && allSame(header[col:end]) {
				heads[col] = header[col]
			}
			col = end
		}
		x.c.add(context, rowText(cells, heads))
	}
}

func allSame(ss []string) bool {
	for _, s := range ss {
		if s != ss[0] {
			return false
		}
	}
	return true
}

// tableParts are the caption, header rows and other rows of a table.
type tableParts struct {
	caption    string
	head, body []*html.Node
}

// splitTable finds a table's parts. The header rows are those of its
// <thead>, or without one, its leading rows of <th> cells only.
func splitTable(t *html.Node) tableParts {
	var p tableParts
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Caption:
			p.caption = visibleText(c)
		case atom.Thead:
			p.head = append(p.head, rowsOf(c)...)
		case atom.Tbody, atom.Tfoot:
			p.body = append(p.body, rowsOf(c)...)
		case atom.Tr:
			p.body = append(p.body, c)
		}
	}
	if len(p.head) == 0 {
		for len(p.body) > 0 && allHeaderCells(p.body[0]) {
			p.head, p.body = append(p.head, p.body[0]), p.body[1:]
		}
	}
	return p
}

// rowsOf returns the <tr> children of a table section.
func rowsOf(section *html.Node) []*html.Node {
	var rows []*html.Node
	for c := section.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Tr {
			rows = append(rows, c)
		}
	}
	return rows
}

// cellsOf returns the <td> and <th> children of a row.
func cellsOf(row *html.Node) []*html.Node {
	var cells []*html.Node
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			cells = append(cells, c)
		}
	}
	return cells
}

func allHeaderCells(row *html.Node) bool {
	cells := cellsOf(row)
	for _, c := range cells {
		if c.DataAtom != atom.Th {
			return false
		}
	}
	return len(cells) > 0
}

// isDataTable tells a table of data from one used for page layout, as old
// sites (many Arabic news sites among them) still do: see layoutCell.
func isDataTable(t *html.Node, parts tableParts) bool {
	if role, _ := attr(t, "role"); role == "presentation" || role == "none" {
		return false
	}
	for _, row := range append(parts.head, parts.body...) {
		for _, cell := range cellsOf(row) {
			if layoutCell(cell) {
				return false
			}
		}
	}
	return true
}

// layoutCell reports whether the element n, a table cell or something in
// one, holds page layout rather than a value: a heading, a nested table,
// or three or more blocks side by side (paragraphs of an article). One
// block, even wrapped in others, is how editors export plain cells.
func layoutCell(n *html.Node) bool {
	blocks := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.Table || headingLevel(c) > 0 {
			return true
		}
		if isBlock(c) && c.DataAtom != atom.Li && c.DataAtom != atom.Dt && c.DataAtom != atom.Dd {
			blocks++
		}
		if layoutCell(c) {
			return true
		}
	}
	return blocks >= 3
}

// maxSpan bounds colspan and rowspan, and maxColumns the width of a
// table: hostile pages set spans to millions, and rowspans and colspans
// together can widen each row more than the last.
const (
	maxSpan    = 100
	maxColumns = 500
)

// gridCell is one slot of a table laid out as a grid; a cell spanning
// several slots appears in each.
type gridCell struct {
	node *html.Node
	text string
}

// layoutGrid lays out rows as a grid of columns, following colspan and
// rowspan (which ends with the rows given, as it ends with a table section).
func layoutGrid(rows []*html.Node) [][]gridCell {
	type pending struct {
		cell gridCell
		rows int // rows still to fill below
	}
	spans := make(map[int]pending) // column → cell spanning down into it
	var grid [][]gridCell
	for i, row := range rows {
		var line []gridCell
		used := make(map[int]bool) // spans placed or begun in this row
		fill := func() {           // place cells spanning down from above
			for {
				p, ok := spans[len(line)]
				if !ok {
					return
				}
				used[len(line)] = true
				if p.rows--; p.rows == 0 {
					delete(spans, len(line))
				} else {
					spans[len(line)] = p
				}
				line = append(line, p.cell)
			}
		}
		for _, c := range cellsOf(row) {
			fill()
			if len(line) >= maxColumns {
				break
			}
			cell := gridCell{node: c, text: visibleText(c)}
			rowspan := min(spanAttr(c, "rowspan"), len(rows)-i)
			for range min(spanAttr(c, "colspan"), maxColumns-len(line)) {
				if rowspan > 1 {
					spans[len(line)] = pending{cell, rowspan - 1}
					used[len(line)] = true
				}
				line = append(line, cell)
			}
		}
		fill()
		// A span not used in this row either reaches past the row's end,
		// and still uses up a row, or was overlapped by a colspan in a
		// malformed table, and is dropped.
		for col, p := range spans {
			switch {
			case used[col]:
			case col < len(line) || p.rows <= 1:
				delete(spans, col)
			default:
				p.rows--
				spans[col] = p
			}
		}
		grid = append(grid, line)
	}
	return grid
}

// spanAttr returns a cell's colspan or rowspan, between 1 and maxSpan.
func spanAttr(n *html.Node, key string) int {
	v, _ := attr(n, key)
	k, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || k < 1 {
		return 1
	}
	return min(k, maxSpan)
}

// headerNames returns each column's header: the texts of its header cells,
// top to bottom, without repeats ("Population 2020" under a spanning
// "Population").
func headerNames(grid [][]gridCell) []string {
	var names []string
	for _, line := range grid {
		for col, cell := range line {
			for len(names) <= col {
				names = append(names, "")
			}
			switch {
			case cell.text == "", strings.HasSuffix(names[col], cell.text):
			case names[col] == "":
				names[col] = cell.text
			default:
				names[col] += " " + cell.text
			}
		}
	}
	return names
}

// rowText renders a table row as "Header: cell; Header: cell". A cell
// without a header, or repeating it (a row header under an empty corner),
// stands alone; empty cells are left out.
func rowText(cells, header []string) string {
	var parts []string
	for col, text := range cells {
		if text == "" {
			continue
		}
		var h string
		if col < len(header) {
			h = header[col]
		}
		if h == "" || h == text {
			parts = append(parts, text)
		} else {
			parts = append(parts, h+": "+text)
		}
	}
	return strings.Join(parts, "; ")
}
