package slack

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

func TestSendRetriesWhatIsWorthRetrying(t *testing.T) {
	jsonHeader := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name         string
		script       []reply
		wantAttempts int
		wantErr      bool
		// undeliverable: the channel refuses the bot for good.
		undeliverable bool
		minElapsed    time.Duration
		wantRetries   map[string]float64
	}{
		{
			name:         "429 waits out Retry-After",
			script:       []reply{{code: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "1"}}},
			wantAttempts: 2, minElapsed: 950 * time.Millisecond,
			wantRetries: map[string]float64{"rate_limited": 1},
		},
		{
			name:         "transient 5xx retried with backoff",
			script:       []reply{{code: http.StatusInternalServerError}, {code: http.StatusBadGateway}},
			wantAttempts: 3, minElapsed: 3 * retries.Backoff.Base / 2,
			wantRetries: map[string]float64{"server_error": 2},
		},
		{
			name:         "Slack's internal_error retried",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"internal_error"}`}},
			wantAttempts: 2, wantRetries: map[string]float64{"server_error": 1},
		},
		{
			name:         "persistent 5xx gives up",
			script:       []reply{{code: 503}, {code: 503}, {code: 503}, {code: 503}, {code: 503}},
			wantAttempts: retries.Attempts, wantErr: true,
			wantRetries: map[string]float64{"server_error": float64(retries.Attempts - 1)},
		},
		{
			name:         "4xx not retried",
			script:       []reply{{code: http.StatusBadRequest}},
			wantAttempts: 1, wantErr: true,
		},
		{
			name:         "Slack's client error not retried",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"invalid_blocks"}`}},
			wantAttempts: 1, wantErr: true,
		},
		{
			name:         "a deleted channel is undeliverable",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"channel_not_found"}`}},
			wantAttempts: 1, wantErr: true, undeliverable: true,
		},
		{
			name:         "an archived channel is undeliverable",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"is_archived"}`}},
			wantAttempts: 1, wantErr: true, undeliverable: true,
		},
		{
			name:         "a channel the bot was removed from is undeliverable",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"not_in_channel"}`}},
			wantAttempts: 1, wantErr: true, undeliverable: true,
		},
		{
			name:         "a revoked token is left to retry later",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"token_revoked"}`}},
			wantAttempts: 1, wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, &stubCore{}, newClaims(t), nil)
			h.fake.script("chat.postMessage", tt.script...)
			start := time.Now()
			err := h.a.Send(context.Background(), slackChannel("C1"), bot.Text(bot.ReplyNotice, "Stand-up time"))
			elapsed := time.Since(start)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Send error = %v, want error %v", err, tt.wantErr)
			}
			if errors.Is(err, checklist.ErrUndeliverable) != tt.undeliverable {
				t.Errorf("Send error = %v, undeliverable %v, want %v", err, !tt.undeliverable, tt.undeliverable)
			}
			if n := len(h.fake.of("chat.postMessage")); n != tt.wantAttempts {
				t.Errorf("%d attempts, want %d", n, tt.wantAttempts)
			}
			if elapsed < tt.minElapsed {
				t.Errorf("took %v, want at least %v", elapsed, tt.minElapsed)
			}
			for reason, want := range tt.wantRetries {
				if got := h.counter("retries", reason); got != want {
					t.Errorf("retries{%s} = %v, want %v", reason, got, want)
				}
			}
			wantErrors := 0.0
			if tt.wantErr {
				wantErrors = 1
			}
			if got := h.counter("api_errors", "chat.postMessage"); got != wantErrors {
				t.Errorf("api_errors = %v, want %v", got, wantErrors)
			}
		})
	}
}

// slackChannel is a Slack channel's binding.
func slackChannel(id string) checklist.Binding {
	return checklist.Binding{Platform: "slack", Team: "T1", Channel: id}
}

// flaky fails its first round trip as a dropped connection would.
type flaky struct{ failed atomic.Bool }

func (f *flaky) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/chat.postMessage" && !f.failed.Swap(true) {
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: net.ErrClosed}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestSendRetriesNetworkErrors(t *testing.T) {
	h := newHarness(t, &stubCore{}, newClaims(t), func(cfg *Config, _ *fakeSlack) {
		cfg.HTTPClient = &http.Client{Transport: &flaky{}, Timeout: 5 * time.Second}
	})
	if err := h.a.Send(context.Background(), slackChannel("C1"), bot.Text(bot.ReplyNotice, "Reminder")); err != nil {
		t.Fatal(err)
	}
	if got := h.counter("retries", "network"); got != 1 {
		t.Errorf("network retries = %v, want 1", got)
	}
	if posts := h.fake.of("chat.postMessage"); len(posts) != 1 || posts[0].Form.Get("channel") != "C1" {
		t.Errorf("posts = %+v", posts)
	}
}

