package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/articles"
	"github.com/newsroom/factcheck/llm"
	"github.com/newsroom/factcheck/pipeline"
	"github.com/newsroom/factcheck/sources"
	"github.com/newsroom/factcheck/sqlite"
)

// defaultSources and defaultAliases are relative to the working directory,
// as the README's quick start runs from the repository root.
const (
	defaultSources = "seeds/sources.list"
	defaultAliases = "seeds/aliases.txt"
	defaultDB      = "factcheck.db"
)

func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	var specs, aliasFiles multiFlag
	fs.Var(&specs, "sources", "reference `SPEC`: a URL, file, directory or .list file (repeatable; default "+defaultSources+")")
	fs.Var(&aliasFiles, "aliases", "alias table `file` (repeatable; default "+defaultAliases+" when present)")
	concurrency := fs.Int("concurrency", 8, "sources fetched and articles processed at once")
	dateFlag := fs.String("date", "", "the articles' date `YYYY-MM-DD` (default: a date in each article's header)")
	flagUnverified := fs.Bool("flag-unverified", false, "flag unverified claims for editors too")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	verbose := fs.Bool("v", false, "log progress, not only warnings")
	timeout := fs.Duration("fetch-timeout", 30*time.Second, "timeout of one HTTP request")
	llmCfg := llm.ConfigFromEnv(nil)
	fs.StringVar(&llmCfg.Model, "llm-model", llmCfg.Model, "LLM model for a second opinion (default $FACTCHECK_LLM_MODEL; none: rules only)")
	fs.StringVar(&llmCfg.BaseURL, "llm-base-url", llmCfg.BaseURL, "OpenAI-compatible API base `URL` (default $OPENAI_BASE_URL, else OpenAI's)")
	fs.IntVar(&llmCfg.Concurrency, "llm-concurrency", 4, "LLM requests in flight at once")
	fs.DurationVar(&llmCfg.Timeout, "llm-timeout", 60*time.Second, "timeout of one LLM request")
	fs.IntVar(&llmCfg.Budget, "llm-budget", 1000, "most LLM requests per run, retries included (0: no limit)")
	fs.BoolVar(&llmCfg.Refresh, "llm-refresh", false, "ask the LLM again even when a cached answer exists")
	fs.DurationVar(&llmCfg.BaseBackoff, "llm-backoff", llm.DefaultBaseBackoff, "wait before the first retry of a failed LLM request; doubles with each retry")
	llmExtract := fs.Bool("llm-extract", false, "also ask the LLM for factual statements the number extractor cannot see")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck run [flags] INPUT...\n\nINPUT is an article file, a directory of articles or an http(s) URL.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 || *concurrency < 1 {
		fs.Usage()
		return exitUsage
	}
	prog := newProgress(stderr, isTerminal(stderr))
	log, err := newLogger(prog.Writer(), *logFormat, *verbose)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		return exitUsage
	}
	prog.log = log
	reader := articles.Reader{}
	if *dateFlag != "" {
		d, err := time.Parse("2006-01-02", *dateFlag)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck run: --date %q: want YYYY-MM-DD\n", *dateFlag)
			return exitUsage
		}
		reader.Date = d
	}
	if len(specs) == 0 {
		specs = multiFlag{defaultSources}
	}
	var srcs []string
	for _, s := range specs {
		found, err := sources.Expand(s)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck run: --sources: %v\n", err)
			return exitUsage
		}
		srcs = append(srcs, found...)
	}
	table, err := loadAliases(aliasFiles, defaultAliases)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		return exitUsage
	}
	inputs, bad := expandInputs(fs.Args())
	for _, b := range bad {
		fmt.Fprintf(stderr, "factcheck run: input %s\n", b)
	}

	db, err := openStore(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		storeHint(stderr, *dbPath, err)
		return exitRunFailed
	}
	defer db.Close()
	if n, err := db.InterruptStaleRuns(ctx); err != nil {
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		storeHint(stderr, *dbPath, err)
		return exitRunFailed
	} else if n > 0 {
		log.Warn("earlier runs were left unfinished; marked interrupted", "runs", n)
	}
	run := factcheck.Run{ID: newRunID(time.Now()), Status: factcheck.RunRunning, StartedAt: time.Now().UTC()}
	cfg, _ := json.Marshal(map[string]any{"inputs": fs.Args(), "sources": specs, "concurrency": *concurrency, "date": *dateFlag})
	if err := db.BeginRun(ctx, run, string(cfg)); err != nil {
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		storeHint(stderr, *dbPath, err)
		return exitRunFailed
	}
	fetcher := sources.New(sources.Config{Timeout: *timeout, Logger: log})
	var opinion *llmOpinion
	if llmCfg.Enabled() {
		llmCfg.Log = log
		client, err := llm.New(llmCfg, db)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck run: %v\n", err)
			return exitUsage
		}
		opinion = &llmOpinion{client: client, extract: *llmExtract}
	}
	p := &pipeline.Pipeline{
		Store:          db,
		Sources:        sourceSet{fetcher},
		Articles:       reader,
		Judge:          &pipeline.Judge{Aliases: table},
		Log:            log,
		Concurrency:    *concurrency,
		FlagUnverified: *flagUnverified,
		Events:         prog.Event,
	}
	usedAliases := []string(aliasFiles)
	if len(usedAliases) == 0 && table != nil {
		usedAliases = []string{defaultAliases}
	}
	if !llmCfg.Refresh { // asking the model again means judging again
		p.JudgeKey = judgeKey(usedAliases, srcs, fmt.Sprint(*flagUnverified), *dateFlag,
			llmCfg.Model, llmCfg.BaseURL, fmt.Sprint(*llmExtract))
	}
	if opinion != nil {
		p.Opinion = opinion
		p.KeepNeutral = 4 // passages the model may cite
		// enough claims in flight to keep the model's request slots busy
		p.ClaimConcurrency = max(1, llmCfg.Concurrency)
		prog.llm = opinion.client.Stats
	}
	prog.Start()
	sum, runErr := p.Run(ctx, run.ID, inputs, srcs)
	prog.Stop()
	if opinion != nil {
		sum.LLM = opinion.client.Stats()
	}
	status := factcheck.RunComplete
	switch {
	case errors.Is(runErr, context.Canceled) || ctx.Err() != nil:
		status = factcheck.RunInterrupted
	case runErr != nil:
		status = factcheck.RunFailed
	}
	summary, _ := json.Marshal(sum)
	// The run's own context may be cancelled: finish with a fresh one.
	finishCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.FinishRun(finishCtx, run.ID, status, time.Now().UTC(), string(summary)); err != nil {
		if runErr != nil {
			fmt.Fprintf(stderr, "factcheck run: run %s %s: %v\n", run.ID, status, runErr)
		}
		fmt.Fprintf(stderr, "factcheck run: %v\n", err)
		storeHint(stderr, *dbPath, err)
		return exitRunFailed
	}
	printSummary(stdout, sum, status, len(bad))
	prog.Finish(sum, status)
	switch {
	case status != factcheck.RunComplete:
		fmt.Fprintf(stderr, "factcheck run: run %s %s: %v\n", run.ID, status, runErr)
		storeHint(stderr, *dbPath, runErr)
		return exitRunFailed
	case sum.DocumentsFailed > 0 || len(bad) > 0:
		return exitSomeFailed
	}
	return exitOK
}

