package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/newsroom/factcheck/sqlite"
)

// runPrune deletes old runs, keeping the newest --keep, and names what it
// deleted.
func runPrune(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("prune", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	keep := fs.Int("keep", -1, "how many of the most recent runs to keep (required; runs still going are always kept)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck prune --keep N [--db FILE]\n\nDeletes all but the N most recent runs with their results; documents no remaining\nrun refers to go too, and so do their model calls but for the cached answers.\nReviews, cached pages and cached LLM answers are kept.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *keep < 0 {
		fs.Usage()
		return exitUsage
	}
	if _, err := os.Stat(*dbPath); err != nil {
		fmt.Fprintf(stderr, "factcheck prune: database %s: %v\n", *dbPath, err)
		return exitRunFailed
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck prune: %v\n", err)
		return exitRunFailed
	}
	defer db.Close()
	before, err := db.Runs(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck prune: %v\n", err)
		return exitRunFailed
	}
	n, err := db.PruneRuns(ctx, *keep)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck prune: %v\n", err)
		return exitRunFailed
	}
	after, err := db.Runs(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck prune: %v\n", err)
		return exitRunFailed
	}
	kept := map[string]bool{}
	for _, r := range after {
		kept[r.ID] = true
	}
	var removed []sqlite.RunRecord
	for _, r := range before {
		if !kept[r.ID] {
			removed = append(removed, r)
		}
	}
	for _, r := range removed {
		fmt.Fprintf(stdout, "removed run %s (%s, started %s)\n", r.ID, r.Status, r.StartedAt.Format("2006-01-02 15:04:05Z"))
	}
	fmt.Fprintf(stdout, "pruned %d run(s); %d kept in %s\n", n, len(after), *dbPath)
	return exitOK
}
