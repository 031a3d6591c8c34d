package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeAnswersWithAModel: serve with a Slack-compatible API and an
// OpenAI-compatible model answers a mention with the model's text, its
// citation a link to the point, and sends a follow-up in the thread with
// the earlier exchange.
func TestServeAnswersWithAModel(t *testing.T) {
	var mu sync.Mutex
	var requests [][]map[string]string
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []map[string]string `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		requests = append(requests, req.Messages)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": "Test with disabled people and meet WCAG 2.2 AA [1]."},
		}}})
	}))
	defer model.Close()

	bin := buildBinary(t)
	slack := newFakeSlack(t, 0)
	p := startServe(t, bin, append(slackEnv(t.TempDir(), slack),
		"OPENAI_BASE_URL="+model.URL+"/v1", "OPENAI_API_KEY=sk-e2e-model-secret", "OPENAI_MODEL=e2e")...)
	code, ts := p.mention(t, "C1", "how do we make our service accessible?")
	if code != http.StatusOK {
		t.Fatalf("ack %d", code)
	}
	post := slack.waitPosts(t, "C1", "WCAG 2.2 AA", 1, 10*time.Second)[0]
	if post.Get("thread_ts") != ts {
		t.Errorf("answer in thread %q, want %q", post.Get("thread_ts"), ts)
	}
	if !strings.Contains(post.Get("blocks"), `point-5-make-sure-everyone-can-use-the-service|[1]\u003e`) &&
		!strings.Contains(post.Get("blocks"), `point-5-make-sure-everyone-can-use-the-service|[1]>`) {
		t.Errorf("the citation is not a link to point 5:\n%s", post.Get("blocks"))
	}

	// A follow-up in the thread reaches the model with the exchange before it.
	body := fmt.Sprintf(`{"type":"event_callback","team_id":"T1","api_app_id":"A1","event_id":"EvFollow%d","event_time":%d,`+
		`"event":{"type":"app_mention","user":"U1","text":"<@UBOT> and what about screen readers?","ts":"%d.999999","thread_ts":%q,"channel":"C1","event_ts":"%d.999999"}}`,
		time.Now().UnixNano(), time.Now().Unix(), time.Now().Unix(), ts, time.Now().Unix())
	if code := p.post(t, body); code != http.StatusOK {
		t.Fatalf("follow-up ack %d", code)
	}
	slack.waitPosts(t, "C1", "WCAG 2.2 AA", 2, 10*time.Second)
	mu.Lock()
	last := requests[len(requests)-1]
	mu.Unlock()
	if len(last) != 4 || !strings.Contains(last[1]["content"], "how do we make our service accessible?") || last[2]["role"] != "assistant" {
		t.Errorf("the follow-up's request did not carry the thread's exchange: %v", last)
	}
	p.stop(t)
	if strings.Contains(p.stderr.String(), "sk-e2e-model-secret") {
		t.Error("the model's key reached the log")
	}
}
