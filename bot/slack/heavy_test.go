package slack

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// Thirty very long messages queued in one channel do not hold up another
// channel's ordinary question: it is answered as soon as the work
// already running ends, ahead of the queue.
func TestLongMessagesDoNotHoldUpOthers(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h := newHarness(t, core, newClaims(t), nil)
	long := strings.Repeat("we pasted the whole business case here ", 1000)
	running := h.a.cfg.Slots.Size()
	for i := range running + 30 {
		ts := fmt.Sprintf("1700000000.%06d", i)
		if rec := h.event(callback(fmt.Sprintf("EvLong%d", i), mention("U1", "CLONG", ts, "", "<@UBOT> "+long))); rec.Code != 200 {
			t.Fatalf("long message %d: HTTP %d", i, rec.Code)
		}
	}
	if rec := h.event(callback("EvShort", mention("U2", "CSHORT", "1700000001.000001", "", "<@UBOT> cookies?"))); rec.Code != 200 {
		t.Fatalf("short question: HTTP %d", rec.Code)
	}
	// Everything acknowledged is waiting for a slot by now (the wait is
	// generous: only queueing a goroutine is left).
	time.Sleep(time.Second)
	close(core.gate)
	h.settle()
	msgs := core.messages()
	pos := -1
	for i, m := range msgs {
		if m.Address.Channel == "CSHORT" {
			pos = i
		}
	}
	if pos < 0 || pos > running {
		t.Errorf("the ordinary question was handled %dth of %d, want within the first %d (after the work already running)", pos+1, len(msgs), running+1)
	}
}
