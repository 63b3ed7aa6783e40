// Package sources fetches reference sources and turns them into passages.
//
// A source spec (a URL, a file, a directory or a *.list file) is expanded
// into URLs and paths by Expand. A Fetcher fetches URLs over HTTP (bounded,
// retried, revalidated, size-capped) or reads local files, and returns a
// factcheck.Page whose Body is always valid UTF-8 and whose AsOf date says
// when the page's facts were stated. Passages splits a page into paragraphs,
// list items and table rows, each with the headings it stands under.
//
// The package does no logging of its own beyond retries (see
// Config.Logger), keeps no state between runs, and stores nothing: caching
// pages between runs is the caller's job, through the cached argument of
// Fetcher.Fetch.
package sources

import (
	"errors"
	"fmt"
	"time"
)

// Errors callers may test for with errors.Is. Every error returned by this
// package also names the URL or file it concerns.
var (
	// ErrTooLarge reports a page or file larger than Config.MaxBody.
	ErrTooLarge = errors.New("size cap exceeded")
	// ErrUnsupportedType reports a content type or file extension that is
	// not HTML, plain text or Markdown.
	ErrUnsupportedType = errors.New("unsupported content type")
	// ErrBinary reports content that is binary or cannot be decoded as text.
	ErrBinary = errors.New("binary or undecodable content")
	// ErrEmpty reports a page or file with no content.
	ErrEmpty = errors.New("empty content")
	// ErrRedirectLoop reports a redirect back to a URL already visited.
	ErrRedirectLoop = errors.New("redirect loop")
	// ErrTooManyRedirects reports more redirects than Config.MaxRedirects.
	ErrTooManyRedirects = errors.New("too many redirects")
)

// StatusError reports an HTTP response that was neither a success nor
// 304 Not Modified.
type StatusError struct {
	URL  string // as requested, before any redirect
	Code int    // the HTTP status code
	// Status is the status line's text, such as "404 Not Found".
	Status string

	// retryAfter is the delay the server asked for in Retry-After, zero if
	// it asked for none.
	retryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("fetch %s: HTTP %s", e.URL, e.Status)
}

// Temporary reports whether the status is worth retrying: 429 Too Many
// Requests and server errors other than 501 Not Implemented, which is
// permanent by definition.
func (e *StatusError) Temporary() bool {
	return e.Code == 429 || (e.Code >= 500 && e.Code != 501)
}
