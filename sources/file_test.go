package sources

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	modTime := time.Date(2023, 3, 4, 5, 6, 7, 0, time.UTC)
	for _, tt := range []struct {
		name, file, content string
		wantType, want      string // want: the body as decoded
		asOf                time.Time
	}{
		{"html", "a.html", "<p>NATO has 32 members.</p>", typeHTML, "<p>NATO has 32 members.</p>", modTime},
		{"htm with a dated line", "b.HTM", "<p>NATO has 32 members.</p><p>Updated 2024-05-06</p>", typeHTML, "<p>NATO has 32 members.</p><p>Updated 2024-05-06</p>", time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)},
		{"markdown", "c.md", "# NATO\n\n32 members\n", typeMarkdown, "# NATO\n\n32 members\n", modTime},
		{"utf-8 byte-order mark", "d.txt", "\uFEFFيضم الحلف 32 دولة", typeText, "يضم الحلف 32 دولة", modTime},
		{"utf-16 with byte-order mark", "e.txt", "\xff\xfeN\x00A\x00T\x00O\x00 \x003\x002\x00", typeText, "NATO 32", modTime},
		{"invalid utf-8 replaced", "f.txt", "يضم الحلف \xff 32 دولة في عام 2024", typeText, "يضم الحلف \uFFFD 32 دولة في عام 2024", modTime},
		{"windows-1256 html by meta", "g.html", "<meta charset=\"windows-1256\"><p>\xc7\xe1\xcd\xe1\xdd 32</p>", typeHTML, "<meta charset=\"windows-1256\"><p>الحلف 32</p>", modTime},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(path, modTime, modTime); err != nil {
				t.Fatal(err)
			}
			page, err := New(Config{Now: func() time.Time { return now }}).ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(page.Body) != tt.want || !utf8.Valid(page.Body) {
				t.Errorf("body = %q, want %q", page.Body, tt.want)
			}
			if page.URL != path || page.ContentType != tt.wantType || page.Status != 0 || !page.FetchedAt.Equal(now) {
				t.Errorf("URL, ContentType, Status, FetchedAt = %q, %q, %d, %v", page.URL, page.ContentType, page.Status, page.FetchedAt)
			}
			if want := modTime.Format(http.TimeFormat); page.LastModified != want {
				t.Errorf("LastModified = %q, want %q", page.LastModified, want)
			}
			if !page.AsOf.Equal(tt.asOf) {
				t.Errorf("AsOf = %v, want %v", page.AsOf, tt.asOf)
			}
		})
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.html"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		path    string
		want    error // nil: any error
		mention string
	}{
		{"empty", write("empty.html", ""), ErrEmpty, ""},
		{"white space only", write("blank.txt", " \n\t\r\n"), ErrEmpty, ""},
		{"NUL bytes", write("nul.txt", "NATO\x00\x00\x00has 32 members"), ErrBinary, "NUL"},
		{"an image named .html", write("logo.html", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), ErrBinary, "image/png"},
		{"a PDF named .txt", write("report.txt", "%PDF-1.7\n1 0 obj\n"), ErrBinary, "application/pdf"},
		{"8-bit text", write("legacy.txt", "\xc7\xe1\xcd\xe1\xdd \xc7\xe1\xc3\xd8\xe1\xd3\xed \xed\xd6\xe3 32 \xcf\xe6\xe1\xc9"), ErrBinary, "not UTF-8"},
		{"over the size cap", write("big.txt", strings.Repeat("32 members. ", 10)), ErrTooLarge, "larger than 64 bytes"},
		{"missing", filepath.Join(dir, "missing.html"), fs.ErrNotExist, ""},
		{"directory", filepath.Join(dir, "folder.html"), nil, "is a directory"},
		{"other extension", write("data.json", `{"members": 32}`), ErrUnsupportedType, ".json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{MaxBody: 64}).ReadFile(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
			if msg := err.Error(); !strings.Contains(msg, tt.path) || !strings.Contains(msg, tt.mention) || strings.Count(msg, tt.path) > 1 {
				t.Errorf("error %q does not name %s once and %q", msg, tt.path, tt.mention)
			}
		})
	}
}
