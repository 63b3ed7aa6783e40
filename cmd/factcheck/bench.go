package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/newsroom/factcheck/bench"
	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/llm"
)

// sourcesPerHost is the sources package's default limit of requests in
// flight to one host (sources.Config.PerHost), which run.go keeps: the
// lower bound of the fetch phase depends on it.
const sourcesPerHost = 4

// benchCmd is the bench subcommand. Each run of the pipeline it measures
// is a child process running 'factcheck run', the real command with its
// real wiring, so that its wall time is what an operator sees and its peak
// memory is its own.
type benchCmd struct {
	// command returns the child process for 'factcheck args...'; nil means
	// this executable. Tests run the test binary instead (see TestMain).
	command func(ctx context.Context, args ...string) *exec.Cmd
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return (&benchCmd{}).run(ctx, args, stdout, stderr)
}

// benchConfig is one bench's settings.
type benchConfig struct {
	Articles       int
	PageLatency    time.Duration
	LLMLatency     time.Duration
	Concurrency    int
	LLMConcurrency int
	Hosts          int
	Seed           uint64
	Verbose        bool
	Dir            string // where the corpus and database go; a temporary directory when empty
}

// benchResult is what one bench measured. Times are in seconds.
type benchResult struct {
	Articles       int     `json:"articles"`
	ArticleMB      float64 `json:"article_mb"`
	Pages          int     `json:"pages"`
	Hosts          int     `json:"hosts"`
	Concurrency    int     `json:"concurrency"`
	LLMConcurrency int     `json:"llm_concurrency"`
	PageLatencyMS  int64   `json:"page_latency_ms"`
	LLMLatencyMS   int64   `json:"llm_latency_ms"`

	WallS       float64 `json:"wall_s"`
	LowerBoundS float64 `json:"lower_bound_s"`
	FetchBoundS float64 `json:"fetch_bound_s"`
	LLMBoundS   float64 `json:"llm_bound_s"`
	Ratio       float64 `json:"ratio"`

	PageRequests int64          `json:"page_requests"`
	PageFetches  int64          `json:"page_fetches"`
	Claims       int            `json:"claims"`
	Flagged      int            `json:"flagged"`
	Verdicts     map[string]int `json:"verdicts"`
	LLMRequests  int64          `json:"llm_requests"`
	LLMCacheHits int            `json:"llm_cache_hits"`
	PeakRSSMB    float64        `json:"peak_rss_mb"`
	// ExtractMBPerS is per second of one thread's CPU time;
	// ExtractWallMBPerS per second of wall time, lower on a busy machine.
	ExtractMBPerS     float64 `json:"extract_mb_per_s"`
	ExtractWallMBPerS float64 `json:"extract_wall_mb_per_s"`
	SourcesFailed     int     `json:"sources_failed"`
	DocumentsFailed   int     `json:"documents_failed"`

	RerunWallS        float64 `json:"rerun_wall_s"`
	RerunLowerBoundS  float64 `json:"rerun_lower_bound_s"`
	RerunFraction     float64 `json:"rerun_fraction"`
	RerunPageRequests int64   `json:"rerun_page_requests"`
	RerunPageFetches  int64   `json:"rerun_page_fetches"`
	RerunLLMRequests  int64   `json:"rerun_llm_requests"`
	RerunPeakRSSMB    float64 `json:"rerun_peak_rss_mb"`

	Goals map[string]bool `json:"goals"`
}

