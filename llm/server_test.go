package llm

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsroom/factcheck"
)

// The model and key every test client uses; the fake server checks them.
const (
	testModel = "test-model"
	testKey   = "test-key"
)

// seen is one request as the fake server decoded it.
type seen struct {
	req openai.ChatCompletionRequest
	// format is response_format.type ("json_schema", "json_object"), or
	// "none" when the request has no response_format.
	format string
	body   map[string]any
}

func (s seen) system() string { return s.req.Messages[0].Content }
func (s seen) user() string   { return s.req.Messages[1].Content }

// step is the fake server's scripted reply to one request.
type step func(w http.ResponseWriter, r *http.Request, s seen)

// fakeServer is an OpenAI-compatible chat-completions endpoint on loopback
// that checks every request and plays scripted replies.
type fakeServer struct {
	t   *testing.T
	srv *httptest.Server

	mu    sync.Mutex // guards the fields below
	reqs  []seen
	steps []step
	// fallback answers once steps run out; nil fails the test.
	fallback step
	// check, when set, inspects every well-formed request further.
	check func(t *testing.T, s seen)
}

func newFakeServer(t *testing.T, steps ...step) *fakeServer {
	t.Helper()
	f := &fakeServer{t: t, steps: steps}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	t := f.t
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		t.Errorf("request %s %s, want POST /v1/chat/completions", r.Method, r.URL.Path)
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if got, want := r.Header.Get("Authorization"), "Bearer "+testKey; got != want {
		t.Errorf("Authorization = %q, want %q", got, want)
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Errorf("read request: %v", err)
		return
	}
	var s seen
	if err := json.Unmarshal(b, &s.req); err != nil {
		t.Errorf("decode request: %v\n%s", err, b)
	}
	if err := json.Unmarshal(b, &s.body); err != nil {
		t.Errorf("decode request: %v", err)
	}
	f.checkRequest(&s)

	f.mu.Lock()
	f.reqs = append(f.reqs, s)
	var next step
	if len(f.steps) > 0 {
		next, f.steps = f.steps[0], f.steps[1:]
	} else {
		next = f.fallback
	}
	check := f.check
	f.mu.Unlock()
	if check != nil {
		check(t, s)
	}
	if next == nil {
		t.Errorf("unexpected request %d", f.count())
		http.Error(w, `{"error":{"message":"unexpected request"}}`, http.StatusTeapot)
		return
	}
	next(w, r, s)
}

// checkRequest checks what every request must be: the model, a system and
// a user message, and a response format asking for JSON.
func (f *fakeServer) checkRequest(s *seen) {
	t := f.t
	if s.req.Model != testModel {
		t.Errorf("model = %q, want %q", s.req.Model, testModel)
	}
	if len(s.req.Messages) != 2 || s.req.Messages[0].Role != "system" || s.req.Messages[1].Role != "user" {
		t.Errorf("messages = %+v, want a system and a user message", s.req.Messages)
		s.req.Messages = []openai.ChatCompletionMessage{{}, {}}
	}
	rf, _ := s.body["response_format"].(map[string]any)
	s.format, _ = rf["type"].(string)
	switch s.format {
	case "json_schema":
		js, _ := rf["json_schema"].(map[string]any)
		schema, _ := js["schema"].(map[string]any)
		if js["name"] == "" || js["strict"] != true || schema["type"] != "object" || schema["properties"] == nil {
			t.Errorf("response_format = %v, want a strict named object schema", rf)
		}
	case "json_object":
		if len(rf) != 1 {
			t.Errorf("response_format = %v, want only its type", rf)
		}
	case "":
		s.format = "none" // only after the server refused the others
		if _, ok := s.body["response_format"]; ok {
			t.Errorf("response_format = %v, want json_schema, json_object or none", s.body["response_format"])
		}
	default:
		t.Errorf("response_format = %v, want json_schema, json_object or none", rf)
	}
}

// count returns the number of requests served so far.
func (f *fakeServer) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// requests returns the requests served so far.
func (f *fakeServer) requests() []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seen(nil), f.reqs...)
}

// script appends replies.
func (f *fakeServer) script(steps ...step) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.steps = append(f.steps, steps...)
}

// answer replies 200 with content as the first choice's message.
func answer(content string) step {
	return func(w http.ResponseWriter, r *http.Request, s seen) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "created": 1720000000, "model": s.req.Model,
			"choices": []any{map[string]any{
				"index": 0, "finish_reason": "stop",
				"message": map[string]any{"role": "assistant", "content": content},
			}},
			"usage": map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
		})
	}
}

// verdict replies with a judgement.
func verdict(v string, confidence float64, correction string, ids ...string) step {
	b, _ := json.Marshal(map[string]any{
		"verdict": v, "confidence": confidence, "evidence_ids": append([]string{}, ids...),
		"correction": correction, "rationale": "E1 states it.",
	})
	return answer(string(b))
}

