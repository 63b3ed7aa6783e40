package llm

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
)

func TestExtractStatements(t *testing.T) {
	text := "وقّع الرئيس الأمريكي جو بايدن على البيان في واشنطن. " +
		"وقال ينس ستولتنبرغ إن الحلف يضم 32 دولة.\n" +
		"Sweden joined NATO in March 2024, and Jens Stoltenberg is the alliance's secretary general. " +
		"Jens Stoltenberg is the alliance's secretary general, he said <again>."
	doc := factcheck.Document{ID: factcheck.DocumentID(text), Source: "a.txt", Lang: "ar", Title: "قمة", Text: text,
		Date: time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC)}
	existing := []factcheck.Claim{{Start: strings.Index(text, "32 دولة"), End: strings.Index(text, "32 دولة") + len("32 دولة")}}
	statements := []map[string]string{
		{"quote": "وقّع الرئيس الأمريكي جو بايدن على البيان في واشنطن", "statement": "وقّع بايدن البيان في واشنطن"},
		{"quote": "Jens Stoltenberg is the alliance's secretary general", "statement": "Jens Stoltenberg is NATO's secretary general."},
		// The same words again: the next occurrence.
		{"quote": "Jens Stoltenberg is the alliance's secretary general", "statement": "Stoltenberg is secretary general."},
		// A third time: there is no third occurrence.
		{"quote": "Jens Stoltenberg is the alliance's secretary general", "statement": "again"},
		{"quote": "Stoltenberg leads NATO", "statement": "paraphrase, not in the text"},
		{"quote": "32 دولة", "statement": "the offsets of a number claim"},
		{"quote": "he said &lt;again&gt;", "statement": "escaped as in the prompt"},
		{"quote": "Biden", "statement": "too short"},
	}
	b, _ := json.Marshal(map[string]any{"statements": statements})
	f := newFakeServer(t, answer("```json\n"+string(b)+"\n```"))
	f.check = func(t *testing.T, s seen) {
		if !strings.Contains(s.user(), "<article>\n"+escapeText(text)+"\n</article>") || strings.Contains(s.system(), "بايدن") {
			t.Errorf("the article is not delimited in the user message:\n%s", s.user())
		}
	}
	cache := &memCache{}
	c := newTestClient(t, f, cache)
	got := c.ExtractStatements(t.Context(), "run", doc, existing)
	want := []struct{ span, value string }{
		{"وقّع الرئيس الأمريكي جو بايدن على البيان في واشنطن", "وقّع بايدن البيان في واشنطن"},
		{"Jens Stoltenberg is the alliance's secretary general", "Jens Stoltenberg is NATO's secretary general."},
		{"Jens Stoltenberg is the alliance's secretary general", "Stoltenberg is secretary general."},
		{"he said <again>", "escaped as in the prompt"},
	}
	if len(got) != len(want) {
		t.Fatalf("ExtractStatements = %d claims, want %d: %+v", len(got), len(want), got)
	}
	seenIDs := map[string]bool{}
	for i, cl := range got {
		if cl.Span != want[i].span || cl.Value != want[i].value {
			t.Errorf("claim %d = %q (%q), want %q (%q)", i, cl.Span, cl.Value, want[i].span, want[i].value)
		}
		if text[cl.Start:cl.End] != cl.Span {
			t.Errorf("claim %d: text[%d:%d] = %q, want its span %q", i, cl.Start, cl.End, text[cl.Start:cl.End], cl.Span)
		}
		if cl.Kind != factcheck.KindStatement || cl.DocID != doc.ID || cl.ID != factcheck.ClaimID(doc.ID, cl.Start, cl.End) {
			t.Errorf("claim %d = %+v", i, cl)
		}
		if !strings.Contains(cl.Sentence, cl.Span) || strings.Contains(cl.Sentence, "\n") {
			t.Errorf("claim %d: sentence %q does not hold its span on one line", i, cl.Sentence)
		}
		if seenIDs[cl.ID] {
			t.Errorf("claim %d: id %s repeated", i, cl.ID)
		}
		seenIDs[cl.ID] = true
		if i > 0 && got[i-1].Start > cl.Start {
			t.Error("claims are not in text order")
		}
	}
	if got[1].Start == got[2].Start {
		t.Error("a repeated quote took the same offsets twice")
	}
	if calls := cache.all(); len(calls) != 1 || calls[0].ClaimID != "" || calls[0].RunID != "run" {
		t.Errorf("recorded calls = %+v, want one, for no claim", calls)
	}
	// Cached: a re-run sends nothing and finds the same statements.
	again := newTestClient(t, f, cache).ExtractStatements(t.Context(), "run-2", doc, existing)
	if f.count() != 1 || len(again) != len(got) {
		t.Errorf("re-run: %d requests, %d claims; want 1, %d", f.count(), len(again), len(got))
	}
}

func TestExtractStatementsFails(t *testing.T) {
	f := newFakeServer(t, fail(400, apiError("context length exceeded")))
	c := newTestClient(t, f, &memCache{})
	doc := factcheck.Document{Text: "Jens Stoltenberg is the alliance's secretary general."}
	if got := c.ExtractStatements(t.Context(), "run", doc, nil); got != nil {
		t.Errorf("ExtractStatements after an error = %v, want none", got)
	}
	if got := c.Stats(); got.Failures != 1 {
		t.Errorf("Stats = %+v, want 1 failure", got)
	}
}
