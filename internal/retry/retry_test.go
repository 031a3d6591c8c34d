package retry

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"testing"
	"time"
)

func TestBackoffDoublesToItsCapWithJitter(t *testing.T) {
	b := Backoff{Base: 250 * time.Millisecond, Max: 5 * time.Second}
	tests := []struct {
		n    int
		full time.Duration
	}{
		{1, 250 * time.Millisecond},
		{2, 500 * time.Millisecond},
		{3, time.Second},
		{5, 4 * time.Second},
		{6, 5 * time.Second},
		{1000, 5 * time.Second},
	}
	for _, tt := range tests {
		seen := map[time.Duration]bool{}
		for range 200 {
			w := b.Wait(tt.n)
			if w < tt.full/2 || w > tt.full {
				t.Fatalf("Wait(%d) = %v, want between %v and %v", tt.n, w, tt.full/2, tt.full)
			}
			seen[w] = true
		}
		if len(seen) < 2 {
			t.Errorf("Wait(%d) gave %v every time: no jitter", tt.n, seen)
		}
	}
	uncapped := Backoff{Base: 500 * time.Millisecond}
	if w := uncapped.Wait(5); w < 4*time.Second || w > 8*time.Second {
		t.Errorf("uncapped Wait(5) = %v, want 4 s to 8 s", w)
	}
	if w := uncapped.Wait(1 << 30); w <= 0 {
		t.Errorf("Wait of a huge attempt overflowed: %v", w)
	}
}

func TestAfter(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		h    http.Header
		want time.Duration
		ok   bool
	}{
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second, true},
		{http.Header{"Retry-After": {" 0 "}}, 0, true},
		{http.Header{"Retry-After-Ms": {"250"}, "Retry-After": {"3"}}, 250 * time.Millisecond, true},
		{http.Header{"Retry-After": {now.Add(2 * time.Second).Format(http.TimeFormat)}}, 2 * time.Second, true},
		{http.Header{"Retry-After": {now.Add(-time.Minute).Format(http.TimeFormat)}}, 0, true},
		{http.Header{"Retry-After": {"-5"}}, 0, false},
		{http.Header{"Retry-After": {"soon"}}, 0, false},
		{http.Header{}, 0, false},
	}
	for _, tt := range tests {
		if got, ok := After(tt.h, now); got != tt.want || ok != tt.ok {
			t.Errorf("After(%v) = %v, %v; want %v, %v", tt.h, got, ok, tt.want, tt.ok)
		}
	}
}

// fakeClock is a clock that sleeping moves on, so a test of waits takes
// no time and does not depend on the machine's speed.
type fakeClock struct {
	now   time.Time
	slept []time.Duration
}

func (c *fakeClock) Now() time.Time { return c.now }

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.slept = append(c.slept, d)
	c.now = c.now.Add(d)
	return ctx.Err()
}

var errBusy = errors.New("busy")

