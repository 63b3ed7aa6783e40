// Package llm asks a language model for a second, auditable opinion on the
// claims the rules have judged, through any OpenAI-compatible
// chat-completions endpoint (OpenAI itself, vLLM, llama.cpp's server,
// Ollama) by way of github.com/sashabaranov/go-openai.
//
// The model is never trusted blindly and never makes a run fragile,
// expensive or gullible:
//
//   - Every request is recorded (Cache.SaveLLMCall): its hash, the raw
//     answer, tokens, latency and any error. Answers are cached by model
//     and request hash, so a re-run on unchanged input sends no request;
//     Config.Refresh bypasses the cache.
//   - Rate limits (honouring Retry-After), server errors, timeouts, empty
//     and unparsable answers are retried with backoff up to a limit; a
//     budget bounds the requests of a run, and after a run of failures the
//     client stops asking. None of this is ever an error the run must stop
//     for: Judge returns an opinion that carries the error instead.
//   - Reference passages are untrusted data: they are quoted, escaped and
//     delimited in the prompt, and an answer that cites passages that were
//     not offered, cites none for a verdict, or cites a passage that
//     addresses the model is recorded but not trusted. Combine then lets a
//     trusted opinion settle only claims the rules left unverified; a
//     disagreement with the rules becomes a flagged dispute, never a
//     silent change of verdict.
package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/sync/semaphore"

	"github.com/newsroom/factcheck"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvAPIKey  = "OPENAI_API_KEY"
	EnvBaseURL = "OPENAI_BASE_URL"
	EnvModel   = "FACTCHECK_LLM_MODEL"
)

// Defaults for the zero values of Config.
const (
	DefaultConcurrency            = 4
	DefaultTimeout                = 60 * time.Second
	DefaultMaxRetries             = 3
	DefaultBaseBackoff            = time.Second
	DefaultMaxRetryAfter          = time.Minute
	DefaultMaxConsecutiveFailures = 5
)

// maxBackoff caps the exponential backoff between retries.
const maxBackoff = 30 * time.Second

// Errors that end up in LLMOpinion.Error (as their text) and that callers
// may test for with errors.Is where they are returned.
var (
	// ErrNoModel is returned by New when no model is configured: the run
	// is then rules-only.
	ErrNoModel = errors.New("no language model configured")
	// ErrBudgetExhausted means the run's request budget was spent; the
	// claim keeps its rule verdict and no request was sent.
	ErrBudgetExhausted = errors.New("budget exhausted")
	// ErrUnavailable means the client stopped asking after too many
	// consecutive failures, or the server asked for a longer pause than
	// Config.MaxRetryAfter allows.
	ErrUnavailable = errors.New("language model unavailable")
	// ErrNotTrusted prefixes the reason an answer is recorded but not used.
	ErrNotTrusted = errors.New("answer not trusted")
)

// Config configures a Client. Zero values mean the defaults above; it is
// set in cmd/factcheck, from flags over ConfigFromEnv.
type Config struct {
	// Model is the model name sent with every request; empty means no LLM.
	Model string
	// BaseURL is the API's base URL, e.g. http://localhost:11434/v1 for
	// Ollama; empty means OpenAI's.
	BaseURL string
	// APIKey is sent as a bearer token; local servers usually need none.
	APIKey string
	// Concurrency bounds the requests in flight at once.
	Concurrency int
	// Timeout bounds each request, not the retries of a claim together.
	Timeout time.Duration
	// Budget is the most requests one Client (one run) sends, retries
	// included; cache hits are free. Zero or less means no limit.
	Budget int
	// Refresh asks again even when a cached answer exists (the new answer
	// is recorded and serves later runs).
	Refresh bool
	// MaxRetries is how many times a failed request is retried; zero means
	// DefaultMaxRetries, negative means never.
	MaxRetries int
	// BaseBackoff is the wait before the first retry; it doubles with each
	// further one (with jitter), up to 30 seconds.
	BaseBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for; a
	// server asking for longer is treated as unavailable until then.
	MaxRetryAfter time.Duration
	// MaxConsecutiveFailures is how many claims in a row may end in an
	// error before the client stops asking for the rest of its life (a run);
	// zero means DefaultMaxConsecutiveFailures, negative means never stop.
	MaxConsecutiveFailures int
	// HTTPClient is the one client every request goes through; nil means a
	// new http.Client (deadlines come from Timeout).
	HTTPClient *http.Client
	// Log receives warnings (budget spent, giving up) and debug lines per
	// request; nil discards them.
	Log *slog.Logger
}