// newRunID makes a sortable, unique run id: the UTC time and 4 random bytes.
func newRunID(t time.Time) string {
	b := make([]byte, 4)
	rand.Read(b)
	return t.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

// printSummary writes the run's short summary.
func printSummary(w io.Writer, s pipeline.Summary, status factcheck.RunStatus, badInputs int) {
	fmt.Fprintf(w, "run %s %s in %.1fs\n", s.RunID, status, s.Seconds)
	fmt.Fprintf(w, "documents: %d checked (%d unchanged, results reused), %d failed\n", s.Documents, s.Reused, s.DocumentsFailed+badInputs)
	var parts []string
	for _, v := range []factcheck.Verdict{factcheck.VerdictRefuted, factcheck.VerdictDisputed, factcheck.VerdictUnverified, factcheck.VerdictSupported} {
		parts = append(parts, fmt.Sprintf("%d %s", s.Verdicts[v], v))
	}
	fmt.Fprintf(w, "claims: %d (%s); %d flagged\n", s.Claims, strings.Join(parts, ", "), s.Flagged)
	fmt.Fprintf(w, "sources: %d fetched, %d unchanged, %d failed\n", s.SourcesFetched, s.SourcesUnchanged, s.SourcesFailed)
	if st, ok := s.LLM.(llm.Stats); ok {
		fmt.Fprintf(w, "llm: %d requests (%d retries), %d cached answers, %d failed, %d skipped, %d untrusted; %d prompt + %d completion tokens",
			st.Requests, st.Retries, st.CacheHits, st.Failures, st.Skipped, st.Untrusted, st.PromptTokens, st.CompletionTokens)
		if st.BudgetExhausted {
			fmt.Fprint(w, "; budget exhausted: later claims kept their rule verdicts")
		}
		fmt.Fprintln(w)
	}
	failures := append([]string(nil), s.Failures...)
	sort.Strings(failures)
	for _, f := range failures {
		fmt.Fprintf(w, "  failed: %s\n", f)
	}
}

// storeHint tells the operator what to do about an error of the database
// file itself: a full disk or a file that cannot be written. The store is
// left consistent in both cases (SQLite rolls the transaction back), and
// the next run resumes the interrupted one.
func storeHint(w io.Writer, dbPath string, err error) {
	switch {
	case errors.Is(err, sqlite.ErrDiskFull):
		fmt.Fprintf(w, "factcheck run: the disk holding %s is full: free space (or 'factcheck prune' old runs, then VACUUM) and run again; the next run resumes this one\n", dbPath)
	case errors.Is(err, sqlite.ErrReadOnly):
		fmt.Fprintf(w, "factcheck run: %s cannot be written: check the permissions of the file and its directory, and that the file system is not mounted read-only\n", dbPath)
	}
}
