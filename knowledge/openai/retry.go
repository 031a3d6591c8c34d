package openai

import (
	"io"
	"net/http"
	"strconv"
	"time"
)

// defaultRetryAfter is the wait after a 429 that names none.
const defaultRetryAfter = time.Second

// retryOnce sends a request and, when the server answers 429 Too Many
// Requests, waits the delay it asks for and sends it once more. When the
// wait would pass the request's deadline it does not wait: the caller falls
// back to the extractive answer sooner.
type retryOnce struct{ c *http.Client }

func (r retryOnce) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.c.Do(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests || req.GetBody == nil {
		return resp, err
	}
	wait := retryAfter(resp.Header, time.Now())
	if deadline, ok := req.Context().Deadline(); ok && time.Until(deadline) < wait {
		return resp, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return resp, nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
	again := req.Clone(req.Context())
	again.Body = body
	return r.c.Do(again)
}

// retryAfter reads the delay a 429 asks for: OpenAI's retry-after-ms, or
// Retry-After in seconds or as an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if ms, err := strconv.Atoi(h.Get("Retry-After-Ms")); err == nil && ms >= 0 {
		return time.Duration(ms) * time.Millisecond
	}
	v := h.Get("Retry-After")
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return defaultRetryAfter
}
