package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsroom/factcheck/llm"
	"github.com/newsroom/factcheck/pipeline"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestProgressTerminalLine(t *testing.T) {
	var b bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)}
	p := newProgress(&b, true)
	p.now = clock.now
	p.llm = func() llm.Stats { return llm.Stats{Requests: 42} }
	p.Start()
	p.Event(pipeline.Event{Kind: pipeline.EventInputs, Inputs: 4, Sources: 2})
	p.mu.Lock()
	if got := p.line(clock.now()); !strings.HasPrefix(got, "sources 0/2") {
		t.Errorf("before the sources: %q", got)
	}
	p.mu.Unlock()
	p.Event(pipeline.Event{Kind: pipeline.EventSource})
	p.Event(pipeline.Event{Kind: pipeline.EventSource, Failed: true})
	clock.add(10 * time.Second)
	for range 3 {
		p.Event(pipeline.Event{Kind: pipeline.EventClaim})
	}
	p.Event(pipeline.Event{Kind: pipeline.EventArticle, Claims: 3})
	p.mu.Lock()
	got := p.line(clock.now())
	p.mu.Unlock()
	for _, want := range []string{"[#####...............]", "articles 1/4", "claims 3", "sources 1 (1 failed)", "llm 42", "10s", "ETA 30s"} {
		if !strings.Contains(got, want) {
			t.Errorf("line %q lacks %q", got, want)
		}
	}
	// A log line clears the progress line first; Stop clears it too.
	p.mu.Lock()
	p.drawLocked(clock.now())
	p.mu.Unlock()
	p.Writer().Write([]byte("level=WARN msg=x\n"))
	p.Stop()
	out := b.String()
	if !strings.Contains(out, "\r\033[K[#####") || !strings.Contains(out, "\r\033[Klevel=WARN msg=x\n") {
		t.Errorf("terminal output %q", out)
	}
	if strings.HasSuffix(out, "ETA 30s") {
		t.Errorf("Stop left the progress line: %q", out)
	}
}

func TestProgressLogLines(t *testing.T) {
	var b bytes.Buffer
	clock := &fakeClock{t: time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)}
	p := newProgress(&b, false)
	p.now = clock.now
	p.log = slog.New(slog.NewJSONHandler(&b, nil))
	p.Start()
	defer p.Stop()
	p.Event(pipeline.Event{Kind: pipeline.EventInputs, Inputs: 20, Sources: 1})
	p.Event(pipeline.Event{Kind: pipeline.EventSource})
	for range 20 {
		clock.add(time.Second)
		p.Event(pipeline.Event{Kind: pipeline.EventClaim})
		p.Event(pipeline.Event{Kind: pipeline.EventArticle, Claims: 1})
	}
	p.Finish(pipeline.Summary{RunID: "r1", Documents: 20, Claims: 20}, "complete")
	var msgs []string
	var last map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not a JSON log line: %q", line)
		}
		msgs = append(msgs, m["msg"].(string))
		if m["msg"] == "progress" {
			last = m
		}
	}
	// one line for the sources, one every 2 articles (a tenth), the summary
	if got, want := strings.Join(msgs, ","), "sources refreshed"+strings.Repeat(",progress", 10)+",run finished"; got != want {
		t.Errorf("log lines %s, want %s", got, want)
	}
	if last["articles"] != 20.0 || last["articles_total"] != 20.0 || last["eta_s"] != 0.0 || last["elapsed_s"] != 20.0 {
		t.Errorf("last progress line %v", last)
	}
}

// TestProgressRun checks the real command logs its progress and summary
// when stderr is not a terminal and -v asks for Info lines.
func TestProgressRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fc.db")
	args := faultCorpus(t, 3, db, 0, -1)
	args = append(args[:len(args)-1], "-v", "--log-format", "json", args[len(args)-1])
	code, _, errOut := runCmd(t, args...)
	if code != exitOK {
		t.Fatalf("run: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{`"msg":"sources refreshed"`, `"msg":"progress"`, `"articles":3,"articles_total":3`, `"msg":"run finished"`, `"status":"complete"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %s:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "\r") {
		t.Errorf("progress line drawn on a non-terminal")
	}
}
