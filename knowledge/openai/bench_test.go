package openai_test

import (
	"context"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
)

// BenchmarkGeneratedAnswer is the cost standardbot adds around a model:
// search, the prompt, the HTTP exchange with an instant local model, and
// the citation and quote checks.
func BenchmarkGeneratedAnswer(b *testing.B) {
	f := newFakeModel(b, func(int, chatRequest) reply {
		return reply{text: "Meet the accessibility regulations and test with disabled people [1]."}
	})
	a, _ := setup{}.answerer(b, f)
	q := knowledge.Question{Text: question, Standard: "govuk"}
	b.ReportAllocs()
	for b.Loop() {
		ans, err := a.Answer(context.Background(), q)
		if err != nil || !ans.Generated {
			b.Fatalf("not generated: %v", err)
		}
	}
}
