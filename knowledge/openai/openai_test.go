package openai_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/openai"
	"github.com/standardbot/standardbot/knowledge/source"
)

const (
	apiKey   = "sk-test-secret-0123456789"
	question = "how do we make our service accessible?"
	// twoPoints is a question the built-in GOV.UK standard answers from
	// two points, so citations have a choice.
	twoPoints = "who should be in the team and how do we research with users"
)

// setup is an Answerer over the built-in standards and any guidance files
// given (name -> Markdown), asking the fake model with a short timeout.
type setup struct {
	guidance map[string]string
	timeout  time.Duration
	azure    bool
}

func (s setup) answerer(t testing.TB, f *fakeModel) (*knowledge.Answerer, *bytes.Buffer) {
	t.Helper()
	ix := builtinIndex(t)
	if len(s.guidance) > 0 {
		ix = openIndex(t, t.TempDir(), s.guidance)
		t.Cleanup(func() { ix.Close() })
	}
	cfg := openai.Config{APIKey: apiKey, BaseURL: f.URL + "/v1", Model: "test-model"}
	if s.azure {
		// An Azure host, reached on the fake: the client must speak
		// Azure's dialect because of the host name alone.
		cfg.BaseURL = "http://standardbot-test.openai.azure.com"
		addr := strings.TrimPrefix(f.URL, "http://")
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}}}
	}
	timeout := s.timeout
	if timeout == 0 {
		timeout = 2 * time.Second
	}
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil))
	return &knowledge.Answerer{Index: ix, LLM: openai.New(cfg), LLMTimeout: timeout, Log: log}, &logs
}

var (
	builtinOnce sync.Once
	builtinIx   *knowledge.Index
	builtinDir  string
)

// builtinIndex is one index of the built-in standards for the package's
// tests: it is only read.
func builtinIndex(t testing.TB) *knowledge.Index {
	builtinOnce.Do(func() {
		var err error
		if builtinDir, err = os.MkdirTemp("", "standardbot-openai-test"); err != nil {
			t.Fatal(err)
		}
		builtinIx = openIndex(t, builtinDir, nil)
	})
	if builtinIx == nil {
		t.Fatal("the shared index failed to open")
	}
	return builtinIx
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtinIx != nil {
		builtinIx.Close()
		os.RemoveAll(builtinDir)
	}
	os.Exit(code)
}

