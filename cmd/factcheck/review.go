package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/newsroom/factcheck"
	fchttp "github.com/newsroom/factcheck/http"
	"github.com/newsroom/factcheck/reports"
	"github.com/newsroom/factcheck/sqlite"
)

// reviewJSON is a decision as `review list --json` and `review show
// --json` print it, with the names of the report's "review" object.
type reviewJSON struct {
	Decision string `json:"decision"`
	Note     string `json:"note"`
	By       string `json:"by"`
	At       string `json:"at"`
}

func toReviewJSON(r factcheck.Review) reviewJSON {
	return reviewJSON{Decision: string(r.Decision), Note: r.Note, By: r.By, At: r.At.UTC().Format(time.RFC3339)}
}

// reviewItemJSON is one line of `review list --json`.
type reviewItemJSON struct {
	ID         string      `json:"id"`
	Source     string      `json:"source"`
	Title      string      `json:"title"`
	Kind       string      `json:"kind"`
	Span       string      `json:"span"`
	Start      int         `json:"start"`
	End        int         `json:"end"`
	Value      string      `json:"value"`
	Unit       string      `json:"unit"`
	Qualifier  string      `json:"qualifier"`
	Sentence   string      `json:"sentence"`
	Verdict    string      `json:"verdict"`
	Confidence float64     `json:"confidence"`
	Flagged    bool        `json:"flagged"`
	Correction string      `json:"correction"`
	Review     *reviewJSON `json:"review"`
}

// reviewShowJSON is what `review show --json` prints: the item with its
// evidence, the model's opinion and every decision.
type reviewShowJSON struct {
	reviewItemJSON
	Run      string           `json:"run"`
	InRun    bool             `json:"in_run"`
	Evidence []reviewEvidence `json:"evidence"`
	LLM      *reviewLLM       `json:"llm"`
	History  []reviewJSON     `json:"history"`
}

type reviewEvidence struct {
	Source string `json:"source"`
	Quote  string `json:"quote"`
	Stance string `json:"stance"`
	Value  string `json:"value"`
	AsOf   string `json:"as_of"`
}

type reviewLLM struct {
	Model     string `json:"model"`
	Verdict   string `json:"verdict"`
	Rationale string `json:"rationale"`
	Trusted   bool   `json:"trusted"`
}

func toItemJSON(c reports.FlaggedClaim) reviewItemJSON {
	it := reviewItemJSON{
		ID: c.Claim.ID, Source: c.Doc.Source, Title: c.Doc.Title, Kind: string(c.Claim.Kind), Span: c.Claim.Span,
		Start: c.Claim.Start, End: c.Claim.End, Value: c.Claim.Value, Unit: c.Claim.Unit,
		Qualifier: string(c.Claim.Qualifier), Sentence: c.Claim.Sentence, Verdict: string(factcheck.VerdictUnverified),
	}
	if res := c.Claim.Result; res != nil {
		it.Verdict, it.Confidence, it.Flagged, it.Correction = string(res.Verdict), res.Confidence, res.Flagged, res.Correction
	}
	if rv := c.Claim.Review; rv != nil {
		j := toReviewJSON(*rv)
		it.Review = &j
	}
	return it
}

func runReview(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	usage := func() {
		fmt.Fprint(stderr, `usage: factcheck review <list|show|set> [flags]

  factcheck review list [--db FILE] [--json] [--all]
      the flagged claims of the run under review (the latest complete run),
      most urgent first; --all lists every claim; --json prints one object
      per line
  factcheck review show [--db FILE] [--json] ID
      a claim with its article, evidence and every decision on it
  factcheck review set [--db FILE] ID --decision D [--note TEXT] [--by NAME]
      record a decision: confirmed_error, confirmed_correct, needs_research
      or dismissed (not a claim); decisions are never changed, a new one
      is added
`)
	}
	if len(args) == 0 {
		usage()
		return exitUsage
	}
	switch args[0] {
	case "list":
		return reviewList(ctx, args[1:], stdout, stderr)
	case "show":
		return reviewShow(ctx, args[1:], stdout, stderr)
	case "set":
		return reviewSet(ctx, args[1:], stdout, stderr)
	case "-h", "--help", "help":
		usage()
		return exitOK
	}
	fmt.Fprintf(stderr, "factcheck review: unknown subcommand %q\n", args[0])
	usage()
	return exitUsage
}

// parseInterspersed parses flags that may come after positional arguments
// (`review set ID --decision D`), which flag.FlagSet alone stops at; it
// returns the positional arguments. Everything after "--" is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// openReviewStore opens an existing database for the review commands.
func openReviewStore(ctx context.Context, cmd, path string, stderr io.Writer) (*sqlite.DB, bool) {
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(stderr, "factcheck %s: database %s: %v (run 'factcheck run' first)\n", cmd, path, err)
		return nil, false
	}
	db, err := openStore(ctx, path)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck %s: %v\n", cmd, err)
		return nil, false
	}
	return db, true
}

