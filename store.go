package factcheck

import (
	"context"
	"errors"
	"time"
)

// ErrNotFound is returned by stores when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// ScoredPassage is a passage found by a search, with its relevance.
type ScoredPassage struct {
	Passage
	// Score is the passage's relevance to the query, higher is better; it
	// compares passages of one query, not across queries.
	Score float64
	// PageTitle is the title of the page the passage is on.
	PageTitle string
}

// Input statuses of a run's inputs.
const (
	InputPending   = "pending"
	InputExtracted = "extracted"
	InputVerified  = "verified"
	InputFailed    = "failed"
)

// Store is what the pipeline keeps its work in (the sqlite package
// implements it).
type Store interface {
	AddRunInput(ctx context.Context, runID, source string) error
	SaveDocument(ctx context.Context, runID, source string, doc Document, claims []Claim) error
	FailInput(ctx context.Context, runID, source, msg string) error
	SetInputStatus(ctx context.Context, runID, source, status string) error
	Page(ctx context.Context, url string) (*Page, error)
	SavePage(ctx context.Context, p Page, passages []Passage) error
	TouchPage(ctx context.Context, url string, fetchedAt time.Time, status int, errMsg string) error
	// SearchTerms finds passages matching any of the normalised terms, best first.
	SearchTerms(ctx context.Context, terms []string, limit int) ([]ScoredPassage, error)
	// PagePassages returns the passages of the page at url, in order.
	PagePassages(ctx context.Context, url string) ([]Passage, error)
	// SetJudgeKey records how a run judged an input; PreviousResults finds
	// the run just before whose results for a document, judged the same
	// way, may be copied; CopyResults copies them.
	SetJudgeKey(ctx context.Context, runID, source, key string) error
	PreviousResults(ctx context.Context, runID, docID, key string) (string, bool, error)
	CopyResults(ctx context.Context, from, to, docID string) ([]Result, error)
	// SaveResults stores the results of claims, with their evidence, in one transaction.
	SaveResults(ctx context.Context, runID string, results []Result) error
}

// Sources fetches reference pages and articles and cuts pages into
// passages (the sources package implements it).
type Sources interface {
	// Fetch gets url, revalidating cached when given; changed is false when
	// the server answered 304 Not Modified.
	Fetch(ctx context.Context, url string, cached *Page) (page *Page, changed bool, err error)
	// ReadFile reads a local reference file.
	ReadFile(path string) (*Page, error)
	// Passages cuts a page into passages.
	Passages(p *Page) ([]Passage, error)
}

// LLMCall is one request to a language model about one claim, kept for
// audit and, by model and prompt hash, as a cache.
type LLMCall struct {
	RunID      string
	ClaimID    string
	Model      string
	PromptHash string // hex SHA-256 of the request as sent (model, messages, format)
	Request    string // the request as sent, JSON
	Response   string // the raw answer, empty on error
	// PromptTokens and CompletionTokens are as reported by the server.
	PromptTokens     int
	CompletionTokens int
	Latency          time.Duration
	Error            string
	At               time.Time
}
