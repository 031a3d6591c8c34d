package knowledge

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestAnswerCitesThePoint(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	tests := []struct {
		standard, question string
		point              int
	}{
		{"govuk", "how do we make our service accessible?", 5},
		{"govuk", "do we need to publish our source code?", 12},
		{"govuk", "what KPIs should we report?", 10},
		{"govuk", "what should happen when the service goes offline?", 14},
		{"govuk", "who should be in our team?", 6},
		{"govuk", "when should we do a penetration test?", 9},
		{"govuk", "is a11y testing with screen reader users needed?", 5},
		{"localgov", "how do we walk a councillor through the service?", 15},
		{"localgov", "what if the service is down?", 9},
		{"dss2015", "what are the four mandatory KPIs?", 16},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			ans, err := a.Answer(context.Background(), Question{Text: tt.question, Standard: tt.standard})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Status != StatusAnswered || len(ans.Sources) == 0 {
				t.Fatalf("status %s with %d sources, want an answer", ans.Status, len(ans.Sources))
			}
			first := ans.Sources[0]
			if first.Standard != tt.standard || first.Point != tt.point {
				t.Errorf("first source is %s %d, want %s %d (%s)", first.Standard, first.Point, tt.standard, tt.point, first.Label)
			}
			for _, s := range ans.Sources {
				// Guidance (Standard "") may stand beside the points,
				// but no other standard's points.
				if s.Standard != tt.standard && s.Standard != "" {
					t.Errorf("source from %s, but the question prefers %s", s.Standard, tt.standard)
				}
				checkExactQuote(t, a.Index, s)
			}
			if !strings.Contains(ans.Answer, first.Snippet) || !strings.Contains(ans.Answer, first.Label) {
				t.Errorf("answer text does not quote and cite the first source:\n%s", ans.Answer)
			}
		})
	}
}

// checkExactQuote fails unless a snippet is a span of its document's text.
func checkExactQuote(t *testing.T, ix *Index, s Source) {
	t.Helper()
	snippet := strings.TrimSuffix(s.Snippet, "…")
	for _, d := range ix.docs {
		if d.Standard == s.Standard && d.Point == s.Point && d.Title == s.Title && strings.Contains(d.allText(), snippet) {
			return
		}
	}
	t.Errorf("snippet of %s is not quoted exactly from it: %q", s.Label, s.Snippet)
}

func TestAnswerNoAnswer(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	for _, q := range []string{
		"what is a good recipe for banana bread?",
		"who won the cricket on Saturday?",
		"how do I bake sourdough?",
		"what is the tallest mountain in Scotland?",
		"which train goes to Brighton?",
	} {
		t.Run(q, func(t *testing.T) {
			ans, err := a.Answer(context.Background(), Question{Text: q, Standard: "govuk"})
			if err != nil {
				t.Fatal(err)
			}
			if ans.Status != StatusNoAnswer || len(ans.Sources) != 0 {
				t.Fatalf("status %s with sources %v, want no_answer", ans.Status, ans.Sources)
			}
			if !strings.Contains(ans.Answer, "do not cover") || !strings.Contains(ans.Answer, "point N") {
				t.Errorf("no_answer text lacks the plain sentence and hint: %q", ans.Answer)
			}
		})
	}
}

func TestAnswerJSONShape(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	ans, err := a.Answer(context.Background(), Question{Text: "how do we make our service accessible?", Standard: "govuk"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(ans)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for key, kind := range map[string]string{"status": "string", "question": "string", "answer": "string", "sources": "array"} {
		if typeOf(got[key]) != kind {
			t.Errorf("%s is %s, want %s", key, typeOf(got[key]), kind)
		}
	}
	src := got["sources"].([]any)[0].(map[string]any)
	for key, kind := range map[string]string{"standard": "string", "point": "number", "title": "string", "url": "string", "snippet": "string", "score": "number"} {
		if typeOf(src[key]) != kind {
			t.Errorf("sources[0].%s is %s, want %s", key, typeOf(src[key]), kind)
		}
	}
	if src["standard"] != "govuk" || src["point"] != 5.0 || src["title"] != "Make sure everyone can use the service" {
		t.Errorf("sources[0] = %v", src)
	}
	// no_answer keeps the same shape, with an empty list rather than null.
	none, _ := a.Answer(context.Background(), Question{Text: "banana bread recipe", Standard: "govuk"})
	data, _ = json.Marshal(none)
	if !strings.Contains(string(data), `"status":"no_answer"`) || !strings.Contains(string(data), `"sources":[]`) {
		t.Errorf("no_answer JSON = %s", data)
	}
}

func typeOf(v any) string {
	switch v.(type) {
	case string:
		return "string"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case nil:
		return "missing"
	}
	return "other"
}

func TestAnswerBadInput(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	if _, err := a.Answer(context.Background(), Question{Text: "   "}); !errors.Is(err, ErrEmptyQuestion) {
		t.Errorf("empty question: err = %v, want ErrEmptyQuestion", err)
	}
	var unknown *UnknownStandardError
	_, err := a.Answer(context.Background(), Question{Text: "accessibility", Standard: "nosuch"})
	if !errors.As(err, &unknown) || !strings.Contains(err.Error(), "govuk") {
		t.Errorf("unknown standard: err = %v, want an UnknownStandardError naming the known ids", err)
	}
}
