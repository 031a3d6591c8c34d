package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/metrics"
)

const (
	personalChat = "a:1personalChatWithAlice"
	teamChannel  = "19:5f4c1e0a9b2d4c6e8f10@thread.tacv2"
	aliceAAD     = "00000000-0000-0000-0000-00000000a11c"
)

// harness is an adapter over the real core, wired to a fake Bot
// Framework that publishes key k1 (endorsed for Teams and two other
// channels, as the Bot Framework's keys are).
type harness struct {
	t    *testing.T
	fake *fakeBotFramework
	k1   *signingKey
	a    *Adapter
	mux  *http.ServeMux
	reg  *metrics.Registry
	logs *syncBuffer
	// store is the real core's; nil with a stub core.
	store checklist.Store
	seq   atomic.Int64
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	store := bottest.NewStore(t)
	b := bottest.NewBotWithStore(t, store)
	h := newHarnessWith(t, b.Core, store)
	h.store = store
	return h
}

// newHarnessWith wires core and refs (the store); h.store stays nil.
func newHarnessWith(t *testing.T, core Core, refs Store) *harness {
	t.Helper()
	k1 := newSigningKey(t, "k1", "msteams", "skype", "webchat")
	fake := newFakeBotFramework(t, k1)
	reg := metrics.NewRegistry()
	logs := &syncBuffer{}
	a, err := New(Config{
		AppID: testAppID, AppPassword: testPassword, TenantID: testTenant,
		OpenIDMetadataURL: fake.srv.URL + "/openid", TokenURL: fake.srv.URL + "/token",
		Metrics: reg, Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		// No typing indicator unless a test asks for one: an answer
		// slower than a second on a busy machine would add a connector
		// call that tests counting replies do not expect.
		TypingAfter: -1,
	}, core, refs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.keys.close)
	mux := http.NewServeMux()
	a.Routes(mux)
	h := &harness{t: t, fake: fake, k1: k1, a: a, mux: mux, reg: reg, logs: logs}
	t.Cleanup(h.settle)
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

// post sends an activity with an Authorization header ("" for none).
func (h *harness) post(act map[string]any, authorization string) *httptest.ResponseRecorder {
	h.t.Helper()
	body, err := json.Marshal(act)
	if err != nil {
		h.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/api/messages", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	rec := httptest.NewRecorder()
	h.mux.ServeHTTP(rec, req)
	return rec
}

// send posts an activity with a valid token and waits for its work; it
// fails unless the activity is acknowledged.
func (h *harness) send(act map[string]any) *httptest.ResponseRecorder {
	h.t.Helper()
	rec := h.post(act, "Bearer "+sign(h.t, h.k1, h.fake.claims()))
	if rec.Code != http.StatusOK {
		h.t.Fatalf("activity: status %d, body %q", rec.Code, rec.Body.String())
	}
	h.settle()
	return rec
}

// activity is a Teams activity of the given type in a conversation, from
// Alice to the bot, as Teams sends it.
func (h *harness) activity(typ, conversationID, conversationType string) map[string]any {
	id := fmt.Sprintf("1700000000%03d", h.seq.Add(1))
	return map[string]any{
		"type": typ, "id": id, "timestamp": "2026-11-27T09:00:00.000Z", "localTimestamp": "2026-11-27T09:00:00.000+00:00",
		"serviceUrl": h.fake.serviceURL(), "channelId": "msteams",
		"from":         map[string]any{"id": "29:1alice", "name": "Alice Example", "aadObjectId": aliceAAD},
		"conversation": map[string]any{"id": conversationID, "conversationType": conversationType, "tenantId": testTenant, "isGroup": conversationType != "personal"},
		"recipient":    map[string]any{"id": testBotID, "name": "standardbot"},
		"channelData":  map[string]any{"tenant": map[string]any{"id": testTenant}},
		"locale":       "en-GB",
	}
}

// personal is a message in Alice's one-to-one chat with the bot.
func (h *harness) personal(text string) map[string]any {
	act := h.activity(typeMessage, personalChat, "personal")
	act["text"], act["textFormat"] = text, "plain"
	return act
}

// inChannel is a message in a channel thread that @mentions the bot, as
// Teams writes it: the mention in the text and in the entities. thread is
// the thread's root message id.
func (h *harness) inChannel(thread, text string) map[string]any {
	act := h.activity(typeMessage, teamChannel+";messageid="+thread, "channel")
	act["text"], act["textFormat"] = "<at>standardbot</at> "+text, "plain"
	act["entities"] = []any{
		map[string]any{"type": "mention", "text": "<at>standardbot</at>", "mentioned": map[string]any{"id": testBotID, "name": "standardbot"}},
		map[string]any{"type": "clientInfo", "locale": "en-GB", "platform": "Web"},
	}
	act["channelData"] = map[string]any{
		"tenant":  map[string]any{"id": testTenant},
		"team":    map[string]any{"id": "19:team@thread.tacv2"},
		"channel": map[string]any{"id": teamChannel},
	}
	return act
}

// submitCard is Alice pressing a card's Action.Submit: a message with the
// button's data (and the card's inputs) as its value and no text.
func (h *harness) submitCard(conversationID, conversationType, cardID string, value map[string]any) map[string]any {
	act := h.activity(typeMessage, conversationID, conversationType)
	act["replyToId"], act["value"] = cardID, value
	return act
}

// counter reads one of the adapter's metrics.
func (h *harness) counter(name string, labels ...string) float64 {
	var c *metrics.Counter
	switch name {
	case "activities":
		c = h.a.m.activities
	case "api_errors":
		c = h.a.m.apiErrors
	case "retries":
		c = h.a.m.retries
	}
	return c.Value(labels...)
}

// stubCore answers every message with its text, optionally after gate
// closes.
type stubCore struct {
	gate chan struct{}
	mu   sync.Mutex
	msgs []bot.Message
}

func (s *stubCore) Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	if s.gate != nil {
		<-s.gate
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, msg)
	s.mu.Unlock()
	return []bot.Reply{bot.Text(bot.ReplyInfo, "you said: "+msg.Text)}, nil
}

func (s *stubCore) messages() []bot.Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bot.Message(nil), s.msgs...)
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

// newRefs is a real SQLite store, for tests with a stub core.
func newRefs(t *testing.T) *sqlite.Store { return bottest.NewStore(t) }
