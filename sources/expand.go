package sources

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// Expand turns a source spec into the URLs and file paths it names, in
// order and without repeats. A spec is one of:
//
//   - an http or https URL, returned as given;
//   - a .html, .htm, .txt or .md file;
//   - a directory: every such file in it and in its subdirectories, in
//     lexical order, skipping names that start with a dot;
//   - a list file (*.list): one spec per line, which may be a URL, a file,
//     a directory or another list; blank lines and lines starting with "#"
//     are ignored, as is the rest of a line after " #"; relative paths are
//     resolved against the list file's directory.
//
// File paths are returned cleaned (filepath.Clean). A spec that names
// nothing readable (a missing file, an empty directory or list, another
// file type, a list that includes itself) is an error naming the spec, and
// for a list, the list file and line.
func Expand(spec string) ([]string, error) {
	e := expander{seen: make(map[string]bool)}
	if err := e.expand(spec); err != nil {
		return nil, err
	}
	return e.out, nil
}

// expander gathers the sources named by a spec.
type expander struct {
	out   []string
	seen  map[string]bool // entries of out
	lists []string        // absolute paths of the lists being read, to catch cycles
}

func (e *expander) add(s string) {
	if !e.seen[s] {
		e.seen[s] = true
		e.out = append(e.out, s)
	}
}

func (e *expander) expand(spec string) error {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return errors.New("source: empty spec")
	}
	if strings.Contains(spec, "://") {
		if _, err := parseHTTPURL(spec); err != nil {
			return fmt.Errorf("source %s: %w", spec, err)
		}
		e.add(spec)
		return nil
	}
	spec = filepath.Clean(spec)
	info, err := os.Stat(spec)
	if err != nil {
		return fmt.Errorf("source %s: %w", spec, unwrapPath(err))
	}
	switch {
	case info.IsDir():
		return e.dir(spec)
	case strings.EqualFold(filepath.Ext(spec), ".list"):
		return e.list(spec)
	case fileMediaType(spec) != "":
		e.add(spec)
		return nil
	}
	return fmt.Errorf("source %s: %w: want an http(s) URL, a .html, .htm, .txt, .md or .list file, or a directory", spec, ErrUnsupportedType)
}

// dir adds the pages under a directory.
func (e *expander) dir(root string) error {
	found := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("source %s: %w", root, err)
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && fileMediaType(path) != "" {
			found++
			e.add(path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if found == 0 {
		return fmt.Errorf("source %s: no .html, .htm, .txt or .md files in directory", root)
	}
	return nil
}

// list adds the sources a list file names.
func (e *expander) list(path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("source %s: %w", path, err)
	}
	if slices.Contains(e.lists, abs) {
		return fmt.Errorf("source %s: list includes itself", path)
	}
	e.lists = append(e.lists, abs)
	defer func() { e.lists = e.lists[:len(e.lists)-1] }()

	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("source %s: %w", path, unwrapPath(err))
	}
	dir := filepath.Dir(path)
	entries := 0
	for i, line := range strings.Split(string(data), "\n") {
		entry := listEntry(line)
		if entry == "" {
			continue
		}
		entries++
		if !strings.Contains(entry, "://") && !filepath.IsAbs(entry) {
			entry = filepath.Join(dir, entry)
		}
		if err := e.expand(entry); err != nil {
			return fmt.Errorf("%s:%d: %w", path, i+1, err)
		}
	}
	if entries == 0 {
		return fmt.Errorf("source %s: list names no sources", path)
	}
	return nil
}

// listEntry returns the spec on one line of a list file, without comments
// and surrounding space. A "#" starts a comment at the start of the line or
// after white space; elsewhere it belongs to the entry (a URL's fragment).
func listEntry(line string) string {
	line = strings.TrimSpace(strings.TrimPrefix(line, "\uFEFF"))
	for i, r := range line {
		if r == '#' && (i == 0 || unicode.IsSpace(rune(line[i-1]))) {
			line = line[:i]
			break
		}
	}
	return strings.TrimSpace(line)
}
