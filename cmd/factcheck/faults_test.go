package main

import (
	"context"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsroom/factcheck/bench"
	"github.com/newsroom/factcheck/sqlite"
)

// faultCorpus writes n generated articles, their reference pages and the
// alias table to a temporary directory, serves the pages on loopback (with
// delay per request) and returns the arguments of a run over them into db,
// with a loopback model when llmLatency is not negative.
func faultCorpus(t *testing.T, n int, db string, delay, llmLatency time.Duration) []string {
	t.Helper()
	c := bench.Generate(n, 42)
	dir := t.TempDir()
	articles, pages := filepath.Join(dir, "articles"), filepath.Join(dir, "pages")
	for _, d := range []string{articles, pages} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range c.Articles {
		if err := os.WriteFile(filepath.Join(articles, f.Name), f.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range c.Pages {
		if err := os.WriteFile(filepath.Join(pages, f.Name), f.Body, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	aliasFile := filepath.Join(dir, "aliases.txt")
	if err := os.WriteFile(aliasFile, []byte(c.Aliases), 0o644); err != nil {
		t.Fatal(err)
	}
	rs := newReferenceServer(t, pages, delay)
	args := []string{"run", "--db", db, "--sources", rs.writeSourceList(t, pages, false), "--aliases", aliasFile,
		"--concurrency", "4", "--fetch-timeout", "5s"}
	if llmLatency >= 0 {
		model := httptest.NewServer(&bench.LLM{Latency: llmLatency})
		t.Cleanup(model.Close)
		args = append(args, "--llm-model", "fake-model", "--llm-base-url", model.URL+"/v1", "--llm-concurrency", "4", "--llm-budget", "0")
	}
	return append(args, articles)
}

// checkStore opens the store at path and fails the test unless it passes
// SQLite's integrity and foreign-key checks and the search index check,
// and holds nothing twice: no claim at the same place of a document, no
// passage at the same place of a page, no input twice in a run, and no
// question the model answered asked again in a later run.
func checkStore(t *testing.T, path, when string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("%s: open: %v", when, err)
	}
	defer db.Close()
	if err := db.Integrity(context.Background()); err != nil {
		t.Errorf("%s: %v", when, err)
	}
	for _, q := range []struct{ what, query string }{
		{"duplicated claims", `SELECT count(*) FROM (SELECT 1 FROM claims GROUP BY doc_id, span_start, span_end HAVING count(*) > 1)`},
		{"duplicated passages", `SELECT count(*) FROM (SELECT 1 FROM passages GROUP BY page_url, ordinal HAVING count(*) > 1)`},
		{"inputs twice in a run", `SELECT count(*) FROM (SELECT 1 FROM run_documents GROUP BY run_id, source HAVING count(*) > 1)`},
		{"results without their claim", `SELECT count(*) FROM results r WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = r.claim_id)`},
		{"answered questions asked again in a later run",
			`SELECT count(*) FROM (SELECT 1 FROM llm_calls WHERE error = '' GROUP BY model, prompt_hash HAVING count(DISTINCT run_id) > 1)`},
	} {
		if n := countRows(t, path, q.query); n != 0 {
			t.Errorf("%s: %d %s", when, n, q.what)
		}
	}
}

// TestFaultKillResume SIGKILLs runs at random moments (seeded, so a
// failure can be replayed), checks the store after each kill, then runs to
// completion: every article is covered once and nothing is duplicated.
func TestFaultKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for ~15 s")
	}
	const articles, kills, seed = 24, 10, 20261122
	db := filepath.Join(t.TempDir(), "fc.db")
	args := faultCorpus(t, articles, db, 15*time.Millisecond, 25*time.Millisecond)
	r := rand.New(rand.NewPCG(seed, 0))
	deadline := time.Now().Add(20 * time.Second)
	finished, killed := 0, 0
	for i := range kills {
		if time.Now().After(deadline) {
			t.Logf("time's up after %d kills", i)
			break
		}
		after := time.Duration(30+r.IntN(1200)) * time.Millisecond
		cmd, out := startChild(t, args...)
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGKILL)
		killed++
		if err := cmd.Wait(); err == nil {
			finished++ // the run ended before the kill
		}
		t.Logf("kill %d after %v: %s", i+1, after, lastLines(out.String(), 1))
		checkStore(t, db, "after kill "+after.String())
		if t.Failed() {
			t.FailNow()
		}
	}
	cmd, out := startChild(t, args...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("run after the kills: %v\n%s", err, out.String())
	}
	checkStore(t, db, "after the last run")
	if n := countRows(t, db, `SELECT count(*) FROM runs WHERE status = 'running'`); n != 0 {
		t.Errorf("%d runs still marked running", n)
	}
	// A kill may land after a run finished its work but before its process
	// exited, so a run is either complete or interrupted; none is left
	// running (checked above) and the killed ones are not all complete. A
	// kill may also land before the process recorded its run at all, so
	// there may be fewer runs than processes, never more.
	interrupted := countRows(t, db, `SELECT count(*) FROM runs WHERE status = 'interrupted'`)
	complete := countRows(t, db, `SELECT count(*) FROM runs WHERE status = 'complete'`)
	if interrupted+complete > killed+1 || complete < 1 || interrupted < 1 && finished < killed {
		t.Errorf("%d runs interrupted and %d complete after %d kills (%d ended before their kill) and a last run", interrupted, complete, killed, finished)
	}
	rep := loadJSONReport(t, db)
	if rep.Run.Status != "complete" {
		t.Fatalf("last run is %s", rep.Run.Status)
	}
	if got := len(rep.Documents); got != articles {
		t.Errorf("last run reports %d documents, want %d", got, articles)
	}
	seen := map[string]bool{}
	for _, d := range rep.Documents {
		if seen[d.Source] {
			t.Errorf("document %s reported twice", d.Source)
		}
		seen[d.Source] = true
		for _, c := range d.Claims {
			if c.Verdict == "" {
				t.Errorf("%s: claim %q has no verdict", d.Source, c.Span)
			}
		}
	}
	if n := countRows(t, db, `SELECT count(*) FROM run_documents WHERE run_id = (SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1) AND status = 'verified'`); n != articles {
		t.Errorf("last run verified %d inputs, want %d", n, articles)
	}
}

