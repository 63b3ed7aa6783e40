package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sync/semaphore"
	"golang.org/x/sync/singleflight"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/internal/retryafter"
)

// DefaultUserAgent is sent when Config.UserAgent is empty.
const DefaultUserAgent = "factcheck/1.0 (+https://github.com/newsroom/factcheck)"

// acceptHeader asks for the content types the fetcher can use, so that
// servers doing content negotiation do not send JSON or PDF.
const acceptHeader = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1"

// Config configures a Fetcher. Its zero value gives the documented
// defaults. The package reads no settings of its own from the environment
// (the default transport does honour the usual proxy variables).
type Config struct {
	// Client is the one HTTP client every request goes through. When nil,
	// New builds one on a clone of http.DefaultTransport (dial, TLS and
	// idle timeouts). New uses a copy whose CheckRedirect enforces
	// MaxRedirects; the caller's client is not modified.
	Client *http.Client
	// UserAgent is sent with every request; empty means DefaultUserAgent.
	UserAgent string
	// Timeout bounds each attempt, from dialling to the last byte of the
	// body, as a context deadline; zero means 30s.
	Timeout time.Duration
	// MaxBody is the largest page or file accepted, in bytes (after
	// decompression); zero means 8 MiB.
	MaxBody int64
	// MaxRedirects is how many redirects one request may follow; zero
	// means 5, negative means redirects are an error.
	MaxRedirects int
	// PerHost is how many requests may be in flight to one host (name and
	// port) at once; zero means 4.
	PerHost int
	// Retries is how many times a failed attempt is retried after 429, a
	// 5xx other than 501, a timeout or a transient network error; zero
	// means 3, negative means never.
	Retries int
	// BaseBackoff is the wait before the first retry; it doubles with each
	// retry and is jittered. Zero means 500ms.
	BaseBackoff time.Duration
	// MaxRetryAfter caps every wait between attempts, including one asked
	// for by a server's Retry-After header; zero means 30s.
	MaxRetryAfter time.Duration
	// Logger receives one Info message per retry; nil discards them.
	Logger *slog.Logger
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Sleep waits for d or until ctx is done, returning ctx's error in the
	// latter case; nil means a real timer. Tests replace it to record
	// waits without spending them.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Fetcher fetches reference pages for one run. It is safe for concurrent
// use. Each URL is fetched at most once per Fetcher: concurrent and later
// calls for the same URL share the first call's result, so a Fetcher should
// not outlive the run it serves.
type Fetcher struct {
	cfg    Config // defaults filled in
	client *http.Client
	flight singleflight.Group

	mu    sync.Mutex                     // guards done and hosts
	done  map[string]fetchResult         // finished fetches by URL
	hosts map[string]*semaphore.Weighted // in-flight limit by host:port
}

// fetchResult is one finished fetch, shared by every caller for its URL.
type fetchResult struct {
	page    *factcheck.Page
	changed bool
	err     error
	// abandoned marks a fetch stopped because the context of the caller
	// that started it ended; it is not remembered, and other callers
	// waiting for it start their own.
	abandoned bool
}

// New returns a Fetcher configured by cfg, with defaults for zero fields.
func New(cfg Config) *Fetcher {
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 8 << 20
	}
	switch {
	case cfg.MaxRedirects == 0:
		cfg.MaxRedirects = 5
	case cfg.MaxRedirects < 0:
		cfg.MaxRedirects = 0
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = 4
	}
	switch {
	case cfg.Retries == 0:
		cfg.Retries = 3
	case cfg.Retries < 0:
		cfg.Retries = 0
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = 500 * time.Millisecond
	}
	if cfg.MaxRetryAfter <= 0 {
		cfg.MaxRetryAfter = 30 * time.Second
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	f := &Fetcher{
		cfg:   cfg,
		done:  make(map[string]fetchResult),
		hosts: make(map[string]*semaphore.Weighted),
	}
	var client http.Client
	if cfg.Client != nil {
		client = *cfg.Client
	} else {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = cfg.PerHost
		client.Transport = t
	}
	client.CheckRedirect = f.checkRedirect
	f.client = &client
	return f
}

// Fetch returns the page at rawURL, an http or https URL.
//
// When cached is the page an earlier run fetched from the same URL, the
// request is conditional (If-None-Match, If-Modified-Since); a 304 answer
// returns a copy of cached with FetchedAt, Status and AsOf brought up to
// date and changed false. changed is also false when a server ignores the
// condition and sends the same body again.
//
// Failed attempts are retried with jittered exponential backoff after 429,
// 5xx (not 501), timeouts and transient network errors, waiting as long as
// a Retry-After header asks, up to Config.MaxRetryAfter. Other statuses
// give a *StatusError at once.
//
// The first call for a URL does the work; concurrent and later calls get
// its result, each as its own copy of the Page (Body is shared and must not
// be modified). The first caller's context governs the request; a caller
// whose own context ends stops waiting at once, and if the first caller's
// context ends, the callers still waiting fetch the URL anew.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, cached *factcheck.Page) (page *factcheck.Page, changed bool, err error) {
	u, err := parseHTTPURL(rawURL)
	if err != nil {
		return nil, false, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	key := u.String()
	for {
		f.mu.Lock()
		r, ok := f.done[key]
		f.mu.Unlock()
		if ok {
			return r.forCaller(rawURL)
		}
		ch := f.flight.DoChan(key, func() (any, error) {
			r := f.fetch(ctx, u, cached)
			if !r.abandoned {
				f.mu.Lock()
				f.done[key] = r
				f.mu.Unlock()
			}
			return r, nil
		})
		select {
		case <-ctx.Done():
			return nil, false, fmt.Errorf("fetch %s: %w", rawURL, context.Cause(ctx))
		case res := <-ch:
			r := res.Val.(fetchResult)
			if r.abandoned && ctx.Err() == nil {
				continue // the caller that started it gave up; we have not
			}
			return r.forCaller(rawURL)
		}
	}
}

// forCaller returns r as one caller's own copy.
func (r fetchResult) forCaller(rawURL string) (*factcheck.Page, bool, error) {
	if r.err != nil {
		return nil, false, r.err
	}
	p := *r.page
	p.URL = rawURL
	return &p, r.changed, nil
}

// fetch runs the attempts for one URL.
func (f *Fetcher) fetch(ctx context.Context, u *url.URL, cached *factcheck.Page) fetchResult {
	abandon := func() fetchResult {
		return fetchResult{err: fmt.Errorf("fetch %s: %w", u, context.Cause(ctx)), abandoned: true}
	}
	sem := f.hostLimit(u)
	for attempt := 0; ; attempt++ {
		// The host slot is held for one attempt only, not across the
		// backoff, so that a struggling URL does not starve its host.
		if err := sem.Acquire(ctx, 1); err != nil {
			return abandon()
		}
		page, changed, err := f.attempt(ctx, u, cached)
		sem.Release(1)
		if err == nil {
			return fetchResult{page: page, changed: changed}
		}
		if ctx.Err() != nil {
			return abandon()
		}
		wait, retry := f.retryWait(err, attempt)
		if !retry || attempt >= f.cfg.Retries {
			if attempt > 0 {
				err = fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
			}
			return fetchResult{err: err}
		}
		f.cfg.Logger.Info("retrying fetch", "url", u.String(), "attempt", attempt+1, "wait", wait, "err", err)
		if err := f.cfg.Sleep(ctx, wait); err != nil {
			return abandon()
		}
	}
}

// attempt makes one request for u.
func (f *Fetcher) attempt(parent context.Context, u *url.URL, cached *factcheck.Page) (*factcheck.Page, bool, error) {
	ctx, cancel := context.WithTimeout(parent, f.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, false, fmt.Errorf("fetch %s: %w", u, err)
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept", acceptHeader)
	if cached != nil {
		if cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, false, f.requestError(ctx, u, err)
	}
	defer resp.Body.Close()
	now := f.cfg.Now()

	switch {
	case resp.StatusCode == http.StatusNotModified:
		if cached == nil {
			return nil, false, fmt.Errorf("fetch %s: HTTP %s to an unconditional request", u, resp.Status)
		}
		return f.notModified(u, resp, cached, now)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		// A short drain lets the connection be reused; error bodies are small.
		io.CopyN(io.Discard, resp.Body, 4<<10)
		return nil, false, &StatusError{
			URL:        u.String(),
			Code:       resp.StatusCode,
			Status:     resp.Status,
			retryAfter: retryafter.Parse(resp.Header, now),
		}
	}

	header := resp.Header.Get("Content-Type")
	mt := mediaType(header)
	if mt != "" && !acceptedType(mt) {
		return nil, false, fmt.Errorf("fetch %s: %w %s", u, ErrUnsupportedType, mt)
	}
	if resp.ContentLength > f.cfg.MaxBody {
		return nil, false, f.tooLarge(u)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, f.cfg.MaxBody+1))
	if err != nil {
		return nil, false, f.requestError(ctx, u, err)
	}
	if int64(len(raw)) > f.cfg.MaxBody {
		return nil, false, f.tooLarge(u)
	}
	if mt == "" {
		mt = mediaType(http.DetectContentType(raw))
		if !acceptedType(mt) {
			return nil, false, fmt.Errorf("fetch %s: %w %s (sniffed; no Content-Type sent)", u, ErrUnsupportedType, mt)
		}
	}
	mt = refineType(mt, u.Path)
	text, err := decode(raw, mt, header)
	if err != nil {
		return nil, false, fmt.Errorf("fetch %s: %w", u, err)
	}
	page := &factcheck.Page{
		URL:          u.String(),
		ContentType:  mt,
		Body:         []byte(text),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FetchedAt:    now,
		Status:       resp.StatusCode,
	}
	if err := describe(page); err != nil {
		return nil, false, fmt.Errorf("fetch %s: %w", u, err)
	}
	changed := cached == nil || !bytes.Equal(cached.Body, page.Body)
	return page, changed, nil
}

// notModified returns cached, revalidated by a 304 answer.
func (f *Fetcher) notModified(u *url.URL, resp *http.Response, cached *factcheck.Page, now time.Time) (*factcheck.Page, bool, error) {
	p := *cached
	p.URL = u.String()
	p.FetchedAt = now
	p.Status = resp.StatusCode
	p.Err = ""
	if v := resp.Header.Get("ETag"); v != "" {
		p.ETag = v
	}
	if v := resp.Header.Get("Last-Modified"); v != "" {
		p.LastModified = v
	}
	// The body is unchanged but the fetch date is not, and AsOf may rest
	// on it: describe again, as a 200 with the same body would.
	if err := describe(&p); err != nil {
		return nil, false, fmt.Errorf("fetch %s: cached page: %w", u, err)
	}
	return &p, false, nil
}

func (f *Fetcher) tooLarge(u *url.URL) error {
	return fmt.Errorf("fetch %s: %w: page is larger than %d bytes", u, ErrTooLarge, f.cfg.MaxBody)
}

// requestError describes a failed request or body read, naming a timeout
// as one rather than as a bare "context deadline exceeded".
func (f *Fetcher) requestError(ctx context.Context, u *url.URL, err error) error {
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("fetch %s: no complete response within %v: %w", u, f.cfg.Timeout, context.DeadlineExceeded)
	}
	// url.Error repeats the method and URL, which the message already names.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("fetch %s: %w", u, err)
}

