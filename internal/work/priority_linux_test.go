package work

import (
	"context"
	"log/slog"
	"syscall"
	"testing"
	"time"
)

func TestWorkersRunAtBackgroundPriority(t *testing.T) {
	p := New(slog.New(slog.DiscardHandler), time.Second)
	nice := func() int {
		// The raw Linux syscall returns 20 - nice.
		prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
		if err != nil {
			t.Fatal(err)
		}
		return 20 - prio
	}
	base := nice()
	got, _ := Slotted(context.Background(), p, func(context.Context) (int, error) { return nice(), nil })
	if want := min(19, base+backgroundNice); got != want {
		t.Errorf("worker niceness %d, want %d (the caller's is %d)", got, want, base)
	}
	if after := nice(); after != base {
		t.Errorf("the caller's niceness changed to %d", after)
	}
}