func TestPolicyDo(t *testing.T) {
	base := Backoff{Base: 100 * time.Millisecond, Max: 400 * time.Millisecond}
	tests := []struct {
		name      string
		policy    Policy
		verdicts  []Verdict // one a failed try; tries past the end succeed
		timeout   time.Duration
		wantTries int
		wantErr   error
		wantSlept []time.Duration // nil: backoff waits, checked by range
		wantRange [][2]time.Duration
	}{
		{name: "success at once", policy: Policy{Attempts: 4}, wantTries: 1},
		{name: "stop is not retried", policy: Policy{Attempts: 4}, verdicts: []Verdict{Stop}, wantTries: 1, wantErr: errBusy},
		{name: "retry after what the server asks", policy: Policy{Attempts: 4, MaxAfter: time.Minute},
			verdicts: []Verdict{AgainAfter("rate_limited", 3*time.Second), AgainAfter("rate_limited", 0)}, wantTries: 3,
			wantSlept: []time.Duration{3 * time.Second, 0}},
		{name: "tries run out", policy: Policy{Attempts: 3, Backoff: base},
			verdicts: []Verdict{Again("network"), Again("network"), Again("network"), Again("network")}, wantTries: 3, wantErr: errBusy,
			wantRange: [][2]time.Duration{{50 * time.Millisecond, 100 * time.Millisecond}, {100 * time.Millisecond, 200 * time.Millisecond}}},
		{name: "backoff capped", policy: Policy{Attempts: 6, Backoff: base},
			verdicts: []Verdict{Again("x"), Again("x"), Again("x"), Again("x")}, wantTries: 5,
			wantRange: [][2]time.Duration{{50 * time.Millisecond, 100 * time.Millisecond}, {100 * time.Millisecond, 200 * time.Millisecond},
				{200 * time.Millisecond, 400 * time.Millisecond}, {200 * time.Millisecond, 400 * time.Millisecond}}},
		{name: "a Retry-After past the cap fails at once", policy: Policy{Attempts: 4, MaxAfter: time.Minute},
			verdicts: []Verdict{AgainAfter("rate_limited", time.Hour)}, wantTries: 1, wantErr: errBusy},
		{name: "no cap: any wait within the deadline", policy: Policy{Attempts: 2},
			verdicts: []Verdict{AgainAfter("rate_limited", time.Hour)}, wantTries: 2, wantSlept: []time.Duration{time.Hour}},
		{name: "a wait past the deadline fails at once", policy: Policy{Attempts: 4},
			verdicts: []Verdict{AgainAfter("rate_limited", 2*time.Hour)}, timeout: time.Hour, wantTries: 1, wantErr: errBusy},
		{name: "a wait within the deadline is waited", policy: Policy{Attempts: 4},
			verdicts: []Verdict{AgainAfter("rate_limited", 30*time.Minute)}, timeout: time.Hour, wantTries: 2,
			wantSlept: []time.Duration{30 * time.Minute}},
		{name: "fewer than one attempt is one", verdicts: []Verdict{Again("x")}, wantTries: 1, wantErr: errBusy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The deadline is a real context's, so the fake clock starts
			// at the real time; the hour's margin is far beyond any
			// machine's slowness.
			clock := &fakeClock{now: time.Now()}
			p := tt.policy
			p.Now, p.Sleep = clock.Now, clock.Sleep
			var heard []Retry
			p.OnRetry = func(r Retry) { heard = append(heard, r) }
			ctx := context.Background()
			if tt.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithDeadline(ctx, clock.now.Add(tt.timeout))
				defer cancel()
			}
			tries := 0
			err := p.Do(ctx, func(ctx context.Context, attempt int) (Verdict, error) {
				tries++
				if attempt != tries {
					t.Errorf("attempt %d on try %d", attempt, tries)
				}
				if attempt > len(tt.verdicts) {
					return Stop, nil
				}
				return tt.verdicts[attempt-1], errBusy
			})
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("Do = %v, want %v", err, tt.wantErr)
			}
			if tries != tt.wantTries {
				t.Errorf("%d tries, want %d", tries, tt.wantTries)
			}
			checkSlept(t, clock.slept, tt.wantSlept, tt.wantRange)
			if len(heard) != len(clock.slept) {
				t.Fatalf("OnRetry heard %d retries, %d waits", len(heard), len(clock.slept))
			}
			for i, r := range heard {
				if r.Attempt != i+1 || r.Wait != clock.slept[i] || r.Reason != tt.verdicts[i].Reason || r.Err != errBusy {
					t.Errorf("OnRetry heard %+v for retry %d", r, i+1)
				}
			}
		})
	}
}

func checkSlept(t *testing.T, slept, want []time.Duration, ranges [][2]time.Duration) {
	t.Helper()
	if ranges == nil {
		if len(slept) != len(want) || (len(want) > 0 && !reflect.DeepEqual(slept, want)) {
			t.Errorf("slept %v, want %v", slept, want)
		}
		return
	}
	if len(slept) != len(ranges) {
		t.Fatalf("slept %v, want %d waits", slept, len(ranges))
	}
	for i, r := range ranges {
		if slept[i] < r[0] || slept[i] > r[1] {
			t.Errorf("wait %d = %v, want %v to %v", i+1, slept[i], r[0], r[1])
		}
	}
}

// A context that ends during a wait ends the call with its error, and no
// other try is made.
func TestPolicyDoCancelledWhileWaiting(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p := Policy{Attempts: 4, Sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}}
	tries := 0
	err := p.Do(ctx, func(context.Context, int) (Verdict, error) {
		tries++
		return Again("network"), errBusy
	})
	if !errors.Is(err, context.Canceled) || tries != 1 {
		t.Errorf("Do = %v after %d tries, want context.Canceled after 1", err, tries)
	}
}

func TestSleep(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	if err := Sleep(ctx, 0); err != nil {
		t.Errorf("Sleep(0) = %v", err)
	}
	cancel()
	// Cancelled: returns at once however long the wait, so the test
	// takes no time on any machine.
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep after cancel = %v, want context.Canceled", err)
	}
	if err := Sleep(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Sleep(0) after cancel = %v, want context.Canceled", err)
	}
}

func TestFits(t *testing.T) {
	now := time.Now()
	ctx, cancel := context.WithDeadline(context.Background(), now.Add(time.Hour))
	defer cancel()
	tests := []struct {
		ctx  context.Context
		wait time.Duration
		want bool
	}{
		{context.Background(), 1000 * time.Hour, true},
		{ctx, 30 * time.Minute, true},
		{ctx, time.Hour, true},
		{ctx, 2 * time.Hour, false},
	}
	for _, tt := range tests {
		if got := Fits(tt.ctx, tt.wait, now); got != tt.want {
			t.Errorf("Fits(%v) = %v, want %v", tt.wait, got, tt.want)
		}
	}
}
