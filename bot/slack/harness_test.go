package slack

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/metrics"
)

// harness is an adapter wired to a fake Slack.
type harness struct {
	t    *testing.T
	fake *fakeSlack
	a    *Adapter
	mux  *http.ServeMux
	reg  *metrics.Registry
	logs *syncBuffer
	core Core
	// store is the real core's store; nil with a stub core.
	store checklist.Store
	bot   *bot.Bot
}

// newHarness wires an adapter with core and claims to a fake Slack; mod
// may change the configuration first.
func newHarness(t *testing.T, core Core, claims checklist.Claimer, mod func(*Config, *fakeSlack)) *harness {
	t.Helper()
	fake := newFakeSlack(t)
	reg := metrics.NewRegistry()
	logs := &syncBuffer{}
	cfg := Config{
		BotToken: "xoxb-test", SigningSecret: testSecret, APIURL: fake.url(),
		Metrics: reg, PostInterval: time.Millisecond,
		Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	}
	if mod != nil {
		mod(&cfg, fake)
	}
	a, err := New(cfg, core, claims)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Routes(mux)
	a.selfID(context.Background()) // as Run does at start
	h := &harness{t: t, fake: fake, a: a, mux: mux, reg: reg, logs: logs, core: core}
	t.Cleanup(h.settle)
	return h
}

// newRealHarness is a harness over the real core: the built-in standards
// and a fresh SQLite store, which also de-duplicates events.
func newRealHarness(t *testing.T) *harness {
	t.Helper()
	store := bottest.NewStore(t)
	b := bottest.NewBotWithStore(t, store)
	h := newHarness(t, b.Core, store, nil)
	h.store, h.bot = store, b.Core
	return h
}

// settle waits for the adapter's background work to finish.
func (h *harness) settle() {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := h.a.work.Wait(ctx); err != nil {
		h.t.Fatalf("background work did not finish: %v", err)
	}
}

// request is one signed POST /slack/events.
type request struct {
	body        []byte
	contentType string
	header      map[string]string
	// at is the signature's timestamp; zero is now.
	at time.Time
	// secret signs the request; "" is the right one.
	secret string
}

func (h *harness) do(r request) *httptest.ResponseRecorder {
	h.t.Helper()
	at := r.at
	if at.IsZero() {
		at = time.Now()
	}
	secret := r.secret
	if secret == "" {
		secret = testSecret
	}
	ts := strconv.FormatInt(at.Unix(), 10)
	req := httptest.NewRequest(http.MethodPost, "/slack/events", bytes.NewReader(r.body))
	req.Header.Set("Content-Type", r.contentType)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "v0:%s:%s", ts, r.body)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.mux.ServeHTTP(rec, req)
	return rec
}

// event sends an Events API callback and fails unless it gets a 200.
func (h *harness) event(body []byte, header ...string) *httptest.ResponseRecorder {
	h.t.Helper()
	hdr := map[string]string{}
	for i := 0; i+1 < len(header); i += 2 {
		hdr[header[i]] = header[i+1]
	}
	rec := h.do(request{body: body, contentType: "application/json", header: hdr})
	if rec.Code != http.StatusOK {
		h.t.Fatalf("event: status %d, body %q", rec.Code, rec.Body.String())
	}
	return rec
}

// form sends a form-encoded request (a slash command or an interaction).
func (h *harness) form(v url.Values) *httptest.ResponseRecorder {
	h.t.Helper()
	return h.do(request{body: []byte(v.Encode()), contentType: "application/x-www-form-urlencoded"})
}

// interact sends an interaction payload and fails unless it gets a 200.
func (h *harness) interact(payload map[string]any) {
	h.t.Helper()
	b, _ := json.Marshal(payload)
	if rec := h.form(url.Values{"payload": {string(b)}}); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
		h.t.Fatalf("interaction: status %d, body %q", rec.Code, rec.Body.String())
	}
}

// counter reads one of the adapter's metrics.
func (h *harness) counter(name string, labels ...string) float64 {
	switch name {
	case "events":
		return h.a.m.events.Value(labels...)
	case "retries":
		return h.a.m.retries.Value(labels...)
	}
	return h.a.m.apiErrors.Value(labels...)
}

// callback is an Events API envelope around an inner event.
func callback(eventID string, inner map[string]any) []byte {
	b, _ := json.Marshal(map[string]any{
		"token": "legacy", "team_id": testTeam, "api_app_id": "A1", "type": "event_callback",
		"event_id": eventID, "event_time": 1700000000, "event": inner,
	})
	return b
}

// mention is an app_mention of the bot by user in a channel.
func mention(user, channel, ts, thread, text string) map[string]any {
	ev := map[string]any{"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts}
	if thread != "" {
		ev["thread_ts"] = thread
	}
	return ev
}

// dm is a message in a direct conversation with the bot.
func dm(user, channel, ts, text string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "user": user, "text": text, "ts": ts, "channel": channel, "event_ts": ts}
}

// stubCore records messages and answers with what reply returns; with
// gate set, each Handle first waits for gate to be closed.
type stubCore struct {
	mu    sync.Mutex
	msgs  []bot.Message
	homes [][]checklist.Binding
	reply func(bot.Message) []bot.Reply
	gate  chan struct{}
}

func (s *stubCore) Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	if s.gate != nil {
		<-s.gate
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, msg)
	s.mu.Unlock()
	if s.reply != nil {
		return s.reply(msg), nil
	}
	return []bot.Reply{bot.Text(bot.ReplyInfo, "you said: "+msg.Text)}, nil
}

func (s *stubCore) Overview(ctx context.Context, channels []checklist.Binding) (bot.Reply, error) {
	s.mu.Lock()
	s.homes = append(s.homes, channels)
	s.mu.Unlock()
	return bot.Text(bot.ReplyInfo, "home"), nil
}

func (s *stubCore) messages() []bot.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Message(nil), s.msgs...)
}

// newClaims is a real SQLite store, for tests with a stub core.
func newClaims(t *testing.T) *sqlite.Store { return bottest.NewStore(t) }

// closedClaims is a store that fails every claim: it is closed.
func closedClaims(t *testing.T) *sqlite.Store {
	t.Helper()
	st := newClaims(t)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return st
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
