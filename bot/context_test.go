package bot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/knowledge/openai"
)

// chatModel is an OpenAI-compatible endpoint that answers every question
// citing source 1 and records the messages it was sent.
type chatModel struct {
	mu   sync.Mutex
	sent [][]map[string]string
}

func (m *chatModel) serve(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []map[string]string `json:"messages"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("decode: %v", err)
		}
		m.mu.Lock()
		m.sent = append(m.sent, req.Messages)
		m.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": "The panel will look for research with disabled people [1]."},
		}}})
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

func (m *chatModel) last(t *testing.T) []map[string]string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.sent) == 0 {
		t.Fatal("the model was not asked")
	}
	return m.sent[len(m.sent)-1]
}

func TestModelGetsThreadAndProjectContext(t *testing.T) {
	b := bottest.NewBot(t)
	model := &chatModel{}
	b.Core.Answerer.LLM = openai.New(openai.Config{BaseURL: model.serve(t), Model: "m"})
	b.Expect("project new Parking permits", "Created project")
	b.Expect("phase alpha", "now in alpha")

	in := func(thread, text string) []bot.Reply {
		t.Helper()
		replies, err := b.Core.Handle(context.Background(), bot.Message{
			Address: bot.Address{Platform: console.Platform, Team: "local", Channel: "C1", Thread: thread},
			User:    "alice", Text: text,
		})
		if err != nil || len(replies) == 0 {
			t.Fatalf("%q: %v, %d replies", text, err, len(replies))
		}
		return replies
	}
	first := in("T1", "how do we make our service accessible?")
	if got := bot.PlainText(first[0]); !strings.Contains(got, "The panel will look for research with disabled people [1].") {
		t.Fatalf("first answer not the model's: %s", got)
	}
	msgs := model.last(t)
	if len(msgs) != 2 || !strings.Contains(msgs[1]["content"], "alpha phase") {
		t.Errorf("first question: want system and prompt with the project's phase, got %v", msgs)
	}

	in("T1", "and what about in beta?")
	msgs = model.last(t)
	if len(msgs) != 4 || !strings.Contains(msgs[1]["content"], "how do we make our service accessible?") ||
		msgs[2]["role"] != "assistant" || !strings.Contains(msgs[2]["content"], "research with disabled people") {
		t.Errorf("follow-up in the thread: want the earlier exchange as context, got %v", msgs)
	}

	in("T2", "what about user research?")
	if msgs = model.last(t); len(msgs) != 2 {
		t.Errorf("a new thread carried another thread's context: %v", msgs)
	}

	// Three hours later by the bot's clock (the store stamped the
	// exchange with the same clock's time), the thread starts afresh.
	later := bottest.Now.Add(3 * time.Hour)
	b.Core.Now = func() time.Time { return later }
	in("T1", "and in live?")
	if msgs = model.last(t); len(msgs) != 2 {
		t.Errorf("an exchange three hours old was given as context: %v", msgs)
	}
}
