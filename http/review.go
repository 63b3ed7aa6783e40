package http

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/factcheck"
)

// Limits on what an editor types, in characters.
const (
	MaxNameLen = 80
	MaxNoteLen = 2000
)

// Decisions returns the decisions an editor can record, in the order of
// their keyboard shortcuts 1 to 4.
func Decisions() []factcheck.Decision {
	return []factcheck.Decision{
		factcheck.DecisionConfirmedError,
		factcheck.DecisionConfirmedCorrect,
		factcheck.DecisionNeedsResearch,
		factcheck.DecisionDismissed,
	}
}

// decisionLabel is how the UI names a decision.
func decisionLabel(d factcheck.Decision) string {
	switch d {
	case factcheck.DecisionConfirmedError:
		return "Confirmed error"
	case factcheck.DecisionConfirmedCorrect:
		return "Confirmed correct"
	case factcheck.DecisionNeedsResearch:
		return "Needs research"
	case factcheck.DecisionDismissed:
		return "Dismissed (not a claim)"
	}
	return string(d)
}

// decisionShort is a decision's name on a queue row's button.
func decisionShort(d factcheck.Decision) string {
	switch d {
	case factcheck.DecisionConfirmedError:
		return "Error"
	case factcheck.DecisionConfirmedCorrect:
		return "Correct"
	case factcheck.DecisionNeedsResearch:
		return "Research"
	case factcheck.DecisionDismissed:
		return "Dismiss"
	}
	return string(d)
}

// ValidDecision reports whether d is one of Decisions.
func ValidDecision(d factcheck.Decision) bool {
	for _, v := range Decisions() {
		if d == v {
			return true
		}
	}
	return false
}

// CleanReview checks a review as an editor entered it and returns it with
// the name and note trimmed: the decision must be one of Decisions, the
// name non-empty and at most MaxNameLen characters on one line, the note at
// most MaxNoteLen characters, both valid UTF-8 without control characters
// (the note may have line breaks and tabs).
func CleanReview(r factcheck.Review) (factcheck.Review, error) {
	if r.ClaimID == "" {
		return r, fmt.Errorf("no claim id")
	}
	if !ValidDecision(r.Decision) {
		return r, fmt.Errorf("decision %q: want one of confirmed_error, confirmed_correct, needs_research, dismissed", r.Decision)
	}
	r.By = strings.TrimSpace(r.By)
	r.Note = strings.TrimSpace(strings.ReplaceAll(r.Note, "\r\n", "\n"))
	switch {
	case r.By == "":
		return r, fmt.Errorf("name: say who decides")
	case !utf8.ValidString(r.By) || strings.IndexFunc(r.By, unicode.IsControl) >= 0:
		return r, fmt.Errorf("name: not plain text")
	case utf8.RuneCountInString(r.By) > MaxNameLen:
		return r, fmt.Errorf("name: longer than %d characters", MaxNameLen)
	case !utf8.ValidString(r.Note) || strings.IndexFunc(r.Note, func(c rune) bool { return unicode.IsControl(c) && c != '\n' && c != '\t' }) >= 0:
		return r, fmt.Errorf("note: not plain text")
	case utf8.RuneCountInString(r.Note) > MaxNoteLen:
		return r, fmt.Errorf("note: longer than %d characters", MaxNoteLen)
	}
	return r, nil
}
