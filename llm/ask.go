package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/internal/retryafter"
)

// question is one thing to ask the model: the messages, the shape of the
// answer, and how to tell a usable answer from a broken one.
type question struct {
	runID, claimID string
	system, user   string
	// schemaName and schema describe the answer for servers that accept a
	// json_schema response format.
	schemaName string
	schema     json.RawMessage
	// check returns an error wrapping errBadAnswer when raw is unusable.
	check func(raw string) error
}

// responseFormat is how a request asks for JSON, from the most to the
// least supported by servers.
type responseFormat int32

const (
	// formatSchema asks for JSON following the answer's schema.
	formatSchema responseFormat = iota
	// formatObject asks for any JSON object ({"type":"json_object"}), for
	// servers without schema support; the system message gives the schema.
	formatObject
	// formatNone asks for nothing, for servers that refuse both; the answer
	// is parsed as tolerantly as ever.
	formatNone
)

// formats lists the response formats in the order they are tried.
var formats = []responseFormat{formatSchema, formatObject, formatNone}

// request builds the chat-completions request for q in the given response
// format. It sets nothing that varies between runs, so that its hash keys
// the cache.
func (c *Client) request(q question, f responseFormat) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: c.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: q.system},
			{Role: openai.ChatMessageRoleUser, Content: q.user},
		},
	}
	switch f {
	case formatSchema:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: q.schemaName, Schema: q.schema, Strict: true,
			},
		}
	case formatObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	return req
}

// encodeRequest returns req as JSON and the hex SHA-256 of that JSON, the
// prompt hash that keys the cache.
func encodeRequest(req openai.ChatCompletionRequest) (body, hash string, err error) {
	b, err := json.Marshal(req)
	if err != nil {
		return "", "", fmt.Errorf("encode request: %w", err)
	}
	sum := sha256.Sum256(b)
	return string(b), hex.EncodeToString(sum[:]), nil
}

// reply is what one request brought back.
type reply struct {
	raw     string
	usage   openai.Usage
	latency time.Duration
	// retryAfter is the wait a Retry-After (or retry-after-ms) header asked
	// for; zero when there was none.
	retryAfter time.Duration
}

// Errors of one request, before classification.
var (
	errEmpty   = errors.New("empty answer")
	errTimeout = errors.New("request timed out")
	errRefused = errors.New("model refused")
)

// ask returns the raw answer to q: from the cache unless Config.Refresh,
// else from the model, retrying what may pass (rate limits, server errors,
// timeouts, empty or broken answers) with backoff. Every request is
// recorded. The error says why there is no answer; it is never one the run
// must stop for.
func (c *Client) ask(ctx context.Context, q question) (string, error) {
	if !c.cfg.Refresh && c.cache != nil {
		if raw, ok := c.cached(ctx, q); ok {
			c.count(func(s *Stats) { s.CacheHits++ })
			return raw, nil
		}
	}
	retries := 0
	var last error
	for {
		if err := c.mayAsk(ctx); err != nil {
			switch {
			case ctx.Err() != nil:
			case last != nil:
				err = fmt.Errorf("%w (after: %v)", err, last)
				c.count(func(s *Stats) { s.Failures++ })
			default:
				c.count(func(s *Stats) { s.Skipped++ })
			}
			return "", err
		}
		format := responseFormat(c.format.Load())
		req := c.request(q, format)
		body, hash, err := encodeRequest(req)
		if err != nil {
			c.unreserve()
			return "", err
		}
		r, sent, err := c.send(ctx, req)
		if !sent {
			c.unreserve()
			return "", fmt.Errorf("llm request: %w", err)
		}
		if err == nil {
			err = q.check(r.raw)
		}
		c.record(ctx, q, body, hash, r, err)
		if err == nil {
			c.succeeded()
			return r.raw, nil
		}
		last = err
		if ctx.Err() != nil {
			return "", fmt.Errorf("llm request: %w", context.Cause(ctx))
		}
		switch {
		case format < formatNone && formatRefused(err):
			// Not a failure of the model: ask again at once in a simpler
			// format, and keep doing so for this client's lifetime.
			c.format.CompareAndSwap(int32(format), int32(format+1))
			c.log.Info("llm server refused the response format; falling back", "format", format.String(), "err", err)
			continue
		case !retryable(err):
			c.failed(err)
			return "", fmt.Errorf("llm request: %w", err)
		case retries >= c.cfg.MaxRetries:
			c.failed(err)
			return "", fmt.Errorf("gave up after %d attempts: %w", retries+1, err)
		}
		wait := c.backoff(retries)
		if r.retryAfter > 0 {
			if r.retryAfter > c.cfg.MaxRetryAfter {
				c.pause(r.retryAfter)
				err = fmt.Errorf("%w: server asks to wait %v, more than %v: %w", ErrUnavailable, r.retryAfter, c.cfg.MaxRetryAfter, err)
				c.failed(err)
				return "", err
			}
			wait = r.retryAfter
			c.pause(wait) // the other questions wait too
		}
		retries++
		c.count(func(s *Stats) { s.Retries++ })
		c.log.Debug("llm request failed, retrying", "claim", q.claimID, "attempt", retries, "wait", wait, "err", err)
		if err := sleep(ctx, wait); err != nil {
			return "", fmt.Errorf("llm request: %w", err)
		}
	}
}

