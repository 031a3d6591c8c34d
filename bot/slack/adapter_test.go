package slack

import (
	"context"
	"encoding/hex"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNew(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		wantErr  string
		wantName string
		routes   bool
	}{
		{name: "no bot token", cfg: Config{SigningSecret: "s"}, wantErr: "SLACK_BOT_TOKEN"},
		{name: "HTTP without a signing secret", cfg: Config{BotToken: "xoxb-1"}, wantErr: "SLACK_SIGNING_SECRET"},
		{name: "bad API URL", cfg: Config{BotToken: "xoxb-1", SigningSecret: "s", APIURL: "slack.example"}, wantErr: "SLACK_API_URL"},
		{name: "Events API over HTTP", cfg: Config{BotToken: "xoxb-1", SigningSecret: "s"}, wantName: "slack", routes: true},
		{name: "Socket Mode needs no signing secret", cfg: Config{BotToken: "xoxb-1", AppToken: "xapp-1"}, wantName: "slack (socket mode)"},
		{name: "Socket Mode with a signing secret serves HTTP too", cfg: Config{BotToken: "xoxb-1", AppToken: "xapp-1", SigningSecret: "s"}, wantName: "slack (socket mode)", routes: true},
		{name: "API URL without a trailing slash", cfg: Config{BotToken: "xoxb-1", SigningSecret: "s", APIURL: "http://127.0.0.1:9/api"}, wantName: "slack", routes: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := New(tt.cfg, &stubCore{}, newClaims(t))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Name() != tt.wantName {
				t.Errorf("Name() = %q, want %q", a.Name(), tt.wantName)
			}
			mux := http.NewServeMux()
			a.Routes(mux)
			_, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, "/slack/events", nil))
			if got := pattern != ""; got != tt.routes {
				t.Errorf("POST /slack/events registered = %v, want %v", got, tt.routes)
			}
			if a.cfg.APIURL != "" && !strings.HasSuffix(a.cfg.APIURL, "/") {
				t.Errorf("API URL %q lacks the trailing slash slack-go needs", a.cfg.APIURL)
			}
		})
	}
}

func TestDrainWaitsForAcknowledgedWork(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h := newHarness(t, core, newClaims(t), nil)
	// The work waits for the gate, so an acknowledgement that waited
	// for it would never come; the bound only keeps the test from hanging.
	acked := make(chan int, 1)
	go func() {
		acked <- h.do(request{body: callback("EvSlow", mention("UALICE", "C1", "1.1", "", "<@UBOT> help")), contentType: "application/json"}).Code
	}()
	select {
	case code := <-acked:
		if code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("the acknowledgement waited for the work")
	}

	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := h.a.Drain(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Drain with work in flight = %v, want the deadline", err)
	}
	if rec := h.do(request{body: callback("EvLate", mention("UALICE", "C1", "1.2", "", "<@UBOT> help")), contentType: "application/json"}); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("event during shutdown: status %d, want 503 so that Slack retries it elsewhere", rec.Code)
	}

	close(core.gate)
	ctx, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	if err := h.a.Drain(ctx); err != nil {
		t.Fatalf("Drain = %v", err)
	}
	if n := len(h.fake.of("chat.postMessage")); n != 1 {
		t.Errorf("%d answers after Drain, want the acknowledged one", n)
	}
}

func TestErrorsInAChannelAreShownOnlyToTheAsker(t *testing.T) {
	h := newRealHarness(t)
	h.event(callback("EvErr", mention("UALICE", "C1", "1700000500.000100", "", "<@UBOT> mark 5 met")))
	h.settle()
	eph := h.fake.of("chat.postEphemeral")
	if len(eph) != 1 || len(h.fake.of("chat.postMessage")) != 0 {
		t.Fatalf("want one ephemeral error and no post; got %d ephemeral, %d posts", len(eph), len(h.fake.of("chat.postMessage")))
	}
	if e := eph[0].Form; e.Get("user") != "UALICE" || e.Get("channel") != "C1" || e.Get("thread_ts") != "1700000500.000100" {
		t.Errorf("ephemeral to %v", e)
	}
	if !strings.Contains(eph[0].text(), "project new") {
		t.Errorf("error lacks its hint: %s", eph[0].text())
	}
}

func TestLogsHoldNoSecretsOrMessages(t *testing.T) {
	h := newRealHarness(t)
	h.event(callback("EvLog", mention("UALICE", "C1", "1.1", "", "<@UBOT> how do we make our service accessible?")))
	h.do(request{body: []byte(`{"type":"event_callback"}`), contentType: "application/json", secret: "wrong"})
	h.fake.script("chat.postMessage", reply{code: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "1"}})
	h.event(callback("EvLog2", mention("UALICE", "C1", "1.2", "", "<@UBOT> what is a confidential question")))
	h.settle()
	logs := h.logs.String()
	if !strings.Contains(logs, "rejected") || !strings.Contains(logs, "retrying") {
		t.Errorf("logs lack the rejection and the retry:\n%s", logs)
	}
	for _, secret := range []string{"xoxb-test", testSecret, "accessible", "confidential"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
}

func TestVerify(t *testing.T) {
	now := time.Unix(1700000000, 0)
	body := []byte(`{"type":"url_verification"}`)
	sig := func(secret, ts string) string { return "v0=" + hex.EncodeToString(sign(secret, ts, body)) }
	tests := []struct {
		name, ts, sig string
		want          error
	}{
		{"valid", "1700000000", sig("s3cret", "1700000000"), nil},
		{"4 minutes old", "1699999760", sig("s3cret", "1699999760"), nil},
		{"6 minutes old", "1699999640", sig("s3cret", "1699999640"), errBadTimestamp},
		{"6 minutes ahead", "1700000360", sig("s3cret", "1700000360"), errBadTimestamp},
		{"wrong secret", "1700000000", sig("other", "1700000000"), errBadSignature},
		{"signature of another timestamp", "1700000001", sig("s3cret", "1700000000"), errBadSignature},
		{"not hex", "1700000000", "v0=zz", errBadSignature},
		{"no version", "1700000000", strings.TrimPrefix(sig("s3cret", "1700000000"), "v0="), errBadSignature},
		{"no timestamp", "", sig("s3cret", ""), errMissingSignature},
		{"timestamp not a number", "soon", sig("s3cret", "soon"), errBadTimestamp},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			h.Set("X-Slack-Request-Timestamp", tt.ts)
			h.Set("X-Slack-Signature", tt.sig)
			if err := verify(h, body, "s3cret", now); !errors.Is(err, tt.want) {
				t.Errorf("verify = %v, want %v", err, tt.want)
			}
		})
	}
}