func reviewList(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review list", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	asJSON := fs.Bool("json", false, "print one JSON object per claim per line")
	all := fs.Bool("all", false, "list every claim, not only flagged ones")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck review list [--db FILE] [--json] [--all]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	db, ok := openReviewStore(ctx, "review list", *dbPath, stderr)
	if !ok {
		return exitRunFailed
	}
	defer db.Close()
	rep, err := db.Report(ctx, "")
	if err != nil {
		fmt.Fprintf(stderr, "factcheck review list: %v\n", err)
		return exitRunFailed
	}
	var items []reports.FlaggedClaim
	for _, c := range rep.ByPriority() {
		if *all || c.Claim.Result != nil && c.Claim.Result.Flagged {
			items = append(items, c)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, c := range items {
			if err := enc.Encode(toItemJSON(c)); err != nil {
				fmt.Fprintf(stderr, "factcheck review list: write: %v\n", err)
				return exitRunFailed
			}
		}
		return exitOK
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	reviewed := 0
	for _, c := range items {
		it := toItemJSON(c)
		claim := "«" + it.Span + "» " + it.Kind + " " + it.Value
		if it.Correction != "" {
			claim += " -> " + it.Correction
		}
		review := "-"
		if rv := c.Claim.Review; rv != nil {
			reviewed++
			review = string(rv.Decision) + " by " + rv.By
		}
		fmt.Fprintf(tw, "%s\t%s %.0f%%\t%s\t%s\t%s\n", it.ID, it.Verdict, 100*it.Confidence, oneLine(claim), review, it.Source)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "factcheck review list: write: %v\n", err)
		return exitRunFailed
	}
	what := "flagged claims"
	if *all {
		what = "claims"
	}
	fmt.Fprintf(stdout, "%d %s in run %s: %d reviewed, %d remaining\n", len(items), what, rep.Run.ID, reviewed, len(items)-reviewed)
	return exitOK
}

// oneLine keeps a table row on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func reviewShow(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review show", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	asJSON := fs.Bool("json", false, "print the claim as one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck review show [--db FILE] [--json] ID")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 {
		fs.Usage()
		return exitUsage
	}
	id := pos[0]
	db, ok := openReviewStore(ctx, "review show", *dbPath, stderr)
	if !ok {
		return exitRunFailed
	}
	defer db.Close()
	rep, err := db.Report(ctx, "")
	if err != nil && !errors.Is(err, factcheck.ErrNotFound) {
		fmt.Fprintf(stderr, "factcheck review show: %v\n", err)
		return exitRunFailed
	}
	var out reviewShowJSON
	if rep != nil {
		out.Run = rep.Run.ID
	}
	found := false
	if rep != nil {
		if c, ok := rep.Find(id); ok {
			found, out.InRun = true, true
			out.reviewItemJSON = toItemJSON(c)
			if res := c.Claim.Result; res != nil {
				for _, e := range res.Evidence {
					ev := reviewEvidence{Source: e.Source, Quote: e.Quote, Stance: string(e.Stance), Value: e.Value}
					if !e.AsOf.IsZero() {
						ev.AsOf = e.AsOf.Format("2006-01-02")
					}
					out.Evidence = append(out.Evidence, ev)
				}
				if l := res.LLM; l != nil {
					out.LLM = &reviewLLM{Model: l.Model, Verdict: string(l.Verdict), Rationale: l.Rationale, Trusted: l.Trusted}
				}
			}
		}
	}
	if !found {
		// Not in the run under review: its article changed or left the
		// runs. The stored claim and its decisions still tell its story.
		c, err := db.Claim(ctx, id)
		switch {
		case err == nil:
			found = true
			out.reviewItemJSON = reviewItemJSON{ID: c.ID, Kind: string(c.Kind), Span: c.Span, Start: c.Start, End: c.End,
				Value: c.Value, Unit: c.Unit, Qualifier: string(c.Qualifier), Sentence: c.Sentence}
			if d, err := db.Document(ctx, c.DocID); err == nil {
				out.Source, out.Title = d.Source, d.Title
			}
		case !errors.Is(err, sqlite.ErrNotFound):
			fmt.Fprintf(stderr, "factcheck review show: %v\n", err)
			return exitRunFailed
		}
	}
	history, err := db.Reviews(ctx, id)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck review show: %v\n", err)
		return exitRunFailed
	}
	if !found && len(history) == 0 {
		fmt.Fprintf(stderr, "factcheck review show: no claim %q in %s\n", id, *dbPath)
		return exitRunFailed
	}
	out.ID = id
	for _, h := range history {
		out.History = append(out.History, toReviewJSON(h))
	}
	if n := len(out.History); n > 0 && out.Review == nil {
		out.Review = &out.History[n-1]
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			fmt.Fprintf(stderr, "factcheck review show: write: %v\n", err)
			return exitRunFailed
		}
		return exitOK
	}
	var b strings.Builder
	fmt.Fprintf(&b, "claim %s\n", id)
	switch {
	case out.InRun:
		fmt.Fprintf(&b, "verdict: %s %.0f%%", out.Verdict, 100*out.Confidence)
		if out.Flagged {
			b.WriteString(", flagged")
		}
		fmt.Fprintf(&b, " (run %s)\n", out.Run)
	case out.Span != "":
		fmt.Fprintf(&b, "not in run %s: its article changed or was not part of the run\n", out.Run)
	default:
		b.WriteString("no longer stored: only its decisions are kept\n")
	}
	if out.Span != "" {
		fmt.Fprintf(&b, "article: %s", out.Source)
		if out.Title != "" {
			fmt.Fprintf(&b, " (%s)", out.Title)
		}
		fmt.Fprintf(&b, "\nclaim: «%s» %s %s", out.Span, out.Kind, out.Value)
		if out.Unit != "" {
			fmt.Fprintf(&b, " %s", out.Unit)
		}
		if out.Qualifier != "" {
			fmt.Fprintf(&b, " (%s)", out.Qualifier)
		}
		fmt.Fprintf(&b, "\nsentence: %s\n", oneLine(out.Sentence))
	}
	if out.Correction != "" {
		fmt.Fprintf(&b, "correction: %s\n", out.Correction)
	}
	if len(out.Evidence) > 0 {
		b.WriteString("evidence:\n")
		for _, e := range out.Evidence {
			fmt.Fprintf(&b, "  %s %s", e.Stance, e.Source)
			if e.AsOf != "" {
				fmt.Fprintf(&b, " (as of %s)", e.AsOf)
			}
			if e.Value != "" {
				fmt.Fprintf(&b, " states %s", e.Value)
			}
			fmt.Fprintf(&b, "\n    %q\n", e.Quote)
		}
	}
	if l := out.LLM; l != nil {
		fmt.Fprintf(&b, "llm %s: %s", l.Model, l.Verdict)
		if !l.Trusted {
			b.WriteString(" (not trusted)")
		}
		fmt.Fprintf(&b, ": %s\n", oneLine(l.Rationale))
	}
	if len(history) == 0 {
		b.WriteString("decisions: none\n")
	} else {
		b.WriteString("decisions (oldest first):\n")
		for _, h := range history {
			fmt.Fprintf(&b, "  %s  %s by %s", h.At.UTC().Format(time.RFC3339), h.Decision, h.By)
			if h.Note != "" {
				fmt.Fprintf(&b, ": %s", oneLine(h.Note))
			}
			b.WriteByte('\n')
		}
	}
	if _, err := io.WriteString(stdout, b.String()); err != nil {
		fmt.Fprintf(stderr, "factcheck review show: write: %v\n", err)
		return exitRunFailed
	}
	return exitOK
}

