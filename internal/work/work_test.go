package work

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestWaitFollowsWork(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
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

func TestSlottedBoundsConcurrency(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
	limit := p.Slots()
	var now, peak atomic.Int32
	done := make(chan struct{})
	for range 4 * limit {
		go func() {
			Slotted(context.Background(), p, func(context.Context) (int, error) {
				n := now.Add(1)
				for {
					old := peak.Load()
					if n <= old || peak.CompareAndSwap(old, n) {
						break
					}
				}
				time.Sleep(5 * time.Millisecond)
				now.Add(-1)
				return 0, nil
			})
			done <- struct{}{}
		}()
	}
	for range 4 * limit {
		<-done
	}
	if int(peak.Load()) > limit {
		t.Errorf("%d ran at once, want at most %d", peak.Load(), limit)
	}
}

func TestSlottedPanicReachesCaller(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
	got := func() (r any) {
		defer func() { r = recover() }()
		Slotted(context.Background(), p, func(context.Context) (int, error) { panic("bad event") })
		return nil
	}()
	if got != "bad event" {
		t.Fatalf("recovered %v, want the worker's panic on the caller", got)
	}
	// The worker survived: the next job runs.
	if v, err := Slotted(context.Background(), p, func(context.Context) (int, error) { return 7, nil }); v != 7 || err != nil {
		t.Errorf("after a panic: %d, %v", v, err)
	}
}

func TestSlottedWaitsWithContext(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
	release, started := make(chan struct{}), make(chan struct{})
	for range p.Slots() {
		go Slotted(context.Background(), p, func(context.Context) (int, error) { started <- struct{}{}; <-release; return 0, nil })
	}
	for range p.Slots() {
		<-started
	}
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	ran := false
	_, err := Slotted(ctx, p, func(context.Context) (int, error) { ran = true; return 0, nil })
	if err == nil || ran {
		t.Errorf("with every worker busy: err %v, ran %v; want the context's error and no run", err, ran)
	}
}

func TestBlockingGivesTheSlotBack(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
	waiting, release := make(chan struct{}), make(chan struct{})
	// Fill every slot with work that then waits on "the network".
	var wg sync.WaitGroup
	for range p.Slots() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			Slotted(context.Background(), p, func(ctx context.Context) (int, error) {
				Blocking(ctx, func() { waiting <- struct{}{}; <-release })
				return 0, nil
			})
		}()
	}
	for range p.Slots() {
		<-waiting
	}
	// Other work runs meanwhile (the deadline only stops a hang).
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if v, err := Slotted(ctx, p, func(context.Context) (int, error) { return 1, nil }); v != 1 || err != nil {
		t.Fatalf("with every slot's work waiting on the network: %d, %v; want it to run", v, err)
	}
	close(release)
	wg.Wait()
	p.slots.mu.Lock()
	held := p.slots.size - p.slots.free
	p.slots.mu.Unlock()
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
