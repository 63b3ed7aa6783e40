package sources

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExpandTestdata(t *testing.T) {
	got, err := Expand(filepath.Join("testdata", "sources.list"))
	if err != nil {
		t.Fatal(err)
	}
	pages := filepath.Join("testdata", "pages")
	want := []string{
		"https://www.nato.int/cps/en/natohq/topics_52044.htm",
		filepath.Join(pages, "nato_en.html"),
		filepath.Join(pages, "nato_1256.html"),
		filepath.Join(pages, "nato_ar.html"),
		filepath.Join(pages, "nato_facts.txt"),
		filepath.Join(pages, "nato_notes.md"),
		"https://example.org/nato#members",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Expand (-want +got):\n%s", diff)
	}
}

// tree writes files (path → content) under a new temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestExpand(t *testing.T) {
	root := tree(t, map[string]string{
		"lists/all.list": "# all sources\n\n  ../pages/b.md\t# a page\n../pages\nnested.list\n" +
			"https://example.org/a\nhttps://example.org/a\n",
		"lists/nested.list":  "#only a comment line\n../other/e.htm\n",
		"pages/a.html":       "<p>a</p>",
		"pages/b.md":         "b",
		"pages/sub/c.txt":    "c",
		"pages/.hidden.html": "hidden",
		"pages/.git/d.html":  "git",
		"pages/notes.json":   "{}",
		"pages/report.pdf":   "%PDF",
		"other/e.htm":        "<p>e</p>",
	})
	for _, tt := range []struct {
		name, spec string
		want       []string
	}{
		{"url", "https://example.org/page", []string{"https://example.org/page"}},
		{"file", filepath.Join(root, "pages", "a.html"), []string{filepath.Join(root, "pages", "a.html")}},
		{"uncleaned file", root + "/pages/./sub/../a.html", []string{filepath.Join(root, "pages", "a.html")}},
		{"directory, recursive", filepath.Join(root, "pages"), []string{
			filepath.Join(root, "pages", "a.html"), filepath.Join(root, "pages", "b.md"), filepath.Join(root, "pages", "sub", "c.txt")}},
		{"list with a directory, a nested list and repeats", filepath.Join(root, "lists", "all.list"), []string{
			filepath.Join(root, "pages", "b.md"), filepath.Join(root, "pages", "a.html"), filepath.Join(root, "pages", "sub", "c.txt"),
			filepath.Join(root, "other", "e.htm"), "https://example.org/a"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Expand(%q) (-want +got):\n%s", tt.spec, diff)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	root := tree(t, map[string]string{
		"missing.list":   "a.html\n\n# the next one is missing\nnope.html\n",
		"a.html":         "<p>a</p>",
		"loop/one.list":  "two.list\n",
		"loop/two.list":  "one.list\n",
		"empty.list":     "# nothing yet\n\n",
		"bad-url.list":   "ftp://example.org/x\n",
		"data/x.json":    "{}",
		"report.pdf":     "%PDF",
		"wrong-ext.list": "report.pdf\n",
		"emptydir/.keep": "",
	})
	for _, tt := range []struct {
		name, spec string
		mention    []string
	}{
		{"missing file in a list", filepath.Join(root, "missing.list"), []string{filepath.Join(root, "missing.list") + ":4", filepath.Join(root, "nope.html"), "no such file"}},
		{"list including itself", filepath.Join(root, "loop", "one.list"), []string{"one.list:1", "two.list:1", "includes itself"}},
		{"empty list", filepath.Join(root, "empty.list"), []string{"empty.list", "names no sources"}},
		{"bad URL in a list", filepath.Join(root, "bad-url.list"), []string{"bad-url.list:1", "ftp://example.org/x", "unsupported URL scheme"}},
		{"directory without pages", filepath.Join(root, "data"), []string{filepath.Join(root, "data"), "no .html"}},
		{"directory with hidden files only", filepath.Join(root, "emptydir"), []string{"emptydir", "no .html"}},
		{"other file type", filepath.Join(root, "report.pdf"), []string{"report.pdf", "unsupported"}},
		{"other file type in a list", filepath.Join(root, "wrong-ext.list"), []string{"wrong-ext.list:1", "report.pdf"}},
		{"missing spec", filepath.Join(root, "nothing-here"), []string{"nothing-here", "no such file"}},
		{"URL without a host", "https://", []string{"https://", "no host"}},
		{"empty spec", "  ", []string{"empty spec"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.spec)
			if err == nil {
				t.Fatalf("Expand(%q) = %v, want an error", tt.spec, got)
			}
			for _, m := range tt.mention {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
		})
	}
}

func TestListEntry(t *testing.T) {
	for _, tt := range []struct{ line, want string }{
		{"# comment", ""},
		{"   ", ""},
		{"  pages/a.html  ", "pages/a.html"},
		{"pages/a.html # the English page", "pages/a.html"},
		{"pages/a.html\t# tab before the comment", "pages/a.html"},
		{"https://example.org/p#section", "https://example.org/p#section"},
		{"\uFEFFhttps://example.org/", "https://example.org/"},
		{"pages/a.html\r", "pages/a.html"},
	} {
		if got := listEntry(tt.line); got != tt.want {
			t.Errorf("listEntry(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}
