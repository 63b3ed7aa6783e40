package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/newsroom/factcheck/articles"
	"github.com/newsroom/factcheck/claims"
)

// claimJSON is the line format of `factcheck claims` (DESIGN.md,
// "Machine-readable contracts"); fields after sentence are additions.
type claimJSON struct {
	Doc       string   `json:"doc"`
	Kind      string   `json:"kind"`
	Span      string   `json:"span"`
	Start     int      `json:"start"`
	End       int      `json:"end"`
	Value     string   `json:"value"`
	Unit      string   `json:"unit"`
	Qualifier string   `json:"qualifier"`
	Sentence  string   `json:"sentence"`
	ID        string   `json:"id"`
	Terms     []string `json:"terms"`
	Relative  bool     `json:"relative,omitempty"`
}

func runClaims(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("claims", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dateFlag := fs.String("date", "", "the articles' date `YYYY-MM-DD`, for relative dates (default: a date in each article's header)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck claims [--date YYYY-MM-DD] FILE...\n\nPrints one JSON object per claim per line.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	var reader articles.Reader
	if *dateFlag != "" {
		d, err := time.Parse("2006-01-02", *dateFlag)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck claims: --date %q: want YYYY-MM-DD\n", *dateFlag)
			return exitUsage
		}
		reader.Date = d
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	code := exitOK
	for _, path := range fs.Args() {
		doc, err := reader.ReadFile(path)
		if err != nil {
			fmt.Fprintf(stderr, "factcheck claims: %v\n", err)
			code = exitSomeFailed
			continue
		}
		for _, c := range claims.Extract(doc.Text, claims.Options{Date: doc.Date}) {
			line := claimJSON{
				Doc: path, Kind: string(c.Kind), Span: c.Span, Start: c.Start, End: c.End, Value: c.Value,
				Unit: c.Unit, Qualifier: string(c.Qualifier), Sentence: c.Sentence, ID: c.ID, Terms: c.Terms, Relative: c.Relative,
			}
			if line.Terms == nil {
				line.Terms = []string{}
			}
			if err := enc.Encode(line); err != nil {
				fmt.Fprintf(stderr, "factcheck claims: write: %v\n", err)
				return exitRunFailed
			}
		}
	}
	return code
}
