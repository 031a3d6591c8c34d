package openai

import (
	"io"
	"net/http"
	"time"

	"github.com/standardbot/standardbot/internal/retry"
)

// defaultRetryAfter is the wait after a 429 that names none.
const defaultRetryAfter = time.Second

// retryOnce sends a request and, when the server answers 429 Too Many
// Requests, waits the delay it asks for (retry.After: OpenAI's
// Retry-After-Ms, or Retry-After) and sends it once more. When the wait
// would pass the request's deadline it does not wait: the caller falls
// back to the extractive answer sooner.
type retryOnce struct{ c *http.Client }

func (r retryOnce) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.c.Do(req)
	if err != nil || resp.StatusCode != http.StatusTooManyRequests || req.GetBody == nil {
		return resp, err
	}
	now := time.Now()
	wait, ok := retry.After(resp.Header, now)
	if !ok {
		wait = defaultRetryAfter
	}
	if !retry.Fits(req.Context(), wait, now) {
		return resp, nil
	}
	body, err := req.GetBody()
	if err != nil {
		return resp, nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if err := retry.Sleep(req.Context(), wait); err != nil {
		return nil, err
	}
	again := req.Clone(req.Context())
	again.Body = body
	return r.c.Do(again)
}
