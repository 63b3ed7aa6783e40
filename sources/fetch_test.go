package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
)

// waits records the waits a Fetcher asks for instead of spending them.
type waits struct {
	mu sync.Mutex // guards d
	d  []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.mu.Unlock()
	return ctx.Err()
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.d...)
}

// testFetcher returns a Fetcher with a short timeout whose waits between
// attempts are recorded, not spent, unless cfg sets its own Sleep.
func testFetcher(cfg Config) (*Fetcher, *waits) {
	w := new(waits)
	if cfg.Sleep == nil {
		cfg.Sleep = w.sleep
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 2 * time.Second
	}
	return New(cfg), w
}

// serve starts a loopback server for the test.
func serve(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// setType sets the response's Content-Type; "" sends none at all (the
// server would otherwise sniff one).
func setType(w http.ResponseWriter, ct string) {
	if ct == "" {
		w.Header()["Content-Type"] = nil
		return
	}
	w.Header().Set("Content-Type", ct)
}

func TestFetchPages(t *testing.T) {
	fetched := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, file, contentType string
		path                    string
		wantType, title, lang   string
		asOf                    time.Time
		contains                string
	}{
		{"english html", "nato_en.html", "text/html; charset=utf-8", "/en.html",
			typeHTML, "NATO member countries | Alliance Facts", "en", time.Date(2024, 3, 7, 9, 30, 0, 0, time.UTC), "Country: Belgium; Accession: 1949"},
		{"arabic html without charset", "nato_ar.html", "text/html", "/ar.html",
			typeHTML, "حلف شمال الأطلسي (الناتو): الدول الأعضاء وتاريخ الانضمام", "ar", time.Date(2024, 10, 2, 0, 0, 0, 0, time.UTC), "الدولة: تركيا; سنة الانضمام: ١٩٥٢"},
		{"windows-1256 by header", "nato_1256.html", "text/html; charset=windows-1256", "/1256",
			typeHTML, "الناتو في سطور", "ar", time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC), "تأسس حلف شمال الأطلسي عام 1949 ويضم اليوم 32 دولة."},
		{"windows-1256 by meta tag", "nato_1256.html", "text/html", "/1256-meta",
			typeHTML, "الناتو في سطور", "ar", time.Date(2024, 3, 8, 0, 0, 0, 0, time.UTC), "انضمت فنلندا إلى الحلف في 4 أبريل 2023"},
		{"markdown", "nato_notes.md", "text/markdown; charset=utf-8", "/notes",
			typeMarkdown, "NATO notes", "en", time.Date(2024, 4, 4, 0, 0, 0, 0, time.UTC), "Country: Sweden; Joined: 2024"},
		{"markdown served as text/plain", "nato_notes.md", "text/plain; charset=utf-8", "/raw/notes.md",
			typeMarkdown, "NATO notes", "en", time.Date(2024, 4, 4, 0, 0, 0, 0, time.UTC), "Country: Sweden; Joined: 2024"},
		{"text without content type", "nato_facts.txt", "", "/facts",
			typeText, "NATO in numbers", "en", time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), "1949. That year the treaty was signed in Washington."},
		{"html without content type", "nato_en.html", "", "/sniffed",
			typeHTML, "NATO member countries | Alliance Facts", "en", time.Date(2024, 3, 7, 9, 30, 0, 0, time.UTC), "Brussels, Belgium"},
		{"xhtml", "nato_en.html", "application/xhtml+xml", "/x",
			typeXHTML, "NATO member countries | Alliance Facts", "en", time.Date(2024, 3, 7, 9, 30, 0, 0, time.UTC), "Brussels, Belgium"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := testdata(t, tt.file)
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != tt.path {
					http.NotFound(w, r)
					return
				}
				if got := r.Header.Get("User-Agent"); got != DefaultUserAgent {
					t.Errorf("User-Agent = %q", got)
				}
				setType(w, tt.contentType)
				w.Header().Set("ETag", `"v1"`)
				w.Write(body)
			}))
			f, _ := testFetcher(Config{Now: func() time.Time { return fetched }})
			page, changed, err := f.Fetch(t.Context(), srv.URL+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !changed {
				t.Error("changed = false for a first fetch")
			}
			want := factcheck.Page{
				URL: srv.URL + tt.path, Title: tt.title, Lang: tt.lang, ContentType: tt.wantType,
				ETag: `"v1"`, FetchedAt: fetched, AsOf: tt.asOf, Status: 200,
			}
			got := *page
			got.Body = nil
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("page (-want +got):\n%s", diff)
			}
			if !utf8.Valid(page.Body) {
				t.Error("body is not valid UTF-8")
			}
			ps, err := Passages(page)
			if err != nil {
				t.Fatal(err)
			}
			var found bool
			for _, p := range ps {
				found = found || strings.Contains(p.Text, tt.contains)
			}
			if !found {
				t.Errorf("no passage contains %q", tt.contains)
			}
		})
	}
}

