package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/llm"
	"github.com/newsroom/factcheck/pipeline"
)

// Progress reporting intervals.
const (
	// redrawEvery is how often the terminal line is redrawn.
	redrawEvery = 250 * time.Millisecond
	// logEvery is the longest time between two progress log lines.
	logEvery = 10 * time.Second
)

// progress tells the operator what a run is doing, from the pipeline's
// events. On a terminal it redraws one line in place: a bar, articles
// done of the total, claims judged, sources fetched and failed, LLM
// requests, the time spent and an estimate of the time left. Elsewhere
// (cron, systemd, a pipe) it logs an Info line at every tenth of the
// articles and at least every 10 seconds, through the run's logger (so
// --log-format and -v apply).
type progress struct {
	w   io.Writer // the terminal, or where the logger writes
	tty bool
	log *slog.Logger
	// llm returns the model client's counters; nil without a model.
	llm func() llm.Stats
	now func() time.Time

	mu                        sync.Mutex // guards the fields below, and writes to w
	start, articlesStart      time.Time
	inputs, sources           int
	sourcesDone, sourcesBad   int
	articlesDone, articlesBad int
	claims                    int
	lastLog                   time.Time
	lastLogged                int  // articles done at the last log line
	drawn                     bool // a progress line is on the terminal
	stop                      chan struct{}
	done                      sync.WaitGroup
}

// isTerminal reports whether w is a character device (a terminal, not a
// file or a pipe).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb"
}

// newProgress reports to w, drawing a line when tty is set.
func newProgress(w io.Writer, tty bool) *progress {
	return &progress{w: w, tty: tty, now: time.Now, log: slog.New(slog.DiscardHandler)}
}

// Writer returns the writer the run's logger should write to: on a
// terminal, it clears the progress line before a log line, which the
// next redraw puts back below it.
func (p *progress) Writer() io.Writer {
	if !p.tty {
		return p.w
	}
	return progressWriter{p}
}

type progressWriter struct{ p *progress }

func (pw progressWriter) Write(b []byte) (int, error) {
	pw.p.mu.Lock()
	defer pw.p.mu.Unlock()
	pw.p.clearLocked()
	return pw.p.w.Write(b)
}

// Start begins the clock and, on a terminal, the redrawing; Stop ends it.
func (p *progress) Start() {
	p.mu.Lock()
	p.start = p.now()
	p.lastLog = p.start
	p.stop = make(chan struct{})
	p.mu.Unlock()
	interval := logEvery
	if p.tty {
		interval = redrawEvery
	}
	p.done.Add(1)
	go func() {
		defer p.done.Done()
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.tick()
			}
		}
	}()
}

// Stop stops the redrawing and clears the line, so that the run's summary
// follows on a clean terminal.
func (p *progress) Stop() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	p.done.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
}

// Event records one pipeline event; it is the pipeline's Events hook and
// is called from many goroutines.
func (p *progress) Event(e pipeline.Event) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	switch e.Kind {
	case pipeline.EventInputs:
		p.inputs, p.sources = e.Inputs, e.Sources
		if p.sources == 0 {
			p.articlesStart = now
		}
	case pipeline.EventSource:
		p.sourcesDone++
		if e.Failed {
			p.sourcesBad++
		}
		if p.sourcesDone == p.sources {
			p.articlesStart = now
			if !p.tty {
				p.log.Info("sources refreshed", "sources", p.sources, "failed", p.sourcesBad, "elapsed_s", seconds(now.Sub(p.start)))
			}
		}
	case pipeline.EventClaim:
		p.claims++
	case pipeline.EventArticle:
		p.articlesDone++
		if e.Failed {
			p.articlesBad++
		}
		if !p.tty && p.articlesDone-p.lastLogged >= max(1, p.inputs/10) {
			p.logLocked(now)
		}
	}
}

// tick redraws the line, or logs when nothing was logged for a while.
func (p *progress) tick() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if p.tty {
		p.drawLocked(now)
		return
	}
	if now.Sub(p.lastLog) >= logEvery {
		p.logLocked(now)
	}
}

