package main

import (
	"context"
	"log/slog"
	"os"
	"runtime"

	"github.com/standardbot/standardbot/internal/work"
	"github.com/standardbot/standardbot/knowledge"
)

// answeringSlots are where serve's adapters answer messages, all of them
// sharing: one fewer than the CPUs the process may use (GOMAXPROCS as Go
// set it, which follows cgroup limits), at least one, so a CPU stays free
// to acknowledge new events. Called once, at serve's start: unless
// GOMAXPROCS is set, it gives Go one more P than CPUs, which keeps one
// free to take new requests off the network while the answering threads,
// at a lower priority, are busy; the kernel's priorities decide who runs
// (docs/BENCHMARKS.md).
func answeringSlots(log *slog.Logger) *work.Slots {
	cpus := runtime.GOMAXPROCS(0)
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(cpus + 1)
	}
	return work.NewSlots(cpus-1, log)
}

// slotFreeLLM is the model client as the commands use it: a completion
// asked from inside an answering slot gives the slot back while it waits
// on the network, and takes one again for the checks that follow, so
// one slow model does not hold up every other message. Outside a slot
// (ask, chat, eval) it only calls the model.
type slotFreeLLM struct{ knowledge.LLM }

// Complete asks the wrapped model, outside the slot.
func (l slotFreeLLM) Complete(ctx context.Context, c knowledge.Completion) (text string, err error) {
	work.Blocking(ctx, func() { text, err = l.LLM.Complete(ctx, c) })
	return text, err
}
