package openai_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/openai"
)

// fakeOpenAI speaks the chat completions wire format and answers with
// whatever reply returns.
func fakeOpenAI(t *testing.T, reply func(prompt string) (int, string)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/v1/chat/completions" {
			t.Errorf("request to %s, want /v1/chat/completions", r.URL.Path)
		}
		if got := r.Header.Get("Authorization"); got != "Bearer test-key" {
			t.Errorf("Authorization = %q", got)
		}
		var req struct {
			Model    string `json:"model"`
			Messages []struct{ Role, Content string }
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			t.Errorf("decode request: %v", err)
		}
		if req.Model != "test-model" || len(req.Messages) != 2 || req.Messages[0].Role != "system" {
			t.Errorf("request = %+v", req)
		}
		code, text := reply(req.Messages[1].Content)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		if code != http.StatusOK {
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": text, "type": "server_error"}})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": text}}},
		})
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func newAnswerer(t *testing.T, srv *httptest.Server) *knowledge.Answerer {
	t.Helper()
	stds, m, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(m, stds...)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := knowledge.OpenIndex(context.Background(), t.TempDir(), lib, nil, knowledge.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return &knowledge.Answerer{Index: ix, LLM: openai.New("test-key", srv.URL+"/v1", "test-model"), LLMTimeout: 500 * time.Millisecond}
}

const question = "how do we make our service accessible?"

func TestGeneratedAnswer(t *testing.T) {
	srv, calls := fakeOpenAI(t, func(prompt string) (int, string) {
		if !strings.Contains(prompt, "[1] GOV.UK Service Standard, point 5") || !strings.Contains(prompt, "Question: "+question) {
			t.Errorf("prompt lacks the numbered sources or the question:\n%s", prompt)
		}
		return 200, "Meet the accessibility regulations and research with disabled people [1]."
	})
	ans, err := newAnswerer(t, srv).Answer(context.Background(), knowledge.Question{Text: question, Standard: "govuk"})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Generated || ans.Answer != "Meet the accessibility regulations and research with disabled people [1]." {
		t.Errorf("answer = %q (generated %v), want the model's", ans.Answer, ans.Generated)
	}
	if ans.Sources[0].Point != 5 || calls.Load() != 1 {
		t.Errorf("sources %v, %d calls", ans.Sources, calls.Load())
	}
}

func TestGeneratedAnswerFallsBack(t *testing.T) {
	tests := []struct {
		name  string
		reply func(string) (int, string)
	}{
		{"invented quote", func(string) (int, string) {
			return 200, `The standard says "every service must be printed on blue paper" [1].`
		}},
		{"no citation", func(string) (int, string) { return 200, "Make it accessible." }},
		{"citation out of range", func(string) (int, string) { return 200, "Make it accessible [7]." }},
		{"model finds nothing", func(string) (int, string) { return 200, "NO_ANSWER" }},
		{"server error", func(string) (int, string) { return 500, "overloaded" }},
		{"timeout", func(string) (int, string) { time.Sleep(800 * time.Millisecond); return 200, "late [1]" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := fakeOpenAI(t, tt.reply)
			ans, err := newAnswerer(t, srv).Answer(context.Background(), knowledge.Question{Text: question, Standard: "govuk"})
			if err != nil {
				t.Fatal(err)
			}
			if calls.Load() == 0 {
				t.Fatal("the model was not asked")
			}
			if ans.Generated || ans.Status != knowledge.StatusAnswered || !strings.Contains(ans.Answer, ans.Sources[0].Snippet) {
				t.Errorf("want the extractive answer, got generated=%v %q", ans.Generated, ans.Answer)
			}
		})
	}
}

func TestGeneratedAnswerKeepsExactQuotes(t *testing.T) {
	var quote string
	srv, _ := fakeOpenAI(t, func(prompt string) (int, string) {
		// Quote a real sentence from the first source.
		i := strings.Index(prompt, "\n")
		first := prompt[i+1:]
		first = first[:strings.Index(first, ".")]
		quote = first
		return 200, `It says "` + first + `" [1].`
	})
	ans, err := newAnswerer(t, srv).Answer(context.Background(), knowledge.Question{Text: question, Standard: "govuk"})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Generated || !strings.Contains(ans.Answer, quote) {
		t.Errorf("an exact quote was rejected: %q", ans.Answer)
	}
}