func (p *progress) llmRequests() (int, bool) {
	if p.llm == nil {
		return 0, false
	}
	return p.llm().Requests, true
}

func (p *progress) elapsed(now time.Time) time.Duration {
	return now.Sub(p.start).Round(time.Second)
}

// eta estimates the time left from the articles' pace so far; ok is false
// until there is a pace to go by.
func (p *progress) eta(now time.Time) (time.Duration, bool) {
	if p.articlesStart.IsZero() || p.articlesDone == 0 {
		return 0, false
	}
	per := now.Sub(p.articlesStart) / time.Duration(p.articlesDone)
	return (per * time.Duration(p.inputs-p.articlesDone)).Round(time.Second), true
}

func (p *progress) logLocked(now time.Time) {
	p.lastLog, p.lastLogged = now, p.articlesDone
	args := []any{
		"articles", p.articlesDone, "articles_total", p.inputs, "articles_failed", p.articlesBad,
		"claims", p.claims, "sources", p.sourcesDone, "sources_total", p.sources, "sources_failed", p.sourcesBad,
	}
	if n, ok := p.llmRequests(); ok {
		args = append(args, "llm_requests", n)
	}
	args = append(args, "elapsed_s", seconds(now.Sub(p.start)))
	if eta, ok := p.eta(now); ok {
		args = append(args, "eta_s", seconds(eta))
	}
	p.log.Info("progress", args...)
}

// barWidth is the width of the bar in characters.
const barWidth = 20

// line renders the progress line.
func (p *progress) line(now time.Time) string {
	var b strings.Builder
	if p.articlesStart.IsZero() {
		fmt.Fprintf(&b, "sources %d/%d", p.sourcesDone, p.sources)
	} else {
		filled := 0
		if p.inputs > 0 {
			filled = barWidth * p.articlesDone / p.inputs
		}
		fmt.Fprintf(&b, "[%s%s] articles %d/%d", strings.Repeat("#", filled), strings.Repeat(".", barWidth-filled), p.articlesDone, p.inputs)
		if p.articlesBad > 0 {
			fmt.Fprintf(&b, " (%d failed)", p.articlesBad)
		}
		fmt.Fprintf(&b, " · claims %d · sources %d", p.claims, p.sourcesDone-p.sourcesBad)
	}
	if p.sourcesBad > 0 {
		fmt.Fprintf(&b, " (%d failed)", p.sourcesBad)
	}
	if n, ok := p.llmRequests(); ok {
		fmt.Fprintf(&b, " · llm %d", n)
	}
	fmt.Fprintf(&b, " · %s", p.elapsed(now))
	if eta, ok := p.eta(now); ok {
		fmt.Fprintf(&b, " · ETA %s", eta)
	}
	return b.String()
}

func (p *progress) drawLocked(now time.Time) {
	fmt.Fprintf(p.w, "\r\033[K%s", p.line(now))
	p.drawn = true
}

func (p *progress) clearLocked() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// Finish logs the run's summary as one Info line, for logs read by
// machines; on a terminal the summary printed on standard output is enough.
func (p *progress) Finish(s pipeline.Summary, status factcheck.RunStatus) {
	if p.tty {
		return
	}
	args := []any{
		"run", s.RunID, "status", status, "seconds", s.Seconds,
		"documents", s.Documents, "documents_failed", s.DocumentsFailed,
		"claims", s.Claims, "flagged", s.Flagged,
		"sources_fetched", s.SourcesFetched, "sources_unchanged", s.SourcesUnchanged, "sources_failed", s.SourcesFailed,
	}
	if st, ok := s.LLM.(llm.Stats); ok {
		args = append(args, "llm_requests", st.Requests, "llm_cache_hits", st.CacheHits, "llm_failures", st.Failures)
	}
	p.log.Info("run finished", args...)
}

// seconds is d in seconds to a tenth, as log lines carry durations.
func seconds(d time.Duration) float64 { return d.Round(100 * time.Millisecond).Seconds() }