func TestFetchInvalidUTF8(t *testing.T) {
	for _, tt := range []struct {
		name, contentType string
		body              string
		want              string
	}{
		{"declared utf-8", "text/html; charset=utf-8", "<p>يضم الحلف \xff\xfe 32 دولة</p>", "يضم الحلف \uFFFD 32 دولة"},
		{"mostly utf-8, undeclared", "text/html", "<p>حلف شمال الأطلسي يضم \xc3 32 دولة منذ عام 2024</p>", "حلف شمال الأطلسي يضم \uFFFD 32 دولة منذ عام 2024"},
		{"truncated at the end", "text/plain; charset=utf-8", "NATO يضم 32 دولة \xd8", "NATO يضم 32 دولة \uFFFD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				setType(w, tt.contentType)
				fmt.Fprint(w, tt.body)
			}))
			f, _ := testFetcher(Config{})
			page, _, err := f.Fetch(t.Context(), srv.URL, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.Valid(page.Body) {
				t.Fatalf("body %q is not valid UTF-8", page.Body)
			}
			ps, err := Passages(page)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != 1 || ps[0].Text != tt.want {
				t.Errorf("passages = %+v, want one reading %q", ps, tt.want)
			}
		})
	}
}

func TestFetchRejects(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
	for _, tt := range []struct {
		name, contentType string
		status            int
		body              []byte
		want              error
		mention           string
	}{
		{"pdf", "application/pdf", 200, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ErrUnsupportedType, "application/pdf"},
		{"png", "image/png", 200, png, ErrUnsupportedType, "image/png"},
		{"json", "application/json; charset=utf-8", 200, []byte(`{"members": 32}`), ErrUnsupportedType, "application/json"},
		{"sniffed png", "", 200, png, ErrUnsupportedType, "image/png"},
		{"png labelled html", "text/html", 200, png, ErrBinary, "image/png"},
		{"NUL bytes in text", "text/plain", 200, []byte("members\x00\x00\x0032"), ErrBinary, "NUL"},
		{"8-bit text without charset", "text/plain", 200, []byte("\xc7\xe1\xcd\xe1\xdd \xc7\xe1\xc3\xd8\xe1\xd3\xed"), ErrBinary, "not UTF-8"},
		{"empty", "text/html", 200, nil, ErrEmpty, "empty"},
		{"no content", "text/html", 204, nil, ErrEmpty, "empty"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				setType(w, tt.contentType)
				w.WriteHeader(tt.status)
				w.Write(tt.body)
			}))
			f, _ := testFetcher(Config{})
			u := srv.URL + "/doc"
			_, _, err := f.Fetch(t.Context(), u, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if msg := err.Error(); !strings.Contains(msg, u) || !strings.Contains(msg, tt.mention) {
				t.Errorf("error %q does not name %s and %q", msg, u, tt.mention)
			}
			if got := hits.Load(); got != 1 {
				t.Errorf("%d requests, want 1 (no retry)", got)
			}
		})
	}
}

