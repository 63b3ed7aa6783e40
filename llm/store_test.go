package llm_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/llm"
	"github.com/newsroom/factcheck/sqlite"
)

// The sqlite store is the Cache the command wires in.
var _ llm.Cache = (*sqlite.DB)(nil)

// TestRerunWithStore runs twice over a real store file: the second run,
// on unchanged input, sends no request, and both runs' calls are there
// for the report.
func TestRerunWithStore(t *testing.T) {
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := requests.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":{"message":"loading model"}}`))
			return
		}
		content := `{"verdict":"refuted","confidence":0.8,"evidence_ids":["E1"],"correction":"32","rationale":"E1 says 32."}`
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"index": 0, "message": map[string]any{"role": "assistant", "content": content}}},
			"usage":   map[string]any{"prompt_tokens": 50, "completion_tokens": 10},
		})
	}))
	defer srv.Close()

	ctx := t.Context()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "factcheck.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	claim := factcheck.Claim{ID: "c1", Kind: factcheck.KindCount, Span: "31 members", Value: "31", Unit: "members",
		Sentence: "NATO now has 31 members"}
	evidence := llm.Passages([]factcheck.Evidence{{PassageID: "p1", Source: "https://example.org", Quote: "NATO has 32 members.",
		Stance: factcheck.StanceRefutes, Value: "32"}}, 5)
	run := func(runID string) *factcheck.LLMOpinion {
		c, err := llm.New(llm.Config{Model: "local", BaseURL: srv.URL + "/v1", BaseBackoff: time.Millisecond}, db)
		if err != nil {
			t.Fatal(err)
		}
		return c.Judge(ctx, runID, claim, llm.Article{}, evidence)
	}
	first := run("r1")
	second := run("r2")
	if got := requests.Load(); got != 2 {
		t.Errorf("%d requests over two runs, want 2 (a 503, then the answer), none in the re-run", got)
	}
	for _, op := range []*factcheck.LLMOpinion{first, second} {
		if !op.Trusted || op.Verdict != factcheck.VerdictRefuted || len(op.EvidenceIDs) != 1 || op.EvidenceIDs[0] != "p1" {
			t.Errorf("opinion = %+v, want trusted refuted citing p1", op)
		}
	}
	calls, err := db.LLMCalls(context.Background(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || calls[0].Error == "" || calls[1].Error != "" || calls[1].PromptTokens != 50 {
		t.Errorf("run r1 calls = %+v, want the failed one then the answer", calls)
	}
	if calls, _ := db.LLMCalls(ctx, "r2"); len(calls) != 0 {
		t.Errorf("run r2 calls = %+v, want none (answered from the cache)", calls)
	}
}
