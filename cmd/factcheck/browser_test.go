package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

var screenshotDir = flag.String("screenshots", "", "save the browser test's screenshots of the review UI in `DIR` (e.g. ../../docs/screenshots)")

// chromiumPath finds a Chromium to drive: $FACTCHECK_CHROMIUM, Debian's
// /usr/bin/chromium, or one on $PATH. It returns "" when there is none.
func chromiumPath() string {
	if p := os.Getenv("FACTCHECK_CHROMIUM"); p != "" {
		return p
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowserReview drives the review UI in headless Chromium: it records
// one decision with the mouse and one with the keyboard, reloads and sees
// both, then decides on a claim page by keyboard. It also takes the
// screenshots of the queue and of a claim page kept in docs/screenshots.
func TestBrowserReview(t *testing.T) {
	chrome := chromiumPath()
	if chrome == "" {
		t.Skip("no Chromium found (looked at $FACTCHECK_CHROMIUM, /usr/bin/chromium and $PATH); " +
			"install Debian's chromium package, as .ci/run does, to run the browser test")
	}
	path, _ := reviewFixture(t)
	items := listReview(t, path)
	if len(items) < 3 {
		t.Fatalf("want at least 3 flagged claims, got %d", len(items))
	}
	ts, db := reviewServer(t, path)

	allocCtx, cancelAlloc := chromedp.NewExecAllocator(t.Context(),
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	defer cancelTab()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	// run does the steps; each failure names its step.
	run := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	// submitted waits until the page that follows a form's POST has loaded.
	submitted := func(step string, trigger chromedp.Action[chromedp.Void]) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}

	run("open the queue", chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS("#queue")))
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("#queue tbody tr.row")).map(r => r.dataset.claim)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(items) || rows[0] != items[0].ID || rows[1] != items[1].ID {
		t.Fatalf("queue rows %v, want the flagged claims in priority order", rows)
	}
	first, second := rows[0], rows[1]

	// By mouse: the name, then the first row's "Error" button.
	run("type the name", chromedp.SendKeys(chromedp.ID("by"), "Lina Haddad"))
	submitted("click confirmed_error", chromedp.Click(chromedp.CSS(`#c-`+first+` button[data-key="1"]`)))
	if got := text("p.saved"); !strings.Contains(got, "Confirmed error") {
		t.Errorf("after the click the queue says %q", got)
	}

	// By keyboard: the next row is selected; k and j move, 3 decides.
	selected := func() string {
		t.Helper()
		id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("#queue tr.selected") || {dataset: {}}).dataset.claim || ""`))
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	if got := selected(); got != second {
		t.Errorf("after deciding row 1, row %q is selected, want the next one %q", got, second)
	}
	run("press k", chromedp.KeyEvent("k"))
	if got := selected(); got != first {
		t.Errorf("after k, row %q is selected, want %q", got, first)
	}
	run("press j", chromedp.KeyEvent("j"))
	if got := selected(); got != second {
		t.Errorf("after j, row %q is selected, want %q", got, second)
	}
	submitted("press 3", chromedp.KeyEvent("3"))

	// Reload: both decisions are there, from the database.
	run("reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#queue")))
	if got := text("#c-" + first + " td.review"); !strings.Contains(got, "Confirmed error") || !strings.Contains(got, "Lina Haddad") {
		t.Errorf("row %s after reload shows %q, want Confirmed error by Lina Haddad", first, got)
	}
	if got := text("#c-" + second + " td.review"); !strings.Contains(got, "Needs research") {
		t.Errorf("row %s after reload shows %q, want Needs research", second, got)
	}
	if got := text("#tally"); !strings.Contains(got, "2 reviewed") {
		t.Errorf("counts after two decisions: %q", got)
	}
	for id, want := range map[string]string{first: "confirmed_error", second: "needs_research"} {
		if rs, err := db.Reviews(t.Context(), id); err != nil || len(rs) != 1 || string(rs[0].Decision) != want || rs[0].By != "Lina Haddad" {
			t.Errorf("stored reviews of %s: %+v, %v; want one %s by Lina Haddad", id, rs, err, want)
		}
	}
	run("press ?", chromedp.KeyEvent("?"))
	if open, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("help").open`)); err != nil || !open {
		t.Errorf("? did not open the help: %v %v", open, err)
	}
	run("press Escape", chromedp.KeyEvent(kb.Escape))
	shot(t, ctx, "queue.png")

	// The most urgent claim, now decided, with its correction, evidence
	// and history.
	run("open the first claim", chromedp.Navigate(ts.URL+"/claims/"+first), chromedp.WaitVisible(chromedp.ID("history")))
	if got := text("#history"); !strings.Contains(got, "Confirmed error") || !strings.Contains(got, "Lina Haddad") {
		t.Errorf("first claim's history shows %q", got)
	}
	shot(t, ctx, "claim.png")

	// A claim page, in its Arabic article when there is one flagged: a
	// note typed, then 4 (dismissed) by keyboard moves to the next claim.
	third := rows[2]
	for _, it := range items[2:] {
		if strings.HasSuffix(it.Source, "ar_alliance.txt") {
			third = it.ID
			break
		}
	}
	run("open a claim", chromedp.Navigate(ts.URL+"/claims/"+third), chromedp.WaitVisible(chromedp.ID("review-form")))
	run("write a note", chromedp.KeyEvent("n"), chromedp.SendKeys(chromedp.ID("note"), "not a claim <b>"), chromedp.KeyEvent(kb.Escape))
	submitted("press 4", chromedp.KeyEvent("4"))
	if got := text("p.saved"); !strings.Contains(got, "Dismissed") {
		t.Errorf("after 4 on the claim page: %q", got)
	}
	run("back to the claim", chromedp.Navigate(ts.URL+"/claims/"+third), chromedp.WaitVisible(chromedp.ID("history")))
	if got := text("#history"); !strings.Contains(got, "Dismissed") || !strings.Contains(got, "not a claim <b>") {
		t.Errorf("claim history shows %q", got)
	}
}

// shot saves a full-page PNG screenshot in -screenshots (or a temporary
// directory) and checks it is a PNG.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if !bytes.HasPrefix(buf, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("screenshot %s is not a PNG", name)
	}
	dir := *screenshotDir
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}