func (b *benchCmd) run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg benchConfig
	fs.IntVar(&cfg.Articles, "articles", 100, "generated articles (`N`)")
	fs.DurationVar(&cfg.PageLatency, "page-latency", 100*time.Millisecond, "latency of every reference page request")
	fs.DurationVar(&cfg.LLMLatency, "llm-latency", 300*time.Millisecond, "latency of every LLM request")
	fs.IntVar(&cfg.Concurrency, "concurrency", 16, "the run's --concurrency")
	fs.IntVar(&cfg.LLMConcurrency, "llm-concurrency", 0, "the run's --llm-concurrency (default: --concurrency)")
	fs.IntVar(&cfg.Hosts, "hosts", 8, "loopback sites the reference pages are spread over")
	seed := fs.Uint64("seed", 1, "generator seed")
	fs.BoolVar(&cfg.Verbose, "v", false, "show the runs' logs")
	fs.StringVar(&cfg.Dir, "dir", "", "keep the corpus and databases in `DIR` (default: a temporary directory, removed)")
	sizes := fs.String("sizes", "", "comma-separated article counts to run in turn, for a curve (e.g. 10,100,1000,10000)")
	curve := fs.Bool("curve", false, "run 10, 100 and 1000 articles (--sizes 10,100,1000) and plot them")
	plot := fs.String("plot", "bench.svg", "where a curve's SVG plot goes")
	asJSON := fs.Bool("json", false, "print one JSON object")
	check := fs.Bool("check", false, "exit 1 when a goal is not met")
	fs.Usage = func() {
		fmt.Fprintln(stderr, `usage: factcheck bench [--articles N | --curve | --sizes N,N...] [--page-latency D] [--llm-latency D]
                       [--concurrency C] [--json] [--plot FILE]

Generates N Arabic and English articles and their reference pages, serves the
pages and an OpenAI-compatible model on loopback with the given latencies, runs
'factcheck run' on them into a fresh database, then again unchanged, and
reports wall time against the lower bound the latencies allow.`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	cfg.Seed = *seed
	if cfg.LLMConcurrency <= 0 {
		cfg.LLMConcurrency = cfg.Concurrency
	}
	ns := []int{cfg.Articles}
	if *curve && *sizes == "" {
		*sizes = "10,100,1000"
	}
	if *sizes != "" {
		ns = nil
		for _, s := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 1 {
				fmt.Fprintf(stderr, "factcheck bench: --sizes: %q is not a positive number\n", s)
				return exitUsage
			}
			ns = append(ns, n)
		}
	}
	if fs.NArg() > 0 || cfg.Articles < 1 || cfg.Concurrency < 1 || cfg.Hosts < 1 {
		fs.Usage()
		return exitUsage
	}
	var results []benchResult
	for _, n := range ns {
		c := cfg
		c.Articles = n
		if cfg.Dir != "" && len(ns) > 1 {
			c.Dir = filepath.Join(cfg.Dir, fmt.Sprintf("n%d", n))
		}
		if !*asJSON {
			fmt.Fprintf(stderr, "bench: %d articles…\n", n)
		}
		r, err := b.measure(ctx, c, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck bench: %d articles: %v\n", n, err)
			return exitRunFailed
		}
		results = append(results, r)
	}
	growth := rssGrowth(results)
	if len(results) > 1 {
		if err := writePlot(*plot, results); err != nil {
			fmt.Fprintf(stderr, "factcheck bench: %v\n", err)
			return exitRunFailed
		}
	}
	met := true
	for _, r := range results {
		for _, ok := range r.Goals {
			met = met && ok
		}
	}
	if growth > 0 {
		met = met && growth < 2
	}
	switch {
	case *asJSON && len(results) == 1:
		json.NewEncoder(stdout).Encode(results[0])
	case *asJSON:
		out := map[string]any{"runs": results, "plot": *plot}
		if growth > 0 {
			out["peak_rss_growth_100_to_1000"] = round2(growth)
		}
		json.NewEncoder(stdout).Encode(out)
	default:
		printBench(stdout, results, growth)
		if len(results) > 1 {
			fmt.Fprintf(stdout, "plot: %s\n", *plot)
		}
	}
	if *check && !met {
		return exitSomeFailed
	}
	return exitOK
}

