// Package pipeline runs factcheck's batch job: it refreshes the reference
// sources, reads the articles, extracts their claims, retrieves candidate
// passages for each claim, judges them by rules and stores the verdicts.
// It works through the interfaces of the factcheck package; cmd/factcheck
// wires in the store, the fetcher and the article reader.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/claims"
)

// ArticleReader reads an article from a file, or parses one fetched over
// HTTP (the articles package implements it).
type ArticleReader interface {
	ReadFile(path string) (factcheck.Document, error)
	Parse(source string, body []byte, contentType string) (factcheck.Document, error)
}

// SecondOpinion is an optional second judge of claims, such as a language
// model. It must never fail the run: problems are recorded in the result.
type SecondOpinion interface {
	// Review returns the result to keep for claim c given the rules' result.
	Review(ctx context.Context, runID string, c factcheck.Claim, a Article, rule factcheck.Result) factcheck.Result
	// Statements proposes claims the number extractor cannot see (kind
	// statement) for doc; none when that is switched off.
	Statements(ctx context.Context, runID string, doc factcheck.Document, existing []factcheck.Claim) []factcheck.Claim
}

// Pipeline is one configured batch job.
type Pipeline struct {
	Store    factcheck.Store
	Sources  factcheck.Sources
	Articles ArticleReader
	Judge    *Judge
	Log      *slog.Logger
	// Opinion is asked about every claim after the rules; nil means rules only.
	Opinion SecondOpinion
	// ClaimConcurrency bounds the claims of one article judged at once;
	// zero means one at a time.
	ClaimConcurrency int
	// Events, when set, is told of progress: each source refreshed, each
	// claim judged, each article done. It is called from many goroutines.
	Events func(Event)
	// JudgeKey identifies how claims are judged: the alias tables, the
	// sources, the model and the rules' version. When it is set and a run's
	// refresh changed no source, an unchanged article's results are copied
	// from the run just before instead of judged again. Empty: always judge.
	JudgeKey string
	// KeepNeutral is how many passages that neither support nor refute a
	// claim are kept as its context evidence (shown to editors and offered
	// to the second opinion); zero means 2.
	KeepNeutral int

	// Concurrency bounds the sources fetched and articles processed at once.
	Concurrency int
	// SearchLimit bounds the candidate passages retrieved per claim; zero
	// means 80.
	SearchLimit int
	// FlagUnverified flags claims no evidence bears on for editors.
	FlagUnverified bool
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
}

// EventKind says what an Event reports.
type EventKind int

// Kinds of progress events.
const (
	EventInputs  EventKind = iota // the run's inputs and sources are known (Inputs, Sources)
	EventSource                   // a source was refreshed, or failed (Failed)
	EventClaim                    // a claim was judged
	EventArticle                  // an article is done, or failed (Failed)
)

// Event is one step of a run's progress.
type Event struct {
	Kind    EventKind
	Source  string // the source or article
	Failed  bool
	Claims  int // claims of a finished article
	Inputs  int // with EventInputs
	Sources int // with EventInputs
}

func (p *Pipeline) emit(e Event) {
	if p.Events != nil {
		p.Events(e)
	}
}

// Summary is what a run did.
type Summary struct {
	RunID            string                    `json:"run_id"`
	Documents        int                       `json:"documents"`
	DocumentsFailed  int                       `json:"documents_failed"`
	Claims           int                       `json:"claims"`
	Verdicts         map[factcheck.Verdict]int `json:"verdicts"`
	Flagged          int                       `json:"flagged"`
	SourcesFetched   int                       `json:"sources_fetched"`
	SourcesUnchanged int                       `json:"sources_unchanged"`
	SourcesFailed    int                       `json:"sources_failed"`
	Seconds          float64                   `json:"seconds"`
	// Failures names each input or source that failed and why.
	Failures []string `json:"failures,omitempty"`
	// Reused counts the unchanged articles whose results were copied from
	// the run before.
	Reused int `json:"reused"`
	// LLM holds the second opinion's counters when there is one.
	LLM any `json:"llm,omitempty"`
}

// tally accumulates a Summary from concurrent workers.
type tally struct {
	mu sync.Mutex // guards s
	s  Summary

	pages sync.Map // page URL → *pageValues, for this run's index
}

