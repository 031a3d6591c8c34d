package work

import (
	"context"
	"syscall"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

func TestWorkersRunAtBackgroundPriority(t *testing.T) {
	nice := func() int {
		// The raw Linux syscall returns 20 - nice.
		prio, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
		if err != nil {
			t.Fatal(err)
		}
		return 20 - prio
	}
	base := nice()
	got := 0
	Slot(NewSlots(1, discard), handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
		got = nice()
		return nil, nil
	})).Handle(context.Background(), bot.Message{})
	if want := min(19, base+backgroundNice); got != want {
		t.Errorf("worker niceness %d, want %d (the caller's is %d)", got, want, base)
	}
	if after := nice(); after != base {
		t.Errorf("the caller's niceness changed to %d", after)
	}
}