// fail replies with an error status, a body and header pairs.
func fail(code int, body string, header ...string) step {
	return func(w http.ResponseWriter, r *http.Request, s seen) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// apiError is an OpenAI error body.
func apiError(msg string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error"}})
	return string(b)
}

// noChoices replies 200 with an empty list of choices.
func noChoices() step {
	return func(w http.ResponseWriter, r *http.Request, s seen) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"x","object":"chat.completion","choices":[],"usage":{"prompt_tokens":100}}`)
	}
}

// hang waits until the client gives up on the request.
func hang() step {
	return func(w http.ResponseWriter, r *http.Request, s seen) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
}

// memCache is a Cache in memory, like the sqlite store's.
type memCache struct {
	mu    sync.Mutex // guards calls
	calls []factcheck.LLMCall
}

func (m *memCache) LLMCached(ctx context.Context, model, hash string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := len(m.calls) - 1; i >= 0; i-- {
		c := m.calls[i]
		if c.Model == model && c.PromptHash == hash && c.Error == "" && c.Response != "" {
			return c.Response, true, nil
		}
	}
	return "", false, nil
}

func (m *memCache) SaveLLMCall(ctx context.Context, c factcheck.LLMCall) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls = append(m.calls, c)
	return nil
}

func (m *memCache) all() []factcheck.LLMCall {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]factcheck.LLMCall(nil), m.calls...)
}

// newTestClient returns a client of f with small timings, changed by mod.
func newTestClient(t *testing.T, f *fakeServer, cache Cache, mod ...func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Model: testModel, BaseURL: f.srv.URL + "/v1", APIKey: testKey,
		Concurrency: 2, Timeout: 2 * time.Second, MaxRetries: 3,
		BaseBackoff: time.Millisecond, MaxRetryAfter: 3 * time.Second,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg, cache)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// The claim and passages most tests ask about: an Arabic article's count
// against English reference passages, a current one and an older one.
var (
	testClaim = factcheck.Claim{
		ID: "c-32", DocID: "d1", Kind: factcheck.KindCount, Span: "32 دولة", Start: 40, End: 50,
		Value: "32", Unit: "دولة", Sentence: "ويضم الحلف اليوم 32 دولة عضوا بعد انضمام السويد",
	}
	testArticle  = Article{Date: time.Date(2024, 7, 10, 0, 0, 0, 0, time.UTC), Title: "قمة واشنطن"}
	testPassages = []Passage{
		{ID: "E1", PassageID: "p-now", Source: "https://example.org/nato-members",
			AsOf: time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC), Quote: "NATO has 32 member countries since Sweden joined in March 2024."},
		{ID: "E2", PassageID: "p-2017", Source: "https://example.org/nato-2017",
			AsOf: time.Date(2017, 6, 5, 0, 0, 0, 0, time.UTC), Quote: "In 2017 the alliance counted 29 members."},
	}
)

// passageBlock matches one delimited passage of a prompt.
var passageBlock = regexp.MustCompile(`(?s)<passage id="[^"]*" source="[^"]*" as_of="[^"]*">\n(.*?)\n</passage>`)

// checkDelimited checks that each quote appears, escaped, inside a
// passage block of the user message and nowhere else in the request.
func checkDelimited(t *testing.T, s seen, quotes []string) {
	t.Helper()
	blocks := passageBlock.FindAllStringSubmatch(s.user(), -1)
	if len(blocks) != len(quotes) {
		t.Errorf("user message has %d passage blocks, want %d:\n%s", len(blocks), len(quotes), s.user())
		return
	}
	outside := passageBlock.ReplaceAllString(s.user(), "")
	for i, q := range quotes {
		if got, want := blocks[i][1], escapeText(q); got != want {
			t.Errorf("passage %d = %q, want %q", i+1, got, want)
		}
		for _, frag := range []string{q, escapeText(q)} {
			if strings.Contains(s.system(), frag) {
				t.Errorf("system message contains passage text %q", frag)
			}
			if strings.Contains(outside, frag) {
				t.Errorf("user message has passage text %q outside its delimiters", frag)
			}
		}
	}
}

func quotesOf(ps []Passage) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Quote)
	}
	return out
}

func TestFakeServerSelfCheck(t *testing.T) {
	// A guard on the helpers: a passage block is found and its text compared.
	s := seen{req: openai.ChatCompletionRequest{Messages: []openai.ChatCompletionMessage{{Content: "sys"}, {Content: fmt.Sprintf(
		"x\n<passage id=\"E1\" source=\"s\" as_of=\"unknown\">\n%s\n</passage>\n", escapeText("a <b> & c"))}}}}
	checkDelimited(t, s, []string{"a <b> & c"})
}