// pageValues are the distinct values a reference page states, loaded once.
type pageValues struct {
	once sync.Once
	keys map[string]bool
}

// pageKeys returns the distinct values of the page at url (none when it
// cannot be read: the page then ties nothing).
func (p *Pipeline) pageKeys(ctx context.Context, t *tally, url string) map[string]bool {
	v, _ := t.pages.LoadOrStore(url, &pageValues{})
	pv := v.(*pageValues)
	pv.once.Do(func() {
		passages, err := p.Store.PagePassages(ctx, url)
		if err != nil {
			p.log().Warn("read page passages", "url", url, "err", err)
			return
		}
		pv.keys = p.Judge.DistinctValues(passages)
	})
	return pv.keys
}

func (t *tally) add(f func(s *Summary)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f(&t.s)
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now().UTC()
	}
	return time.Now().UTC()
}

func (p *Pipeline) log() *slog.Logger {
	if p.Log != nil {
		return p.Log
	}
	return slog.New(slog.DiscardHandler)
}

// Run refreshes sources, then processes inputs (article paths and URLs)
// under run runID, which the caller has begun in the store. It returns the
// summary and an error only when the run itself failed or was cancelled;
// inputs and sources that fail are counted and named in the summary.
func (p *Pipeline) Run(ctx context.Context, runID string, inputs, sources []string) (Summary, error) {
	start := p.now()
	t := &tally{s: Summary{RunID: runID, Verdicts: map[factcheck.Verdict]int{}}}
	// Record every input first, so an interrupted run still lists its work.
	for _, in := range inputs {
		if err := p.Store.AddRunInput(ctx, runID, in); err != nil {
			return t.s, fmt.Errorf("record input %s: %w", in, err)
		}
	}
	p.emit(Event{Kind: EventInputs, Inputs: len(inputs), Sources: len(sources)})
	if err := p.refreshSources(ctx, sources, t); err != nil {
		return t.s, err
	}
	// The index is as the last run left it when no source changed (a
	// source that fails keeps its stored passages).
	reuse := p.JudgeKey != "" && t.s.SourcesFetched == 0
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, p.Concurrency))
	for _, in := range inputs {
		g.Go(func() error { return p.processInput(gctx, runID, in, reuse, t) })
	}
	err := g.Wait()
	t.s.Seconds = p.now().Sub(start).Seconds()
	if err == nil {
		err = ctx.Err()
	}
	return t.s, err
}

// refreshSources fetches or reads every source, revalidating cached pages,
// and indexes the passages of those that changed. A failed source is
// recorded and logged, never fatal; a failing store fails the run.
func (p *Pipeline) refreshSources(ctx context.Context, sources []string, t *tally) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, p.Concurrency))
	for _, src := range sources {
		g.Go(func() error {
			status, err := p.refreshSource(gctx, src)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				var se storeError
				if errors.As(err, &se) {
					// the store, not the source, failed (a full disk): the
					// run cannot go on
					return err
				}
				p.log().Warn("source failed", "source", src, "err", err)
				if terr := p.Store.TouchPage(gctx, src, p.now(), 0, err.Error()); terr != nil {
					return fmt.Errorf("record failed source %s: %w", src, terr)
				}
				t.add(func(s *Summary) {
					s.SourcesFailed++
					s.Failures = append(s.Failures, err.Error())
				})
				p.emit(Event{Kind: EventSource, Source: src, Failed: true})
				return nil
			}
			p.emit(Event{Kind: EventSource, Source: src})
			t.add(func(s *Summary) {
				if status == "unchanged" {
					s.SourcesUnchanged++
				} else {
					s.SourcesFetched++
				}
			})
			return nil
		})
	}
	return g.Wait()
}