// checkRedirect stops redirect loops and long redirect chains.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	next := req.URL.String()
	for _, v := range via {
		if v.URL.String() == next {
			chain := make([]string, 0, len(via)+1)
			for _, v := range via {
				chain = append(chain, v.URL.String())
			}
			return fmt.Errorf("%w: %s", ErrRedirectLoop, strings.Join(append(chain, next), " -> "))
		}
	}
	if len(via) > f.cfg.MaxRedirects {
		return fmt.Errorf("%w: more than %d, last to %s", ErrTooManyRedirects, f.cfg.MaxRedirects, next)
	}
	return nil
}

// hostLimit returns the semaphore bounding requests to u's host.
func (f *Fetcher) hostLimit(u *url.URL) *semaphore.Weighted {
	port := u.Port()
	if port == "" {
		port = "80"
		if u.Scheme == "https" {
			port = "443"
		}
	}
	key := net.JoinHostPort(strings.ToLower(u.Hostname()), port)
	f.mu.Lock()
	defer f.mu.Unlock()
	sem, ok := f.hosts[key]
	if !ok {
		sem = semaphore.NewWeighted(int64(f.cfg.PerHost))
		f.hosts[key] = sem
	}
	return sem
}

// retryWait says whether err is worth another attempt and how long to wait
// before it.
func (f *Fetcher) retryWait(err error, attempt int) (time.Duration, bool) {
	var se *StatusError
	if errors.As(err, &se) {
		if !se.Temporary() {
			return 0, false
		}
		if se.retryAfter > 0 {
			return min(se.retryAfter, f.cfg.MaxRetryAfter), true
		}
		return f.backoff(attempt), true
	}
	if !transient(err) {
		return 0, false
	}
	return f.backoff(attempt), true
}

// backoff is BaseBackoff doubled per attempt, capped by MaxRetryAfter,
// with "equal jitter": half fixed, half random, so that fetchers retrying
// together spread out without any wait collapsing to nothing.
func (f *Fetcher) backoff(attempt int) time.Duration {
	d := f.cfg.MaxRetryAfter
	if attempt < 30 {
		d = min(f.cfg.BaseBackoff<<attempt, f.cfg.MaxRetryAfter)
	}
	half := d / 2
	if rest := d - half; rest > 0 {
		return half + rand.N(rest)
	}
	return d
}

// transient reports whether a request error may go away on its own.
func transient(err error) bool {
	switch {
	case errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.ECONNREFUSED),
		errors.Is(err, syscall.ECONNABORTED),
		errors.Is(err, syscall.EPIPE),
		errors.Is(err, syscall.ETIMEDOUT):
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTimeout || dnsErr.IsTemporary
	}
	var netErr net.Error
	return errors.As(err, &netErr) && netErr.Timeout()
}

// parseHTTPURL parses raw as an absolute http or https URL, without its
// fragment, which names a part of a page and not a different page.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("invalid URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("unsupported URL scheme %q (want http or https)", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("URL has no host")
	}
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}