// measure generates the corpus for cfg, serves it, runs the pipeline twice
// and measures both runs.
func (b *benchCmd) measure(ctx context.Context, cfg benchConfig, stderr io.Writer) (benchResult, error) {
	dir := cfg.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "factcheck-bench-")
		if err != nil {
			return benchResult{}, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	corpus := bench.Generate(cfg.Articles, cfg.Seed)
	res := benchResult{
		Articles: cfg.Articles, ArticleMB: round2(float64(corpus.Bytes()) / 1e6), Pages: len(corpus.Pages), Hosts: cfg.Hosts,
		Concurrency: cfg.Concurrency, LLMConcurrency: cfg.LLMConcurrency,
		PageLatencyMS: cfg.PageLatency.Milliseconds(), LLMLatencyMS: cfg.LLMLatency.Milliseconds(),
	}
	articleDir := filepath.Join(dir, "articles")
	if err := os.MkdirAll(articleDir, 0o755); err != nil {
		return res, err
	}
	for _, a := range corpus.Articles {
		if err := os.WriteFile(filepath.Join(articleDir, a.Name), a.Body, 0o644); err != nil {
			return res, err
		}
	}
	aliasFile := filepath.Join(dir, "aliases.txt")
	if err := os.WriteFile(aliasFile, []byte(corpus.Aliases), 0o644); err != nil {
		return res, err
	}

	// The pages are spread over several sites, as real references are:
	// the fetcher limits requests per host.
	sites := make([][]bench.File, cfg.Hosts)
	for i, p := range corpus.Pages {
		sites[i%cfg.Hosts] = append(sites[i%cfg.Hosts], p)
	}
	var list strings.Builder
	var servers []*bench.Site
	maxPerHost := 0
	for _, pages := range sites {
		if len(pages) == 0 {
			continue
		}
		site := bench.NewSite(pages, cfg.PageLatency)
		url, stop, err := serveLoopback(site)
		if err != nil {
			return res, err
		}
		defer stop()
		servers = append(servers, site)
		maxPerHost = max(maxPerHost, len(pages))
		for _, p := range pages {
			fmt.Fprintf(&list, "%s/%s\n", url, p.Name)
		}
	}
	sourceList := filepath.Join(dir, "sources.list")
	if err := os.WriteFile(sourceList, []byte(list.String()), 0o644); err != nil {
		return res, err
	}
	model := &bench.LLM{Latency: cfg.LLMLatency}
	llmURL, stop, err := serveLoopback(model)
	if err != nil {
		return res, err
	}
	defer stop()

	db := filepath.Join(dir, "bench.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(db + suffix) // a fresh database
	}
	args := []string{"run", "--db", db, "--sources", sourceList, "--aliases", aliasFile,
		"--concurrency", strconv.Itoa(cfg.Concurrency),
		"--llm-model", "bench-model", "--llm-base-url", llmURL + "/v1",
		"--llm-concurrency", strconv.Itoa(cfg.LLMConcurrency), "--llm-budget", "0",
		"--log-format", "json"}
	if cfg.Verbose {
		args = append(args, "-v")
	}
	args = append(args, articleDir)
	pageCounts := func() (req, fetched int64) {
		for _, s := range servers {
			c := s.Counts()
			req += c.Requests
			fetched += c.Fetches
		}
		return req, fetched
	}

	first, err := b.runChild(ctx, args, filepath.Join(dir, "run1.log"), cfg.Verbose, stderr)
	if err != nil {
		return res, fmt.Errorf("first run: %w", err)
	}
	res.WallS, res.PeakRSSMB = round2(first.wall.Seconds()), round2(first.rssMB)
	res.PageRequests, res.PageFetches = pageCounts()
	res.LLMRequests = model.Requests()
	sum, err := readSummary(ctx, db)
	if err != nil {
		return res, err
	}
	res.Claims, res.Flagged, res.Verdicts = sum.Claims, sum.Flagged, sum.Verdicts
	res.SourcesFailed, res.DocumentsFailed = sum.SourcesFailed, sum.DocumentsFailed
	if sum.LLM != nil {
		res.LLMCacheHits = sum.LLM.CacheHits
	}

	second, err := b.runChild(ctx, args, filepath.Join(dir, "run2.log"), cfg.Verbose, stderr)
	if err != nil {
		return res, fmt.Errorf("re-run: %w", err)
	}
	req, fetched := pageCounts()
	res.RerunWallS, res.RerunPeakRSSMB = round2(second.wall.Seconds()), round2(second.rssMB)
	res.RerunPageRequests, res.RerunPageFetches = req-res.PageRequests, fetched-res.PageFetches
	res.RerunLLMRequests = model.Requests() - res.LLMRequests
	if bad := model.Bad(); bad > 0 {
		return res, fmt.Errorf("%d malformed requests reached the model", bad)
	}

	fetch, llmPhase := lowerBound(cfg, len(corpus.Pages), maxPerHost, int(res.LLMRequests))
	res.FetchBoundS, res.LLMBoundS = round2(fetch.Seconds()), round2(llmPhase.Seconds())
	res.LowerBoundS = round2((fetch + llmPhase).Seconds())
	res.RerunLowerBoundS = res.FetchBoundS // every page is revalidated; no request to the model
	if res.LowerBoundS > 0 {
		res.Ratio = round2(first.wall.Seconds() / (fetch + llmPhase).Seconds())
	}
	if res.WallS > 0 {
		res.RerunFraction = math.Round(1000*second.wall.Seconds()/first.wall.Seconds()) / 1000
	}
	perCPU, perWall := extractRate(corpus)
	res.ExtractMBPerS, res.ExtractWallMBPerS = round2(perCPU), round2(perWall)
	res.Goals = map[string]bool{
		"ratio_at_most_1.25":        res.Ratio <= 1.25,
		"one_fetch_per_page":        res.PageFetches == int64(res.Pages) && res.PageRequests == int64(res.Pages),
		"at_most_one_llm_per_claim": res.LLMRequests <= int64(res.Claims),
		"no_llm_on_rerun":           res.RerunLLMRequests == 0,
		"rerun_under_10pct":         res.RerunFraction < 0.10,
		"extract_at_least_20_mb_s":  res.ExtractMBPerS >= 20,
	}
	return res, nil
}

