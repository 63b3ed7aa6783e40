package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck/bench"
)

// testBench runs the bench's child processes as this test binary acting
// as factcheck (see TestMain).
func testBench() *benchCmd {
	return &benchCmd{command: func(ctx context.Context, args ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, os.Args[0], args...)
		cmd.Env = append(os.Environ(), "FACTCHECK_TEST_MAIN=1")
		return cmd
	}}
}

// TestBenchSmall runs the bench end to end on a few articles with short
// latencies and checks what it measures against what the servers saw.
func TestBenchSmall(t *testing.T) {
	var out, errOut bytes.Buffer
	dir := t.TempDir()
	code := testBench().run(context.Background(), []string{"--articles", "4", "--page-latency", "5ms", "--llm-latency", "10ms",
		"--concurrency", "4", "--dir", dir, "--json"}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("bench: exit %d\n%s", code, errOut.String())
	}
	var r benchResult
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("bench --json: %v\n%s", err, out.String())
	}
	t.Logf("%s", out.String())
	if got, want := r.Pages, 3*bench.TopicCount(4); got != want {
		t.Errorf("pages %d, want %d", got, want)
	}
	for _, c := range []struct {
		what string
		ok   bool
	}{
		{"one fetch per page", r.PageFetches == int64(r.Pages) && r.PageRequests == int64(r.Pages)},
		{"claims found", r.Claims >= 4*8},
		{"the model asked, at most once a claim", r.LLMRequests > 0 && r.LLMRequests <= int64(r.Claims)},
		{"re-run revalidates every page, fetches none", r.RerunPageRequests == int64(r.Pages) && r.RerunPageFetches == 0},
		{"re-run asks the model nothing", r.RerunLLMRequests == 0},
		{"times measured", r.WallS > 0 && r.RerunWallS > 0 && r.LowerBoundS > 0 && r.Ratio > 0},
		{"wall time not under the lower bound", r.WallS >= r.LowerBoundS},
		{"memory and extraction measured", r.PeakRSSMB > 1 && r.ExtractMBPerS > 0},
		{"goals reported", len(r.Goals) == 6},
	} {
		if !c.ok {
			t.Errorf("%s: %+v", c.what, r)
		}
	}
	for _, f := range []string{"bench.db", "run1.log", "run2.log", "sources.list", "aliases.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--dir: %v", err)
		}
	}
}

// TestBenchCurve runs two sizes and writes the table and the plot.
func TestBenchCurve(t *testing.T) {
	var out, errOut bytes.Buffer
	plot := filepath.Join(t.TempDir(), "curve.svg")
	code := testBench().run(context.Background(), []string{"--sizes", "2,3", "--page-latency", "1ms", "--llm-latency", "1ms",
		"--concurrency", "2", "--plot", plot}, &out, &errOut)
	if code != exitOK {
		t.Fatalf("bench: exit %d\n%s", code, errOut.String())
	}
	for _, want := range []string{"articles", "ratio", "re-run", "\n         2", "\n         3", "one fetch per page", "plot: " + plot} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, out.String())
		}
	}
	svg, err := os.ReadFile(plot)
	if err != nil || !bytes.Contains(svg, []byte("<polyline")) {
		t.Errorf("plot %s: %v\n%s", plot, err, svg)
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"--articles", "0"}, {"--sizes", "10,x"}, {"--concurrency", "0"}, {"extra"}} {
		var out, errOut bytes.Buffer
		if code := testBench().run(context.Background(), args, &out, &errOut); code != exitUsage {
			t.Errorf("bench %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestBenchLowerBound(t *testing.T) {
	for _, tt := range []struct {
		name                     string
		pages, perHost, requests int
		concurrency, llmConc     int
		wantFetch, wantLLM       time.Duration
	}{
		{"concurrency bounds the fetches", 40, 5, 100, 16, 16, 300 * time.Millisecond, 7 * 300 * time.Millisecond},
		{"one site bounds the fetches", 40, 40, 0, 16, 16, 1000 * time.Millisecond, 0},
		{"model slots", 10, 2, 33, 4, 8, 300 * time.Millisecond, 5 * 300 * time.Millisecond},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := benchConfig{Concurrency: tt.concurrency, LLMConcurrency: tt.llmConc, PageLatency: 100 * time.Millisecond, LLMLatency: 300 * time.Millisecond}
			fetch, llmPhase := lowerBound(cfg, tt.pages, tt.perHost, tt.requests)
			if fetch != tt.wantFetch || llmPhase != tt.wantLLM {
				t.Errorf("lowerBound = %v, %v; want %v, %v", fetch, llmPhase, tt.wantFetch, tt.wantLLM)
			}
		})
	}
}