// refreshSource brings one source up to date in the store; it returns
// "unchanged" when the cached copy was still current.
func (p *Pipeline) refreshSource(ctx context.Context, src string) (string, error) {
	cached, err := p.Store.Page(ctx, src)
	if err != nil && !errors.Is(err, factcheck.ErrNotFound) {
		return "", storeError{fmt.Errorf("read cached %s: %w", src, err)}
	}
	if cached != nil && len(cached.Body) == 0 {
		cached = nil // a failure record, not a cached page
	}
	var page *factcheck.Page
	if factcheck.IsURL(src) {
		pg, changed, err := p.Sources.Fetch(ctx, src, cached)
		if err != nil {
			return "", err
		}
		if !changed && cached != nil {
			return "unchanged", asStoreError(p.Store.TouchPage(ctx, src, pg.FetchedAt, pg.Status, ""))
		}
		page = pg
	} else {
		pg, err := p.Sources.ReadFile(src)
		if err != nil {
			return "", err
		}
		if cached != nil && string(cached.Body) == string(pg.Body) && cached.Err == "" {
			return "unchanged", asStoreError(p.Store.TouchPage(ctx, src, p.now(), 0, ""))
		}
		page = pg
	}
	passages, err := p.Sources.Passages(page)
	if err != nil {
		return "", fmt.Errorf("passages of %s: %w", src, err)
	}
	if passages == nil {
		passages = []factcheck.Passage{}
	}
	if err := p.Store.SavePage(ctx, *page, passages); err != nil {
		return "", storeError{fmt.Errorf("store %s: %w", src, err)}
	}
	p.log().Debug("source indexed", "source", src, "passages", len(passages))
	return "fetched", nil
}

// storeError marks an error of the store, not of a source: it fails the
// run instead of the source.
type storeError struct{ err error }

func (e storeError) Error() string { return e.err.Error() }
func (e storeError) Unwrap() error { return e.err }

// asStoreError marks err, when there is one, as the store's.
func asStoreError(err error) error {
	if err == nil {
		return nil
	}
	return storeError{err}
}

