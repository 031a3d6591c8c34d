package knowledge

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// corporaDir is the shared real corpora, for benchmarks only; tests never
// need it. STANDARDBOT_CORPORA overrides the default next to the repo.
func corporaDir(b *testing.B) string {
	dir := os.Getenv("STANDARDBOT_CORPORA")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "corpora")
	}
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("corpora not found at %s (set STANDARDBOT_CORPORA): %v", dir, err)
	}
	return dir
}

// LoadSources reads guidance for the benchmarks that answer from a real
// corpus. knowledge cannot import knowledge/source, which imports
// knowledge, so the external test package sets it (sources_test.go) before
// any test runs.
var LoadSources func(ctx context.Context, specs []string) (*Corpus, error)

// manual2014 is the 2014 Government Service Design Manual, loaded as
// serve would load it with --source.
func manual2014(b *testing.B) *Corpus {
	corpus, err := LoadSources(context.Background(), []string{filepath.Join(corporaDir(b), "service-design-manual-2014")})
	if err != nil {
		b.Fatal(err)
	}
	return corpus
}

// benchQuestions are varied questions of the kind teams ask, written for
// the benchmark (not taken from the evaluation set).
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

// reportPercentiles adds p50 and p99 of the per-operation times.
func reportPercentiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	pct := func(p float64) float64 {
		return float64(times[int(p*float64(len(times)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// BenchmarkAnswer answers a question in process over the built-in standards
// and the 2014 Government Service Design Manual. Target: p99 under 5 ms.
func BenchmarkAnswer(b *testing.B) {
	corpus := manual2014(b)
	a := &Answerer{Index: testIndex(b, testLibrary(b), corpus)}
	benchAnswers(b, a)
}

// BenchmarkAnswerBuiltin answers a question in process over the built-in
// standards and assessment guidance alone, as serve does in the Slack load
// benchmark (scripts/bench-slack.sh): no corpora needed. Run it with
// -benchmem: what an answer allocates sets how often serve collects
// garbage under load.
func BenchmarkAnswerBuiltin(b *testing.B) {
	a := &Answerer{Index: testIndex(b, testLibrary(b), nil)}
	benchAnswers(b, a)
}

// BenchmarkAnalysedDocs measures what the documents' analysed terms and
// passages keep on the heap once every document of the built-in standards
// and the 2014 manual has been quoted from: it stays for the life of the
// index, so it is memory serve holds on top of what answering allocates.
func BenchmarkAnalysedDocs(b *testing.B) {
	corpus := manual2014(b)
	lib := testLibrary(b)
	ix := testIndex(b, lib, corpus)
	ix.Warm()
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	var kept uint64
	var n int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		docs := docsFor(lib, corpus)
		before := heap()
		b.StartTimer()
		for _, d := range docs {
			d.analyse(ix)
		}
		b.StopTimer()
		kept += heap() - before
		n = len(docs)
		runtime.KeepAlive(docs)
		b.StartTimer()
	}
	b.ReportMetric(float64(kept)/float64(b.N)/1e6, "MB-kept")
	b.ReportMetric(float64(kept)/float64(b.N)/float64(n)/1e3, "KB-kept/doc")
}

// benchAnswers times answers to the bench questions in the steady state,
// as in a running bot: the points analysed in the background from the
// start, and each question asked once.
func benchAnswers(b *testing.B, a *Answerer) {
	ctx := context.Background()
	a.Index.Warm()
	for _, q := range benchQuestions {
		if _, err := a.Answer(ctx, Question{Text: q, Standard: "govuk"}); err != nil {
			b.Fatal(err)
		}
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := a.Answer(ctx, Question{Text: benchQuestions[i%len(benchQuestions)], Standard: "govuk"}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

// syntheticCorpus makes n guidance sections of realistic text by
// recombining sentences of the built-in standards, so the benchmark needs
// nothing outside the repo.
func syntheticCorpus(b testing.TB, n int) *Corpus {
	var sentencesPool []string
	for _, s := range testLibrary(b).Standards() {
		for _, p := range s.Points {
			for _, para := range paragraphs(p.Guidance) {
				sentencesPool = append(sentencesPool, sentences(para)...)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	c := &Corpus{Hash: fmt.Sprintf("synthetic-%d", n), Files: n / 10}
	for i := range n {
		var body []string
		for range 6 + r.IntN(10) {
			body = append(body, sentencesPool[r.IntN(len(sentencesPool))])
		}
		doc := i / 10
		c.Sections = append(c.Sections, Section{
			ID:      fmt.Sprintf("synthetic/doc-%d.md#section-%d", doc, i),
			Source:  fmt.Sprintf("synthetic/doc-%d.md", doc),
			Title:   fmt.Sprintf("Guide %d", doc),
			Heading: strings.Join(strings.Fields(body[0])[:min(6, len(strings.Fields(body[0])))], " "),
			URL:     fmt.Sprintf("https://example.gov.uk/guide-%d#section-%d", doc, i),
			Text:    strings.Join(body, " "),
		})
	}
	return c
}

// BenchmarkIndex10k builds an index of the built-in standards plus 10,000
// guidance sections. Target: under 30 s.
func BenchmarkIndex10k(b *testing.B) {
	corpus := syntheticCorpus(b, 10000)
	lib := testLibrary(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		ix, err := OpenIndex(context.Background(), dir, lib, corpus, IndexOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if !ix.Stats().Built || ix.Stats().Sections != 10000 {
			b.Fatalf("stats %+v", ix.Stats())
		}
		ix.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N)/1000, "s/build")
}

// BenchmarkReopen10k reopens an existing index of 10,000 sections, as a
// restart does. Target: under 1 s.
func BenchmarkReopen10k(b *testing.B) {
	corpus := syntheticCorpus(b, 10000)
	lib := testLibrary(b)
	dir := b.TempDir()
	ix, err := OpenIndex(context.Background(), dir, lib, corpus, IndexOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ix.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := OpenIndex(context.Background(), dir, lib, corpus, IndexOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if ix.Stats().Built {
			b.Fatal("reopen rebuilt the index")
		}
		ix.Close()
	}
}
