package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	fchttp "github.com/newsroom/factcheck/http"
	"github.com/newsroom/factcheck/sqlite"
)

// reviewServer serves the review UI over the store at path, as `factcheck
// serve` does, on a loopback test server.
func reviewServer(t *testing.T, path string) (*httptest.Server, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	srv := &fchttp.Server{Store: db}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, db
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func fetch(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := noRedirect.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func postForm(u string, form url.Values, origin string) (int, error) {
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := noRedirect.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

// TestServeRealStore drives the review UI's handlers over a real SQLite
// file filled by the real pipeline.
func TestServeRealStore(t *testing.T) {
	path, _ := reviewFixture(t)
	items := listReview(t, path)
	sweden := findSpan(t, items, "7 March 2023")
	ts, db := reviewServer(t, path)

	code, body := fetch(t, ts.URL+"/")
	if code != http.StatusOK {
		t.Fatalf("queue: status %d", code)
	}
	for _, it := range items {
		if !strings.Contains(body, `id="c-`+it.ID+`"`) {
			t.Errorf("queue lacks flagged claim %s (%s)", it.ID, it.Span)
		}
	}
	if strings.Contains(body, "<script>alert(1)</script>") || !strings.Contains(body, "NATO at 75 &lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("queue does not escape the article's title")
	}
	if !strings.Contains(body, fmt.Sprintf("<strong>0</strong> reviewed · <strong>%d</strong> remaining", len(items))) {
		t.Errorf("queue counts wrong")
	}

	code, body = fetch(t, ts.URL+"/claims/"+sweden.ID)
	for _, want := range []string{
		`<dd class="correction" id="correction" dir="auto">2024-03-07</dd>`,
		"Sweden joined NATO on 7 March 2024",
		"testdata/review/reference/nato_members.html",
		"as of <time>2024-07-01</time>",
		"&lt;script&gt;alert(1)&lt;/script&gt;",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("claim page lacks %q", want)
		}
	}
	if code != http.StatusOK || strings.Contains(body, "<script>alert(1)</script>") {
		t.Errorf("claim page: status %d, or unescaped script", code)
	}
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no form token on the claim page")
	}
	form := url.Values{"csrf": {m[1]}, "claim": {sweden.ID}, "decision": {"confirmed_error"}, "by": {"lina"}, "note": {"2024"}}

	// A cross-site POST is refused and changes nothing.
	for _, tt := range []struct {
		name   string
		form   url.Values
		origin string
	}{
		{"foreign origin", form, "https://evil.example"},
		{"no form token", url.Values{"claim": {sweden.ID}, "decision": {"dismissed"}, "by": {"x"}}, ts.URL},
	} {
		if code, err := postForm(ts.URL+"/review", tt.form, tt.origin); err != nil || code != http.StatusForbidden {
			t.Errorf("%s: status %d, %v; want 403", tt.name, code, err)
		}
	}
	if rs, err := db.Reviews(t.Context(), sweden.ID); err != nil || len(rs) != 0 {
		t.Fatalf("refused POSTs stored %+v, %v", rs, err)
	}

	if code, err := postForm(ts.URL+"/review", form, ts.URL); err != nil || code != http.StatusSeeOther {
		t.Fatalf("POST: status %d, %v; want 303", code, err)
	}
	rs, err := db.Reviews(t.Context(), sweden.ID)
	if err != nil || len(rs) != 1 || rs[0].Decision != "confirmed_error" || rs[0].By != "lina" || rs[0].Note != "2024" || rs[0].At.IsZero() {
		t.Fatalf("stored %+v, %v", rs, err)
	}
	_, body = fetch(t, ts.URL+"/?state=reviewed")
	if !strings.Contains(body, `id="c-`+sweden.ID+`"`) || !strings.Contains(body, "Confirmed error</span><br><small>lina") {
		t.Errorf("reviewed queue does not show the decision")
	}
	if got := findSpan(t, listReview(t, path), "7 March 2023"); got.Review == nil || got.Review.Decision != "confirmed_error" {
		t.Errorf("review list does not see the UI's decision: %+v", got.Review)
	}
}

// TestServeWhileRunning records decisions through the UI while the
// pipeline writes runs into the same file: neither may fail with
// "database is locked".
func TestServeWhileRunning(t *testing.T) {
	path, dir := reviewFixture(t)
	items := listReview(t, path)
	ts, db := reviewServer(t, path)
	_, body := fetch(t, ts.URL+"/")
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no form token in the queue")
	}

	var g errgroup.Group
	g.Go(func() error {
		for i := 0; i < 4; i++ {
			var out, errOut bytes.Buffer
			if code := dispatch(context.Background(), []string{"run", "--db", path, "--flag-unverified",
				"--sources", "testdata/review/reference", "--aliases", "testdata/review/aliases.txt", dir}, &out, &errOut); code != exitOK {
				return fmt.Errorf("run %d: exit %d: %s", i, code, errOut.String())
			}
		}
		return nil
	})
	const writers, each = 3, 10
	for w := 0; w < writers; w++ {
		g.Go(func() error {
			for i := 0; i < each; i++ {
				it := items[(w+i)%len(items)]
				form := url.Values{"csrf": {m[1]}, "claim": {it.ID}, "decision": {"needs_research"}, "by": {fmt.Sprintf("editor%d", w)}}
				code, err := postForm(ts.URL+"/review", form, ts.URL)
				if err != nil || code != http.StatusSeeOther {
					return fmt.Errorf("POST %d/%d: status %d, %v", w, i, code, err)
				}
				resp, err := http.Get(ts.URL + "/?scope=all")
				if err != nil {
					return err
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					return fmt.Errorf("GET queue: status %d", resp.StatusCode)
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, it := range items {
		rs, err := db.Reviews(t.Context(), it.ID)
		if err != nil {
			t.Fatal(err)
		}
		total += len(rs)
	}
	if total != writers*each {
		t.Errorf("%d decisions stored, want %d", total, writers*each)
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex // guards buf
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeCommand(t *testing.T) {
	path, _ := reviewFixture(t)

	// Beyond loopback without a token: refused before listening.
	t.Setenv("FACTCHECK_TOKEN", "")
	code, _, errOut := runCmd(t, "serve", "--db", path, "--addr", "0.0.0.0:0")
	if code != exitUsage || !strings.Contains(errOut, "--token") {
		t.Errorf("serve on 0.0.0.0 without token: exit %d, %q; want %d naming --token", code, errOut, exitUsage)
	}
	if code, _, _ := runCmd(t, "serve", "--db", path, "--addr", "nonsense"); code != exitUsage {
		t.Errorf("serve --addr nonsense: exit %d, want %d", code, exitUsage)
	}

	// With a token from the environment: every request needs it, and the
	// server stops cleanly when its context ends.
	t.Setenv("FACTCHECK_TOKEN", "tok-123")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- dispatch(ctx, []string{"serve", "--db", path, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	addrRE := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
	var base string
	for deadline := time.Now().Add(10 * time.Second); base == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := addrRE.FindStringSubmatch(stdout.String()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("serve printed no address: %q %q", stdout.String(), stderr.String())
	}
	if code, _ := fetch(t, base); code != http.StatusUnauthorized {
		t.Errorf("GET without token: status %d, want 401", code)
	}
	if code, _ := fetch(t, base+"?token=tok-123"); code != http.StatusSeeOther {
		t.Errorf("GET with token: status %d, want 303 (sign-in)", code)
	}
	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve after cancel: exit %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after its context was cancelled")
	}
}