// openIndex indexes the built-in standards and guidance files (name ->
// Markdown) in dir.
func openIndex(t testing.TB, dir string, guidance map[string]string) *knowledge.Index {
	t.Helper()
	ctx := context.Background()
	stds, m, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(m, stds...)
	if err != nil {
		t.Fatal(err)
	}
	var corpus *knowledge.Corpus
	if len(guidance) > 0 {
		src := t.TempDir()
		for name, text := range guidance {
			if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if corpus, err = source.Load(ctx, []string{src}, source.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	ix, err := knowledge.OpenIndex(ctx, filepath.Join(dir, "index"), lib, corpus, knowledge.IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// sourceTitles reads the numbered sources out of a prompt: titles[n-1] is
// source n.
var sourceTag = regexp.MustCompile(`<source n="(\d+)" title="([^"]*)">`)

func sourceTitles(prompt string) []string {
	var out []string
	for _, m := range sourceTag.FindAllStringSubmatch(prompt, -1) {
		out = append(out, m[2])
	}
	return out
}

func ask(t *testing.T, a *knowledge.Answerer, q knowledge.Question) *knowledge.Answer {
	t.Helper()
	ans, err := a.Answer(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

func TestAnswerFromCitedSources(t *testing.T) {
	f := newFakeModel(t, func(_ int, req chatRequest) reply {
		return reply{text: "Research with the people who will use the service, and keep doing it [2]."}
	})
	a, _ := setup{}.answerer(t, f)
	ans := ask(t, a, knowledge.Question{Text: twoPoints, Standard: "govuk", Phase: knowledge.Alpha})
	req := f.last(t)
	if req.Stream {
		t.Error("the model was asked to stream: an answer is shown only once its quotations are checked")
	}
	prompt := req.prompt()
	titles := sourceTitles(prompt)
	if len(titles) < 2 {
		t.Fatalf("want at least two numbered sources in the prompt:\n%s", prompt)
	}
	for _, want := range []string{"Question: " + twoPoints, "<sources>", "</sources>", "GOV.UK Service Standard", "alpha phase"} {
		if !strings.Contains(prompt, want) {
			t.Errorf("prompt lacks %q:\n%s", want, prompt)
		}
	}
	if !ans.Generated || ans.Status != knowledge.StatusAnswered {
		t.Fatalf("want the model's answer, got generated=%v status=%s %q", ans.Generated, ans.Status, ans.Answer)
	}
	// The model cited source 2 only: it is the one returned, and the
	// answer's marker is renumbered to match the list.
	if len(ans.Sources) == 1 && !strings.Contains(prompt, ans.Sources[0].Snippet) {
		t.Errorf("the cited passage is not in the prompt: %q", ans.Sources[0].Snippet)
	}
	if len(ans.Sources) != 1 || ans.Sources[0].Label != titles[1] {
		t.Errorf("sources = %+v, want only %q", ans.Sources, titles[1])
	}
	if ans.Answer != "Research with the people who will use the service, and keep doing it [1]." {
		t.Errorf("answer = %q", ans.Answer)
	}
}

func TestModelAndQuoteChecks(t *testing.T) {
	tests := []struct {
		name string
		rep  reply
	}{
		{"invented quote", reply{text: `The standard says "every service must be printed on blue paper" [1].`}},
		{"no citation", reply{text: "Make it accessible."}},
		{"citation out of range", reply{text: "Make it accessible [7]."}},
		{"model finds nothing", reply{text: "NO_ANSWER"}},
		{"server error", reply{status: 500, text: "overloaded"}},
		{"malformed response", reply{malformed: true}},
		{"hang past the timeout", reply{delay: time.Hour, text: "late [1]."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeModel(t, func(int, chatRequest) reply { return tt.rep })
			a, logs := setup{timeout: 300 * time.Millisecond}.answerer(t, f)
			start := time.Now()
			ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
			took := time.Since(start)
			if f.calls() == 0 {
				t.Fatal("the model was not asked")
			}
			if ans.Generated || ans.Status != knowledge.StatusAnswered || !strings.Contains(ans.Answer, ans.Sources[0].Snippet) {
				t.Errorf("want the extractive answer, got generated=%v %q", ans.Generated, ans.Answer)
			}
			// The fake hangs for an hour: only the timeout can have
			// ended the wait (the bound is not a stopwatch, it only
			// tells a hang from an answer, whatever the machine's speed).
			if took > time.Minute {
				t.Errorf("answered after %v; the timeout is 300ms", took)
			}
			if !strings.Contains(logs.String(), "answering from search alone") {
				t.Errorf("the fallback was not logged:\n%s", logs)
			}
		})
	}
}

func TestExactQuoteIsKept(t *testing.T) {
	var quote string
	f := newFakeModel(t, func(_ int, req chatRequest) reply {
		// Quote the first sentence of source 1's passage.
		p := req.prompt()
		body := p[strings.Index(p, "<source n=\"1\"") : len(p)-1]
		body = body[strings.Index(body, "\n")+1:]
		quote = body[:strings.Index(body, ".")]
		return reply{text: `It says "` + quote + `" [1].`}
	})
	a, _ := setup{}.answerer(t, f)
	ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
	if !ans.Generated || !strings.Contains(ans.Answer, quote) {
		t.Errorf("an exact quote was rejected: %q", ans.Answer)
	}
}

func TestOutOfScopeNeverAsksTheModel(t *testing.T) {
	f := newFakeModel(t, func(int, chatRequest) reply { return reply{text: "Bake it for an hour [1]."} })
	a, _ := setup{}.answerer(t, f)
	ans := ask(t, a, knowledge.Question{Text: "a recipe for banana bread with walnuts", Standard: "govuk"})
	if ans.Status != knowledge.StatusNoAnswer || f.calls() != 0 {
		t.Errorf("status %s after %d model calls, want no_answer and none", ans.Status, f.calls())
	}
}

func TestRateLimitIsRetriedOnce(t *testing.T) {
	t.Run("then answers", func(t *testing.T) {
		f := newFakeModel(t, func(n int, _ chatRequest) reply {
			if n == 1 {
				return reply{status: 429, text: "slow down", header: http.Header{"Retry-After": {"1"}}}
			}
			return reply{text: "Test with assistive technology [1]."}
		})
		a, _ := setup{timeout: 5 * time.Second}.answerer(t, f)
		start := time.Now()
		ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
		if !ans.Generated || f.calls() != 2 {
			t.Errorf("generated=%v after %d calls, want the model's answer on the second", ans.Generated, f.calls())
		}
		if took := time.Since(start); took < time.Second {
			t.Errorf("retried after %v, before the 1 s Retry-After", took)
		}
	})
	t.Run("only once", func(t *testing.T) {
		f := newFakeModel(t, func(int, chatRequest) reply {
			return reply{status: 429, text: "slow down", header: http.Header{"Retry-After-Ms": {"10"}}}
		})
		a, _ := setup{}.answerer(t, f)
		ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
		if ans.Generated || f.calls() != 2 {
			t.Errorf("generated=%v after %d calls, want the extractive answer after two", ans.Generated, f.calls())
		}
	})
	t.Run("not past the timeout", func(t *testing.T) {
		f := newFakeModel(t, func(int, chatRequest) reply {
			return reply{status: 429, text: "slow down", header: http.Header{"Retry-After": {"3600"}}}
		})
		a, _ := setup{timeout: 500 * time.Millisecond}.answerer(t, f)
		start := time.Now()
		ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
		// An hour's Retry-After waited out would take an hour; a minute
		// tells that from an answer at once on any machine.
		if ans.Generated || f.calls() != 1 || time.Since(start) > time.Minute {
			t.Errorf("generated=%v after %d calls in %v, want the extractive answer at once", ans.Generated, f.calls(), time.Since(start))
		}
	})
}

func TestSecretsStayOutOfLogs(t *testing.T) {
	// A server that echoes the request's credentials in its error.
	f := newFakeModel(t, func(_ int, req chatRequest) reply {
		return reply{status: 401, text: "invalid key: " + req.Header.Get("Authorization")}
	})
	a, logs := setup{}.answerer(t, f)
	ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
	if strings.Contains(logs.String(), apiKey) {
		t.Errorf("the API key reached the log:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "HTTP 401") {
		t.Errorf("the log does not say what failed:\n%s", logs)
	}
}

func TestThreadHistoryIsSent(t *testing.T) {
	f := newFakeModel(t, func(int, chatRequest) reply { return reply{text: "Yes, at every phase [1]."} })
	a, _ := setup{}.answerer(t, f)
	history := []knowledge.Turn{{Question: "what does point 5 ask?", Answer: "That everyone can use the service [1]."}}
	ask(t, a, knowledge.Question{Text: question, Standard: "govuk", History: history})
	req := f.last(t)
	if len(req.Messages) != 4 {
		t.Fatalf("%d messages, want system, earlier question, earlier answer, question", len(req.Messages))
	}
	if req.Messages[1].Role != "user" || !strings.Contains(req.Messages[1].Content, history[0].Question) ||
		req.Messages[2].Role != "assistant" || req.Messages[2].Content != history[0].Answer {
		t.Errorf("history sent as %+v", req.Messages[1:3])
	}
}

func TestAzureEndpoint(t *testing.T) {
	f := newFakeModel(t, func(int, chatRequest) reply { return reply{text: "Test with disabled people [1]."} })
	a, _ := setup{azure: true}.answerer(t, f)
	ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
	req := f.last(t)
	if req.Path != "/openai/deployments/test-model/chat/completions" || !strings.Contains(req.Query, "api-version=") {
		t.Errorf("Azure request to %s?%s", req.Path, req.Query)
	}
	if req.Header.Get("Api-Key") != apiKey || req.Header.Get("Authorization") != "" {
		t.Errorf("Azure auth headers: api-key %q, Authorization %q", req.Header.Get("Api-Key"), req.Header.Get("Authorization"))
	}
	if !ans.Generated {
		t.Errorf("no answer through Azure: %q", ans.Answer)
	}
	for url, want := range map[string]bool{
		"https://x.openai.azure.com": true, "https://x.cognitiveservices.azure.com/": true,
		"https://api.openai.com/v1": false, "http://localhost:11434/v1": false, "https://azure.example.org": false,
	} {
		if openai.IsAzure(url) != want {
			t.Errorf("IsAzure(%q) = %v", url, !want)
		}
	}
}

func TestOpenAIEndpoint(t *testing.T) {
	f := newFakeModel(t, func(int, chatRequest) reply { return reply{text: "Test with disabled people [1]."} })
	a, _ := setup{}.answerer(t, f)
	ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
	req := f.last(t)
	if req.Path != "/v1/chat/completions" || req.Model != "test-model" || req.Header.Get("Authorization") != "Bearer "+apiKey {
		t.Errorf("request to %s for %q with Authorization %q", req.Path, req.Model, req.Header.Get("Authorization"))
	}
}

func TestReasoningModelsGetTheirParameters(t *testing.T) {
	for _, tt := range []struct {
		model     string
		reasoning bool
	}{{"gpt-5-mini", true}, {"o3-mini", true}, {"gpt-4o-mini", false}, {"llama3.1", false}} {
		t.Run(tt.model, func(t *testing.T) {
			f := newFakeModel(t, func(int, chatRequest) reply { return reply{text: "Test with disabled people [1]."} })
			a, _ := setup{}.answerer(t, f)
			a.LLM = openai.New(openai.Config{APIKey: apiKey, BaseURL: f.URL + "/v1", Model: tt.model})
			ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
			if !ans.Generated {
				t.Fatalf("%s: no model answer, %q", tt.model, ans.Answer)
			}
			raw := f.last(t).raw
			_, hasTemp := raw["temperature"]
			_, hasMax := raw["max_tokens"]
			_, hasCompletion := raw["max_completion_tokens"]
			if tt.reasoning == (hasTemp || hasMax) || tt.reasoning != hasCompletion {
				t.Errorf("%s: temperature %v, max_tokens %v, max_completion_tokens %v", tt.model, hasTemp, hasMax, hasCompletion)
			}
		})
	}
}

func TestAModelsThinkingIsNotShown(t *testing.T) {
	f := newFakeModel(t, func(int, chatRequest) reply {
		return reply{text: "<think>\nThe user asks about accessibility. Source 1 says \"something I made up\".\n</think>\n\nTest with disabled people [1]."}
	})
	a, _ := setup{}.answerer(t, f)
	ans := ask(t, a, knowledge.Question{Text: question, Standard: "govuk"})
	if !ans.Generated || ans.Answer != "Test with disabled people [1]." {
		t.Errorf("answer = %q (generated %v), want the answer without the thinking", ans.Answer, ans.Generated)
	}
}