// cached returns a usable cached answer to q in any response format, the
// one the client uses now first: a server that refused json_schema in an
// earlier run answered the json_object form of the same question.
func (c *Client) cached(ctx context.Context, q question) (string, bool) {
	current := responseFormat(c.format.Load())
	order := append([]responseFormat{current}, slices.DeleteFunc(slices.Clone(formats),
		func(f responseFormat) bool { return f == current })...)
	for _, f := range order {
		_, hash, err := encodeRequest(c.request(q, f))
		if err != nil {
			return "", false
		}
		raw, ok, err := c.cache.LLMCached(ctx, c.cfg.Model, hash)
		if err != nil {
			c.log.Warn("llm cache unreadable; asking the model", "err", err)
			return "", false
		}
		if ok && q.check(raw) == nil {
			return raw, true
		}
	}
	return "", false
}

// send makes one request, holding a slot of the concurrency limit and
// bounded by Config.Timeout, and returns the first choice's content. sent
// is false when ctx ended before the request could go.
func (c *Client) send(ctx context.Context, req openai.ChatCompletionRequest) (r reply, sent bool, err error) {
	if err := c.sem.Acquire(ctx, 1); err != nil {
		return reply{}, false, err
	}
	defer c.sem.Release(1)
	rctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	start := time.Now()
	resp, err := c.api.CreateChatCompletion(rctx, req)
	r = reply{latency: time.Since(start), usage: resp.Usage, retryAfter: retryafter.Parse(resp.Header(), time.Now())}
	c.count(func(s *Stats) {
		s.PromptTokens += resp.Usage.PromptTokens
		s.CompletionTokens += resp.Usage.CompletionTokens
	})
	switch {
	case err != nil && ctx.Err() == nil && rctx.Err() != nil:
		return r, true, fmt.Errorf("%w after %v: %w", errTimeout, c.cfg.Timeout, err)
	case err != nil:
		return r, true, err
	case len(resp.Choices) == 0:
		return r, true, fmt.Errorf("%w: no choices", errEmpty)
	}
	msg := resp.Choices[0].Message
	r.raw = msg.Content
	switch {
	case strings.TrimSpace(msg.Content) == "" && msg.Refusal != "":
		return r, true, fmt.Errorf("%w: %s", errRefused, clip(msg.Refusal, 300))
	case strings.TrimSpace(msg.Content) == "":
		return r, true, fmt.Errorf("%w: no content (finish reason %q)", errEmpty, resp.Choices[0].FinishReason)
	}
	return r, true, nil
}

