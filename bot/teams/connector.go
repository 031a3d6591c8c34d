package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

const (
	// maxAttempts bounds the tries of one connector call.
	maxAttempts = 4
	// maxRetryAfter is the longest Retry-After waited out; a longer one
	// fails the call rather than hold the work for minutes.
	maxRetryAfter = time.Minute
	// backoffBase and backoffMax shape the waits between retries.
	backoffBase = 250 * time.Millisecond
	backoffMax  = 5 * time.Second
	// maxConnectorBody bounds what is read of a connector's answer.
	maxConnectorBody = 64 << 10
)

// ErrStale means the bot can no longer post in a conversation: Teams
// answered 403 (the bot was removed, or blocked), so the conversation's
// reference is marked stale until someone there speaks to the bot again.
// Retrying a send that failed with it is pointless.
var ErrStale = errors.New("the bot can no longer post in this Teams conversation")

// target is a conversation to call the Bot Connector about.
type target struct {
	serviceURL string
	// conversation is the conversation id as the connector knows it: a
	// channel thread's includes its ";messageid=".
	conversation string
	// binding is the conversation's reference, marked stale on a 403.
	binding checklist.Binding
}

// replyTo posts out as a reply to activity id (in its thread, in a
// channel) and returns the new activity's id.
func (a *Adapter) replyTo(ctx context.Context, t target, id string, out *activity) (string, error) {
	out.ReplyToID = id
	return a.post(ctx, "reply", http.MethodPost, t, "/activities/"+url.PathEscape(id), out)
}

// sendTo posts out to a conversation: a new post, in a channel.
func (a *Adapter) sendTo(ctx context.Context, t target, out *activity) (string, error) {
	return a.post(ctx, "send", http.MethodPost, t, "/activities", out)
}

// update replaces activity id (a card whose button was pressed) with out.
func (a *Adapter) update(ctx context.Context, t target, id string, out *activity) error {
	out.ID = id
	_, err := a.post(ctx, "update", http.MethodPut, t, "/activities/"+url.PathEscape(id), out)
	return err
}

// post makes one connector call and returns the resulting activity id.
func (a *Adapter) post(ctx context.Context, op, method string, t target, path string, out *activity) (string, error) {
	base, err := connectorBase(t.serviceURL)
	if err != nil {
		a.m.apiError(op)
		return "", fmt.Errorf("%s: %w", op, err)
	}
	if out.Conversation == nil {
		out.Conversation = &conversation{ID: t.conversation}
	}
	body, err := json.Marshal(out)
	if err != nil {
		return "", fmt.Errorf("%s: %w", op, err)
	}
	u := base + "/v3/conversations/" + url.PathEscape(t.conversation) + path
	resp, err := a.call(ctx, op, method, u, t, body)
	if err != nil {
		return "", err
	}
	var res struct {
		ID string `json:"id"`
	}
	_ = json.Unmarshal(resp, &res)
	return res.ID, nil
}

// call sends one request to the connector with the bot's token. It
// retries 429 (after Retry-After), 412, 502 and 504 (with backoff and
// jitter), a connection never made, and a 401 once with a fresh token; a
// 403 marks the conversation's reference stale and is not retried.
func (a *Adapter) call(ctx context.Context, op, method, u string, t target, body []byte) ([]byte, error) {
	renewed := false
	for attempt := 1; ; attempt++ {
		tok, err := a.tokens.token(ctx)
		if err != nil {
			a.m.apiError("token")
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		var wait time.Duration
		var reason string
		resp, err := a.client.Do(req)
		if err != nil {
			if !dialFailed(err) || attempt >= maxAttempts {
				// The request may have arrived: posting it again could
				// post twice.
				a.m.apiError(op)
				return nil, fmt.Errorf("%s: %w", op, err)
			}
			wait, reason = backoff(attempt), "network"
		} else {
			// A body cut short still leaves the status, which decides.
			got, _ := io.ReadAll(io.LimitReader(resp.Body, maxConnectorBody))
			resp.Body.Close()
			switch {
			case resp.StatusCode/100 == 2:
				return got, nil
			case resp.StatusCode == http.StatusForbidden:
				a.m.apiError(op)
				a.markStale(ctx, t.binding)
				return nil, fmt.Errorf("%s: %w (%s)", op, ErrStale, connectorError(got))
			case resp.StatusCode == http.StatusUnauthorized && !renewed:
				renewed = true
				a.tokens.invalidate(tok)
				reason = "unauthorized"
			default:
				wait, reason = retryDelay(resp, attempt)
			}
			if reason == "" || attempt >= maxAttempts {
				a.m.apiError(op)
				return nil, fmt.Errorf("%s: connector answered %s %s", op, resp.Status, connectorError(got))
			}
		}
		a.m.retry(reason)
		a.log.Warn("teams connector call failed, retrying", "operation", op, "reason", reason, "attempt", attempt, "wait", wait.String())
		if err := sleep(ctx, wait); err != nil {
			a.m.apiError(op)
			return nil, fmt.Errorf("%s: %w", op, err)
		}
	}
}

// markStale records that the bot cannot post to a conversation any more.
// The refusal itself is logged by whoever gets the call's error.
func (a *Adapter) markStale(ctx context.Context, b checklist.Binding) {
	if b.Channel == "" {
		return
	}
	err := a.refs.MarkRefStale(ctx, b)
	if err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
		a.log.Error("mark teams conversation stale", "conversation", b.Channel, "err", err)
	}
}

// retryDelay says whether a failed call is worth another try, how long to
// wait first, and why (the retries metric's reason); "" means do not.
func retryDelay(resp *http.Response, attempt int) (time.Duration, string) {
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now())
		if !ok {
			return backoff(attempt), "rate_limited"
		}
		if d > maxRetryAfter {
			return 0, ""
		}
		return d, "rate_limited"
	case http.StatusPreconditionFailed:
		return backoff(attempt), "precondition_failed"
	case http.StatusBadGateway:
		return backoff(attempt), "bad_gateway"
	case http.StatusGatewayTimeout:
		return backoff(attempt), "gateway_timeout"
	}
	return 0, ""
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// backoff is the wait before retry n: doubling from backoffBase up to
// backoffMax, with half of it random so replicas do not retry in step.
func backoff(attempt int) time.Duration {
	d := min(backoffBase<<(attempt-1), backoffMax)
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// dialFailed reports an error from before the request left: safe to retry.
func dialFailed(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// connectorError is the code and message of a connector's error answer.
func connectorError(body []byte) string {
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil || e.Error.Code == "" {
		return ""
	}
	return strings.TrimSpace(e.Error.Code + ": " + e.Error.Message)
}

// connectorBase checks a service URL before the bot's token is sent to
// it: https, or plain http to this machine (a test double).
func connectorBase(serviceURL string) (string, error) {
	u, err := url.Parse(serviceURL)
	if err != nil || u.Host == "" {
		return "", fmt.Errorf("bad service URL %q", serviceURL)
	}
	if u.Scheme != "https" && (u.Scheme != "http" || !loopback(u.Hostname())) {
		return "", fmt.Errorf("refusing to send the bot's token to %q: not https", serviceURL)
	}
	return strings.TrimRight(serviceURL, "/"), nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
