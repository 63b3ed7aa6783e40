package articles

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name    string
		content []byte
		max     int64
		want    error
	}{
		{"empty.txt", nil, 0, ErrEmpty},
		{"blank.txt", []byte(" \n\t\n"), 0, ErrEmpty},
		{"binary.txt", []byte("PK\x03\x04\x00\x00binary"), 0, ErrBinary},
		{"latin1.txt", []byte("caf\xe9 in 1949"), 0, ErrEncoding},
		{"huge.txt", []byte(strings.Repeat("عام 1949 ", 200)), 100, ErrTooLarge},
		{"empty.html", []byte("<html><body><script>var a=1</script></body></html>"), 0, ErrEmpty},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			if err := os.WriteFile(path, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Reader{MaxBytes: tt.max}.ReadFile(path)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ReadFile(%s) error = %v, want %v", tt.name, err, tt.want)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
	if _, err := (Reader{}).ReadFile(filepath.Join(dir, "missing.txt")); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("missing file: error = %v, want one naming it", err)
	}
	if _, err := (Reader{}).ReadFile(dir); err == nil {
		t.Errorf("directory: want an error")
	}
}

func TestReadHTML(t *testing.T) {
	doc, err := Reader{}.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := doc.Title, "الناتو يحتفل بالذكرى الخامسة والسبعين"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if doc.Lang != "ar" {
		t.Errorf("lang = %q, want ar", doc.Lang)
	}
	for _, gone := range []string{"tracking", "الطقس", "أرشيف", "اقرأ أيضا", "الحقوق", "content"} {
		if strings.Contains(doc.Text, gone) {
			t.Errorf("text keeps page furniture %q:\n%s", gone, doc.Text)
		}
	}
	for _, kept := range []string{"تأسس حلف شمال الأطلسي عام 1949م، ووقعت على معاهدته 12 دولة.", "ويضم الحلف اليوم 32 دولة بعد انضمام السويد."} {
		if !strings.Contains(doc.Text, kept) {
			t.Errorf("text lacks %q:\n%s", kept, doc.Text)
		}
	}
}

func TestParseTextAndDate(t *testing.T) {
	body := []byte("\xef\xbb\xbfNATO at 75\nPublished 2024-07-15\n\nThe alliance was founded in 1949.")
	doc, err := Reader{}.Parse("mem.txt", body, "text/plain")
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "NATO at 75" || doc.Lang != "en" || doc.Date.Format("2006-01-02") != "2024-07-15" {
		t.Errorf("got title %q lang %q date %s", doc.Title, doc.Lang, doc.Date)
	}
	if strings.HasPrefix(doc.Text, "\xef\xbb\xbf") {
		t.Errorf("byte order mark kept")
	}
	given := time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
	doc, _ = Reader{Date: given}.Parse("mem.txt", body, "text/plain")
	if !doc.Date.Equal(given) {
		t.Errorf("date = %s, want the given %s", doc.Date, given)
	}
}
