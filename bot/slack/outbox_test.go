package slack

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
)

// TestABusyChannelQueuesRepliesAndDrains: replies to a burst in one channel
// go out one at a time at Slack's pace, in order, without an event's work
// waiting for its turn; a graceful stop delivers all of them.
func TestABusyChannelQueuesRepliesAndDrains(t *testing.T) {
	core := &stubCore{reply: func(m bot.Message) []bot.Reply { return []bot.Reply{bot.Text(bot.ReplyInfo, "re: "+m.Text)} }}
	h := newHarness(t, core, newClaims(t), func(c *Config, _ *fakeSlack) { c.PostInterval = 25 * time.Millisecond })
	before := runtime.NumGoroutine()
	const n = 16
	for i := range n {
		h.event(callback(fmt.Sprintf("EvBurst%d", i), dm("UALICE", "D1", fmt.Sprintf("1700001000.%06d", i), fmt.Sprintf("m%d", i))))
		// Each event's work ends once its reply is queued.
		deadline := time.Now().Add(5 * time.Second)
		for len(core.messages()) <= i {
			if time.Now().After(deadline) {
				t.Fatalf("event %d not handled", i)
			}
			time.Sleep(time.Millisecond)
		}
	}
	var scrape strings.Builder
	h.reg.Write(&scrape)
	if !strings.Contains(scrape.String(), "standardbot_slack_replies_queued ") || strings.Contains(scrape.String(), "standardbot_slack_replies_queued 0\n") {
		t.Errorf("a queue of replies but the gauge says none:\n%s", scrape.String())
	}
	if extra := runtime.NumGoroutine() - before; extra > n/2 {
		t.Errorf("%d more goroutines with %d replies queued: waiting replies should not each hold one", extra, n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.a.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	posts := h.fake.of("chat.postMessage")
	if len(posts) != n {
		t.Fatalf("%d posts after Drain, want %d", len(posts), n)
	}
	// Slack's pace: the pacer gives post i a slot i intervals after the
	// first, so the last comes at least n-1 intervals later, less however
	// late the first one ran.
	if span := posts[n-1].At.Sub(posts[0].At); span < (n-2)*25*time.Millisecond {
		t.Errorf("%d posts in %v, want them paced about 25ms apart", n, span)
	}
	for i, p := range posts {
		if want := fmt.Sprintf("m%d", i); p.Form.Get("text") != "re: "+want && !containsText(p, "re: "+want) {
			t.Errorf("post %d is %q, want the reply to %s: replies keep their order", i, p.Form.Get("text"), want)
		}
	}
}

func containsText(c call, s string) bool {
	return c.Form.Get("text") == s || c.text() == s
}
