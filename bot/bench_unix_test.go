//go:build unix

package bot_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/knowledge"
)

// BenchmarkLongQuestion measures a 40,000-character question through the
// core, reporting the CPU time of the whole process per question
// (cpu-ms/op) beside the wall time: the bound is 50 ms of CPU.
//
//	go test ./bot -run '^$' -bench LongQuestion -benchtime 50x
func BenchmarkLongQuestion(b *testing.B) {
	for _, tc := range []struct {
		name string
		text string
	}{
		{"40000-chars", longQuestion()},
		{"ordinary", "how do we make our service accessible?"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			core := benchCore(b)
			msg := bot.Message{Address: bot.Address{Platform: bot.Console, Team: "local", Channel: "C1"}, User: "alice", Text: tc.text, Direct: true}
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
}

// benchCore is the core over the built-in standards with no store: a
// question needs none.
func benchCore(b *testing.B) *bot.Bot {
	b.Helper()
	ix := bottest.NewIndex(b)
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
