package sources

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// Media types of the pages this package reads.
const (
	typeHTML     = "text/html"
	typeXHTML    = "application/xhtml+xml"
	typeText     = "text/plain"
	typeMarkdown = "text/markdown"
)

// mediaType returns the lower-case media type of a Content-Type value,
// without parameters; a malformed value still yields its type.
func mediaType(v string) string {
	mt, _, err := mime.ParseMediaType(v)
	if err != nil {
		mt, _, _ = strings.Cut(v, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	return mt
}

// acceptedType reports whether pages of media type mt can be read.
func acceptedType(mt string) bool {
	switch mt {
	case typeHTML, typeXHTML, typeText, typeMarkdown, "text/x-markdown":
		return true
	}
	return false
}

// refineType settles the media type of an accepted page: Markdown is
// often served as text/plain (raw files on code hosts), so the path's
// extension decides between the two.
func refineType(mt, urlPath string) string {
	switch {
	case mt == "text/x-markdown":
		return typeMarkdown
	case mt == typeText && isMarkdownName(urlPath):
		return typeMarkdown
	}
	return mt
}

func isMarkdownName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

func isHTML(mt string) bool { return mt == typeHTML || mt == typeXHTML }

// fileMediaType returns the media type of a local file by its extension,
// or "" for a file this package does not read.
func fileMediaType(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm":
		return typeHTML
	case ".txt":
		return typeText
	case ".md":
		return typeMarkdown
	}
	return ""
}

// decode turns raw bytes of media type mt, served with the Content-Type
// header value header ("" for files), into valid UTF-8 text.
//
// The encoding is the byte-order mark's, else the header's charset, else
// (for HTML) UTF-8 when the bytes are mostly valid UTF-8 and otherwise what
// a <meta> tag declares or windows-1252, as browsers do. Plain text and
// Markdown have no <meta>: without a BOM or charset they must be UTF-8.
// Any invalid sequence left is replaced by U+FFFD, so stored text is always
// valid UTF-8.
func decode(raw []byte, mt, header string) (string, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", ErrEmpty
	}
	if sniffed := mediaType(http.DetectContentType(raw)); isBinaryType(sniffed) {
		return "", fmt.Errorf("%w: content looks like %s", ErrBinary, sniffed)
	}
	enc, name := chooseEncoding(raw, mt, header)
	if enc == nil {
		return "", fmt.Errorf("%w: not UTF-8 and no charset declared", ErrBinary)
	}
	var text string
	if name == "utf-8" {
		text = string(raw)
	} else {
		b, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			return "", fmt.Errorf("%w: cannot decode as %s: %v", ErrBinary, name, err)
		}
		text = string(b)
	}
	text = strings.ToValidUTF8(strings.TrimPrefix(text, "\uFEFF"), "\uFFFD")
	if strings.IndexByte(text, 0) >= 0 {
		return "", fmt.Errorf("%w: contains NUL bytes", ErrBinary)
	}
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

// isBinaryType reports whether a sniffed media type names a binary format.
// application/octet-stream is not conclusive (one stray control byte gives
// it), so it is left to the NUL and encoding checks.
func isBinaryType(mt string) bool {
	return !strings.HasPrefix(mt, "text/") && mt != "application/octet-stream"
}

// chooseEncoding picks raw's encoding as decode describes; it returns nil
// when there is none to trust.
func chooseEncoding(raw []byte, mt, header string) (encoding.Encoding, string) {
	e, name, certain := charset.DetermineEncoding(raw, header)
	switch {
	case certain:
		return e, name
	case looksUTF8(raw):
		// charset's own UTF-8 test looks at the first 1024 bytes only, and
		// takes an ASCII head for windows-1252; the whole body decides here.
		return encoding.Nop, "utf-8"
	case isHTML(mt):
		return e, name
	}
	return nil, ""
}

// looksUTF8 reports whether raw is UTF-8, allowing a few invalid bytes
// (a truncated or corrupted character here and there) among many valid
// multi-byte characters; text in a legacy 8-bit encoding has far more
// invalid sequences than valid ones.
func looksUTF8(raw []byte) bool {
	valid, invalid := 0, 0
	for i := 0; i < len(raw); {
		if raw[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(raw[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return invalid == 0 || valid > 4*invalid
}
