package govuk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/standardbot/standardbot/internal/retry"
)

// DefaultBaseURL is GOV.UK itself.
const DefaultBaseURL = "https://www.gov.uk"

// Defaults of Options.
const (
	DefaultRate     = 5                // requests a second
	DefaultTimeout  = 20 * time.Second // per request
	DefaultMaxBytes = 8 << 20          // per response; the longest guide is well under 1 MiB
	DefaultRetries  = 4
	DefaultBackoff  = 500 * time.Millisecond
	// DefaultMaxRetryAfter is the longest Retry-After waited for; GOV.UK
	// asking for longer means try another day.
	DefaultMaxRetryAfter = time.Minute
)

// UserAgent is how standardbot introduces itself to GOV.UK.
func UserAgent(version string) string {
	return "standardbot/" + version + " (+https://github.com/standardbot/standardbot)"
}

// Options configures a Client. Zero values take the defaults.
type Options struct {
	// BaseURL is where GOV.UK is: DefaultBaseURL, a proxy or a test server.
	BaseURL string
	// Version goes in the User-Agent.
	Version string
	// Rate is the most requests a second, retries included.
	Rate float64
	// Timeout bounds each request.
	Timeout time.Duration
	// MaxBytes bounds each response body.
	MaxBytes int64
	// Retries is how many times a 429, a 5xx or a network error is retried;
	// negative for none.
	Retries int
	// Backoff is the first retry's wait before jitter; each retry doubles it.
	Backoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured.
	MaxRetryAfter time.Duration
	// HTTPClient sends the requests; nil for one of its own.
	HTTPClient *http.Client
}

// Client fetches from GOV.UK. It is safe for concurrent use, and its rate
// holds across all its callers.
type Client struct {
	base      string
	userAgent string
	http      *http.Client
	pace      *pacer
	retries   retry.Policy
	opt       Options
}

// New returns a client; an error when BaseURL is not an http(s) URL.
func New(opt Options) (*Client, error) {
	if opt.BaseURL == "" {
		opt.BaseURL = DefaultBaseURL
	}
	u, err := url.Parse(opt.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("GOV.UK base URL %q is not an http(s) URL", opt.BaseURL)
	}
	if opt.Version == "" {
		opt.Version = "dev"
	}
	if opt.Rate <= 0 {
		opt.Rate = DefaultRate
	}
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.Retries == 0 {
		opt.Retries = DefaultRetries
	}
	if opt.Backoff <= 0 {
		opt.Backoff = DefaultBackoff
	}
	if opt.MaxRetryAfter <= 0 {
		opt.MaxRetryAfter = DefaultMaxRetryAfter
	}
	hc := opt.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	return &Client{
		base:      strings.TrimRight(opt.BaseURL, "/"),
		userAgent: UserAgent(opt.Version),
		http:      hc,
		pace:      newPacer(paceFor(opt.Rate)),
		retries: retry.Policy{
			Attempts: max(opt.Retries, 0) + 1,
			Backoff:  retry.Backoff{Base: opt.Backoff},
			MaxAfter: opt.MaxRetryAfter,
		},
		opt: opt,
	}, nil
}

// paceFor is the spacing of requests for a rate a second, with a tenth
// to spare: requests leave exactly that far apart, but the network delays
// some more than others (the first one also opens the connection), and
// GOV.UK counts them as they arrive.
func paceFor(rate float64) time.Duration {
	return time.Duration(1.1 * float64(time.Second) / rate)
}

// BaseURL is where the client fetches from.
func (c *Client) BaseURL() string { return c.base }

// Content fetches the Content API's JSON for a page: basePath is the
// page's path on GOV.UK, such as /service-manual.
func (c *Client) Content(ctx context.Context, basePath string) ([]byte, error) {
	return c.Get(ctx, "/api/content"+basePath)
}

// Get fetches a path of GOV.UK, such as /bank-holidays.json, retrying
// what can be retried. Errors are *StatusError for an HTTP error status,
// *UnreachableError when GOV.UK could not be reached, or ctx's error.
func (c *Client) Get(ctx context.Context, path string) ([]byte, error) {
	var body []byte
	err := c.retries.Do(ctx, func(ctx context.Context, _ int) (retry.Verdict, error) {
		if err := c.pace.wait(ctx); err != nil {
			return retry.Stop, err
		}
		var after time.Duration
		var err error
		body, after, err = c.once(ctx, path)
		switch {
		case err == nil:
			return retry.Stop, nil
		case ctx.Err() != nil:
			return retry.Stop, ctx.Err()
		case !retryable(err):
			return retry.Stop, err
		case after > 0:
			return retry.AgainAfter("retry_after", after), err
		}
		return retry.Again("failed"), err
	})
	if err != nil {
		return nil, err
	}
	return body, nil
}

// once sends one request. It returns the Retry-After of a 429 or 503.
func (c *Client) once(ctx context.Context, path string) ([]byte, time.Duration, error) {
	rctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: %w", path, err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, c.unreachable(err, rctx)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		after, _ := retry.After(resp.Header, time.Now())
		return nil, after, &StatusError{Path: path, Code: resp.StatusCode}
	}
	if resp.ContentLength > c.opt.MaxBytes {
		return nil, 0, &TooLargeError{Path: path, Limit: c.opt.MaxBytes}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opt.MaxBytes+1))
	if err != nil {
		return nil, 0, c.unreachable(err, rctx)
	}
	if int64(len(body)) > c.opt.MaxBytes {
		return nil, 0, &TooLargeError{Path: path, Limit: c.opt.MaxBytes}
	}
	return body, 0, nil
}

func (c *Client) unreachable(err error, rctx context.Context) error {
	cause := err
	var ue *url.Error
	if errors.As(err, &ue) {
		cause = ue.Err
	}
	if errors.Is(rctx.Err(), context.DeadlineExceeded) {
		cause = fmt.Errorf("no answer within %s", c.opt.Timeout)
	}
	return &UnreachableError{BaseURL: c.base, Err: cause}
}

// retryable reports whether trying again may help: a 429, a 5xx, or a
// network failure other than nothing listening or no such host, which do
// not mend in seconds.
func retryable(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Code == http.StatusTooManyRequests || se.Code >= 500
	}
	var ue *UnreachableError
	if !errors.As(err, &ue) {
		return false
	}
	var dns *net.DNSError
	return !errors.Is(err, syscall.ECONNREFUSED) && !(errors.As(err, &dns) && dns.IsNotFound)
}

// StatusError is an HTTP error status GOV.UK answered with (after retries,
// for a 429 or 5xx).
type StatusError struct {
	Path string
	Code int
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d %s", e.Path, e.Code, http.StatusText(e.Code))
}

// TooLargeError is a response over the size limit.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("GET %s: larger than %d bytes", e.Path, e.Limit)
}

// UnreachableError is GOV.UK not answering at all: no connection, or no
// response in time.
type UnreachableError struct {
	BaseURL string
	Err     error
}

func (e *UnreachableError) Error() string {
	return "GOV.UK unreachable at " + e.BaseURL + ": " + e.Err.Error()
}

func (e *UnreachableError) Unwrap() error { return e.Err }

// IsUnreachable reports whether err is GOV.UK not answering at all, as
// opposed to answering with an error.
func IsUnreachable(err error) bool {
	var ue *UnreachableError
	return errors.As(err, &ue)
}
