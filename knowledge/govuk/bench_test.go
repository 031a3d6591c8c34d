package govuk

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	"github.com/standardbot/standardbot/knowledge"
)

// benchQuestions are varied questions of the kind teams ask, one of them
// off-topic, written for the benchmark.
var benchQuestions = []string{
	"how do we make our service accessible?",
	"do we need to publish our source code?",
	"what should we measure to know the service is working?",
	"what happens if the service goes down at night?",
	"who should be in a multidisciplinary team?",
	"how often should we release changes?",
	"when should we do a penetration test?",
	"how do we support people who cannot use the service online?",
	"should we use the GOV.UK design system?",
	"how should we choose a hosting provider?",
	"what is a good recipe for banana bread?",
	"how do we run a show and tell?",
}

// generatedCopy keeps a generated manual of the real one's size (200
// guides, 2,000 sections) in a folder, fetched through Sync from a fake
// GOV.UK.
func generatedCopy(b *testing.B) string {
	b.Helper()
	docs, err := govuktest.Generate(govuktest.ManualGuides, govuktest.GuideSections, builtinSentences(b))
	if err != nil {
		b.Fatal(err)
	}
	site := govuktest.Serve(b, docs)
	dir := filepath.Join(b.TempDir(), "service-manual")
	if _, err := Sync(context.Background(), fastClient(b, site), dir, SyncOptions{}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// builtinSentences are the sentences of the built-in standards' guidance,
// for generated guides.
func builtinSentences(b *testing.B) []string {
	stds, _, err := knowledge.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, s := range stds {
		for _, p := range s.Points {
			for _, para := range strings.Split(p.Guidance, "\n") {
				for _, sent := range strings.SplitAfter(para, ". ") {
					if sent = strings.TrimSpace(sent); len(sent) > 20 {
						out = append(out, sent)
					}
				}
			}
		}
	}
	return out
}

// BenchmarkAnswerWithManual answers a question in process over the
// built-in standards and a Service Manual of the real one's size. Target:
// p99 under 5 ms.
func BenchmarkAnswerWithManual(b *testing.B) {
	c, err := Load(generatedCopy(b))
	if err != nil {
		b.Fatal(err)
	}
	builtins, mapping, err := knowledge.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	lib, err := knowledge.NewLibrary(mapping, builtins...)
	if err != nil {
		b.Fatal(err)
	}
	corpus := &knowledge.Corpus{}
	corpus.AddSections(Origin, c.Hash, c.Sections)
	built := time.Now()
	ix, err := knowledge.OpenIndex(context.Background(), b.TempDir(), lib, corpus, knowledge.IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	buildTook := time.Since(built)
	a := &knowledge.Answerer{Index: ix}
	ctx := context.Background()
	times := make([]time.Duration, 0, b.N)
	// Steady state, as in a running bot: the points analysed in the
	// background from the start, and each question asked once.
	a.Index.Warm()
	for _, q := range benchQuestions {
		if _, err := a.Answer(ctx, knowledge.Question{Text: q, Standard: "govuk"}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := a.Answer(ctx, knowledge.Question{Text: benchQuestions[i%len(benchQuestions)], Standard: "govuk"}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	pct := func(p float64) float64 { return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(buildTook.Seconds(), "s/index-build")
	b.ReportMetric(float64(c.Guides), "guides")
	b.ReportMetric(float64(len(c.Sections)), "sections")
}

// BenchmarkLoadManual reads a kept manual of the real one's size into
// sections, as chat and serve do at start.
func BenchmarkLoadManual(b *testing.B) {
	dir := generatedCopy(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c, err := Load(dir)
		if err != nil {
			b.Fatal(err)
		}
		if c.Guides != govuktest.ManualGuides {
			b.Fatalf("loaded %d guides", c.Guides)
		}
	}
}

// BenchmarkSyncManual fetches a manual of the real one's size at GOV.UK's
// pace (5 requests a second), then syncs it again with nothing changed, as
// the daily refresh does. Run it with -benchtime 1x: one iteration takes
// about a minute.
func BenchmarkSyncManual(b *testing.B) {
	docs, err := govuktest.Generate(govuktest.ManualGuides, govuktest.GuideSections, builtinSentences(b))
	if err != nil {
		b.Fatal(err)
	}
	site := govuktest.Serve(b, docs)
	var first, second time.Duration
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		client, err := contentapi.New(contentapi.Options{BaseURL: site.URL, Version: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Sync(context.Background(), client, dir, SyncOptions{})
		if err != nil || len(res.Fetched) != govuktest.ManualGuides {
			b.Fatalf("first sync: %v, %+v", err, res)
		}
		first += res.Took
		res, err = Sync(context.Background(), client, dir, SyncOptions{})
		if err != nil || res.Unchanged != govuktest.ManualGuides {
			b.Fatalf("second sync: %v, %+v", err, res)
		}
		second += res.Took
	}
	b.ReportMetric(first.Seconds()/float64(b.N), "s/first-sync")
	b.ReportMetric(second.Seconds()/float64(b.N), "s/unchanged-sync")
	b.ReportMetric(float64(len(site.Requests()))/float64(b.N), "requests")
}
