package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/internal/work"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/openai"
)

// slotFreeLLM gives its answering slot back while the model writes, as
// serve wraps its model client.
type slotFreeLLM struct{ knowledge.LLM }

func (l slotFreeLLM) Complete(ctx context.Context, c knowledge.Completion) (text string, err error) {
	work.Blocking(ctx, func() { text, err = l.LLM.Complete(ctx, c) })
	return text, err
}

// TestASlowModelDoesNotHoldUpOtherMessages: while every answering slot's
// question waits on a language model, other messages are still answered.
func TestASlowModelDoesNotHoldUpOtherMessages(t *testing.T) {
	asked, release := make(chan struct{}, 16), make(chan struct{})
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": "Test with disabled people [1]."},
		}}})
	}))
	defer model.Close()
	defer close(release)

	h := newRealHarness(t)
	h.bot.Answerer.LLM = slotFreeLLM{openai.New(openai.Config{BaseURL: model.URL + "/v1", Model: "m"})}
	h.bot.Answerer.LLMTimeout = 30 * time.Second
	slots := h.a.cfg.Slots.Size()
	for i := range slots {
		ts := fmt.Sprintf("1700000900.%06d", i)
		h.event(callback(fmt.Sprintf("EvModel%d", i), mention("UALICE", "C1", ts, "", "<@UBOT> how do we make our service accessible?")))
	}
	for range slots {
		select {
		case <-asked:
		case <-time.After(10 * time.Second):
			t.Fatal("the model was not asked")
		}
	}
	h.event(callback("EvHelp", mention("UBOB", "C2", "1700000999.000001", "", "<@UBOT> help")))
	posts := h.fake.waitFor(t, "chat.postMessage", 1)
	if posts[0].Form.Get("channel") != "C2" || !strings.Contains(posts[0].text(), "standards") {
		t.Errorf("first post %v, want the help in C2 while the model writes", posts[0].Form)
	}
	release <- struct{}{} // let one model answer through; the rest end with the test
}
