package openai_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// chatRequest is what the fake reads of a chat completions request.
type chatRequest struct {
	Path     string
	Header   http.Header
	raw      map[string]any // the request body, every field
	Query    string
	Model    string `json:"model"`
	Stream   bool   `json:"stream"`
	Messages []struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	} `json:"messages"`
}

// system is the request's system message; prompt its last user message.
func (r chatRequest) system() string { return r.Messages[0].Content }
func (r chatRequest) prompt() string { return r.Messages[len(r.Messages)-1].Content }

// reply is one scripted answer of the fake.
type reply struct {
	status    int           // 0: 200
	text      string        // the answer, or the error message
	header    http.Header   // extra response headers
	delay     time.Duration // before answering
	malformed bool          // send a body that is not the wire format
}

// fakeModel speaks OpenAI's chat completions wire format (JSON, not
// streamed). It records every request and answers with script(request).
type fakeModel struct {
	*httptest.Server
	mu       sync.Mutex
	requests []chatRequest
}

func newFakeModel(t testing.TB, script func(n int, req chatRequest) reply) *fakeModel {
	t.Helper()
	f := &fakeModel{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req chatRequest
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &req); err != nil {
			t.Errorf("decode request: %v", err)
			return
		}
		_ = json.Unmarshal(body, &req.raw)
		req.Path, req.Header, req.Query = r.URL.Path, r.Header.Clone(), r.URL.RawQuery
		f.mu.Lock()
		f.requests = append(f.requests, req)
		n := len(f.requests)
		f.mu.Unlock()
		rep := script(n, req)
		if rep.delay > 0 {
			select {
			case <-time.After(rep.delay):
			case <-r.Context().Done():
				return
			}
		}
		for k, v := range rep.header {
			w.Header()[k] = v
		}
		switch {
		case rep.status != 0 && rep.status != http.StatusOK:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(rep.status)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": rep.text, "type": "server_error"}})
		case rep.malformed:
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"id": "chatcmpl-1", "choices": [{"message": {"content": "half an answ`)
		default:
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(map[string]any{
				"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": rep.text}}},
			})
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// calls is how many requests the fake has had.
func (f *fakeModel) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// last is the latest request.
func (f *fakeModel) last(t *testing.T) chatRequest {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		t.Fatal("the model was not asked")
	}
	return f.requests[len(f.requests)-1]
}
