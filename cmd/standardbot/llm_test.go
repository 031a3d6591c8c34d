package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestAskWithModel: ask --json with OPENAI_BASE_URL pointed at an
// OpenAI-compatible server returns the model's answer and the sources it
// cited, and a model that fails gives the answer from search alone.
func TestAskWithModel(t *testing.T) {
	var calls atomic.Int32
	fail := atomic.Bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-cli-test" {
			t.Errorf("request to %s with %q", r.URL.Path, r.Header.Get("Authorization"))
		}
		var req struct {
			Model    string                           `json:"model"`
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		if req.Model != "cli-model" || !strings.Contains(req.Messages[len(req.Messages)-1].Content, "Question: how do we make our service accessible?") {
			t.Errorf("request for %q: %+v", req.Model, req.Messages)
		}
		if fail.Load() {
			http.Error(w, `{"error": {"message": "down for maintenance"}}`, http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": "Meet the accessibility regulations and test with disabled people [1]."},
		}}})
	}))
	defer srv.Close()

	c := newCLI(t)
	t.Setenv("OPENAI_BASE_URL", srv.URL+"/v1")
	t.Setenv("OPENAI_API_KEY", "sk-cli-test")
	t.Setenv("OPENAI_MODEL", "cli-model")
	code, out, errOut := c.run("", "ask", "--json", "how do we make our service accessible?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ans struct {
		Status, Answer string
		Generated      bool
		Sources        []struct {
			Standard string
			Point    int
		}
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if ans.Status != "answered" || !ans.Generated || ans.Answer != "Meet the accessibility regulations and test with disabled people [1]." {
		t.Errorf("answer = %+v, want the model's", ans)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].Standard != "govuk" || ans.Sources[0].Point != 5 || calls.Load() != 1 {
		t.Errorf("sources %+v after %d calls, want point 5, the one cited", ans.Sources, calls.Load())
	}

	fail.Store(true)
	code, out, errOut = c.run("", "ask", "--json", "how do we make our service accessible?")
	if code != 0 || !strings.Contains(out, `"generated": false`) || !strings.Contains(out, `"status": "answered"`) {
		t.Errorf("with the model down: exit %d, %s", code, out)
	}
	if !strings.Contains(errOut, "answering from search alone") || !strings.Contains(errOut, "HTTP 503") {
		t.Errorf("stderr does not say the model failed and why: %s", errOut)
	}
	if strings.Contains(errOut, "sk-cli-test") {
		t.Errorf("the API key reached stderr: %s", errOut)
	}
}

func TestModelSettingsAreChecked(t *testing.T) {
	for _, tt := range []struct{ key, value, want string }{
		{"OPENAI_TIMEOUT", "soon", "OPENAI_TIMEOUT"},
		{"OPENAI_TIMEOUT", "-1s", "OPENAI_TIMEOUT"},
		{"OPENAI_BASE_URL", "localhost:11434", "OPENAI_BASE_URL"},
	} {
		c := newCLI(t)
		t.Setenv(tt.key, tt.value)
		code, _, errOut := c.run("", "ask", "accessibility")
		if code == 0 || !strings.Contains(errOut, tt.want) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%s=%s: exit %d, stderr %q; want a one-line reason naming it", tt.key, tt.value, code, errOut)
		}
	}
}

// TestPracticeReportWithModel: report --practice with OPENAI_* pointed at
// an OpenAI-compatible server writes the model's feedback, grounded in the
// team's answer; a model that fails gives the rules' feedback, and says so.
func TestPracticeReportWithModel(t *testing.T) {
	fail := atomic.Bool{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Messages []struct{ Role, Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		if last := req.Messages[len(req.Messages)-1].Content; !strings.Contains(last, "Team answered: We fixed 10 of the audit's 12 issues") {
			t.Errorf("the model was not given the team's answer: %q", last)
		}
		if fail.Load() {
			http.Error(w, `{"error": {"message": "down for maintenance"}}`, http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"choices": []any{map[string]any{
			"message": map[string]any{"role": "assistant", "content": `{"rating":"amber","done_well":["The team \"fixed 10 of the audit's 12 issues\"."],"to_explore":["Say when the last two issues will be fixed."]}`},
		}}})
	}))
	defer srv.Close()

	c := newCLI(t)
	chat := "project new Apply for a blue badge\nphase beta\npractice 5\nWe fixed 10 of the audit's 12 issues\nstop\n"
	if code, _, errOut := c.run(chat, "chat", "--user", "alice"); code != 0 {
		t.Fatalf("chat: exit %d: %s", code, errOut)
	}
	t.Setenv("OPENAI_BASE_URL", srv.URL+"/v1")
	t.Setenv("OPENAI_API_KEY", "sk-cli-test")
	code, out, errOut := c.run("", "report", "Apply for a blue badge", "--practice", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{`"feedback_by": "model"`, `"rating": "amber"`, `fixed 10 of the audit's 12 issues`, "Say when the last two issues will be fixed."} {
		if !strings.Contains(out, want) {
			t.Errorf("the model's practice report lacks %q:\n%s", want, out)
		}
	}
	fail.Store(true)
	code, out, errOut = c.run("", "report", "Apply for a blue badge", "--practice", "--format", "json")
	if code != 0 || !strings.Contains(out, `"feedback_by": "rules"`) || !strings.Contains(out, "Prepare an answer to:") {
		t.Errorf("with the model down: exit %d, %s", code, out)
	}
	if !strings.Contains(errOut, "using the rules") || strings.Contains(errOut, "sk-cli-test") {
		t.Errorf("with the model down, stderr: %s", errOut)
	}
}
