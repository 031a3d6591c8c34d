package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// socketServer is a fake Socket Mode endpoint: it says hello, sends the
// envelopes, and passes on every acknowledgement it reads.
func socketServer(t *testing.T, envelopes ...any) (url string, acks <-chan map[string]any) {
	t.Helper()
	ch := make(chan map[string]any, 16)
	// Slack's client sends Origin https://api.slack.com, which the
	// default check would refuse on a local test server.
	upgrader := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := upgrader.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer c.Close()
		msgs := append([]any{map[string]any{"type": "hello", "num_connections": 1, "connection_info": map[string]any{"app_id": "A1"}}}, envelopes...)
		for _, m := range msgs {
			if err := c.WriteJSON(m); err != nil {
				return
			}
		}
		for {
			var m map[string]any
			if err := c.ReadJSON(&m); err != nil {
				return
			}
			ch <- m
		}
	}))
	t.Cleanup(srv.Close)
	return "ws://" + srv.Listener.Addr().String() + "/link/?ticket=1", ch
}

func socketEnvelope(id, typ string, payload any, retry int) map[string]any {
	b, _ := json.Marshal(payload)
	return map[string]any{"envelope_id": id, "type": typ, "payload": json.RawMessage(b), "accepts_response_payload": typ != "events_api", "retry_attempt": retry}
}

func TestSocketModeAcknowledgesAndAnswersEnvelopes(t *testing.T) {
	mentionEvent := func() map[string]any {
		var v map[string]any
		_ = json.Unmarshal(callback("EvSock", mention("UALICE", "C1", "1700000400.000100", "", "<@UBOT> help")), &v)
		return v
	}
	core := &stubCore{}
	h := newHarness(t, core, newClaims(t), func(cfg *Config, _ *fakeSlack) {
		cfg.AppToken, cfg.SigningSecret = "xapp-1-test", ""
	})
	if h.a.Name() != "slack (socket mode)" {
		t.Errorf("Name() = %q", h.a.Name())
	}
	if _, pattern := h.mux.Handler(httptest.NewRequest(http.MethodPost, "/slack/events", nil)); pattern != "" {
		t.Errorf("Socket Mode without a signing secret registered %q", pattern)
	}
	url, acks := socketServer(t,
		socketEnvelope("env-event", "events_api", mentionEvent(), 0),
		socketEnvelope("env-retry", "events_api", mentionEvent(), 1),
		socketEnvelope("env-command", "slash_commands", map[string]any{
			"command": "/standard", "text": "status", "team_id": testTeam, "channel_id": "C1", "user_id": "UALICE",
			"response_url": h.fake.url() + "respond/sock",
		}, 0),
		socketEnvelope("env-view", "interactive", map[string]any{
			"type": "view_submission", "user": map[string]any{"id": "UALICE"}, "team": map[string]any{"id": testTeam},
			"view": map[string]any{"id": "V1", "type": "modal", "callback_id": noteCallback,
				"private_metadata": `{"command":"note 3","team":"T1","channel":"C1","thread":"1700000400.000100"}`,
				"state":            map[string]any{"values": map[string]any{noteBlockID: map[string]any{noteActionID: map[string]any{"type": "plain_text_input", "value": "a note"}}}}},
		}, 0),
		socketEnvelope("env-unknown", "events_api", map[string]any{"type": "event_callback", "team_id": testTeam, "event_id": "EvOdd", "event": map[string]any{"type": "made_up_event"}}, 0),
	)
	h.fake.set(func(f *fakeSlack) { f.socketURL = url })

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.Run(ctx) }()

	want := map[string]bool{"env-event": true, "env-retry": true, "env-command": true, "env-view": true, "env-unknown": true}
	deadline := time.After(15 * time.Second)
	for len(want) > 0 {
		select {
		case ack := <-acks:
			id, _ := ack["envelope_id"].(string)
			if p, ok := ack["payload"]; ok && p != nil {
				// A payload on a view_submission's ack would not close the modal.
				t.Errorf("ack of %s carries payload %v", id, p)
			}
			delete(want, id)
		case <-deadline:
			t.Fatalf("envelopes never acknowledged: %v\nlogs:\n%s\ncalls: %+v", want, h.logs.String(), h.fake.calls)
		}
	}
	h.fake.waitFor(t, "chat.postMessage", 2)
	h.fake.waitFor(t, "response_url", 1)
	h.settle()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}

	// One answer to the mention (none to its retry) and one to the note,
	// both in the thread.
	posts := h.fake.of("chat.postMessage")
	if len(posts) != 2 {
		t.Errorf("%d posts, want 2", len(posts))
	}
	for _, p := range posts {
		if p.Form.Get("thread_ts") != "1700000400.000100" {
			t.Errorf("posted to thread %q", p.Form.Get("thread_ts"))
		}
	}
	var got []string
	for _, m := range core.messages() {
		s := m.Text
		if m.Action != nil {
			s = m.Action.Command + " + " + m.Action.Note
		}
		got = append(got, s)
	}
	sort.Strings(got)
	if want := []string{"help", "note 3 + a note", "status"}; !slices.Equal(got, want) {
		t.Errorf("core got %q, want %q", got, want)
	}
}
