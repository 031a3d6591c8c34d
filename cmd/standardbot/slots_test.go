package main

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/internal/work"
	"github.com/standardbot/standardbot/knowledge"
)

// modelFunc is a model client that runs a test's function.
type modelFunc func(ctx context.Context) (string, error)

func (f modelFunc) Complete(ctx context.Context, _ knowledge.Completion) (string, error) {
	return f(ctx)
}

// handlerFunc is a core that runs a test's function.
type handlerFunc func(ctx context.Context) ([]bot.Reply, error)

func (f handlerFunc) Handle(ctx context.Context, _ bot.Message) ([]bot.Reply, error) { return f(ctx) }

// TestTheModelClientGivesItsSlotBack: serve's model client, asked from
// the only answering slot, lets another message be answered while the
// model writes, and the asker gets the model's text.
func TestTheModelClientGivesItsSlotBack(t *testing.T) {
	slots := work.NewSlots(1, slog.New(slog.DiscardHandler))
	writing, release := make(chan struct{}), make(chan struct{})
	var llm knowledge.LLM = slotFreeLLM{modelFunc(func(context.Context) (string, error) {
		close(writing)
		<-release
		return "Test with disabled people [1].", nil
	})}
	got := make(chan string, 1)
	asker := work.Slot(slots, handlerFunc(func(ctx context.Context) ([]bot.Reply, error) {
		text, err := llm.Complete(ctx, knowledge.Completion{})
		got <- text
		return nil, err
	}))
	go asker.Handle(context.Background(), bot.Message{Text: "how do we test accessibility?"})
	<-writing
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // only stops a hang
	defer cancel()
	other := work.Slot(slots, handlerFunc(func(context.Context) ([]bot.Reply, error) { return []bot.Reply{{}}, nil }))
	if replies, err := other.Handle(ctx, bot.Message{Text: "help"}); err != nil || len(replies) != 1 {
		t.Fatalf("while the model writes: %v, %v; want the other message answered", replies, err)
	}
	close(release)
	if text := <-got; text != "Test with disabled people [1]." {
		t.Errorf("the asker got %q", text)
	}
}

// TestAnsweringSlotsLeaveACPU: one slot fewer than the CPUs Go found, at
// least one, and one P more than them unless the operator set GOMAXPROCS.
func TestAnsweringSlotsLeaveACPU(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		env             string
		procs           int
		slots, procsNow int
	}{
		{env: "", procs: 4, slots: 3, procsNow: 5},
		{env: "", procs: 1, slots: 1, procsNow: 2},
		{env: "3", procs: 3, slots: 2, procsNow: 3},
	} {
		t.Setenv("GOMAXPROCS", c.env)
		if c.env == "" {
			os.Unsetenv("GOMAXPROCS")
		}
		runtime.GOMAXPROCS(c.procs)
		if n := answeringSlots(slog.New(slog.DiscardHandler)).Size(); n != c.slots {
			t.Errorf("GOMAXPROCS %q, %d: %d answering slots, want %d", c.env, c.procs, n, c.slots)
		}
		if p := runtime.GOMAXPROCS(0); p != c.procsNow {
			t.Errorf("GOMAXPROCS %q, %d: now %d, want %d", c.env, c.procs, p, c.procsNow)
		}
	}
}
