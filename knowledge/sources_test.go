package knowledge_test

import (
	"context"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

// The benchmarks in package knowledge answer from real guidance read by
// knowledge/source, which they cannot import (it imports knowledge); an
// external test package can, and its init runs before any test.
func init() {
	knowledge.LoadSources = func(ctx context.Context, specs []string) (*knowledge.Corpus, error) {
		return source.Load(ctx, specs, source.Options{})
	}
}
