package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/retry"
)

// maxConnectorBody bounds what is read of a connector's answer.
const maxConnectorBody = 64 << 10

// retries is how connector calls are retried: up to four tries; a
// Retry-After up to a minute waited out, a longer one failing the call
// rather than hold the work for minutes; other transient failures after
// 250 ms, doubling to at most 5 s, with jitter.
var retries = retry.Policy{
	Attempts: 4,
	Backoff:  retry.Backoff{Base: 250 * time.Millisecond, Max: 5 * time.Second},
	MaxAfter: time.Minute,
}

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
	failed := op // the api_errors label of a failure
	renewed := false
	var got []byte
	p := retries
	p.Now = a.now
	p.OnRetry = func(r retry.Retry) {
		a.m.retry(r.Reason)
		a.log.Warn("teams connector call failed, retrying", "operation", op, "reason", r.Reason, "attempt", r.Attempt, "wait", r.Wait.String())
	}
	err := p.Do(ctx, func(ctx context.Context, _ int) (retry.Verdict, error) {
		tok, err := a.tokens.token(ctx)
		if err != nil {
			failed = "token"
			return retry.Stop, err
		}
		req, err := http.NewRequestWithContext(ctx, method, u, bytes.NewReader(body))
		if err != nil {
			failed = ""
			return retry.Stop, err
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json; charset=utf-8")
		resp, err := a.client.Do(req)
		if err != nil {
			if !dialFailed(err) {
				// The request may have arrived: posting it again could
				// post twice.
				return retry.Stop, err
			}
			return retry.Again("network"), err
		}
		// A body cut short still leaves the status, which decides.
		got, _ = io.ReadAll(io.LimitReader(resp.Body, maxConnectorBody))
		resp.Body.Close()
		renew := func() bool {
			if renewed {
				return false
			}
			renewed = true
			a.tokens.invalidate(tok)
			return true
		}
		return a.answered(ctx, resp, got, t, renew)
	})
	if err != nil {
		if failed != "" {
			a.m.apiError(failed)
		}
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	return got, nil
}

// answered says what the connector's answer calls for: nothing on a 2xx;
// otherwise whether another try may succeed and why (the retries metric's
// reason), and the error it is if none does. renew gets a fresh token
// once, and is false after.
func (a *Adapter) answered(ctx context.Context, resp *http.Response, got []byte, t target, renew func() bool) (retry.Verdict, error) {
	if resp.StatusCode/100 == 2 {
		return retry.Stop, nil
	}
	err := fmt.Errorf("connector answered %s %s", resp.Status, connectorError(got))
	switch resp.StatusCode {
	case http.StatusForbidden:
		a.markStale(ctx, t.binding)
		// The bot was removed or blocked: retrying cannot help until
		// someone there speaks to it again.
		return retry.Stop, fmt.Errorf("%w: the bot can no longer post in this conversation (%s)", checklist.ErrUndeliverable, connectorError(got))
	case http.StatusNotFound:
		return retry.Stop, notFound{err}
	case http.StatusUnauthorized:
		if renew() {
			return retry.AgainAfter("unauthorized", 0), err
		}
	case http.StatusTooManyRequests:
		if d, ok := retry.After(resp.Header, a.now()); ok {
			return retry.AgainAfter("rate_limited", d), err
		}
		return retry.Again("rate_limited"), err
	case http.StatusPreconditionFailed:
		return retry.Again("precondition_failed"), err
	case http.StatusBadGateway:
		return retry.Again("bad_gateway"), err
	case http.StatusGatewayTimeout:
		return retry.Again("gateway_timeout"), err
	}
	return retry.Stop, err
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