// record saves one request for audit and as the cache. It runs even when
// ctx was cancelled, so that an interrupted run still leaves its trail.
func (c *Client) record(ctx context.Context, q question, body, hash string, r reply, err error) {
	if c.cache == nil {
		return
	}
	call := factcheck.LLMCall{
		RunID: q.runID, ClaimID: q.claimID, Model: c.cfg.Model, PromptHash: hash, Request: body,
		Response: r.raw, PromptTokens: r.usage.PromptTokens, CompletionTokens: r.usage.CompletionTokens,
		Latency: r.latency, At: time.Now().UTC(),
	}
	if err != nil {
		call.Error = err.Error()
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if serr := c.cache.SaveLLMCall(sctx, call); serr != nil {
		c.log.Warn("llm call not recorded", "claim", q.claimID, "err", serr)
	}
}

// mayAsk reserves one request of the budget, first waiting out a pause a
// server asked for. It fails without a request when the budget is spent,
// the client has stopped asking, or the pause is longer than allowed.
func (c *Client) mayAsk(ctx context.Context) error {
	c.mu.Lock()
	wait := time.Until(c.notBefore)
	broken := c.cfg.MaxConsecutiveFailures > 0 && c.failStreak >= c.cfg.MaxConsecutiveFailures
	c.mu.Unlock()
	switch {
	case broken:
		return fmt.Errorf("%w: %d questions in a row failed", ErrUnavailable, c.cfg.MaxConsecutiveFailures)
	case wait > c.cfg.MaxRetryAfter:
		return fmt.Errorf("%w: rate limited for %v more", ErrUnavailable, wait.Round(time.Second))
	case wait > 0:
		if err := sleep(ctx, wait); err != nil {
			return fmt.Errorf("llm request: %w", err)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("llm request: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cfg.Budget > 0 && c.st.Requests >= c.cfg.Budget {
		if !c.st.BudgetExhausted {
			c.st.BudgetExhausted = true
			c.log.Warn("llm budget exhausted: no more requests this run; claims keep their rule verdicts", "budget", c.cfg.Budget)
		}
		return ErrBudgetExhausted
	}
	c.st.Requests++ // counted when reserved, so concurrent questions cannot overspend
	return nil
}

// unreserve returns a request reserved by mayAsk that was never sent.
func (c *Client) unreserve() {
	c.count(func(s *Stats) { s.Requests-- })
}

// succeeded ends a question that got an answer.
func (c *Client) succeeded() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failStreak = 0
}

// failed ends a question that got no usable answer after at least one
// request, and stops the client after too many in a row.
func (c *Client) failed(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.st.Failures++
	c.failStreak++
	if limit := c.cfg.MaxConsecutiveFailures; limit > 0 && c.failStreak >= limit && !c.brokenWarned {
		c.brokenWarned = true
		c.log.Warn("llm unavailable: stopped asking for the rest of the run; claims keep their rule verdicts",
			"consecutive_failures", c.failStreak, "err", err)
	}
}

// pause holds every question's next request back for d.
func (c *Client) pause(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t := time.Now().Add(d); t.After(c.notBefore) {
		c.notBefore = t
	}
}

// backoff is the wait before retry n (from 0): BaseBackoff doubled n
// times, capped, with jitter in its upper half so that concurrent retries
// spread out.
func (c *Client) backoff(n int) time.Duration {
	d := c.cfg.BaseBackoff << min(n, 16)
	if d <= 0 || d > maxBackoff {
		d = max(maxBackoff, c.cfg.BaseBackoff)
	}
	return d/2 + rand.N(d/2+1)
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return context.Cause(ctx)
	case <-t.C:
		return nil
	}
}

// httpStatus returns the HTTP status of a failed request, 0 when the
// server sent none.
func httpStatus(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	var reqErr *openai.RequestError
	if errors.As(err, &reqErr) {
		return reqErr.HTTPStatusCode
	}
	return 0
}

// retryable reports whether a failed request may succeed when repeated.
func retryable(err error) bool {
	switch status := httpStatus(err); {
	case status == http.StatusTooManyRequests, status == http.StatusRequestTimeout, status >= 500:
		return true
	case status != 0:
		return false // the request itself is wrong: 400, 401, 404…
	}
	var urlErr *url.Error
	var netErr net.Error
	var syntaxErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	return errors.Is(err, errBadAnswer) || errors.Is(err, errEmpty) || errors.Is(err, errTimeout) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.As(err, &urlErr) || errors.As(err, &netErr) ||
		errors.As(err, &syntaxErr) || errors.As(err, &typeErr) // a garbled response body
}

// formatRefused reports whether err is a server refusing the response
// format (llama.cpp, older vLLM, proxies and others say so with a 400 or
// 422 naming the field).
func formatRefused(err error) bool {
	if s := httpStatus(err); s != http.StatusBadRequest && s != http.StatusUnprocessableEntity {
		return false
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "response_format") || strings.Contains(msg, "json_schema") ||
		strings.Contains(msg, "response format") || strings.Contains(msg, "json_object")
}

// String names f as the API does.
func (f responseFormat) String() string {
	switch f {
	case formatSchema:
		return "json_schema"
	case formatObject:
		return "json_object"
	}
	return "none"
}

// logNoAnswer logs why a question got no answer: a warning for a failure
// of its own, a debug line for a refusal the client already announced
// once (budget spent, model unavailable) or a cancelled run.
func (c *Client) logNoAnswer(ctx context.Context, msg string, err error, args ...any) {
	level := slog.LevelWarn
	if errors.Is(err, ErrBudgetExhausted) || errors.Is(err, ErrUnavailable) || ctx.Err() != nil {
		level = slog.LevelDebug
	}
	c.log.Log(ctx, level, msg, append(args, "err", err)...)
}
