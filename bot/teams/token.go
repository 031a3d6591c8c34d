package teams

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

const (
	// connectorScope is what an outbound token is for: the Bot Connector.
	connectorScope = "https://api.botframework.com/.default"
	// tokenMargin renews a token this long before it expires, so one is
	// never sent as it runs out (or half its life, for short-lived ones).
	tokenMargin = 5 * time.Minute
	// tokenFetchTimeout bounds one token request, which every sender
	// waiting on it shares.
	tokenFetchTimeout = 30 * time.Second
	// maxTokenBody bounds the token endpoint's answer.
	maxTokenBody = 64 << 10
)

// tokenSource gets the bot's client-credentials token for the Bot
// Connector and keeps it until shortly before it expires. Concurrent
// callers share one request, so a burst of replies asks once.
type tokenSource struct {
	url, clientID, secret string
	client                *http.Client
	now                   func() time.Time
	group                 singleflight.Group

	mu  sync.Mutex
	tok string
	exp time.Time // when to stop using tok: its expiry less the margin
}

func newTokenSource(tokenURL, clientID, secret string, client *http.Client, now func() time.Time) *tokenSource {
	return &tokenSource{url: tokenURL, clientID: clientID, secret: secret, client: client, now: now}
}

// token returns a valid token, fetching one if none is cached.
func (ts *tokenSource) token(ctx context.Context) (string, error) {
	if tok := ts.cached(); tok != "" {
		return tok, nil
	}
	ch := ts.group.DoChan("token", func() (any, error) {
		// A caller may have stored a token while this one queued.
		if tok := ts.cached(); tok != "" {
			return tok, nil
		}
		// The request is shared, so it must not end with the first
		// caller's context.
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), tokenFetchTimeout)
		defer cancel()
		return ts.fetch(fctx)
	})
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return "", r.Err
		}
		return r.Val.(string), nil
	}
}

func (ts *tokenSource) cached() string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.tok != "" && ts.now().Before(ts.exp) {
		return ts.tok
	}
	return ""
}

// invalidate forgets tok after the connector refused it, so the next call
// fetches a new one.
func (ts *tokenSource) invalidate(tok string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.tok == tok {
		ts.tok = ""
	}
}

// fetch asks the token endpoint for a token and caches it. Its errors
// carry the endpoint's error code and description, never the secret.
func (ts *tokenSource) fetch(ctx context.Context) (string, error) {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {ts.clientID},
		"client_secret": {ts.secret},
		"scope":         {connectorScope},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.url, strings.NewReader(form.Encode()))
	if err != nil {
		return "", fmt.Errorf("token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := ts.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenBody))
	if err != nil {
		return "", fmt.Errorf("token response: %w", err)
	}
	var out struct {
		AccessToken string          `json:"access_token"`
		ExpiresIn   json.RawMessage `json:"expires_in"`
		Error       string          `json:"error"`
		Description string          `json:"error_description"`
	}
	_ = json.Unmarshal(body, &out)
	if resp.StatusCode != http.StatusOK || out.AccessToken == "" {
		desc, _, _ := strings.Cut(out.Description, "\r\n")
		return "", fmt.Errorf("token request: %s %s %s (check TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID)", resp.Status, out.Error, desc)
	}
	life := expiresIn(out.ExpiresIn)
	margin := min(tokenMargin, life/2)
	ts.mu.Lock()
	ts.tok, ts.exp = out.AccessToken, ts.now().Add(life-margin)
	ts.mu.Unlock()
	return out.AccessToken, nil
}

// expiresIn reads expires_in, a number of seconds that some endpoints send
// as a string; a missing or odd one is taken as five minutes, so the token
// is used briefly and then fetched again.
func expiresIn(raw json.RawMessage) time.Duration {
	s := strings.Trim(string(raw), `"`)
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		return 5 * time.Minute
	}
	return time.Duration(n) * time.Second
}
