package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// wait sleeps for d unless the request is abandoned first; it reports
// whether to answer.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// Site serves reference pages at /NAME as a real site would: with an ETag,
// answering 304 to a matching If-None-Match, every answer after Latency.
// It counts what it served.
type Site struct {
	// Latency is added to every request, as the round trip and the
	// server's work on a real site.
	Latency time.Duration

	pages map[string]sitePage // read-only once built

	requests, fetches, notModified atomic.Int64
}

type sitePage struct {
	File
	etag string
}

// NewSite serves pages after latency.
func NewSite(pages []File, latency time.Duration) *Site {
	s := &Site{Latency: latency, pages: map[string]sitePage{}}
	for _, p := range pages {
		sum := sha256.Sum256(p.Body)
		s.pages[p.Name] = sitePage{File: p, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return s
}

// ServeHTTP answers one request for a page.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	if !wait(r, s.Latency) {
		return
	}
	p, ok := s.pages[strings.TrimPrefix(r.URL.Path, "/")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("ETag", p.etag)
	if r.Header.Get("If-None-Match") == p.etag {
		s.notModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.fetches.Add(1)
	w.Header().Set("Content-Type", p.ContentType())
	w.Write(p.Body)
}

// SiteCounts is what a Site has served.
type SiteCounts struct {
	// Requests is every request; Fetches those answered with a body;
	// NotModified those answered 304.
	Requests, Fetches, NotModified int64
}

// Counts returns what s has served so far.
func (s *Site) Counts() SiteCounts {
	return SiteCounts{Requests: s.requests.Load(), Fetches: s.fetches.Load(), NotModified: s.notModified.Load()}
}

// LLM is an OpenAI-compatible chat-completions endpoint
// (/v1/chat/completions) that answers every judgement after Latency with a
// well-formed JSON verdict, the same for the same prompt: "unverified"
// unless the prompt's first passage states the claim's value, then
// "supported" citing it. It counts requests.
type LLM struct {
	// Latency is added to every request, as a model's generation time.
	Latency time.Duration

	requests, bad atomic.Int64
}

// chatRequest is the part of a chat-completions request the fake reads.
type chatRequest struct {
	Model    string `json:"model"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// ServeHTTP answers one chat-completions request.
func (l *LLM) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.requests.Add(1)
	var req chatRequest
	body, err := io.ReadAll(r.Body)
	if err == nil {
		err = json.Unmarshal(body, &req)
	}
	if err != nil || r.URL.Path != "/v1/chat/completions" || len(req.Messages) == 0 {
		l.bad.Add(1)
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	if !wait(r, l.Latency) {
		return
	}
	user := req.Messages[len(req.Messages)-1].Content
	answer := `{"verdict":"unverified","confidence":0.3,"evidence_ids":[],"correction":"","rationale":"The passages do not state this value for the same thing."}`
	v, _, _ := strings.Cut(between(user, "stated value ", ")"), ",")
	if v != "" && strings.Contains(between(user, `<passage id="E1"`, "</passage>"), v) {
		answer = `{"verdict":"supported","confidence":0.8,"evidence_ids":["E1"],"correction":"","rationale":"E1 states the same value."}`
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": fmt.Sprintf("bench-%d", l.requests.Load()), "object": "chat.completion", "model": req.Model,
		"choices": []map[string]any{{"index": 0, "finish_reason": "stop", "message": map[string]string{"role": "assistant", "content": answer}}},
		"usage":   map[string]int{"prompt_tokens": len(body) / 4, "completion_tokens": len(answer) / 4, "total_tokens": (len(body) + len(answer)) / 4},
	})
}

// Requests is how many requests l has had; Bad how many it refused as
// malformed.
func (l *LLM) Requests() int64 { return l.requests.Load() }

// Bad is how many requests l refused as malformed.
func (l *LLM) Bad() int64 { return l.bad.Load() }

// between returns the text of s after the first start and before the
// next end, or "".
func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, ok := strings.Cut(after, end)
	if !ok {
		return ""
	}
	return v
}
