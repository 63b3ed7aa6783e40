package sources

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// textPassages adds the passages of a plain text or Markdown body to c, as
// Passages describes.
func textPassages(c *collector, body string, markdown bool) {
	_, body = frontMatter(body, markdown)
	var (
		headings [6]string
		para     []string // lines of the paragraph or list item being read
		item     bool     // para is a list item
		fence    string   // the fence of the code block being read, if any
		table    *textTable
	)
	flush := func() {
		if len(para) > 0 {
			text := strings.Join(para, " ")
			if markdown && fence == "" {
				text = stripInline(text)
			}
			c.add(headingPath(headings[:]), text)
		}
		para, item = para[:0], false
	}
	endTable := func() {
		if table != nil {
			table.end(c, headingPath(headings[:]))
			table = nil
		}
	}
	for line := range strings.Lines(body) {
		trimmed := strings.TrimSpace(line)
		if markdown && fence != "" {
			switch {
			case strings.HasPrefix(trimmed, fence):
				flush()
				fence = ""
			case trimmed == "":
				flush()
			default:
				para = append(para, trimmed)
			}
			continue
		}
		if trimmed == "" {
			flush()
			endTable()
			continue
		}
		if markdown {
			if f := codeFence(trimmed); f != "" {
				flush()
				endTable()
				fence = f
				continue
			}
			if level, text, ok := atxHeading(trimmed); ok {
				flush()
				endTable()
				setHeading(&headings, level, stripInline(text))
				continue
			}
			if len(para) == 1 && !item && setextLevel(trimmed) > 0 {
				setHeading(&headings, setextLevel(trimmed), stripInline(para[0]))
				para = para[:0]
				continue
			}
			if thematicBreak(trimmed) {
				flush()
				endTable()
				continue
			}
			if cells, ok := tableRow(trimmed, table != nil); ok {
				flush()
				if table == nil {
					table = new(textTable)
				}
				table.row(c, headingPath(headings[:]), cells)
				continue
			}
			endTable()
			trimmed = stripQuoteMarker(trimmed)
		}
		if text, ok := listItem(trimmed); ok {
			flush()
			para, item = append(para, text), true
			continue
		}
		para = append(para, trimmed)
	}
	flush()
	endTable()
}

// setHeading sets the heading of the given level and clears deeper ones.
func setHeading(headings *[6]string, level int, text string) {
	headings[level-1] = collapse(text)
	for i := level; i < len(headings); i++ {
		headings[i] = ""
	}
}

// atxHeading parses a Markdown "# Heading" line, returning its level and
// text without the closing hashes.
func atxHeading(line string) (level int, text string, ok bool) {
	line = strings.TrimSpace(line)
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || (level < len(line) && line[level] != ' ' && line[level] != '\t') {
		return 0, "", false
	}
	text = strings.TrimSpace(line[level:])
	if t := strings.TrimRight(text, "#"); t == "" || strings.HasSuffix(t, " ") || strings.HasSuffix(t, "\t") {
		text = strings.TrimSpace(t)
	}
	return level, text, true
}

// setextLevel returns 1 or 2 when line underlines a heading ("===" or
// "---"), and 0 otherwise.
func setextLevel(line string) int {
	switch {
	case strings.Trim(line, "=") == "":
		return 1
	case strings.Trim(line, "-") == "" && len(line) >= 2:
		return 2
	}
	return 0
}

// thematicBreak reports whether line is a Markdown rule: three or more of
// the same "*", "-" or "_", spaces allowed between.
func thematicBreak(line string) bool {
	s := strings.Join(strings.Fields(line), "")
	return len(s) >= 3 && (strings.Trim(s, "*") == "" || strings.Trim(s, "-") == "" || strings.Trim(s, "_") == "")
}

// codeFence returns the fence ("```" or "~~~", as long as given) that line
// opens a code block with, or "".
func codeFence(line string) string {
	for _, ch := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, ch))
		if n >= 3 {
			return strings.Repeat(ch, n)
		}
	}
	return ""
}