// lowerBound is the shortest time a run could take given only the waits
// on the network, the concurrency limits and the pipeline's structure,
// with CPU time free (the ratio of wall time to it measures the rest).
// pipeline.Run refreshes every source before it reads any article, so the
// two phases add up:
//
//	fetch = page_latency × max(⌈P / C⌉, ⌈P_h / H⌉)
//	llm   = llm_latency × ⌈R / min(L, C × K)⌉
//
// P pages, P_h the most on one site, C the run's --concurrency (sources
// fetched at once), H requests in flight per host (sourcesPerHost); R the
// requests the model received, L --llm-concurrency, C × K the claims in
// flight (C articles at once, K = L claims of each, as run.go sets
// ClaimConcurrency). Requests of one article also wait for each other only
// ⌈R_a / K⌉ rounds, less than the total for every corpus here (≤ 20 claims
// an article against K = 16), so that term is left out.
func lowerBound(cfg benchConfig, pages, maxPerHost, llmRequests int) (fetch, llmPhase time.Duration) {
	ceil := func(a, b int) int { return (a + b - 1) / b }
	rounds := max(ceil(pages, cfg.Concurrency), ceil(maxPerHost, sourcesPerHost))
	fetch = time.Duration(rounds) * cfg.PageLatency
	inFlight := min(cfg.LLMConcurrency, cfg.Concurrency*cfg.LLMConcurrency)
	llmPhase = time.Duration(ceil(llmRequests, inFlight)) * cfg.LLMLatency
	return fetch, llmPhase
}

