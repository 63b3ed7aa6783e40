package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeLLM is an OpenAI-compatible chat-completions server on loopback: it
// checks each request and answers from a script; every failEvery-th
// request it plays a failure instead (429, 500, broken JSON in turn).
type fakeLLM struct {
	*httptest.Server
	requests  atomic.Int64
	failEvery int64
	bad       atomic.Value // first problem seen in a request, for the test to report
}

func newFakeLLM(t *testing.T, failEvery int64) *fakeLLM {
	t.Helper()
	f := &fakeLLM{failEvery: failEvery}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	n := f.requests.Add(1)
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		ResponseFormat *struct {
			Type string `json:"type"`
		} `json:"response_format"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil || r.URL.Path != "/v1/chat/completions" {
		f.bad.CompareAndSwap(nil, fmt.Sprintf("bad request to %s: %v", r.URL.Path, err))
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if req.Model != "fake-model" || len(req.Messages) < 2 || req.Messages[0].Role != "system" || req.ResponseFormat == nil {
		f.bad.CompareAndSwap(nil, fmt.Sprintf("unexpected request: model %q, %d messages, format %v", req.Model, len(req.Messages), req.ResponseFormat))
	}
	if f.failEvery > 0 && n%3 != 0 {
		switch n % 3 {
		case 1:
			if n%2 == 1 {
				w.Header().Set("Retry-After", "0")
				http.Error(w, `{"error":{"message":"rate limited"}}`, http.StatusTooManyRequests)
				return
			}
			http.Error(w, `{"error":{"message":"boom"}}`, http.StatusInternalServerError)
			return
		case 2:
			f.reply(w, "this is not JSON {")
			return
		}
	}
	user := req.Messages[len(req.Messages)-1].Content
	answer := `{"verdict":"unverified","confidence":0.3,"evidence_ids":[],"correction":"","rationale":"The passages do not settle it."}`
	if strings.Contains(user, "E1") && strings.Contains(user, "2002") {
		answer = `{"verdict":"refuted","confidence":0.9,"evidence_ids":["E1"],"correction":"2022-02","rationale":"E1 dates the invasion to February 2022."}`
	}
	f.reply(w, "```json\n"+answer+"\n```")
}

func (f *fakeLLM) reply(w http.ResponseWriter, content string) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": "cmpl-1", "object": "chat.completion", "model": "fake-model",
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]string{"role": "assistant", "content": content}}},
		"usage":   map[string]int{"prompt_tokens": 500, "completion_tokens": 40, "total_tokens": 540},
	})
}

// TestRunWithLLM runs the seeds' NATO article with a model on loopback:
// the report carries the model's opinions, and a second run on unchanged
// input sends no request at all.
func TestRunWithLLM(t *testing.T) {
	const article = "../../../shared/seeds/000_208f1a9ab0d9deac.txt"
	if _, err := os.Stat(article); err != nil {
		t.Skip(err)
	}
	fake := newFakeLLM(t, 0)
	db := filepath.Join(t.TempDir(), "fc.db")
	args := []string{"run", "--db", db, "--sources", "../../seeds/reference", "--llm-model", "fake-model", "--llm-base-url", fake.URL + "/v1", article}
	code, out, errOut := runCmd(t, args...)
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	if bad := fake.bad.Load(); bad != nil {
		t.Fatal(bad)
	}
	first := fake.requests.Load()
	if first == 0 || !strings.Contains(out, fmt.Sprintf("llm: %d requests", first)) {
		t.Fatalf("first run sent %d requests; summary:\n%s", first, out)
	}
	r := loadJSONReport(t, db)
	withLLM := 0
	for _, c := range r.Documents[0].Claims {
		if c.LLM != nil && c.LLM.Model == "fake-model" {
			withLLM++
		}
		if c.Span == "فبراير 2002م" && c.Verdict != "refuted" {
			t.Errorf("the wrong date is %s with the model agreeing (model: %+v)", c.Verdict, c.LLM)
		}
	}
	if withLLM == 0 {
		t.Errorf("no claim carries the model's opinion")
	}
	code, out, _ = runCmd(t, args...)
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, out)
	}
	if again := fake.requests.Load() - first; again != 0 {
		t.Errorf("second run on unchanged input sent %d requests, want 0\n%s", again, out)
	}
	t.Logf("first run: %d requests for %d claims", first, len(r.Documents[0].Claims))
}

// TestRunSurvivesFailingLLM runs against a model failing two requests in
// three (429, 500, broken JSON): the run succeeds and every claim has a
// verdict.
func TestRunSurvivesFailingLLM(t *testing.T) {
	fake := newFakeLLM(t, 3)
	db := filepath.Join(t.TempDir(), "fc.db")
	code, out, errOut := runCmd(t, "run", "--db", db, "--sources", "../../seeds/reference", "--llm-model", "fake-model",
		"--llm-base-url", fake.URL+"/v1", "--llm-backoff", "5ms", "../../seeds/articles/en_summit.txt")
	if code != 0 {
		t.Fatalf("run: exit %d\n%s\n%s", code, out, errOut)
	}
	r := loadJSONReport(t, db)
	for _, c := range r.Documents[0].Claims {
		if c.Verdict == "" {
			t.Errorf("claim %q has no verdict", c.Span)
		}
	}
	if !strings.Contains(out, "llm: ") {
		t.Errorf("summary lacks the llm line:\n%s", out)
	}
	t.Logf("%s", out)
}
