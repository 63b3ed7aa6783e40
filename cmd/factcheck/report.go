package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/newsroom/factcheck/reports"
)

func runReport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	runID := fs.String("run", "", "run `ID` (default: the latest run)")
	asJSON := fs.Bool("json", false, "write the JSON contract of DESIGN.md")
	asHTML := fs.Bool("html", false, "write one self-contained HTML file")
	asClaimReview := fs.Bool("claimreview", false, "write schema.org ClaimReview JSON-LD for the claims editors confirmed as errors")
	publisher := fs.String("publisher", os.Getenv("FACTCHECK_PUBLISHER"), "organisation `name` that --claimreview names as author (default $FACTCHECK_PUBLISHER)")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck report [--db FILE] [--run ID] [--json | --html | --claimreview [--publisher NAME]] [-o FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *asJSON && *asHTML || *asClaimReview && (*asJSON || *asHTML) {
		fs.Usage()
		return exitUsage
	}
	if _, err := os.Stat(*dbPath); err != nil {
		fmt.Fprintf(stderr, "factcheck report: database %s: %v (run 'factcheck run' first)\n", *dbPath, err)
		return exitRunFailed
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck report: %v\n", err)
		return exitRunFailed
	}
	defer db.Close()
	var rep *reports.Report
	if *runID == "" {
		rep, err = db.LatestReport(ctx) // any status: the report shows a run cut short too
	} else {
		rep, err = db.Report(ctx, *runID)
	}
	if err != nil {
		fmt.Fprintf(stderr, "factcheck report: %v\n", err)
		return exitRunFailed
	}
	w := stdout
	var f *os.File
	if *out != "" {
		if f, err = os.Create(*out); err != nil {
			fmt.Fprintf(stderr, "factcheck report: %v\n", err)
			return exitRunFailed
		}
		w = f
	}
	switch {
	case *asJSON:
		err = reports.JSON(w, rep)
	case *asHTML:
		err = reports.HTML(w, rep)
	case *asClaimReview:
		err = reports.ClaimReview(w, rep, *publisher)
	default:
		err = reports.Text(w, rep)
	}
	if f != nil {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "factcheck report: %v\n", err)
		return exitRunFailed
	}
	if *out != "" {
		fmt.Fprintf(stderr, "wrote %s\n", *out)
	}
	return exitOK
}
