// Package retryafter reads how long an HTTP response asks its client to
// wait before trying again. The page fetcher and the model client share it.
package retryafter

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxWait bounds what a header may ask, so that arithmetic on it cannot
// overflow; callers cap it further.
const maxWait = 24 * time.Hour

// Parse returns the wait header h asks for, at time now: retry-after-ms
// (as OpenAI-compatible servers send it) first, else Retry-After in
// seconds or as an HTTP date. It is zero when the header is absent,
// unreadable, not positive or in the past, and at most a day.
func Parse(h http.Header, now time.Time) time.Duration {
	if h == nil {
		return 0
	}
	if ms, err := strconv.ParseFloat(strings.TrimSpace(h.Get("retry-after-ms")), 64); err == nil && ms > 0 {
		return capped(ms * float64(time.Millisecond))
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return capped(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxWait)
	}
	return 0
}

func capped(d float64) time.Duration {
	if d >= float64(maxWait) {
		return maxWait
	}
	return time.Duration(d)
}
