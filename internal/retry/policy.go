package retry

import (
	"context"
	"time"
)

// Policy is how one client retries its calls.
type Policy struct {
	// Attempts bounds the tries of one call, the first included; less
	// than 1 is 1.
	Attempts int
	// Backoff spaces the retries a server gave no time for.
	Backoff Backoff
	// MaxAfter is the longest wait a server may ask for: asking for more
	// fails the call at once rather than hold its work for minutes. 0:
	// any wait within the context's deadline.
	MaxAfter time.Duration
	// OnRetry, when set, hears of each retry before its wait: for the
	// client's metrics and logs.
	OnRetry func(Retry)
	// Sleep waits between tries; nil: Sleep. Tests pass one that only
	// records the wait.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock the context's deadline is read against; nil:
	// time.Now.
	Now func() time.Time
}

// Retry is one retry about to happen.
type Retry struct {
	Attempt int           // the try that failed, 1 for the first
	Reason  string        // the Verdict's reason
	Wait    time.Duration // the wait before the next try
	Err     error         // the try's error
}

// Verdict is what a failed try calls for.
type Verdict struct {
	// Reason says why another try may succeed where this one failed, in
	// a word the client's metrics use ("rate_limited", "network"); ""
	// means it would not.
	Reason string
	// after is the wait the server asked for, when hasAfter.
	after    time.Duration
	hasAfter bool
}

// Stop is the verdict on a failure another try would not mend.
var Stop = Verdict{}

// Again is the verdict on a failure worth another try after the backoff.
func Again(reason string) Verdict { return Verdict{Reason: reason} }

// AgainAfter is the verdict on a failure worth another try after d: what
// the server asked for (After), or no wait at all for a failure the client
// has just mended (a token renewed).
func AgainAfter(reason string, d time.Duration) Verdict {
	return Verdict{Reason: reason, after: d, hasAfter: true}
}

// Do tries a call until try succeeds (returns a nil error), its verdict is
// Stop, the tries run out, the wait would pass MaxAfter or ctx's deadline,
// or ctx ends while waiting. It returns nil, try's last error, or ctx's
// error when ctx ended during a wait. attempt counts from 1.
func (p Policy) Do(ctx context.Context, try func(ctx context.Context, attempt int) (Verdict, error)) error {
	for attempt := 1; ; attempt++ {
		v, err := try(ctx, attempt)
		if err == nil {
			return nil
		}
		wait, ok := p.wait(ctx, v, attempt)
		if !ok {
			return err
		}
		if p.OnRetry != nil {
			p.OnRetry(Retry{Attempt: attempt, Reason: v.Reason, Wait: wait, Err: err})
		}
		sleep := p.Sleep
		if sleep == nil {
			sleep = Sleep
		}
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// wait is how long to wait after a failed try, and false when there is to
// be no other try.
func (p Policy) wait(ctx context.Context, v Verdict, attempt int) (time.Duration, bool) {
	if v.Reason == "" || attempt >= p.Attempts || ctx.Err() != nil {
		return 0, false
	}
	wait := p.Backoff.Wait(attempt)
	if v.hasAfter {
		if p.MaxAfter > 0 && v.after > p.MaxAfter {
			return 0, false
		}
		wait = v.after
	}
	return wait, Fits(ctx, wait, p.now())
}

// Fits reports whether a wait from now ends before ctx's deadline, if it
// has one. A wait that would outlast the deadline only delays the
// failure, and ends it with the deadline's error instead of the call's
// own.
func Fits(ctx context.Context, wait time.Duration, now time.Time) bool {
	deadline, ok := ctx.Deadline()
	return !ok || deadline.Sub(now) >= wait
}

func (p Policy) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}