// serveLoopback serves h on a new loopback port and returns its base URL
// and a function that stops it.
func serveLoopback(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen on loopback: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

// childRun is one measured child process.
type childRun struct {
	wall  time.Duration
	rssMB float64
}

// runChild runs 'factcheck args...' in a child process, its logs going to
// logPath (and stderr when verbose), and measures it.
func (b *benchCmd) runChild(ctx context.Context, args []string, logPath string, verbose bool, stderr io.Writer) (childRun, error) {
	var cmd *exec.Cmd
	if b.command != nil {
		cmd = b.command(ctx, args...)
	} else {
		exe, err := os.Executable()
		if err != nil {
			return childRun{}, fmt.Errorf("find this program: %w", err)
		}
		cmd = exec.CommandContext(ctx, exe, args...)
	}
	// Ctrl-C on the bench ends the child cleanly, as it would end a run.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 15 * time.Second
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = withoutEnv(cmd.Env, llm.EnvAPIKey) // the loopback model needs no key
	logFile, err := os.Create(logPath)
	if err != nil {
		return childRun{}, err
	}
	defer logFile.Close()
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = logFile
	if verbose {
		cmd.Stderr = io.MultiWriter(logFile, stderr)
	}
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		tail, _ := os.ReadFile(logPath)
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return childRun{}, fmt.Errorf("factcheck %s: %w\n%s%s", strings.Join(args[:1], " "), err, out.String(), tail)
	}
	return childRun{wall: wall, rssMB: peakRSSMB(cmd.ProcessState)}, nil
}

