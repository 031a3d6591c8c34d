package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAskAnswersAsChatDoes: ask gives the reply chat gives to the same
// words, for what search alone cannot answer (a mapping question, a
// greeting, thanks) as for an ordinary question; --json keeps its shape.
func TestAskAnswersAsChatDoes(t *testing.T) {
	c := newCLI(t)
	tests := []struct {
		question string
		want     string
	}{
		{question: "which govuk point matches localgov 9?", want: "GOV.UK Service Standard, point 14: Operate a reliable service"},
		{question: "what does dss2015 point 3 correspond to in govuk?", want: "Matching points for Digital Service Standard 2015, point 3"},
		{question: "hello", want: "Hello! Ask me anything about the GOV.UK Service Standard,"},
		{question: "good morning standardbot", want: "Hello!"},
		{question: "thanks!", want: "You're welcome"},
		{question: "how do we make our service accessible?", want: "point 5: Make sure everyone can use the service"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			code, out, errOut := c.run("", "ask", tt.question)
			if code != 0 || !strings.Contains(out, tt.want) {
				t.Fatalf("ask: exit %d, %q; output:\n%s", code, errOut, out)
			}
			_, chat, _ := c.run(tt.question+"\n", "chat")
			if !strings.Contains(chat, strings.TrimSpace(out)) {
				t.Errorf("ask says\n%s\nchat says\n%s", out, chat)
			}
			code, out, errOut = c.run("", "ask", "--json", tt.question)
			if code != 0 {
				t.Fatalf("ask --json: exit %d: %s", code, errOut)
			}
			var ans map[string]any
			if err := json.Unmarshal([]byte(out), &ans); err != nil {
				t.Fatalf("not one JSON object: %v\n%s", err, out)
			}
			for _, key := range []string{"status", "question", "answer", "sources", "standard", "generated"} {
				if _, ok := ans[key]; !ok {
					t.Errorf("--json lacks %q: %s", key, out)
				}
			}
			if _, isList := ans["sources"].([]any); !isList {
				t.Errorf("sources %v, want a list", ans["sources"])
			}
			if ans["status"] != "answered" || ans["question"] != tt.question || !strings.Contains(ans["answer"].(string), strings.SplitN(tt.want, ":", 2)[0]) {
				t.Errorf("--json = %s", out)
			}
		})
	}
}

func TestAskMappingMistake(t *testing.T) {
	c := newCLI(t)
	code, out, errOut := c.run("", "ask", "which govuk point matches localgov 99?")
	if code != 2 || !strings.Contains(errOut, "points 1 to 15, not 99") || strings.Count(errOut, "\n") != 1 || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2 and one line naming the points", code, out, errOut)
	}
}
