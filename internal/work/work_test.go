package work

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
)

// handlerFunc lets a test's function be the Handler a slot wraps.
type handlerFunc func(ctx context.Context, msg bot.Message) ([]bot.Reply, error)

func (f handlerFunc) Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	return f(ctx, msg)
}

var discard = slog.New(slog.DiscardHandler)

func TestWaitFollowsWork(t *testing.T) {
	p := New(discard, time.Second)
	if err := p.Wait(context.Background()); err != nil {
		t.Fatalf("idle pool: %v", err)
	}
	release := make(chan struct{})
	var ran atomic.Int32
	p.Go("slow", func(ctx context.Context) { <-release; ran.Add(1) })
	p.Go("panics", func(ctx context.Context) { panic("boom") })
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := p.Wait(ctx); err == nil {
		t.Fatal("Wait returned while work was in progress")
	}
	// The panicking work ends when it is scheduled, which on a busy
	// machine may be after the wait above; the deadline only stops a hang.
	for deadline := time.Now().Add(time.Minute); p.Count() != 1 && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if p.Count() != 1 {
		t.Errorf("count %d, want 1 (the panicking work ended)", p.Count())
	}
	close(release)
	if err := p.Wait(context.Background()); err != nil || ran.Load() != 1 {
		t.Errorf("Wait: %v, ran %d", err, ran.Load())
	}
}

func TestSlotBoundsConcurrency(t *testing.T) {
	s := NewSlots(3, discard)
	var now, peak atomic.Int32
	h := Slot(s, handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
		n := now.Add(1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		now.Add(-1)
		return nil, nil
	}))
	var wg sync.WaitGroup
	for range 4 * s.Size() {
		wg.Go(func() { h.Handle(context.Background(), bot.Message{Text: "help"}) })
	}
	wg.Wait()
	if int(peak.Load()) > s.Size() {
		t.Errorf("%d ran at once, want at most %d", peak.Load(), s.Size())
	}
}

func TestNewSlotsHasAtLeastOne(t *testing.T) {
	if n := NewSlots(0, discard).Size(); n != 1 {
		t.Errorf("NewSlots(0) has %d slots, want 1", n)
	}
}

func TestSlotPassesRepliesAndErrorsThrough(t *testing.T) {
	failed := errors.New("store down")
	h := Slot(NewSlots(1, discard), handlerFunc(func(_ context.Context, msg bot.Message) ([]bot.Reply, error) {
		return []bot.Reply{{Title: "re: " + msg.Text}}, failed
	}))
	replies, err := h.Handle(context.Background(), bot.Message{Text: "status"})
	if !errors.Is(err, failed) || errors.Is(err, ErrNoSlot) || len(replies) != 1 || replies[0].Title != "re: status" {
		t.Errorf("got %v, %v; want the handler's reply and error", replies, err)
	}
}

func TestSlotPanicReachesCaller(t *testing.T) {
	panicky := true
	h := Slot(NewSlots(1, discard), handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
		if panicky {
			panic("bad event")
		}
		return []bot.Reply{{}}, nil
	}))
	got := func() (r any) {
		defer func() { r = recover() }()
		h.Handle(context.Background(), bot.Message{})
		return nil
	}()
	if got != "bad event" {
		t.Fatalf("recovered %v, want the worker's panic on the caller", got)
	}
	// The worker survived and the slot came back: the next message runs.
	panicky = false
	if replies, err := h.Handle(context.Background(), bot.Message{}); len(replies) != 1 || err != nil {
		t.Errorf("after a panic: %v, %v", replies, err)
	}
}

func TestSlotWaitsWithContext(t *testing.T) {
	s := NewSlots(2, discard)
	release, started := make(chan struct{}), make(chan struct{})
	busy := Slot(s, handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
		started <- struct{}{}
		<-release
		return nil, nil
	}))
	for range s.Size() {
		go busy.Handle(context.Background(), bot.Message{})
	}
	for range s.Size() {
		<-started
	}
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	ran := false
	_, err := Slot(s, handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) { ran = true; return nil, nil })).Handle(ctx, bot.Message{})
	if !errors.Is(err, ErrNoSlot) || !errors.Is(err, context.DeadlineExceeded) || ran {
		t.Errorf("with every slot busy: err %v, ran %v; want ErrNoSlot with the context's error, and no run", err, ran)
	}
}

func TestBlockingGivesTheSlotBack(t *testing.T) {
	s := NewSlots(2, discard)
	waiting, release := make(chan struct{}), make(chan struct{})
	// Fill every slot with work that then waits on "the network".
	network := Slot(s, handlerFunc(func(ctx context.Context, _ bot.Message) ([]bot.Reply, error) {
		Blocking(ctx, func() { waiting <- struct{}{}; <-release })
		return nil, nil
	}))
	var wg sync.WaitGroup
	for range s.Size() {
		wg.Go(func() { network.Handle(context.Background(), bot.Message{}) })
	}
	for range s.Size() {
		<-waiting
	}
	// Other work runs meanwhile (the deadline only stops a hang).
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	quick := Slot(s, handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) { return []bot.Reply{{}}, nil }))
	if replies, err := quick.Handle(ctx, bot.Message{}); len(replies) != 1 || err != nil {
		t.Fatalf("with every slot's work waiting on the network: %v, %v; want it to run", replies, err)
	}
	close(release)
	wg.Wait()
	s.sem.mu.Lock()
	held := s.sem.size - s.sem.free
	s.sem.mu.Unlock()
	if held != 0 {
		t.Errorf("%d slots still held after all work ended", held)
	}
}

func TestBlockingOutsideASlotJustRuns(t *testing.T) {
	ran := false
	Blocking(context.Background(), func() { ran = true })
	if !ran {
		t.Error("fn did not run")
	}
}
