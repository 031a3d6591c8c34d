// Package retry is how standardbot retries a call to another service that
// failed for a reason that may pass: how many tries, how long to wait
// between them (what the server's Retry-After asks, else exponential
// backoff with jitter), and when to give up rather than wait (a
// Retry-After too long, a deadline too close, the context ended).
//
// The Slack and Teams adapters, the GOV.UK client and the OpenAI client
// each decide which of their failures are worth another try, and why (for
// their metrics); this package does the rest, the same way for all of
// them. Its clock and its sleep can be replaced, so its tests do not wait.
package retry

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Backoff spaces the retries a server gave no time for: the wait doubles
// from Base up to Max, and half of it is random, so clients that failed
// together (replicas, say) do not retry in step.
type Backoff struct {
	Base time.Duration
	Max  time.Duration // 0: no cap
}

// Wait is the wait before retry n, 1 for the first retry: between half
// and all of Base doubled n-1 times, capped at Max.
func (b Backoff) Wait(n int) time.Duration {
	// Past 2^20 times Base the wait is days long: no caller retries that
	// often, and the shift must not overflow.
	d := b.Base << min(max(n-1, 0), 20)
	if b.Max > 0 {
		d = min(d, b.Max)
	}
	return d/2 + rand.N(d/2+1)
}

// After reads how long a response asks to wait before the next try:
// Retry-After-Ms (OpenAI's), else Retry-After in seconds or as an HTTP
// date, a date already past being no wait. ok is false when the response
// names no wait, or none that can be read.
func After(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if ms, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After-Ms"))); err == nil && ms >= 0 {
		return time.Duration(ms) * time.Millisecond, true
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// Sleep waits d, or returns ctx's error if it ends first (at once when it
// has ended already).
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
