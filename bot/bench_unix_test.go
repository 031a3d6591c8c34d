//go:build unix

package bot_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

// BenchmarkLongQuestion measures a 40,000-character question (Slack's
// limit) of distinct words from the guidance, and one of made-up words,
// through the core, beside an ordinary one, over the built-in standards and, when the shared corpora
// are there, with the 2014 Service Design Manual indexed too (888 more
// sections). It reports the CPU time of the whole process per question
// (cpu-ms/op) beside the wall time: the bound is 50 ms of CPU.
//
//	go test ./bot -run '^$' -bench LongQuestion -benchtime 50x
func BenchmarkLongQuestion(b *testing.B) {
	for _, index := range []string{"builtin", "manual-2014"} {
		b.Run(index, func(b *testing.B) {
			core := benchCore(b, index)
			for _, q := range []struct{ name, text string }{
				{"40000-chars", longQuestion(core.Library)},
				{"40000-chars-unknown-words", unknownWords()},
				{"ordinary", "how do we make our service accessible?"},
			} {
				b.Run(q.name, func(b *testing.B) {
					msg := bot.Message{Address: bot.Address{Platform: console.Platform, Team: "local", Channel: "C1"}, User: "alice", Text: q.text, Direct: true}
					if _, err := core.Handle(context.Background(), msg); err != nil { // warm the index
						b.Fatal(err)
					}
					b.ReportAllocs()
					cpu0 := cpuTime()
					b.ResetTimer()
					for b.Loop() {
						if _, err := core.Handle(context.Background(), msg); err != nil {
							b.Fatal(err)
						}
					}
					b.StopTimer()
					b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		})
	}
}

// unknownWords is 40,000 characters of made-up words, each a typo for
// nothing the index knows: the question that costs spelling look-ups.
func unknownWords() string {
	var b strings.Builder
	for i := 0; b.Len() < 40_000; i++ {
		fmt.Fprintf(&b, "zq%cx%cv%cw ", 'a'+i%26, 'a'+(i/26)%26, 'a'+(i/676)%26)
	}
	return b.String()[:40_000]
}

// benchCore is the core with no store (a question needs none) over the
// built-in standards, or over them and the 2014 manual from the shared
// corpora (STANDARDBOT_CORPORA, or ../../shared/corpora), skipping when
// they are not there.
func benchCore(b *testing.B, index string) *bot.Bot {
	b.Helper()
	var ix *knowledge.Index
	if index == "builtin" {
		ix = bottest.NewIndex(b)
	} else {
		dir := os.Getenv("STANDARDBOT_CORPORA")
		if dir == "" {
			dir = filepath.Join("..", "..", "shared", "corpora")
		}
		corpus, err := source.Load(context.Background(), []string{filepath.Join(dir, "service-design-manual-2014")}, source.Options{})
		if err != nil {
			b.Skipf("the 2014 manual is not in the shared corpora (set STANDARDBOT_CORPORA): %v", err)
		}
		if ix, err = knowledge.OpenIndex(context.Background(), filepath.Join(b.TempDir(), "index"), bottest.Library(b), corpus, knowledge.IndexOptions{}); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { ix.Close() })
	}
	return &bot.Bot{Answerer: &knowledge.Answerer{Index: ix}, Library: ix.Library(), DefaultStandard: "govuk", DefaultTimeZone: "Europe/London",
		Now: func() time.Time { return bottest.Now }}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