// fakeClock is a pacer's clock that only moves when the pacer sleeps, so
// pacing is tested without depending on the machine's speed.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	if d > 0 {
		c.now = c.now.Add(d)
	}
	return ctx.Err()
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// lastSleep is the wait of the last post.
func (c *fakeClock) lastSleep() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept[len(c.slept)-1]
}

func TestPostsArePacedPerChannel(t *testing.T) {
	const interval = 200 * time.Millisecond
	h := newHarness(t, &stubCore{}, newClaims(t), func(cfg *Config, _ *fakeSlack) { cfg.PostInterval = interval })
	clock := &fakeClock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	h.a.pace.now, h.a.pace.sleep = clock.Now, clock.Sleep
	tests := []struct {
		channel string
		advance time.Duration // the clock moves on this much first
		want    time.Duration // the post's wait
	}{
		{channel: "C1", want: 0},
		{channel: "C1", want: interval},
		{channel: "C2", want: 0}, // another channel does not wait behind C1
		{channel: "C1", want: interval},
		{channel: "C1", advance: interval / 2, want: interval / 2},
		{channel: "C1", advance: 10 * interval, want: 0}, // a quiet channel posts at once
		{channel: "C2", want: 0},
	}
	for i, tt := range tests {
		clock.advance(tt.advance)
		if err := h.a.Send(context.Background(), slackChannel(tt.channel), bot.Text(bot.ReplyNotice, "hi")); err != nil {
			t.Fatal(err)
		}
		if got := clock.lastSleep(); got != tt.want {
			t.Errorf("post %d to %s waited %v, want %v", i+1, tt.channel, got, tt.want)
		}
	}
	if n := len(h.fake.of("chat.postMessage")); n != len(tests) {
		t.Errorf("%d posts, want %d", n, len(tests))
	}
}

// TestPacerForgetsIdleChannels: the pacer's memory stays as small as the
// set of busy channels.
func TestPacerForgetsIdleChannels(t *testing.T) {
	p := newPacer(time.Second)
	clock := &fakeClock{now: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	p.now, p.sleep = clock.Now, clock.Sleep
	for i := range maxPacedChannels {
		if err := p.wait(context.Background(), fmt.Sprintf("C%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	clock.advance(2 * time.Second)
	if err := p.wait(context.Background(), "Cnew"); err != nil {
		t.Fatal(err)
	}
	if n := len(p.next); n != 1 {
		t.Errorf("the pacer remembers %d channels, want only the one just posted to", n)
	}
}

// TestPacerWaitEndsWithItsContext: a post waiting its turn gives up when
// its work is cancelled.
func TestPacerWaitEndsWithItsContext(t *testing.T) {
	p := newPacer(time.Hour)
	if err := p.wait(context.Background(), "C1"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.wait(ctx, "C1"); !errors.Is(err, context.Canceled) {
		t.Errorf("wait = %v, want context.Canceled", err)
	}
}

// TestSendDirect: a stand-up question goes to the person's direct
// conversation, opened with conversations.open, buttons and all, and that
// conversation comes back to match their reply; a person Slack will not
// let the bot write to is undeliverable. FindPerson gives users.info's
// name and tz.
func TestSendDirect(t *testing.T) {
	h := newHarness(t, &stubCore{}, newClaims(t), nil)
	ctx := context.Background()
	r := bot.Text(bot.ReplyNotice, "What moved?")
	r.Buttons = []bot.Button{{Label: "3 met", Command: "mark 3 met"}}
	b, err := h.a.SendDirect(ctx, testTeam, "U7", r)
	if err != nil {
		t.Fatal(err)
	}
	if b != (checklist.Binding{Platform: Platform, Team: testTeam, Channel: "DU7"}) {
		t.Errorf("binding %+v", b)
	}
	if opens := h.fake.of("conversations.open"); len(opens) != 1 || opens[0].Form.Get("users") != "U7" {
		t.Errorf("conversations.open calls %+v", opens)
	}
	posts := h.fake.of("chat.postMessage")
	if len(posts) != 1 || posts[0].Form.Get("channel") != "DU7" || !strings.Contains(posts[0].Form.Get("blocks"), "mark 3 met") {
		t.Errorf("posts %+v", posts)
	}
	h.fake.script("conversations.open", reply{code: 200, body: `{"ok":false,"error":"user_disabled"}`})
	if _, err := h.a.SendDirect(ctx, testTeam, "U8", r); !errors.Is(err, checklist.ErrUndeliverable) {
		t.Errorf("a deactivated person: %v, want undeliverable", err)
	}
	name, zone, err := h.a.FindPerson(ctx, testTeam, "U9")
	if err != nil || name != "Name of U9" || zone != "Asia/Kolkata" {
		t.Errorf("FindPerson = %q, %q, %v", name, zone, err)
	}
}
