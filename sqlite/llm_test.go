package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/newsroom/factcheck"
)

func TestLLMCache(t *testing.T) {
	db := openTestDB(t)
	at := time.Date(2024, 7, 10, 9, 0, 0, 0, time.UTC)
	calls := []factcheck.LLMCall{
		{RunID: "r1", ClaimID: "c1", Model: "m", PromptHash: "h1", Request: `{"model":"m"}`,
			Error: "status 500", Latency: 120 * time.Millisecond, At: at},
		{RunID: "r1", ClaimID: "c1", Model: "m", PromptHash: "h1", Request: `{"model":"m"}`,
			Response: `{"verdict":"supported"}`, PromptTokens: 300, CompletionTokens: 40, Latency: 900 * time.Millisecond, At: at.Add(time.Second)},
		// A broken answer is recorded with its error and never served.
		{RunID: "r1", ClaimID: "c2", Model: "m", PromptHash: "h2", Response: "{not json", Error: "parse answer", At: at},
		{RunID: "r2", ClaimID: "c1", Model: "m", PromptHash: "h1", Response: `{"verdict":"refuted"}`, At: at.Add(time.Hour)},
		{RunID: "r2", ClaimID: "c1", Model: "other", PromptHash: "h3", Response: `{"verdict":"unverified"}`, At: at.Add(time.Hour)},
	}
	for _, c := range calls {
		if err := db.SaveLLMCall(t.Context(), c); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		model, hash string
		want        string
		ok          bool
	}{
		{"m", "h1", `{"verdict":"refuted"}`, true}, // the latest successful call
		{"m", "h2", "", false},                     // only a failed call
		{"other", "h1", "", false},                 // the hash of another model
		{"other", "h3", `{"verdict":"unverified"}`, true},
		{"m", "nope", "", false},
	} {
		got, ok, err := db.LLMCached(t.Context(), tt.model, tt.hash)
		if err != nil {
			t.Fatalf("LLMCached(%s, %s): %v", tt.model, tt.hash, err)
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("LLMCached(%s, %s) = %q, %v; want %q, %v", tt.model, tt.hash, got, ok, tt.want, tt.ok)
		}
	}

	got, err := db.LLMCalls(t.Context(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(calls[:3], got); diff != "" {
		t.Errorf("LLMCalls(r1) (-want +got):\n%s", diff)
	}
	if got, err := db.LLMCalls(t.Context(), "none"); err != nil || len(got) != 0 {
		t.Errorf("LLMCalls(none) = %v, %v; want none", got, err)
	}
}

func TestSaveLLMCall(t *testing.T) {
	db := openTestDB(t)
	now := time.Date(2024, 7, 10, 9, 0, 0, 0, time.UTC)
	db.now = func() time.Time { return now }
	for _, tt := range []struct {
		name    string
		call    factcheck.LLMCall
		wantErr bool
	}{
		{"zero time means now", factcheck.LLMCall{RunID: "r", Model: "m", PromptHash: "h"}, false},
		{"no model", factcheck.LLMCall{RunID: "r", PromptHash: "h"}, true},
		{"no hash", factcheck.LLMCall{RunID: "r", Model: "m"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := db.SaveLLMCall(t.Context(), tt.call)
			if gotErr := err != nil; gotErr != tt.wantErr {
				t.Fatalf("SaveLLMCall(%+v) error = %v, want error %v", tt.call, err, tt.wantErr)
			}
		})
	}
	got, err := db.LLMCalls(t.Context(), "r")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !got[0].At.Equal(now) {
		t.Errorf("LLMCalls(r) = %+v, want one call at %v", got, now)
	}
}

// TestLLMMigrationUpgrades opens a store made before llm_calls existed
// (only migration 0001 applied) and checks the table arrives.
func TestLLMMigrationUpgrades(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE llm_calls`, `ALTER TABLE run_documents DROP COLUMN judge_key`, `ALTER TABLE evidence DROP COLUMN tentative`, `DROP TABLE index_version`, `DELETE FROM schema_migrations WHERE version >= 2`} {
		if _, err := db.db.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, path)
	if err := db.SaveLLMCall(t.Context(), factcheck.LLMCall{Model: "m", PromptHash: "h", Response: "{}"}); err != nil {
		t.Fatalf("SaveLLMCall after upgrade: %v", err)
	}
	if _, ok, err := db.LLMCached(t.Context(), "m", "h"); err != nil || !ok {
		t.Errorf("LLMCached after upgrade = %v, %v; want a hit", ok, err)
	}
}
