package sources

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"

	"github.com/newsroom/factcheck"
)

// ReadFile reads a local reference page (.html, .htm, .txt or .md) as Fetch
// reads a URL: the content is decoded to valid UTF-8 (HTML may declare its
// charset in a <meta> tag; text must be UTF-8 or start with a byte-order
// mark) and Title, Lang and AsOf are filled in. The file's modification
// time stands in for a Last-Modified header, in Page.LastModified and as
// the AsOf of a page that states no date of its own. Page.URL is path as
// given and Page.Status is 0.
//
// It fails for a file that is missing or unreadable, empty, larger than
// Config.MaxBody, binary (NUL bytes, or the signature of an image, PDF or
// archive), or text in an unknown 8-bit encoding.
func (f *Fetcher) ReadFile(path string) (*factcheck.Page, error) {
	mt := fileMediaType(path)
	if mt == "" {
		return nil, fmt.Errorf("read %s: %w: extension %q (want .html, .htm, .txt or .md)", path, ErrUnsupportedType, filepath.Ext(path))
	}
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	defer file.Close()
	info, err := file.Stat()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	if info.IsDir() {
		return nil, fmt.Errorf("read %s: is a directory", path)
	}
	if info.Size() > f.cfg.MaxBody {
		return nil, fmt.Errorf("read %s: %w: file is larger than %d bytes", path, ErrTooLarge, f.cfg.MaxBody)
	}
	// The file may grow between Stat and Read: the cap holds regardless.
	raw, err := io.ReadAll(io.LimitReader(file, f.cfg.MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, unwrapPath(err))
	}
	if int64(len(raw)) > f.cfg.MaxBody {
		return nil, fmt.Errorf("read %s: %w: file is larger than %d bytes", path, ErrTooLarge, f.cfg.MaxBody)
	}
	text, err := decode(raw, mt, "")
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	page := &factcheck.Page{
		URL:          path,
		ContentType:  mt,
		Body:         []byte(text),
		LastModified: info.ModTime().UTC().Format(http.TimeFormat),
		FetchedAt:    f.cfg.Now(),
	}
	if err := describe(page); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return page, nil
}

// unwrapPath drops the *fs.PathError layer, whose message repeats the path
// that the caller's message already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