func TestFetchTooLarge(t *testing.T) {
	const limit = 1024
	for _, tt := range []struct {
		name    string
		size    int
		chunked bool // no Content-Length: the cap applies while reading
		ok      bool
	}{
		{"at the cap", limit, false, true},
		{"declared length over the cap", 4 * limit, false, false},
		{"streamed over the cap", 64 * limit, true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				body := bytes.Repeat([]byte("32 members. "), tt.size/12+1)[:tt.size]
				if !tt.chunked {
					w.Header().Set("Content-Length", strconv.Itoa(len(body)))
					w.Write(body)
					return
				}
				for len(body) > 0 {
					n := min(len(body), 1000)
					if _, err := w.Write(body[:n]); err != nil {
						return
					}
					w.(http.Flusher).Flush()
					body = body[n:]
				}
			}))
			f, _ := testFetcher(Config{MaxBody: limit})
			page, _, err := f.Fetch(t.Context(), srv.URL, nil)
			if tt.ok {
				if err != nil || len(page.Body) != limit {
					t.Fatalf("Fetch = %v, %v; want a page of %d bytes", page, err, limit)
				}
				return
			}
			if !errors.Is(err, ErrTooLarge) {
				t.Fatalf("error = %v, want ErrTooLarge", err)
			}
			if !strings.Contains(err.Error(), "larger than 1024 bytes") {
				t.Errorf("error %q does not give the cap", err)
			}
		})
	}
}

func TestFetchTimeout(t *testing.T) {
	for _, tt := range []struct {
		name     string
		trickle  bool // send headers, then the body too slowly
		attempts int32
	}{
		{"no response", false, 2},
		{"slow body", true, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if tt.trickle {
					w.Header().Set("Content-Type", "text/plain")
					for {
						if _, err := w.Write([]byte("32 ")); err != nil {
							return
						}
						w.(http.Flusher).Flush()
						select {
						case <-r.Context().Done():
							return
						case <-time.After(20 * time.Millisecond):
						}
					}
				}
				<-r.Context().Done()
			}))
			f, _ := testFetcher(Config{Timeout: 100 * time.Millisecond, Retries: 1})
			start := time.Now()
			_, _, err := f.Fetch(t.Context(), srv.URL, nil)
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("error = %v, want a timeout", err)
			}
			if !strings.Contains(err.Error(), "no complete response within 100ms") {
				t.Errorf("error %q does not say it timed out", err)
			}
			if elapsed := time.Since(start); elapsed > 2*time.Second {
				t.Errorf("took %v", elapsed)
			}
			if got := hits.Load(); got != tt.attempts {
				t.Errorf("%d requests, want %d", got, tt.attempts)
			}
		})
	}
}

func TestFetchRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/loop/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop/b", http.StatusFound) })
	mux.HandleFunc("/loop/b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop/a", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		n, _ := strconv.Atoi(r.PathValue("n"))
		if n == 0 {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "NATO has 32 members.")
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n-1), http.StatusFound)
	})
	srv := serve(t, mux)
	for _, tt := range []struct {
		name, path string
		want       error
	}{
		{"within the cap", "/chain/3", nil},
		{"over the cap", "/chain/4", ErrTooManyRedirects},
		{"loop", "/loop/a", ErrRedirectLoop},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f, w := testFetcher(Config{MaxRedirects: 3})
			page, _, err := f.Fetch(t.Context(), srv.URL+tt.path, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error = %v, want %v", err, tt.want)
			}
			if len(w.all()) != 0 {
				t.Errorf("retried a redirect error: %v", w.all())
			}
			if err != nil {
				if !strings.Contains(err.Error(), srv.URL+tt.path) {
					t.Errorf("error %q does not name the URL", err)
				}
				return
			}
			if page.URL != srv.URL+tt.path {
				t.Errorf("URL = %q, want the URL asked for", page.URL)
			}
		})
	}
	t.Run("loop message", func(t *testing.T) {
		f, _ := testFetcher(Config{})
		_, _, err := f.Fetch(t.Context(), srv.URL+"/loop/a", nil)
		want := fmt.Sprintf("redirect loop: %[1]s/loop/a -> %[1]s/loop/b -> %[1]s/loop/a", srv.URL)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v, want it to contain %q", err, want)
		}
	})
}