func reviewSet(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("review set", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	decision := fs.String("decision", "", "confirmed_error, confirmed_correct, needs_research or dismissed")
	note := fs.String("note", "", "why, in a few words")
	by := fs.String("by", "", "who decides (default: $FACTCHECK_EDITOR, or the login name)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck review set [--db FILE] ID --decision D [--note TEXT] [--by NAME]")
		fs.PrintDefaults()
	}
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) != 1 || *decision == "" {
		fs.Usage()
		return exitUsage
	}
	id := pos[0]
	if *by == "" {
		*by = defaultEditor()
	}
	rv, err := fchttp.CleanReview(factcheck.Review{ClaimID: id, Decision: factcheck.Decision(*decision), Note: *note, By: *by})
	if err != nil {
		fmt.Fprintf(stderr, "factcheck review set: %v\n", err)
		return exitUsage
	}
	db, ok := openReviewStore(ctx, "review set", *dbPath, stderr)
	if !ok {
		return exitRunFailed
	}
	defer db.Close()
	c, err := db.Claim(ctx, id)
	if errors.Is(err, sqlite.ErrNotFound) {
		fmt.Fprintf(stderr, "factcheck review set: no claim %q in %s (see 'factcheck review list')\n", id, *dbPath)
		return exitRunFailed
	}
	if err != nil {
		fmt.Fprintf(stderr, "factcheck review set: %v\n", err)
		return exitRunFailed
	}
	rv.At = time.Now().UTC()
	if err := db.AddReview(ctx, rv); err != nil {
		fmt.Fprintf(stderr, "factcheck review set: %v\n", err)
		return exitRunFailed
	}
	fmt.Fprintf(stdout, "recorded %s on claim %s («%s») by %s\n", rv.Decision, id, c.Span, rv.By)
	return exitOK
}

// defaultEditor names whoever runs the command.
func defaultEditor() string {
	if e := os.Getenv("FACTCHECK_EDITOR"); e != "" {
		return e
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}
