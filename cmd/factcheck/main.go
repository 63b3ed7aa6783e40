// Command factcheck finds checkable numbers and dates in news articles,
// cross-references them against reference pages and an optional LLM, keeps
// everything in SQLite, and reports and reviews the results.
//
// Usage:
//
//	factcheck claims [--date YYYY-MM-DD] FILE...
//	factcheck run [flags] INPUT...
//	factcheck report [flags]
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses shared by the subcommands.
const (
	exitOK         = 0
	exitSomeFailed = 1
	exitUsage      = 2
	exitRunFailed  = 3
)

// errUsage marks a usage error; the subcommand has already printed why.
var errUsage = errors.New("usage")

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"claims", "print the claims found in articles, one JSON object per line", runClaims},
		{"run", "check articles against reference sources and store the results", runRun},
		{"report", "report a run as text, JSON or one HTML file", runReport},
		{"review", "list, show and record editors' decisions on claims", runReview},
		{"serve", "serve the review queue as a local web page", runServe},
		{"prune", "delete old runs, keeping the most recent ones", runPrune},
		{"bench", "measure a run on generated articles against loopback sites and model", runBench},
	}
}

func main() { os.Exit(mainWithSignals(os.Args[1:])) }

// mainWithSignals runs the command named by args with a context that Ctrl-C
// and SIGTERM cancel, so a run ends cleanly and is marked interrupted.
func mainWithSignals(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return dispatch(ctx, args, os.Stdout, os.Stderr)
}

// dispatch runs the subcommand named by args[0] and returns the exit status.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "factcheck: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: factcheck <command> [flags] [args]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'factcheck <command> -h' for a command's flags.")
}
