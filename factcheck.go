// Package factcheck holds the domain types shared by every part of the
// tool: documents and the claims found in them, reference pages and their
// passages, the evidence and verdicts that link the two, editors' reviews
// and runs. It imports only the standard library; every other package
// imports it, never the other way round.
package factcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// IsURL reports whether a source or input names a web page (http or
// https) rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// Kind is the kind of quantity a claim states.
type Kind string

// The claim kinds of DESIGN.md.
const (
	KindYear       Kind = "year"
	KindMonth      Kind = "month"
	KindDate       Kind = "date"
	KindDateRange  Kind = "date_range"
	KindYearRange  Kind = "year_range"
	KindMonthRange Kind = "month_range"
	KindCount      Kind = "count"
	KindPercent    Kind = "percent"
	KindMoney      Kind = "money"
	KindOrdinal    Kind = "ordinal"
	// KindStatement is a non-numeric factual statement proposed by an LLM.
	KindStatement Kind = "statement"
)

// IsTemporal reports whether claims of kind k state a point or span of time.
func (k Kind) IsTemporal() bool {
	switch k {
	case KindYear, KindMonth, KindDate, KindDateRange, KindYearRange, KindMonthRange:
		return true
	}
	return false
}

// Qualifier says how a stated quantity relates to the true one.
type Qualifier string

// Qualifiers; the empty qualifier means the value is stated as exact.
const (
	QualNone     Qualifier = ""
	QualMoreThan Qualifier = "more_than"
	QualLessThan Qualifier = "less_than"
	QualAbout    Qualifier = "about"
	QualAtLeast  Qualifier = "at_least"
	QualAtMost   Qualifier = "at_most"
)

// Claim is one quantity in one clause of a document, with the words around
// it that say what is counted or dated.
type Claim struct {
	// ID is stable: it derives from the document's content hash and the span's
	// offsets, so extracting the same text twice gives the same ids.
	ID    string
	DocID string
	Kind  Kind
	// Span is the exact text of the quantity; Text[Start:End] == Span, with
	// byte offsets into the document text as read.
	Span      string
	Start     int
	End       int
	Value     string
	Unit      string
	Qualifier Qualifier
	// Sentence is the clause the claim stands in.
	Sentence string
	// Terms are the content words of the clause that say what the quantity
	// is about (who or what, the predicate, the counted noun), in their
	// surface form; retrieval normalises and stems them.
	Terms []string
	// Relative marks a date whose year is inferred: stated relative to the
	// article's date ("last March"; Value is empty when that date was
	// unknown), or a day and month continuing the paragraph's account of a
	// year stated before ("24 March 1999 … until 10 June").
	Relative bool
}

// Document is one article as read.
type Document struct {
	// ID is the hex SHA-256 of Text: a changed article is a new document.
	ID     string
	Source string // path or URL as given
	Title  string
	Lang   string // "ar", "en", …
	Text   string
	// Date is the article's own date when known (flag or header line); zero otherwise.
	Date time.Time
}

// Page is a fetched reference source.
type Page struct {
	URL          string // URL or file path
	Title        string
	Lang         string
	ContentType  string
	Body         []byte
	ETag         string
	LastModified string
	FetchedAt    time.Time
	// AsOf is the date the page's facts are stated as of: its metadata, a
	// dated line, Last-Modified, or the fetch date.
	AsOf time.Time
	// Status is the HTTP status of the last fetch (0 for files).
	Status int
	// Err is the last fetch error, empty on success.
	Err string
}

// Passage is a unit of reference text: a paragraph, a list item or a table
// row with its column headers.
type Passage struct {
	ID      string // stable: hash of the page URL and the passage's ordinal and text
	PageURL string
	Ordinal int
	// Context is the headings (and table caption) the passage stands under.
	Context string
	Text    string
	Lang    string
	AsOf    time.Time
}

// Stance is how one passage bears on one claim.
type Stance string

// Stances.
const (
	StanceSupports Stance = "supports"
	StanceRefutes  Stance = "refutes"
	StanceNeutral  Stance = "neutral"
)

// Evidence is one passage judged against one claim.
type Evidence struct {
	ClaimID   string
	PassageID string
	Source    string // page URL or path
	Quote     string // text that appears verbatim in the passage
	Stance    Stance
	Value     string // the value the passage states, normalised like Claim.Value
	AsOf      time.Time
	Score     float64
	Reason    string // why the rules took this stance
	// Tentative marks a refutation from a passage that is probably, not
	// surely, about the same thing: it disputes a claim, never refutes it.
	Tentative bool
}

// Verdict is the overall judgement of a claim.
type Verdict string

// Verdicts.
const (
	VerdictSupported  Verdict = "supported"
	VerdictRefuted    Verdict = "refuted"
	VerdictDisputed   Verdict = "disputed"
	VerdictUnverified Verdict = "unverified"
)

// Result is a claim's verdict with what supports it.
type Result struct {
	ClaimID    string
	Verdict    Verdict
	Confidence float64
	Flagged    bool
	Correction string
	Evidence   []Evidence
	LLM        *LLMOpinion
}

// LLMOpinion is a language model's verdict on a claim, kept for audit even
// when it was not trusted.
type LLMOpinion struct {
	Model       string
	Verdict     Verdict
	Confidence  float64
	EvidenceIDs []string
	Correction  string
	Rationale   string
	Trusted     bool
	Error       string
}

// Decision is an editor's decision on a claim.
type Decision string

// Decisions.
const (
	DecisionConfirmedError   Decision = "confirmed_error"
	DecisionConfirmedCorrect Decision = "confirmed_correct"
	DecisionNeedsResearch    Decision = "needs_research"
	DecisionDismissed        Decision = "dismissed"
)

// Review is one editor decision; reviews are append-only.
type Review struct {
	ClaimID  string
	Decision Decision
	Note     string
	By       string
	At       time.Time
}

// RunStatus is the state of a run.
type RunStatus string

// Run statuses.
const (
	RunRunning     RunStatus = "running"
	RunComplete    RunStatus = "complete"
	RunInterrupted RunStatus = "interrupted"
	RunFailed      RunStatus = "failed"
)

// Run is one invocation of the pipeline.
type Run struct {
	ID         string
	Status     RunStatus
	StartedAt  time.Time
	FinishedAt time.Time
}

// DocumentID is the id of a document with the given text: the hex SHA-256
// of its bytes, so an unchanged article keeps its id across runs.
func DocumentID(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// ClaimID is the stable id of the claim at text[start:end] of the document
// docID: the same article extracted twice yields the same ids.
func ClaimID(docID string, start, end int) string {
	sum := sha256.Sum256([]byte(docID + ":" + strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return hex.EncodeToString(sum[:10])
}
