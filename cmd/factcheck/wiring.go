package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/aliases"
	"github.com/newsroom/factcheck/llm"
	"github.com/newsroom/factcheck/pipeline"
	"github.com/newsroom/factcheck/sources"
	"github.com/newsroom/factcheck/sqlite"
)

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// sourceSet adapts the sources package to factcheck.Sources.
type sourceSet struct{ *sources.Fetcher }

func (sourceSet) Passages(p *factcheck.Page) ([]factcheck.Passage, error) { return sources.Passages(p) }

// llmOpinion adapts an llm.Client to pipeline.SecondOpinion: the model
// judges each claim with the rules' evidence, and llm.Combine decides what
// its answer may change.
type llmOpinion struct {
	client  *llm.Client
	extract bool
}

// maxLLMPassages bounds the passages offered to the model per claim.
const maxLLMPassages = 6

func (o *llmOpinion) Review(ctx context.Context, runID string, c factcheck.Claim, a pipeline.Article, rule factcheck.Result) factcheck.Result {
	op := o.client.Judge(ctx, runID, c, llm.Article{Date: a.Date, Title: a.Title}, llm.Passages(rule.Evidence, maxLLMPassages))
	return llm.Combine(rule, op)
}

func (o *llmOpinion) Statements(ctx context.Context, runID string, doc factcheck.Document, existing []factcheck.Claim) []factcheck.Claim {
	if !o.extract {
		return nil
	}
	return o.client.ExtractStatements(ctx, runID, doc, existing)
}

// judgeKey identifies how this run judges claims: this program (any code
// change invalidates earlier results), the alias tables' contents, the
// sources and the options that change verdicts. Unchanged articles are
// copied from the run before only when it judged with the same key; an
// empty key (something could not be read) turns that off.
func judgeKey(aliasPaths, srcs []string, parts ...string) string {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	for _, f := range append([]string{exe}, aliasPaths...) {
		b, err := os.ReadFile(f)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s %x\n", f, sha256.Sum256(b))
	}
	sorted := append([]string(nil), srcs...)
	sort.Strings(sorted)
	for _, s := range append(sorted, parts...) {
		fmt.Fprintf(h, "%q\n", s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// openStore opens the database at path, naming it in errors.
func openStore(ctx context.Context, path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// loadAliases reads the alias tables in order; a missing default table is
// not an error (factcheck then matches without aliases).
func loadAliases(paths []string, defaultPath string) (*aliases.Table, error) {
	if len(paths) == 0 {
		if _, err := os.Stat(defaultPath); err != nil {
			return nil, nil
		}
		paths = []string{defaultPath}
	}
	var t *aliases.Table
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("aliases: %w", err)
		}
		if t == nil {
			t, err = aliases.Load(f, p)
		} else {
			err = t.Add(f, p)
		}
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("aliases: %w", err)
		}
	}
	return t, nil
}

// newLogger logs to w as text or JSON at the given level.
func newLogger(w io.Writer, format string, verbose bool) (*slog.Logger, error) {
	level := slog.LevelWarn
	if verbose {
		level = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: level}
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// expandInputs turns the command line's inputs (files, directories, URLs)
// into articles; an input that names nothing readable is returned in bad.
func expandInputs(args []string) (inputs []string, bad []string) {
	for _, a := range args {
		if factcheck.IsURL(a) {
			inputs = append(inputs, a)
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", a, err))
			continue
		}
		if !fi.IsDir() {
			inputs = append(inputs, a)
			continue
		}
		found, err := sources.Expand(a)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", a, err))
			continue
		}
		for _, f := range found {
			if filepath.Base(f) != "labels.json" {
				inputs = append(inputs, f)
			}
		}
	}
	return inputs, bad
}