func withoutEnv(env []string, name string) []string {
	out := env[:0:0]
	for _, kv := range env {
		if !strings.HasPrefix(kv, name+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// benchSummary is the part of a run's stored summary the bench reads.
type benchSummary struct {
	Claims          int            `json:"claims"`
	Flagged         int            `json:"flagged"`
	Verdicts        map[string]int `json:"verdicts"`
	SourcesFailed   int            `json:"sources_failed"`
	DocumentsFailed int            `json:"documents_failed"`
	LLM             *llm.Stats     `json:"llm"`
}

// readSummary returns the latest run's summary from the database.
func readSummary(ctx context.Context, path string) (benchSummary, error) {
	var s benchSummary
	db, err := openStore(ctx, path)
	if err != nil {
		return s, err
	}
	defer db.Close()
	r, err := db.LatestRun(ctx)
	if err != nil {
		return s, err
	}
	if r.Status != "complete" {
		return s, fmt.Errorf("run %s is %s", r.ID, r.Status)
	}
	if err := json.Unmarshal([]byte(r.Summary), &s); err != nil {
		return s, fmt.Errorf("summary of run %s: %w", r.ID, err)
	}
	return s, nil
}

// extractRate times claims.Extract over the corpus's articles (with the
// date the article reader finds in their header, as the pipeline passes
// it) on one goroutine for at least half a second, and returns MB (10⁶
// bytes) per second: of that thread's CPU time where the platform reports
// it (so other work on a shared machine does not count), and of wall time.
func extractRate(c bench.Corpus) (perCPU, perWall float64) {
	texts := make([]string, len(c.Articles))
	dates := make([]time.Time, len(c.Articles))
	for i, a := range c.Articles {
		texts[i] = string(a.Body)
		dates[i], _ = claims.HeaderDate(texts[i])
	}
	bytes := 0
	start := time.Now()
	cpu, ok := onThreadCPU(func() {
		for time.Since(start) < 500*time.Millisecond {
			for i, t := range texts {
				claims.Extract(t, claims.Options{Date: dates[i]})
				bytes += len(t)
			}
		}
	})
	wall := time.Since(start)
	perWall = float64(bytes) / 1e6 / wall.Seconds()
	if !ok || cpu <= 0 {
		return perWall, perWall
	}
	return float64(bytes) / 1e6 / cpu.Seconds(), perWall
}

// rssGrowth is the ratio of the first run's peak memory at 1000 articles
// to that at 100, or 0 when the results lack either.
func rssGrowth(results []benchResult) float64 {
	var at100, at1000 float64
	for _, r := range results {
		switch r.Articles {
		case 100:
			at100 = r.PeakRSSMB
		case 1000:
			at1000 = r.PeakRSSMB
		}
	}
	if at100 == 0 || at1000 == 0 {
		return 0
	}
	return at1000 / at100
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// writePlot draws wall time, its lower bound and the re-run's wall time
// against the number of articles.
func writePlot(path string, results []benchResult) error {
	var wall, lb, rerun, rerunGoal []bench.Point
	for _, r := range results {
		n := float64(r.Articles)
		wall = append(wall, bench.Point{X: n, Y: r.WallS})
		lb = append(lb, bench.Point{X: n, Y: r.LowerBoundS})
		rerun = append(rerun, bench.Point{X: n, Y: r.RerunWallS})
		rerunGoal = append(rerunGoal, bench.Point{X: n, Y: r.WallS / 10})
	}
	r0 := results[0]
	title := fmt.Sprintf("factcheck run: concurrency %d, pages %d ms, LLM %d ms", r0.Concurrency, r0.PageLatencyMS, r0.LLMLatencyMS)
	var buf bytes.Buffer
	err := bench.PlotSVG(&buf, title, "articles", "seconds", []bench.Series{
		{Name: "wall time, first run", Color: "#c0392b", Pts: wall},
		{Name: "lower bound (latencies ÷ concurrency)", Color: "#2c3e50", Dash: true, Pts: lb},
		{Name: "wall time, unchanged re-run", Color: "#27ae60", Pts: rerun},
		{Name: "re-run goal (10% of the first run)", Color: "#27ae60", Dash: true, Pts: rerunGoal},
	})
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write plot: %w", err)
	}
	return nil
}

// printBench writes the results as a table.
func printBench(w io.Writer, results []benchResult, growth float64) {
	r0 := results[0]
	fmt.Fprintf(w, "factcheck bench: concurrency %d, LLM concurrency %d, page latency %d ms, LLM latency %d ms, %d sites\n\n",
		r0.Concurrency, r0.LLMConcurrency, r0.PageLatencyMS, r0.LLMLatencyMS, r0.Hosts)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tclaims\tpages\tfetches\tLLM req\twall s\tbound s\tratio\tre-run s\tre-run %\tre-run LLM\tpeak MB\textract MB/s\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%.2f\t%.0f\t%d\t%.1f\t%.1f\t\n",
			r.Articles, r.Claims, r.Pages, r.PageFetches, r.LLMRequests, r.WallS, r.LowerBoundS, r.Ratio,
			r.RerunWallS, 100*r.RerunWallS/r.WallS, r.RerunLLMRequests, r.PeakRSSMB, r.ExtractMBPerS)
	}
	tw.Flush()
	fmt.Fprintln(w)
	goals := []struct{ key, text string }{
		{"ratio_at_most_1.25", "wall time at most 1.25 × the lower bound"},
		{"one_fetch_per_page", "one fetch per page"},
		{"at_most_one_llm_per_claim", "at most one LLM request per claim"},
		{"no_llm_on_rerun", "no LLM request on the unchanged re-run"},
		{"rerun_under_10pct", "re-run under 10% of the first run"},
		{"extract_at_least_20_mb_s", "extraction at least 20 MB/s"},
	}
	for _, g := range goals {
		var failed []string
		for _, r := range results {
			if !r.Goals[g.key] {
				failed = append(failed, strconv.Itoa(r.Articles))
			}
		}
		mark := "ok  "
		if len(failed) > 0 {
			mark = "MISS"
		}
		fmt.Fprintf(w, "%s %s", mark, g.text)
		if len(failed) > 0 {
			fmt.Fprintf(w, " (not at N = %s)", strings.Join(failed, ", "))
		}
		fmt.Fprintln(w)
	}
	if growth > 0 {
		mark := "ok  "
		if growth >= 2 {
			mark = "MISS"
		}
		fmt.Fprintf(w, "%s peak memory from 100 to 1000 articles: × %.2f (goal: under × 2)\n", mark, growth)
	}
}