// processInput reads one article, stores it with its claims, and judges
// every claim. A bad input is recorded as failed and the run goes on.
func (p *Pipeline) processInput(ctx context.Context, runID, in string, reuse bool, t *tally) error {
	doc, err := p.readArticle(ctx, in)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		p.log().Warn("input failed", "input", in, "err", err)
		if ferr := p.Store.FailInput(ctx, runID, in, err.Error()); ferr != nil {
			return fmt.Errorf("record failed input %s: %w", in, ferr)
		}
		t.add(func(s *Summary) {
			s.DocumentsFailed++
			s.Failures = append(s.Failures, err.Error())
		})
		p.emit(Event{Kind: EventArticle, Source: in, Failed: true})
		return nil
	}
	// The article's date line is its own date, not a claim to check.
	cs := slices.DeleteFunc(claims.Extract(doc.Text, claims.Options{Date: doc.Date}), func(c factcheck.Claim) bool {
		return p.Judge.IsDateline(doc.Text, c)
	})
	if p.Opinion != nil {
		cs = append(cs, p.Opinion.Statements(ctx, runID, doc, cs)...)
	}
	if err := p.Store.SaveDocument(ctx, runID, in, doc, cs); err != nil {
		return fmt.Errorf("store %s: %w", in, err)
	}
	if reuse {
		done, err := p.reuseResults(ctx, runID, in, doc, len(cs), t)
		if err != nil || done {
			return err
		}
	}
	// The claims of an article are judged concurrently (the second opinion
	// waits on a model), each writing its own slot; the results are stored
	// in one transaction.
	art := Article{Date: doc.Date, Title: doc.Title, Claims: cs, Text: doc.Text}
	own := DistinctKeys(cs)
	var sharedMu sync.Mutex
	shared := map[string]map[string]bool{} // page URL → the distinct values it shares with the article
	art.SharedValues = func(url, except string) int {
		sharedMu.Lock()
		keys, ok := shared[url]
		sharedMu.Unlock()
		if !ok {
			keys = map[string]bool{}
			for k := range p.pageKeys(ctx, t, url) {
				if own[k] {
					keys[k] = true
				}
			}
			sharedMu.Lock()
			shared[url] = keys
			sharedMu.Unlock()
		}
		if keys[except] {
			return len(keys) - 1
		}
		return len(keys)
	}
	results := make([]factcheck.Result, len(cs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(max(1, p.ClaimConcurrency))
	for k, c := range cs {
		g.Go(func() error {
			res, err := p.verify(gctx, c, art)
			if err != nil {
				return fmt.Errorf("verify claim %q of %s: %w", c.Span, in, err)
			}
			if p.Opinion != nil {
				res = p.Opinion.Review(gctx, runID, c, art, res)
			}
			results[k] = res
			p.emit(Event{Kind: EventClaim, Source: in})
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	if err := p.Store.SaveResults(ctx, runID, results); err != nil {
		return fmt.Errorf("store results of %s: %w", in, err)
	}
	t.add(func(s *Summary) {
		for _, res := range results {
			s.Claims++
			s.Verdicts[res.Verdict]++
			if res.Flagged {
				s.Flagged++
			}
		}
	})
	return p.finishInput(ctx, runID, in, len(cs), t)
}

// finishInput records an article as verified, with how it was judged.
func (p *Pipeline) finishInput(ctx context.Context, runID, in string, claims int, t *tally) error {
	if err := p.Store.SetJudgeKey(ctx, runID, in, p.JudgeKey); err != nil {
		return fmt.Errorf("store judge key of %s: %w", in, err)
	}
	if err := p.Store.SetInputStatus(ctx, runID, in, factcheck.InputVerified); err != nil {
		return fmt.Errorf("store status of %s: %w", in, err)
	}
	t.add(func(s *Summary) { s.Documents++ })
	p.emit(Event{Kind: EventArticle, Source: in, Claims: claims})
	p.log().Info("article checked", "input", in, "claims", claims)
	return nil
}

// reuseResults copies an unchanged article's results from the run just
// before, when that run judged it the same way; done is false when there is
// nothing to copy and the article must be judged.
func (p *Pipeline) reuseResults(ctx context.Context, runID, in string, doc factcheck.Document, claims int, t *tally) (bool, error) {
	from, ok, err := p.Store.PreviousResults(ctx, runID, doc.ID, p.JudgeKey)
	if err != nil || !ok {
		return false, err
	}
	results, err := p.Store.CopyResults(ctx, from, runID, doc.ID)
	if err != nil {
		return false, fmt.Errorf("copy results of %s: %w", in, err)
	}
	if len(results) != claims {
		return false, nil // the earlier run did not finish this article: judge it
	}
	t.add(func(s *Summary) {
		s.Reused++
		for _, res := range results {
			s.Claims++
			s.Verdicts[res.Verdict]++
			if res.Flagged {
				s.Flagged++
			}
		}
	})
	for range results {
		p.emit(Event{Kind: EventClaim, Source: in})
	}
	return true, p.finishInput(ctx, runID, in, claims, t)
}

func (p *Pipeline) readArticle(ctx context.Context, in string) (factcheck.Document, error) {
	if !factcheck.IsURL(in) {
		return p.Articles.ReadFile(in)
	}
	page, _, err := p.Sources.Fetch(ctx, in, nil)
	if err != nil {
		return factcheck.Document{}, err
	}
	return p.Articles.Parse(in, page.Body, page.ContentType)
}

// verify retrieves candidate passages for claim c and judges them.
func (p *Pipeline) verify(ctx context.Context, c factcheck.Claim, a Article) (factcheck.Result, error) {
	limit := p.SearchLimit
	if limit <= 0 {
		limit = 80
	}
	keep := p.KeepNeutral
	if keep <= 0 {
		keep = 2
	}
	var evidence, neutral, others []factcheck.Evidence
	if c.Value != "" || c.Kind == factcheck.KindStatement {
		prep := p.Judge.Prepare(c, a)
		cands, err := p.Store.SearchTerms(ctx, p.Judge.Query(prep), limit)
		if err != nil {
			return factcheck.Result{}, err
		}
		seen := map[string]bool{}
		unique := cands[:0]
		for _, cand := range cands {
			if !seen[cand.ID] {
				seen[cand.ID] = true
				unique = append(unique, cand)
			}
		}
		for _, ev := range p.Judge.JudgeAll(prep, unique) {
			switch {
			case ev.Stance != factcheck.StanceNeutral:
				evidence = append(evidence, ev)
			case ev.Value != "":
				neutral = append(neutral, ev) // states a comparable quantity, about something else
			default:
				others = append(others, ev)
			}
		}
	}
	// Neutral passages that state a comparable quantity come first, then
	// the best-ranked others, as context.
	neutral = append(neutral, others...)
	evidence = append(evidence, neutral[:min(keep, len(neutral))]...)
	return Verdict(c, evidence, p.FlagUnverified), nil
}