// TestFaultSIGTERM ends a run with SIGTERM: it exits 3, the run is marked
// interrupted, the store is sound, and the next run completes.
func TestFaultSIGTERM(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fc.db")
	args := faultCorpus(t, 12, db, 20*time.Millisecond, 100*time.Millisecond)
	cmd, out := startChild(t, args...)
	time.Sleep(700 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != exitRunFailed {
		t.Fatalf("after SIGTERM: %v, want exit %d\n%s", err, exitRunFailed, out.String())
	}
	if !strings.Contains(out.String(), "interrupted") {
		t.Errorf("output does not say the run was interrupted:\n%s", out.String())
	}
	if n := countRows(t, db, `SELECT count(*) FROM runs WHERE status = 'interrupted'`); n != 1 {
		t.Errorf("%d runs interrupted, want 1", n)
	}
	checkStore(t, db, "after SIGTERM")
	if code, out, errOut := runCmd(t, args...); code != exitOK {
		t.Fatalf("run after SIGTERM: exit %d\n%s%s", code, out, errOut)
	}
	checkStore(t, db, "after the resumed run")
}

// makeImmutable makes path unwritable even for root (chmod, then the
// immutable attribute), or skips the test.
func makeImmutable(t *testing.T, path string) {
	t.Helper()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(path, 0o644) })
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err != nil {
		return // permissions suffice
	} else {
		f.Close()
	}
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Skipf("cannot make %s read-only as root: chattr: %v: %s", path, err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("chattr", "-i", path).CombinedOutput(); err != nil {
			t.Errorf("chattr -i %s: %v: %s", path, err, out)
		}
	})
}

// TestFaultReadOnlyDatabase runs against a database file that cannot be
// written: the run fails with exit 3 and an error naming the file, and the
// data is as it was.
func TestFaultReadOnlyDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fc.db")
	args := faultCorpus(t, 3, db, 0, -1)
	if code, out, errOut := runCmd(t, args...); code != exitOK {
		t.Fatalf("first run: exit %d\n%s%s", code, out, errOut)
	}
	counts := func() [3]int {
		return [3]int{countRows(t, db, `SELECT count(*) FROM runs`), countRows(t, db, `SELECT count(*) FROM claims`), countRows(t, db, `SELECT count(*) FROM results`)}
	}
	before := counts()
	makeImmutable(t, db)
	code, out, errOut := runCmd(t, args...)
	if code != exitRunFailed {
		t.Fatalf("run on a read-only database: exit %d, want %d\n%s%s", code, exitRunFailed, out, errOut)
	}
	if !strings.Contains(errOut, db) || !strings.Contains(errOut, "readonly") && !strings.Contains(errOut, "read-only") {
		t.Errorf("error does not name %s as read-only:\n%s", db, errOut)
	}
	t.Logf("%s", strings.TrimSpace(errOut))
	if got := counts(); got != before {
		t.Errorf("runs, claims, results = %v after the failed run, want %v", got, before)
	}
	if ok := countRows(t, db, `SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'`); ok != 1 {
		t.Errorf("integrity_check failed on the read-only database")
	}
}

// TestFaultDiskFull runs into a database on a tmpfs too small for it: the
// run fails with exit 3 and an error naming the file and the full disk,
// the store passes its integrity checks, and a run with room completes
// from it.
func TestFaultDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=768k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v: %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", mnt, err, out)
		}
	})
	db := filepath.Join(mnt, "fc.db")
	args := faultCorpus(t, 30, db, 0, 0)
	code, out, errOut := runCmd(t, args...)
	if code != exitRunFailed {
		t.Fatalf("run on a full disk: exit %d, want %d\n%s%s", code, exitRunFailed, out, errOut)
	}
	if !strings.Contains(errOut, db) || !strings.Contains(errOut, "full") {
		t.Errorf("error does not name %s as full:\n%s", db, errOut)
	}
	t.Logf("%s", errOut)

	// Check a copy with room to spare, as an operator who freed space would.
	roomy := filepath.Join(t.TempDir(), "fc.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(db + suffix)
		if err != nil {
			if suffix != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if err := os.WriteFile(roomy+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkStore(t, roomy, "after the disk filled")
	args[2] = roomy // "run", "--db", PATH
	if code, out, errOut := runCmd(t, args...); code != exitOK {
		t.Fatalf("run with room: exit %d\n%s%s", code, out, errOut)
	}
	checkStore(t, roomy, "after the run with room")
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
