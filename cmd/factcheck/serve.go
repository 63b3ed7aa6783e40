package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"

	fchttp "github.com/newsroom/factcheck/http"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dbPath := fs.String("db", defaultDB, "SQLite database `file`")
	addr := fs.String("addr", fchttp.DefaultAddr, "`host:port` to listen on; beyond loopback it needs --token")
	token := fs.String("token", "", "access `token` every request must carry (default $FACTCHECK_TOKEN)")
	logFormat := fs.String("log-format", "text", "log format: text or json")
	verbose := fs.Bool("v", false, "log every decision, not only warnings")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: factcheck serve [--db FILE] [--addr 127.0.0.1:8080] [--token TOKEN]\n\n"+
			"Serves the review queue of the latest complete run as a local web page.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	if *token == "" {
		*token = os.Getenv("FACTCHECK_TOKEN")
	}
	if err := fchttp.CheckAddr(*addr, *token); err != nil {
		if errors.Is(err, fchttp.ErrTokenRequired) {
			fmt.Fprintf(stderr, "factcheck serve: --addr %s is reachable from other machines: set --token or FACTCHECK_TOKEN\n", *addr)
		} else {
			fmt.Fprintf(stderr, "factcheck serve: --addr: %v\n", err)
		}
		return exitUsage
	}
	log, err := newLogger(stderr, *logFormat, *verbose)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck serve: %v\n", err)
		return exitUsage
	}
	db, ok := openReviewStore(ctx, "serve", *dbPath, stderr)
	if !ok {
		return exitRunFailed
	}
	defer db.Close()
	srv := &fchttp.Server{Addr: *addr, Token: *token, Store: db, Logger: log}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "factcheck serve: %v\n", err)
		return exitRunFailed
	}
	url := "http://" + ln.Addr().String() + "/"
	if *token != "" {
		fmt.Fprintf(stdout, "factcheck serve: reviewing %s at %s\nsign in once with %s?token=<the token> (Ctrl-C to stop)\n", *dbPath, url, url)
	} else {
		fmt.Fprintf(stdout, "factcheck serve: reviewing %s at %s (Ctrl-C to stop)\n", *dbPath, url)
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "factcheck serve: %v\n", err)
		return exitRunFailed
	}
	return exitOK
}
