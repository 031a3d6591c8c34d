package work

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
)

// Ordinary work queued behind heavy work goes first: one ordinary
// question waits for the one piece of work running, not for every long
// message queued before it.
func TestOrdinaryWorkOvertakesHeavyWork(t *testing.T) {
	s := newSemaphore(1)
	if err := s.acquire(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	order := make(chan string, 6)
	start := func(name string, heavy bool) {
		go func() {
			if err := s.acquire(context.Background(), heavy); err != nil {
				t.Error(err)
				return
			}
			order <- name
			s.release()
		}()
	}
	for _, n := range []string{"heavy1", "heavy2", "heavy3"} {
		start(n, true)
	}
	waitQueued(t, s, 1, 3)
	start("ordinary", false)
	waitQueued(t, s, 0, 1)
	s.release()
	if got := <-order; got != "ordinary" {
		t.Errorf("first after the running work: %s, want the ordinary question", got)
	}
	for range 3 {
		<-order
	}
}

// A waiter whose context ends leaves the queue, and a slot handed to it
// as it leaves goes to the next.
func TestCancelledWaiterPassesItsTurnOn(t *testing.T) {
	s := newSemaphore(1)
	s.acquire(context.Background(), false)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.acquire(ctx, false) }()
	waitQueued(t, s, 0, 1)
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("a cancelled wait succeeded")
	}
	s.release()
	done := make(chan struct{})
	go func() { s.acquire(context.Background(), false); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the slot was lost with the cancelled waiter")
	}
}

// Slot weighs each message: a very long one queued before an ordinary
// question waits for it.
func TestSlotWeighsMessages(t *testing.T) {
	s := NewSlots(1, discard)
	gate := make(chan struct{})
	order := make(chan string, 3)
	h := Slot(s, handlerFunc(func(_ context.Context, msg bot.Message) ([]bot.Reply, error) {
		if msg.Text == "hold" {
			<-gate
		}
		order <- msg.Text[:min(len(msg.Text), 5)]
		return nil, nil
	}))
	go h.Handle(context.Background(), bot.Message{Text: "hold"})
	waitHeld(t, s)
	go h.Handle(context.Background(), bot.Message{Text: strings.Repeat("essay ", HeavyText/6+1)})
	waitQueued(t, s.sem, 1, 1)
	go h.Handle(context.Background(), bot.Message{Text: "cookies?"})
	waitQueued(t, s.sem, 0, 1)
	close(gate)
	for i, want := range []string{"hold", "cooki", "essay"} {
		if got := <-order; got != want {
			t.Errorf("handled %d: %q, want %q", i+1, got, want)
		}
	}
}

func waitHeld(t *testing.T, s *Slots) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.sem.mu.Lock()
		free := s.sem.free
		s.sem.mu.Unlock()
		if free == 0 {
			return
		}
	}
	t.Fatal("the slot was never taken")
}

func waitQueued(t *testing.T, s *semaphore, kind, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.mu.Lock()
		got := len(s.waiting[kind])
		s.mu.Unlock()
		if got == n {
			return
		}
	}
	t.Fatalf("queue %d never reached %d waiters", kind, n)
}
