package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/newsroom/factcheck/reports"
	"github.com/newsroom/factcheck/sqlite"
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
	rep, err := loadReport(ctx, db, *runID)
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

// loadReport gathers run runID (the latest when empty) from the store:
// every input of the run, including unchanged documents, with each claim's
// result in that run and its reviews.
func loadReport(ctx context.Context, db *sqlite.DB, runID string) (*reports.Report, error) {
	var rec *sqlite.RunRecord
	var err error
	if runID == "" {
		rec, err = db.LatestRun(ctx)
	} else {
		rec, err = db.Run(ctx, runID)
	}
	if errors.Is(err, sqlite.ErrNotFound) {
		if runID == "" {
			return nil, fmt.Errorf("no run in the database yet")
		}
		return nil, fmt.Errorf("no run %q", runID)
	}
	if err != nil {
		return nil, err
	}
	rep := &reports.Report{Run: rec.Run}
	inputs, err := db.RunInputs(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	results, err := db.Results(ctx, rec.ID)
	if err != nil {
		return nil, err
	}
	for _, in := range inputs {
		if in.Status == sqlite.InputFailed || in.DocID == "" {
			if in.Status == sqlite.InputFailed {
				rep.Failed = append(rep.Failed, reports.Failure{Source: in.Source, Error: in.Error})
			}
			continue
		}
		doc, err := db.Document(ctx, in.DocID)
		if err != nil {
			return nil, fmt.Errorf("document of %s: %w", in.Source, err)
		}
		cs, err := db.Claims(ctx, in.DocID)
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		latest, err := db.LatestReviews(ctx, ids)
		if err != nil {
			return nil, err
		}
		d := reports.Document{Source: in.Source, Title: doc.Title, Lang: doc.Lang, Date: doc.Date, Text: doc.Text}
		for _, c := range cs {
			rc := reports.Claim{Claim: c}
			if res, ok := results[c.ID]; ok {
				rc.Result = &res
			}
			if rv, ok := latest[c.ID]; ok {
				rc.Review = &rv
				if rc.History, err = db.Reviews(ctx, c.ID); err != nil {
					return nil, err
				}
			}
			d.Claims = append(d.Claims, rc)
		}
		rep.Documents = append(rep.Documents, d)
	}
	return rep, nil
}
