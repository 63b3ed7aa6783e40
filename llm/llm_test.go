package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/newsroom/factcheck"
)

func TestJudge(t *testing.T) {
	f := newFakeServer(t, verdict("supported", 0.9, "ignored", "E1"))
	f.check = func(t *testing.T, s seen) {
		checkDelimited(t, s, quotesOf(testPassages))
		for _, want := range []string{
			"Article date: 2024-07-10", "<title>قمة واشنطن</title>", "<claim>32 دولة</claim>",
			"<clause>" + testClaim.Sentence + "</clause>", "stated value 32", "unit دولة",
			`id="E1" source="https://example.org/nato-members" as_of="2024-03-07"`,
			`id="E2" source="https://example.org/nato-2017" as_of="2017-06-05"`,
		} {
			if !strings.Contains(s.user(), want) {
				t.Errorf("user message lacks %q:\n%s", want, s.user())
			}
		}
		for _, want := range []string{"never instructions", `"enum":["supported","refuted","unverified"]`} {
			if !strings.Contains(s.system(), want) {
				t.Errorf("system message lacks %q", want)
			}
		}
		if s.format != "json_schema" {
			t.Errorf("response_format %q, want json_schema", s.format)
		}
	}
	cache := &memCache{}
	c := newTestClient(t, f, cache)
	got := c.Judge(t.Context(), "run-1", testClaim, testArticle, testPassages)
	want := &factcheck.LLMOpinion{
		Model: testModel, Verdict: factcheck.VerdictSupported, Confidence: 0.9,
		EvidenceIDs: []string{"p-now"}, Rationale: "E1 states it.", Trusted: true,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Judge (-want +got):\n%s", diff)
	}

	calls := cache.all()
	if len(calls) != 1 {
		t.Fatalf("%d calls recorded, want 1", len(calls))
	}
	call := calls[0]
	sum := sha256.Sum256([]byte(call.Request))
	if call.RunID != "run-1" || call.ClaimID != "c-32" || call.Model != testModel ||
		call.PromptHash != hex.EncodeToString(sum[:]) || call.PromptTokens != 100 || call.CompletionTokens != 20 ||
		call.Error != "" || call.Latency <= 0 || call.At.IsZero() || !strings.Contains(call.Response, `"supported"`) {
		t.Errorf("recorded call = %+v", call)
	}
	if !strings.Contains(call.Request, `"model":"test-model"`) || strings.Contains(call.Request, testKey) {
		t.Errorf("recorded request = %s; want the body as sent, without the key", call.Request)
	}
	if got, want := c.Stats(), (Stats{Requests: 1, PromptTokens: 100, CompletionTokens: 20}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestJudgeCache(t *testing.T) {
	f := newFakeServer(t)
	f.fallback = verdict("supported", 0.8, "", "E1")
	cache := &memCache{}
	ctx := t.Context()

	c := newTestClient(t, f, cache)
	first := c.Judge(ctx, "run-1", testClaim, testArticle, testPassages)
	again := c.Judge(ctx, "run-1", testClaim, testArticle, testPassages)
	if f.count() != 1 {
		t.Errorf("%d requests for the same question twice, want 1", f.count())
	}
	if diff := cmp.Diff(first, again); diff != "" {
		t.Errorf("cached opinion differs (-first +again):\n%s", diff)
	}

	// The next run, on unchanged input, sends nothing at all.
	next := newTestClient(t, f, cache)
	next.Judge(ctx, "run-2", testClaim, testArticle, testPassages)
	if f.count() != 1 {
		t.Errorf("%d requests after a re-run, want still 1", f.count())
	}
	if got := next.Stats(); got.Requests != 0 || got.CacheHits != 1 {
		t.Errorf("re-run Stats = %+v, want 0 requests and 1 cache hit", got)
	}

	// Changed evidence is a new question.
	changed := append([]Passage(nil), testPassages...)
	changed[1].Quote = "In 2020 the alliance counted 30 members."
	next.Judge(ctx, "run-2", testClaim, testArticle, changed)
	if f.count() != 2 {
		t.Errorf("%d requests after the evidence changed, want 2", f.count())
	}

	// Refresh asks again, and the new answer serves later runs.
	f.script(verdict("refuted", 0.6, "31", "E1"))
	fresh := newTestClient(t, f, cache, func(c *Config) { c.Refresh = true })
	if op := fresh.Judge(ctx, "run-3", testClaim, testArticle, testPassages); op.Verdict != factcheck.VerdictRefuted {
		t.Errorf("refreshed verdict = %q, want refuted", op.Verdict)
	}
	if f.count() != 3 {
		t.Errorf("%d requests with Refresh, want 3", f.count())
	}
	later := newTestClient(t, f, cache)
	if op := later.Judge(ctx, "run-4", testClaim, testArticle, testPassages); op.Verdict != factcheck.VerdictRefuted {
		t.Errorf("verdict after refresh = %q, want the refreshed refuted", op.Verdict)
	}
	if f.count() != 3 {
		t.Errorf("%d requests after refresh, want still 3", f.count())
	}
}

func TestJudgeRetries(t *testing.T) {
	good := verdict("supported", 0.9, "", "E1")
	for _, tt := range []struct {
		name     string
		steps    []step
		requests int
		minWait  time.Duration
		// errs is how many recorded calls carry an error.
		errs int
	}{
		{"429 with Retry-After", []step{fail(429, apiError("rate limited"), "Retry-After", "1"), good}, 2, 900 * time.Millisecond, 1},
		{"429 with retry-after-ms", []step{fail(429, apiError("rate limited"), "retry-after-ms", "150"), good}, 2, 140 * time.Millisecond, 1},
		{"500", []step{fail(500, apiError("boom")), good}, 2, 0, 1},
		{"502 from a proxy, not JSON", []step{fail(502, "<html>bad gateway</html>"), good}, 2, 0, 1},
		{"503 twice", []step{fail(503, apiError("overloaded")), fail(503, apiError("overloaded")), good}, 3, 0, 2},
		{"broken JSON", []step{answer(`{"verdict": "supported", "confidence": 0.9, "evidence_ids": ["E1"`), good}, 2, 0, 1},
		{"prose without JSON", []step{answer("The claim is supported by E1."), good}, 2, 0, 1},
		{"invalid verdict", []step{verdict("true", 0.9, "", "E1"), good}, 2, 0, 1},
		{"confidence out of range", []step{verdict("supported", 90, "", "E1"), good}, 2, 0, 1},
		{"empty choices", []step{noChoices(), good}, 2, 0, 1},
		{"empty content", []step{answer(""), good}, 2, 0, 1},
		{"garbled body", []step{func(w http.ResponseWriter, r *http.Request, s seen) { fmt.Fprint(w, "{not json") }, good}, 2, 0, 1},
		{"timeout", []step{hang(), good}, 2, 0, 1},
		{"JSON in a fence", []step{answer("Here you go:\n```json\n{\"verdict\":\"supported\",\"confidence\":0.9,\"evidence_ids\":[\"E1\"],\"correction\":\"\",\"rationale\":\"E1\"}\n```")}, 1, 0, 0},
		{"JSON in prose", []step{answer("Sure. {\"verdict\":\"supported\",\"confidence\":0.9,\"evidence_ids\":[\"E1\"],\"correction\":\"\",\"rationale\":\"see {E1}\"} Hope that helps.")}, 1, 0, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t, tt.steps...)
			cache := &memCache{}
			c := newTestClient(t, f, cache, func(c *Config) { c.Timeout = 200 * time.Millisecond })
			start := time.Now()
			op := c.Judge(t.Context(), "run", testClaim, testArticle, testPassages)
			if op.Error != "" || !op.Trusted || op.Verdict != factcheck.VerdictSupported {
				t.Errorf("Judge = %+v, want a trusted supported opinion", op)
			}
			if got := f.count(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if got := time.Since(start); got < tt.minWait {
				t.Errorf("took %v, want at least %v (Retry-After)", got, tt.minWait)
			}
			errs := 0
			for _, call := range cache.all() {
				if call.Error != "" {
					errs++
				}
			}
			if errs != tt.errs || len(cache.all()) != tt.requests {
				t.Errorf("%d calls recorded, %d with an error; want %d, %d", len(cache.all()), errs, tt.requests, tt.errs)
			}
			if got := c.Stats(); got.Requests != tt.requests || got.Retries != tt.requests-1 || got.Failures != 0 {
				t.Errorf("Stats = %+v", got)
			}
		})
	}
}

func TestJudgeFails(t *testing.T) {
	for _, tt := range []struct {
		name     string
		steps    []step
		requests int
		errText  string
	}{
		{"always 500", []step{fail(500, apiError("a")), fail(500, apiError("b")), fail(500, apiError("c")), fail(500, apiError("d"))}, 4, "gave up after 4 attempts"},
		{"401 is not retried", []step{fail(401, apiError("invalid api key"))}, 1, "invalid api key"},
		{"404 model is not retried", []step{fail(404, apiError("model not found"))}, 1, "model not found"},
		{"refusal is not retried", []step{func(w http.ResponseWriter, r *http.Request, s seen) {
			fmt.Fprint(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"","refusal":"I cannot help"}}]}`)
		}}, 1, "model refused"},
		{"broken JSON every time", []step{answer("no"), answer("no"), answer("no"), answer("no")}, 4, "unusable answer"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t, tt.steps...)
			cache := &memCache{}
			c := newTestClient(t, f, cache)
			op := c.Judge(t.Context(), "run", testClaim, testArticle, testPassages)
			if op == nil || op.Trusted || op.Verdict != "" || !strings.Contains(op.Error, tt.errText) {
				t.Errorf("Judge = %+v, want an untrusted opinion with error %q", op, tt.errText)
			}
			if got := f.count(); got != tt.requests {
				t.Errorf("%d requests, want %d", got, tt.requests)
			}
			if got := c.Stats(); got.Failures != 1 || got.Requests != tt.requests {
				t.Errorf("Stats = %+v, want 1 failure after %d requests", got, tt.requests)
			}
			// Nothing failed is served from the cache: the next run asks again.
			if _, ok, _ := cache.LLMCached(t.Context(), testModel, cache.all()[0].PromptHash); ok {
				t.Error("a failed call is served from the cache")
			}
			rule := factcheck.Result{ClaimID: testClaim.ID, Verdict: factcheck.VerdictRefuted, Confidence: 0.8, Flagged: true, Correction: "31"}
			if got := Combine(rule, op); got.Verdict != rule.Verdict || got.Confidence != rule.Confidence || got.LLM == nil {
				t.Errorf("Combine = %+v, want the rule result with the opinion attached", got)
			}
		})
	}
}

// TestFlakyServer runs many claims at once against a server failing two
// requests in three: every claim gets an opinion, some with an error.
func TestFlakyServer(t *testing.T) {
	f := newFakeServer(t)
	var mu sync.Mutex
	n := 0
	failures := []step{fail(500, apiError("boom")), fail(429, apiError("slow down"), "Retry-After", "0"), answer("{oops"), noChoices(), hang()}
	f.fallback = func(w http.ResponseWriter, r *http.Request, s seen) {
		mu.Lock()
		n++
		i := n
		mu.Unlock()
		if i%3 == 0 {
			verdict("supported", 0.7, "", "E1")(w, r, s)
			return
		}
		failures[i%len(failures)](w, r, s)
	}
	cache := &memCache{}
	c := newTestClient(t, f, cache, func(c *Config) {
		c.Concurrency = 3
		c.MaxRetries = 1
		c.Timeout = 100 * time.Millisecond
		c.MaxConsecutiveFailures = -1
	})
	const claims = 24
	ops := make([]*factcheck.LLMOpinion, claims)
	var wg sync.WaitGroup
	for i := range claims {
		wg.Go(func() {
			cl := testClaim
			cl.ID = fmt.Sprintf("c%d", i)
			cl.Value = fmt.Sprint(i) // a different question each
			ops[i] = c.Judge(t.Context(), "run", cl, testArticle, testPassages)
		})
	}
	wg.Wait()
	ok, failed := 0, 0
	for i, op := range ops {
		switch {
		case op == nil:
			t.Errorf("claim %d: no opinion", i)
		case op.Error == "" && op.Trusted:
			ok++
		case op.Error != "" && !op.Trusted:
			failed++
		default:
			t.Errorf("claim %d: opinion %+v", i, op)
		}
	}
	if ok == 0 || failed == 0 {
		t.Errorf("%d answered, %d failed; want some of each", ok, failed)
	}
	st := c.Stats()
	if st.Requests != f.count() || st.Failures != failed || len(cache.all()) != f.count() {
		t.Errorf("Stats = %+v with %d requests served, %d recorded, %d failed claims", st, f.count(), len(cache.all()), failed)
	}
}

func TestBudget(t *testing.T) {
	f := newFakeServer(t)
	f.fallback = verdict("supported", 0.8, "", "E1")
	cache := &memCache{}
	claim := func(i int) factcheck.Claim {
		cl := testClaim
		cl.ID, cl.Value = fmt.Sprintf("c%d", i), fmt.Sprint(30+i)
		return cl
	}
	// An earlier run answered claim 3.
	newTestClient(t, f, cache).Judge(t.Context(), "run-0", claim(3), testArticle, testPassages)

	c := newTestClient(t, f, cache, func(c *Config) { c.Budget = 2 })
	var ops []*factcheck.LLMOpinion
	for i := range 5 {
		ops = append(ops, c.Judge(t.Context(), "run-1", claim(i), testArticle, testPassages))
	}
	if got := f.count(); got != 3 {
		t.Errorf("%d requests in all, want 1 + a budget of 2", got)
	}
	for i, op := range ops {
		exhausted := i == 2 || i == 4
		if got := op.Error == ErrBudgetExhausted.Error(); got != exhausted || IsBudgetExhausted(op) != exhausted {
			t.Errorf("claim %d: opinion %+v, budget exhausted = %v, want %v", i, op, got, exhausted)
		}
		if !exhausted && !op.Trusted {
			t.Errorf("claim %d: opinion %+v, want trusted (claim 3 from the cache)", i, op)
		}
	}
	if got, want := c.Stats(), (Stats{Requests: 2, CacheHits: 1, Skipped: 2, PromptTokens: 200, CompletionTokens: 40, BudgetExhausted: true}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestBudgetEndsRetries(t *testing.T) {
	f := newFakeServer(t, fail(500, apiError("boom")))
	c := newTestClient(t, f, &memCache{}, func(c *Config) { c.Budget = 1 })
	op := c.Judge(t.Context(), "run", testClaim, testArticle, testPassages)
	if !IsBudgetExhausted(op) || !strings.Contains(op.Error, "boom") {
		t.Errorf("Judge = %+v, want budget exhausted after the failed request", op)
	}
	if got, want := c.Stats(), (Stats{Requests: 1, Retries: 1, Failures: 1, BudgetExhausted: true}); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
}

func TestFormatFallback(t *testing.T) {
	for _, tt := range []struct {
		name    string
		refused map[string]string // format → the server's complaint
		want    []string          // formats of the requests for two claims
	}{
		{"schema unsupported",
			map[string]string{"json_schema": "'response_format.type' must be 'json_object' or 'text'"},
			[]string{"json_schema", "json_object", "json_object"}},
		{"no JSON mode at all",
			map[string]string{"json_schema": "unsupported response_format json_schema", "json_object": "response_format is not supported"},
			[]string{"json_schema", "json_object", "none", "none"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeServer(t)
			f.fallback = func(w http.ResponseWriter, r *http.Request, s seen) {
				if msg, ok := tt.refused[s.format]; ok {
					fail(400, apiError(msg))(w, r, s)
					return
				}
				verdict("supported", 0.8, "", "E1")(w, r, s)
			}
			cache := &memCache{}
			c := newTestClient(t, f, cache)
			if op := c.Judge(t.Context(), "run-1", testClaim, testArticle, testPassages); !op.Trusted {
				t.Fatalf("Judge = %+v, want an answer after falling back", op)
			}
			other := testClaim
			other.ID, other.Value = "c-other", "31"
			c.Judge(t.Context(), "run-1", other, testArticle, testPassages)
			var formats []string
			for _, s := range f.requests() {
				formats = append(formats, s.format)
			}
			if diff := cmp.Diff(tt.want, formats); diff != "" {
				t.Errorf("response formats (-want +got):\n%s", diff)
			}
			if got := c.Stats(); got.Retries != 0 || got.Failures != 0 {
				t.Errorf("Stats = %+v: falling back is neither a retry nor a failure", got)
			}
			// A new client (the next run) starts with json_schema but finds
			// the answer to the simpler format in the cache: no request.
			newTestClient(t, f, cache).Judge(t.Context(), "run-2", testClaim, testArticle, testPassages)
			if got := f.count(); got != len(tt.want) {
				t.Errorf("%d requests after a re-run, want still %d", got, len(tt.want))
			}
		})
	}
}

func TestStopsAfterConsecutiveFailures(t *testing.T) {
	f := newFakeServer(t)
	f.fallback = fail(401, apiError("invalid api key"))
	c := newTestClient(t, f, &memCache{}, func(c *Config) { c.MaxConsecutiveFailures = 3 })
	for i := range 6 {
		cl := testClaim
		cl.ID, cl.Value = fmt.Sprintf("c%d", i), fmt.Sprint(i)
		op := c.Judge(t.Context(), "run", cl, testArticle, testPassages)
		if unavailable := strings.Contains(op.Error, ErrUnavailable.Error()); unavailable != (i >= 3) {
			t.Errorf("claim %d: error %q", i, op.Error)
		}
	}
	if got := f.count(); got != 3 {
		t.Errorf("%d requests, want 3 before the client stopped asking", got)
	}
	if got := c.Stats(); got.Failures != 3 || got.Skipped != 3 {
		t.Errorf("Stats = %+v, want 3 failures and 3 skipped", got)
	}
}

func TestRetryAfterTooLong(t *testing.T) {
	f := newFakeServer(t, fail(429, apiError("quota"), "Retry-After", "3600"))
	c := newTestClient(t, f, &memCache{})
	start := time.Now()
	for i := range 3 {
		cl := testClaim
		cl.ID, cl.Value = fmt.Sprintf("c%d", i), fmt.Sprint(i)
		if op := c.Judge(t.Context(), "run", cl, testArticle, testPassages); !strings.Contains(op.Error, ErrUnavailable.Error()) {
			t.Errorf("claim %d: error %q, want unavailable", i, op.Error)
		}
	}
	if got := f.count(); got != 1 {
		t.Errorf("%d requests, want 1: the others wait out the pause without asking", got)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v, want no waiting for an hour-long Retry-After", d)
	}
}

func TestJudgeCancelled(t *testing.T) {
	f := newFakeServer(t)
	f.fallback = hang()
	c := newTestClient(t, f, &memCache{})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	op := c.Judge(ctx, "run", testClaim, testArticle, testPassages)
	if op == nil || !strings.Contains(op.Error, "canceled") {
		t.Errorf("Judge with a cancelled context = %+v, want an error opinion", op)
	}
	if f.count() != 0 {
		t.Errorf("%d requests with a cancelled context, want 0", f.count())
	}

	ctx, cancel = context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	op = c.Judge(ctx, "run", testClaim, testArticle, testPassages)
	if op == nil || op.Error == "" {
		t.Errorf("Judge cancelled in flight = %+v, want an error opinion", op)
	}
	if got := c.Stats(); got.Retries != 0 || got.Failures != 0 {
		t.Errorf("Stats = %+v: cancellation is neither retried nor a model failure", got)
	}
}

func TestNothingToAsk(t *testing.T) {
	var nilClient *Client
	if op := nilClient.Judge(t.Context(), "run", testClaim, testArticle, testPassages); op != nil {
		t.Errorf("nil Client Judge = %+v, want nil", op)
	}
	if got := nilClient.ExtractStatements(t.Context(), "run", factcheck.Document{Text: "x"}, nil); got != nil {
		t.Errorf("nil Client ExtractStatements = %v, want nil", got)
	}
	if got := nilClient.Stats(); got != (Stats{}) {
		t.Errorf("nil Client Stats = %+v", got)
	}
	f := newFakeServer(t)
	c := newTestClient(t, f, nil)
	if op := c.Judge(t.Context(), "run", testClaim, testArticle, nil); op != nil {
		t.Errorf("Judge without evidence = %+v, want nil", op)
	}
	bad := []Passage{{ID: "E1", Quote: "a"}, {ID: "e1", Quote: "b"}}
	if op := c.Judge(t.Context(), "run", testClaim, testArticle, bad); op == nil || !strings.Contains(op.Error, "used twice") {
		t.Errorf("Judge with repeated labels = %+v, want an error opinion", op)
	}
	if f.count() != 0 {
		t.Errorf("%d requests, want none", f.count())
	}
}

func TestNew(t *testing.T) {
	for _, tt := range []struct {
		name    string
		cfg     Config
		wantErr error
		errText string
	}{
		{"no model", Config{APIKey: "k"}, ErrNoModel, ""},
		{"blank model", Config{Model: "  ", APIKey: "k"}, ErrNoModel, ""},
		{"OpenAI without a key", Config{Model: "gpt-4o-mini"}, nil, "OPENAI_API_KEY"},
		{"local server without a key", Config{Model: "llama3", BaseURL: "http://127.0.0.1:11434/v1"}, nil, ""},
		{"OpenAI with a key", Config{Model: "gpt-4o-mini", APIKey: "k"}, nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(tt.cfg, nil)
			switch {
			case tt.wantErr != nil:
				if !errors.Is(err, tt.wantErr) {
					t.Errorf("New = %v, want %v", err, tt.wantErr)
				}
			case tt.errText != "":
				if err == nil || !strings.Contains(err.Error(), tt.errText) {
					t.Errorf("New = %v, want an error naming %s", err, tt.errText)
				}
			case err != nil || c == nil || c.Model() != strings.TrimSpace(tt.cfg.Model):
				t.Errorf("New = %v, %v", c, err)
			}
		})
	}
}

func TestConfigFromEnv(t *testing.T) {
	for _, tt := range []struct {
		env  map[string]string
		want Config
	}{
		{map[string]string{}, Config{}},
		{map[string]string{"OPENAI_API_KEY": "sk-1", "FACTCHECK_LLM_MODEL": "gpt-4o-mini"},
			Config{Model: "gpt-4o-mini", APIKey: "sk-1"}},
		{map[string]string{"OPENAI_BASE_URL": " http://localhost:8080/v1 ", "FACTCHECK_LLM_MODEL": "qwen2.5"},
			Config{Model: "qwen2.5", BaseURL: "http://localhost:8080/v1"}},
	} {
		got := ConfigFromEnv(func(k string) string { return tt.env[k] })
		if got.Model != tt.want.Model || got.BaseURL != tt.want.BaseURL || got.APIKey != tt.want.APIKey {
			t.Errorf("ConfigFromEnv(%v) = %+v, want %+v", tt.env, got, tt.want)
		}
		if got.Enabled() != (tt.want.Model != "") {
			t.Errorf("ConfigFromEnv(%v).Enabled() = %v", tt.env, got.Enabled())
		}
	}
}