// stripQuoteMarker removes Markdown blockquote markers ("> ").
func stripQuoteMarker(line string) string {
	for strings.HasPrefix(line, ">") {
		line = strings.TrimSpace(line[1:])
	}
	return line
}

// listItem returns the text of a list item line ("- ", "* ", "+ ", "• ",
// or one to three digits and "." or ")"), without its marker. Longer
// numbers are not markers: "1949. The treaty…" is a year.
func listItem(line string) (string, bool) {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "-\t", "*\t", "+\t"} {
		if rest, ok := strings.CutPrefix(line, m); ok {
			return strings.TrimSpace(rest), true
		}
	}
	rest, digits := line, 0
	for digits <= 3 {
		r, size := utf8.DecodeRuneInString(rest)
		if !unicode.IsDigit(r) {
			break
		}
		rest, digits = rest[size:], digits+1
	}
	if digits == 0 || digits > 3 || len(rest) < 2 || (rest[0] != '.' && rest[0] != ')') || (rest[1] != ' ' && rest[1] != '\t') {
		return "", false
	}
	return strings.TrimSpace(rest[2:]), true
}

// tableRow splits a Markdown table row ("| a | b |") into its cells. Once
// a table has begun (inTable), the outer pipes are optional.
func tableRow(line string, inTable bool) ([]string, bool) {
	if !strings.HasPrefix(line, "|") && !(inTable && strings.Contains(line, "|")) {
		return nil, false
	}
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	// An escaped pipe is part of a cell.
	const placeholder = "\x00"
	parts := strings.Split(strings.ReplaceAll(line, `\|`, placeholder), "|")
	cells := make([]string, len(parts))
	for i, p := range parts {
		cells[i] = collapse(stripInline(strings.ReplaceAll(p, placeholder, "|")))
	}
	return cells, true
}

// textTable reads a Markdown table row by row. The first row is its header
// when the second is a delimiter row ("| --- | :-: |").
type textTable struct {
	rows   int
	first  []string // the first row, until the second says what it is
	header []string
}

func (t *textTable) row(c *collector, context string, cells []string) {
	t.rows++
	switch {
	case t.rows == 1:
		t.first = cells
		return
	case t.rows == 2 && delimiterRow(cells):
		t.header, t.first = t.first, nil
		return
	}
	t.end(c, context)
	c.add(context, rowText(cells, t.header))
}

// end adds a first row still pending.
func (t *textTable) end(c *collector, context string) {
	if t.first != nil {
		c.add(context, rowText(t.first, nil))
		t.first = nil
	}
}

// delimiterRow reports whether cells are a Markdown table's delimiter row.
func delimiterRow(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return len(cells) > 0
}

// Markdown inline markup that a renderer turns into plain text.
var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])`)
	mdAutolink = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	mdCode     = regexp.MustCompile("`+([^`]+?)`+")
	mdStrong   = regexp.MustCompile(`\*\*(\S(?:.*?\S)?)\*\*|__(\S(?:.*?\S)?)__`)
	// Single emphasis opens after a space or punctuation, so that 2*3*4
	// and snake_case_names stay as they are.
	mdEmphasis = regexp.MustCompile(`(^|[\s(\["'])(?:\*(\S(?:[^*]*?\S)?)\*|_(\S(?:[^_]*?\S)?)_)`)
	mdEscape   = regexp.MustCompile(`\\([\\` + "`" + `*_{}\[\]()#+\-.!|>~])`)
)

// stripInline removes Markdown inline markup from s, keeping the text a
// reader sees: link texts, emphasised and code text. Images are dropped.
func stripInline(s string) string {
	if !strings.ContainsAny(s, "[]<`*_\\!") {
		return s
	}
	s = mdImage.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdAutolink.ReplaceAllString(s, "$1")
	s = mdCode.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$1$2")
	s = mdEmphasis.ReplaceAllString(s, "$1$2$3")
	return mdEscape.ReplaceAllString(s, "$1")
}