func TestFetchRetries(t *testing.T) {
	now := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	type reply struct {
		status     int
		retryAfter string
	}
	ok := reply{status: 200}
	for _, tt := range []struct {
		name    string
		replies []reply // the last one repeats
		status  int     // of the error, 0 for success
		waits   []time.Duration
	}{
		{"500 then 200", []reply{{status: 500}, ok}, 0, []time.Duration{250 * time.Millisecond}},
		{"503 throughout", []reply{{status: 503}}, 503,
			[]time.Duration{250 * time.Millisecond, 500 * time.Millisecond, time.Second}},
		{"429 with Retry-After seconds", []reply{{429, "1"}, ok}, 0, []time.Duration{time.Second}},
		{"429 with Retry-After date", []reply{{429, now.Add(3 * time.Second).Format(http.TimeFormat)}, ok}, 0, []time.Duration{3 * time.Second}},
		{"Retry-After capped", []reply{{503, "3600"}, ok}, 0, []time.Duration{5 * time.Second}},
		{"Retry-After in the past", []reply{{503, now.Add(-time.Hour).Format(http.TimeFormat)}, ok}, 0, []time.Duration{250 * time.Millisecond}},
		{"404 not retried", []reply{{status: 404}}, 404, nil},
		{"403 not retried", []reply{{status: 403}}, 403, nil},
		{"501 not retried", []reply{{status: 501}}, 501, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				rep := tt.replies[min(int(hits.Add(1))-1, len(tt.replies)-1)]
				if rep.retryAfter != "" {
					w.Header().Set("Retry-After", rep.retryAfter)
				}
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(rep.status)
				fmt.Fprint(w, "NATO has 32 members.")
			}))
			f, w := testFetcher(Config{MaxRetryAfter: 5 * time.Second, Now: func() time.Time { return now }})
			page, _, err := f.Fetch(t.Context(), srv.URL, nil)
			if tt.status == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if page.Status != 200 {
					t.Errorf("Status = %d", page.Status)
				}
			} else {
				var se *StatusError
				if !errors.As(err, &se) || se.Code != tt.status {
					t.Fatalf("error = %v, want a *StatusError %d", err, tt.status)
				}
				if !strings.Contains(err.Error(), srv.URL) {
					t.Errorf("error %q does not name the URL", err)
				}
			}
			if got, want := int(hits.Load()), len(tt.waits)+1; got != want {
				t.Errorf("%d requests, want %d", got, want)
			}
			got := w.all()
			if len(got) != len(tt.waits) {
				t.Fatalf("waits = %v, want %v", got, tt.waits)
			}
			for i, d := range got {
				// Backoff waits are jittered between d and 2d; Retry-After
				// waits are exact.
				if lo := tt.waits[i]; d < lo || d > 2*lo {
					t.Errorf("wait %d = %v, want %v (or up to twice that for backoff)", i, d, lo)
				}
			}
		})
	}
}

// TestFetchRetryAfterWaits checks that a Retry-After wait is really spent.
func TestFetchRetryAfterWaits(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "NATO has 32 members.")
	}))
	start := time.Now()
	if _, _, err := New(Config{}).Fetch(t.Context(), srv.URL, nil); err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Errorf("retried after %v, before the 1s Retry-After", elapsed)
	}
}

func TestFetchTransientNetworkError(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close() // the connection drops without a response
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "NATO has 32 members.")
	}))
	f, w := testFetcher(Config{})
	if _, _, err := f.Fetch(t.Context(), srv.URL, nil); err != nil {
		t.Fatal(err)
	}
	if got := hits.Load(); got != 2 || len(w.all()) != 1 {
		t.Errorf("%d requests and waits %v, want 2 requests and one wait", got, w.all())
	}
}

