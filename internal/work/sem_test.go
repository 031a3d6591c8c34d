package work

import (
	"context"
	"log/slog"
	"testing"
	"time"
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

func TestWeigh(t *testing.T) {
	if isHeavy(Weigh(context.Background(), "how do we test accessibility?")) {
		t.Error("a short question is heavy")
	}
	long := make([]byte, HeavyText)
	if !isHeavy(Weigh(context.Background(), string(long))) {
		t.Error("a long message is not heavy")
	}
	_ = New(slog.New(slog.DiscardHandler), time.Second)
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
