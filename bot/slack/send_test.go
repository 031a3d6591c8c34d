package slack

import (
	"context"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
)

func TestPostRetriesWhatIsWorthRetrying(t *testing.T) {
	jsonHeader := map[string]string{"Content-Type": "application/json"}
	tests := []struct {
		name         string
		script       []reply
		wantAttempts int
		wantErr      bool
		minElapsed   time.Duration
		wantRetries  map[string]float64
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
			wantAttempts: 3, minElapsed: 3 * backoffBase / 2,
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
			wantAttempts: maxAttempts, wantErr: true,
			wantRetries: map[string]float64{"server_error": maxAttempts - 1},
		},
		{
			name:         "4xx not retried",
			script:       []reply{{code: http.StatusBadRequest}},
			wantAttempts: 1, wantErr: true,
		},
		{
			name:         "Slack's client error not retried",
			script:       []reply{{code: http.StatusOK, header: jsonHeader, body: `{"ok":false,"error":"channel_not_found"}`}},
			wantAttempts: 1, wantErr: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, &stubCore{}, newClaims(t), nil)
			h.fake.script("chat.postMessage", tt.script...)
			start := time.Now()
			err := h.a.Post(context.Background(), "C1", "", bot.Text(bot.KindNotice, "Stand-up time"))
			elapsed := time.Since(start)
			if (err != nil) != tt.wantErr {
				t.Fatalf("Post error = %v, want error %v", err, tt.wantErr)
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

// flaky fails its first round trip as a dropped connection would.
type flaky struct{ failed atomic.Bool }

func (f *flaky) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/chat.postMessage" && !f.failed.Swap(true) {
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: net.ErrClosed}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestPostRetriesNetworkErrors(t *testing.T) {
	h := newHarness(t, &stubCore{}, newClaims(t), func(cfg *Config, _ *fakeSlack) {
		cfg.HTTPClient = &http.Client{Transport: &flaky{}, Timeout: 5 * time.Second}
	})
	if err := h.a.Post(context.Background(), "C1", "1.2", bot.Text(bot.KindNotice, "Reminder")); err != nil {
		t.Fatal(err)
	}
	if got := h.counter("retries", "network"); got != 1 {
		t.Errorf("network retries = %v, want 1", got)
	}
	if posts := h.fake.of("chat.postMessage"); len(posts) != 1 || posts[0].Form.Get("thread_ts") != "1.2" {
		t.Errorf("posts = %+v", posts)
	}
}

func TestPostsArePacedPerChannel(t *testing.T) {
	const interval = 200 * time.Millisecond
	h := newHarness(t, &stubCore{}, newClaims(t), func(cfg *Config, _ *fakeSlack) { cfg.PostInterval = interval })
	start := time.Now()
	var wg sync.WaitGroup
	for _, ch := range []string{"C1", "C1", "C1", "C2"} {
		wg.Go(func() {
			if err := h.a.Post(context.Background(), ch, "", bot.Text(bot.KindNotice, "hi")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	var c1 []time.Time
	for _, c := range h.fake.of("chat.postMessage") {
		switch c.Form.Get("channel") {
		case "C1":
			c1 = append(c1, c.At)
		case "C2":
			if d := c.At.Sub(start); d > interval/2 {
				t.Errorf("C2 waited %v behind C1's posts", d)
			}
		}
	}
	sort.Slice(c1, func(i, j int) bool { return c1[i].Before(c1[j]) })
	if len(c1) != 3 {
		t.Fatalf("%d posts to C1, want 3", len(c1))
	}
	for i := 1; i < len(c1); i++ {
		if gap := c1[i].Sub(c1[i-1]); gap < interval-20*time.Millisecond {
			t.Errorf("posts to C1 %v apart, want about %v", gap, interval)
		}
	}
}