func TestFetchRevalidate(t *testing.T) {
	const lastModified = "Wed, 21 Feb 2024 07:28:00 GMT"
	first := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	second := first.Add(24 * time.Hour)
	for _, tt := range []struct {
		name       string
		etag       string // sent by the server; "" for none
		lastMod    bool   // whether the server sends Last-Modified
		honour     bool   // whether the server answers conditions with 304
		newBody    bool   // whether the body changes before the second fetch
		wantStatus int
		changed    bool
		asOf       time.Time // of the second fetch
	}{
		{"ETag", `"v1"`, false, true, false, 304, false, second},
		{"Last-Modified", "", true, true, false, 304, false, time.Date(2024, 2, 21, 7, 28, 0, 0, time.UTC)},
		{"conditions ignored, same body", `"v1"`, false, false, false, 200, false, second},
		{"changed body", `"v1"`, false, false, true, 200, true, second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			var conditions sync.Map // request number → its condition headers
			srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				n := hits.Add(1)
				conditions.Store(n, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
				if tt.etag != "" {
					w.Header().Set("ETag", tt.etag)
				}
				if tt.lastMod {
					w.Header().Set("Last-Modified", lastModified)
				}
				if tt.honour && n > 1 && (r.Header.Get("If-None-Match") == tt.etag && tt.etag != "" ||
					r.Header.Get("If-Modified-Since") == lastModified) {
					w.WriteHeader(http.StatusNotModified)
					return
				}
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				fmt.Fprintf(w, "<title>Members</title><p>NATO has %d members.</p>", map[bool]int{false: 32, true: 33}[tt.newBody && n > 1])
			}))
			f1, _ := testFetcher(Config{Now: func() time.Time { return first }})
			cached, changed, err := f1.Fetch(t.Context(), srv.URL, nil)
			if err != nil || !changed {
				t.Fatalf("first Fetch = %v, %v", changed, err)
			}
			// The next run has a new Fetcher, and the page from the store.
			f2, _ := testFetcher(Config{Now: func() time.Time { return second }})
			page, changed, err := f2.Fetch(t.Context(), srv.URL, cached)
			if err != nil {
				t.Fatal(err)
			}
			want := "|"
			if tt.etag != "" {
				want = tt.etag + "|"
			}
			if tt.lastMod {
				want += lastModified
			}
			if got, _ := conditions.Load(int32(2)); got != want {
				t.Errorf("conditions sent = %q, want %q", got, want)
			}
			if changed != tt.changed {
				t.Errorf("changed = %v, want %v", changed, tt.changed)
			}
			if page.Status != tt.wantStatus || !page.FetchedAt.Equal(second) || !page.AsOf.Equal(tt.asOf) {
				t.Errorf("Status, FetchedAt, AsOf = %d, %v, %v; want %d, %v, %v", page.Status, page.FetchedAt, page.AsOf, tt.wantStatus, second, tt.asOf)
			}
			if page.Title != "Members" || page.ETag != tt.etag {
				t.Errorf("Title, ETag = %q, %q", page.Title, page.ETag)
			}
			if got := bytes.Contains(page.Body, []byte("33 members")); got != tt.newBody {
				t.Errorf("body = %q", page.Body)
			}
		})
	}
}

func TestFetchOnce(t *testing.T) {
	var hits atomic.Int32
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		time.Sleep(50 * time.Millisecond) // let every caller arrive while it runs
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "NATO has 32 members.")
	}))
	f, _ := testFetcher(Config{})
	const callers = 20
	pages := make([]*factcheck.Page, callers)
	errs := make([]error, callers)
	var wg sync.WaitGroup
	for i := range callers {
		u := srv.URL + "/page"
		if i%2 == 1 {
			u += "#section-" + strconv.Itoa(i) // a part of the same page
		}
		wg.Go(func() { pages[i], _, errs[i] = f.Fetch(t.Context(), u, nil) })
	}
	wg.Wait()
	for i := range callers {
		if errs[i] != nil {
			t.Fatalf("caller %d: %v", i, errs[i])
		}
		if string(pages[i].Body) != "NATO has 32 members." {
			t.Errorf("caller %d: body %q", i, pages[i].Body)
		}
		if want := srv.URL + "/page"; !strings.HasPrefix(pages[i].URL, want) {
			t.Errorf("caller %d: URL %q", i, pages[i].URL)
		}
	}
	if _, _, err := f.Fetch(t.Context(), srv.URL+"/page", nil); err != nil {
		t.Fatal(err)
	}
	if got := hits.Load(); got != 1 {
		t.Errorf("%d requests for one URL, want 1", got)
	}
	// Failures are remembered too.
	for range 3 {
		if _, _, err := f.Fetch(t.Context(), srv.URL+"/missing", nil); err == nil {
			t.Fatal("no error for a missing page")
		}
	}
	if got := hits.Load(); got != 2 {
		t.Errorf("%d requests in all, want 2", got)
	}
}

