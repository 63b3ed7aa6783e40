package main

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// referenceServer serves the offline reference pack over HTTP with ETags
// and Last-Modified, as a real site would, plus hostile pages; it counts
// requests and 304 answers, and may delay every answer.
type referenceServer struct {
	*httptest.Server
	requests, notModified atomic.Int64
	delay                 time.Duration
}

func newReferenceServer(t *testing.T, dir string, delay time.Duration) *referenceServer {
	t.Helper()
	rs := &referenceServer{delay: delay}
	var flaky atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/ref/", func(w http.ResponseWriter, r *http.Request) {
		rs.requests.Add(1)
		if rs.delay > 0 {
			select {
			case <-time.After(rs.delay):
			case <-r.Context().Done():
				return
			}
		}
		name := filepath.Base(r.URL.Path)
		body, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			rs.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		ct := "text/html; charset=utf-8"
		if !strings.HasSuffix(name, ".html") {
			ct = "text/plain; charset=utf-8"
		}
		w.Header().Set("Content-Type", ct)
		w.Write(body)
	})
	mux.HandleFunc("/flaky", func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 {
			http.Error(w, "try again", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><body><p>The Warsaw Pact was founded in May 1955.</p></body></html>")
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4 binary"))
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	rs.Server = httptest.NewServer(mux)
	t.Cleanup(rs.Close)
	return rs
}

// writeSourceList writes a .list naming every page of dir on the server,
// and the hostile pages.
func (rs *referenceServer) writeSourceList(t *testing.T, dir string, hostile bool) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# reference pack served on loopback\n")
	for _, e := range entries {
		fmt.Fprintf(&b, "%s/ref/%s\n", rs.URL, e.Name())
	}
	if hostile {
		fmt.Fprintf(&b, "%s/flaky\n%s/pdf\n%s/loop\n%s/ref/missing.html\n", rs.URL, rs.URL, rs.URL, rs.URL)
	}
	list := filepath.Join(t.TempDir(), "sources.list")
	if err := os.WriteFile(list, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestRunOverHTTP runs twice against the reference pack served on
// loopback: the first run fetches every page once, the second revalidates
// them (304) and stores nothing new; hostile sources fail without failing
// the run; an unreadable article fails alone.
func TestRunOverHTTP(t *testing.T) {
	if _, err := os.Stat("../../../shared/seeds"); err != nil {
		t.Skip("../shared/seeds not available")
	}
	rs := newReferenceServer(t, "../../seeds/reference", 0)
	list := rs.writeSourceList(t, "../../seeds/reference", true)
	dir := t.TempDir()
	db := filepath.Join(dir, "fc.db")
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\x00\x01binary"), 0o644)
	args := []string{"run", "--db", db, "--sources", list, "--fetch-timeout", "5s", "../../../shared/seeds/000_208f1a9ab0d9deac.txt", bad}

	code, out, errOut := runCmd(t, args...)
	if code != exitSomeFailed {
		t.Fatalf("first run: exit %d, want %d (one bad input)\n%s\n%s", code, exitSomeFailed, out, errOut)
	}
	pages := countFiles(t, "../../seeds/reference")
	if !strings.Contains(out, fmt.Sprintf("sources: %d fetched, 0 unchanged, 3 failed", pages+1)) {
		t.Errorf("first run summary:\n%s", out)
	}
	if !strings.Contains(out, "bad.txt") {
		t.Errorf("summary does not name the bad input:\n%s", out)
	}
	first := rs.requests.Load()
	if first != int64(pages+1) { // every page once, plus the missing one
		t.Errorf("first run made %d requests to the pack, want %d", first, pages+1)
	}
	r1 := loadJSONReport(t, db)

	code, out, _ = runCmd(t, args...)
	if code != exitSomeFailed {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	if got := rs.notModified.Load(); got != int64(pages) {
		t.Errorf("second run: %d answers 304, want %d", got, pages)
	}
	if !strings.Contains(out, "1 checked (1 unchanged, results reused)") {
		t.Errorf("second run did not reuse the unchanged article's results:\n%s", out)
	}
	// every page answers 304; the flaky page has no ETag and comes back the same
	if !strings.Contains(out, fmt.Sprintf("sources: 0 fetched, %d unchanged, 3 failed", pages+1)) {
		t.Errorf("second run summary:\n%s", out)
	}
	r2 := loadJSONReport(t, db)
	if len(r1.Documents) != 1 || len(r2.Documents) != 1 || len(r1.Documents[0].Claims) != len(r2.Documents[0].Claims) {
		t.Fatalf("reports differ: %d/%d documents", len(r1.Documents), len(r2.Documents))
	}
	for i, c := range r1.Documents[0].Claims {
		if d := r2.Documents[0].Claims[i]; c.ID != d.ID || c.Verdict != d.Verdict {
			t.Errorf("claim %q: %s/%s then %s/%s", c.Span, c.ID, c.Verdict, d.ID, d.Verdict)
		}
	}
	if n := countRows(t, db, "SELECT count(*) FROM claims"); n != len(r1.Documents[0].Claims) {
		t.Errorf("%d claims stored, want %d: running twice must add nothing", n, len(r1.Documents[0].Claims))
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

func countRows(t *testing.T, db, query string) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// startChild runs factcheck in a child process (this test binary, see
// TestMain).
func startChild(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FACTCHECK_TEST_MAIN=1")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

// TestKilledRunResumes kills runs with SIGKILL at several moments, then
// runs to completion: the store stays consistent, the killed runs are
// marked interrupted, and the finished run holds every article exactly
// once.
func TestKilledRunResumes(t *testing.T) {
	if _, err := os.Stat("../../../shared/seeds"); err != nil {
		t.Skip("../shared/seeds not available")
	}
	rs := newReferenceServer(t, "../../seeds/reference", 40*time.Millisecond)
	list := rs.writeSourceList(t, "../../seeds/reference", false)
	db := filepath.Join(t.TempDir(), "fc.db")
	args := []string{"run", "--db", db, "--sources", list, "--concurrency", "2", "../../../shared/seeds", "../../seeds/articles"}
	for _, after := range []time.Duration{150 * time.Millisecond, 400 * time.Millisecond, 700 * time.Millisecond} {
		cmd, out := startChild(t, args...)
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		t.Logf("killed after %s:\n%s", after, out.String())
	}
	rs.delay = 0
	cmd, out := startChild(t, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run after kills: %v\n%s", err, out.String())
	}
	if n := countRows(t, db, "SELECT count(*) FROM runs WHERE status = 'running'"); n != 0 {
		t.Errorf("%d runs still marked running", n)
	}
	if n := countRows(t, db, "SELECT count(*) FROM runs WHERE status = 'interrupted'"); n < 1 {
		t.Errorf("no killed run marked interrupted")
	}
	if ok := countRows(t, db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"); ok != 1 {
		t.Errorf("integrity_check failed")
	}
	r := loadJSONReport(t, db)
	if r.Run.Status != "complete" {
		t.Errorf("last run %s", r.Run.Status)
	}
	articles := countFiles(t, "../../../shared/seeds") + countFiles(t, "../../seeds/articles") - 1 // labels.json
	if len(r.Documents) != articles {
		t.Errorf("last run reports %d documents, want %d", len(r.Documents), articles)
	}
	seen := map[string]bool{}
	for _, d := range r.Documents {
		for _, c := range d.Claims {
			if seen[c.ID] {
				t.Errorf("claim %s reported twice", c.ID)
			}
			seen[c.ID] = true
			if c.Verdict == "" {
				t.Errorf("claim %s has no verdict", c.ID)
			}
		}
	}
	if n := countRows(t, db, "SELECT count(*) FROM (SELECT id FROM claims GROUP BY id HAVING count(*) > 1)"); n != 0 {
		t.Errorf("%d duplicated claims", n)
	}
}

// TestSIGTERMInterrupts ends a run with SIGTERM: it stops cleanly, exits 3
// and the run is marked interrupted.
func TestSIGTERMInterrupts(t *testing.T) {
	if _, err := os.Stat("../../../shared/seeds"); err != nil {
		t.Skip("../shared/seeds not available")
	}
	rs := newReferenceServer(t, "../../seeds/reference", 200*time.Millisecond)
	list := rs.writeSourceList(t, "../../seeds/reference", false)
	db := filepath.Join(t.TempDir(), "fc.db")
	cmd, out := startChild(t, "run", "--db", db, "--sources", list, "--concurrency", "1", "../../../shared/seeds")
	time.Sleep(500 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	exitErr, ok := err.(*exec.ExitError)
	if !ok || exitErr.ExitCode() != exitRunFailed {
		t.Fatalf("after SIGTERM: %v, want exit %d\n%s", err, exitRunFailed, out.String())
	}
	if n := countRows(t, db, "SELECT count(*) FROM runs WHERE status = 'interrupted'"); n != 1 {
		t.Errorf("%d runs interrupted, want 1\n%s", n, out.String())
	}
}