// ConfigFromEnv returns the configuration given by the environment
// variables OPENAI_API_KEY, OPENAI_BASE_URL and FACTCHECK_LLM_MODEL, read
// with getenv (nil means os.Getenv; tests pass a map's lookup). Flags set
// afterwards override it.
func ConfigFromEnv(getenv func(string) string) Config {
	if getenv == nil {
		getenv = os.Getenv
	}
	return Config{
		Model:   strings.TrimSpace(getenv(EnvModel)),
		BaseURL: strings.TrimSpace(getenv(EnvBaseURL)),
		APIKey:  strings.TrimSpace(getenv(EnvAPIKey)),
	}
}

// Enabled reports whether a model is configured; without one, factcheck
// runs on rules alone.
func (c Config) Enabled() bool { return strings.TrimSpace(c.Model) != "" }

// withDefaults returns c with its zero values replaced by the defaults.
func (c Config) withDefaults() Config {
	c.Model = strings.TrimSpace(c.Model)
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	if c.BaseBackoff <= 0 {
		c.BaseBackoff = DefaultBaseBackoff
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if c.MaxConsecutiveFailures == 0 {
		c.MaxConsecutiveFailures = DefaultMaxConsecutiveFailures
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{}
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// Cache is what the client keeps its calls in (the sqlite package
// implements it).
type Cache interface {
	// LLMCached returns the raw answer of the latest successful call to
	// model with the given prompt hash; ok is false when there is none.
	LLMCached(ctx context.Context, model, promptHash string) (raw string, ok bool, err error)
	// SaveLLMCall records one request, failed or not.
	SaveLLMCall(ctx context.Context, call factcheck.LLMCall) error
}

// Stats is what a Client has done so far.
type Stats struct {
	// Requests is the requests sent, retries included.
	Requests int `json:"requests"`
	// Retries is the requests that repeated a failed one.
	Retries int `json:"retries"`
	// CacheHits is the questions answered from the cache, with no request.
	CacheHits int `json:"cache_hits"`
	// Failures is the questions that ended in an error after at least one
	// request; their claims keep the rule verdict.
	Failures int `json:"failures"`
	// Skipped is the questions refused without a request: budget spent,
	// or the model unavailable.
	Skipped int `json:"skipped"`
	// Untrusted is the answers recorded but not trusted.
	Untrusted int `json:"untrusted"`
	// PromptTokens and CompletionTokens are as reported by the server, for
	// every answered request (a broken answer costs tokens too).
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// BudgetExhausted is true once the budget stopped a request.
	BudgetExhausted bool `json:"budget_exhausted"`
}

// Client asks one model about claims. It is safe for concurrent use; make
// one per run, since the budget and the failure count are per Client. A nil
// *Client is valid and asks nothing: Judge returns nil, ExtractStatements
// no claims.
type Client struct {
	cfg   Config
	api   *openai.Client
	cache Cache
	sem   *semaphore.Weighted
	log   *slog.Logger

	// format is the response format requests ask for (a responseFormat):
	// it steps down, for the client's lifetime, each time the server
	// refuses one.
	format atomic.Int32

	mu sync.Mutex // guards the fields below
	st Stats
	// notBefore is when a server's Retry-After lets the next request go.
	notBefore time.Time
	// failStreak counts questions in a row that ended in an error.
	failStreak int
	// brokenWarned is set once the client logged that it stopped asking.
	brokenWarned bool
}

// New returns a client for cfg keeping its calls in cache (nil: nothing is
// cached or recorded). It fails with ErrNoModel when cfg names no model, and
// when it names OpenAI's own API without a key.
func New(cfg Config, cache Cache) (*Client, error) {
	if !cfg.Enabled() {
		return nil, ErrNoModel
	}
	cfg = cfg.withDefaults()
	if cfg.BaseURL == "" && cfg.APIKey == "" {
		return nil, fmt.Errorf("llm model %s on the OpenAI API: no API key (set %s, or %s for a local server)",
			cfg.Model, EnvAPIKey, EnvBaseURL)
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	oc.HTTPClient = cfg.HTTPClient
	return &Client{
		cfg:   cfg,
		api:   openai.NewClientWithConfig(oc),
		cache: cache,
		sem:   semaphore.NewWeighted(int64(cfg.Concurrency)),
		log:   cfg.Log.With("model", cfg.Model),
	}, nil
}

// Model returns the configured model name; empty for a nil Client.
func (c *Client) Model() string {
	if c == nil {
		return ""
	}
	return c.cfg.Model
}

// Stats returns what the client has done so far.
func (c *Client) Stats() Stats {
	if c == nil {
		return Stats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st
}

// count updates the stats under the lock.
func (c *Client) count(f func(s *Stats)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(&c.st)
}