func TestFetchPerHost(t *testing.T) {
	var inFlight, peak atomic.Int32
	srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(50 * time.Millisecond)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintf(w, "Page %s.", r.URL.Path)
	}))
	f, _ := testFetcher(Config{PerHost: 2})
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() { _, _, errs[i] = f.Fetch(t.Context(), fmt.Sprintf("%s/p%d", srv.URL, i), nil) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("page %d: %v", i, err)
		}
	}
	if got := peak.Load(); got != 2 {
		t.Errorf("at most %d requests in flight, want 2", got)
	}
}

func TestFetchCancel(t *testing.T) {
	t.Run("during a request", func(t *testing.T) {
		srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
		f, _ := testFetcher(Config{Timeout: 10 * time.Second})
		ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, _, err := f.Fetch(ctx, srv.URL, nil)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("error = %v, want the context's", err)
		}
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("returned after %v", elapsed)
		}
	})
	t.Run("during backoff", func(t *testing.T) {
		srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
		f := New(Config{BaseBackoff: 10 * time.Second, MaxRetryAfter: 20 * time.Second})
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := f.Fetch(ctx, srv.URL, nil)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("error = %v, want context.Canceled", err)
		}
		if elapsed := time.Since(start); elapsed > time.Second {
			t.Errorf("returned after %v", elapsed)
		}
	})
	t.Run("first caller gives up, second does not", func(t *testing.T) {
		var hits atomic.Int32
		srv := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "NATO has 32 members.")
		}))
		f, _ := testFetcher(Config{})
		first, cancel := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { _, _, err := f.Fetch(first, srv.URL, nil); done <- err }()
		for hits.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		second := make(chan error, 1)
		go func() { _, _, err := f.Fetch(t.Context(), srv.URL, nil); second <- err }()
		time.Sleep(20 * time.Millisecond) // the second caller joins the first's request
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("first caller: %v, want context.Canceled", err)
		}
		if err := <-second; err != nil {
			t.Errorf("second caller: %v", err)
		}
		if _, _, err := f.Fetch(t.Context(), srv.URL, nil); err != nil {
			t.Fatal(err)
		}
		if got := hits.Load(); got != 2 {
			t.Errorf("%d requests, want 2 (one abandoned, one shared)", got)
		}
	})
}

func TestFetchBadURL(t *testing.T) {
	f, _ := testFetcher(Config{})
	for _, u := range []string{"ftp://example.org/x", "http://", "example.org/page", "http://exa mple.org/", "file:///etc/passwd"} {
		_, _, err := f.Fetch(t.Context(), u, nil)
		if err == nil || !strings.Contains(err.Error(), u) {
			t.Errorf("Fetch(%q) error = %v, want one naming the URL", u, err)
		}
	}
}

func TestNewDefaults(t *testing.T) {
	client := &http.Client{}
	f := New(Config{Client: client, MaxRedirects: -1, Retries: -1})
	if client.CheckRedirect != nil {
		t.Error("New modified the caller's client")
	}
	got := f.cfg
	got.Client, got.Logger, got.Now, got.Sleep = nil, nil, nil, nil
	want := Config{UserAgent: DefaultUserAgent, Timeout: 30 * time.Second, MaxBody: 8 << 20, MaxRedirects: 0, PerHost: 4,
		Retries: 0, BaseBackoff: 500 * time.Millisecond, MaxRetryAfter: 30 * time.Second}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("config (-want +got):\n%s", diff)
	}
	if New(Config{}).client.Transport == nil {
		t.Error("default client has no transport of its own")
	}
}
