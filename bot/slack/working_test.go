package slack

import (
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
)

// slowCore is a stub core whose answers take until gate closes.
func slowCore() *stubCore {
	return &stubCore{gate: make(chan struct{}), reply: func(bot.Message) []bot.Reply {
		return []bot.Reply{bot.Text(bot.ReplyAnswer, "an answer that took a while")}
	}}
}

func TestASlowAnswerMarksTheQuestionMeanwhile(t *testing.T) {
	core := slowCore()
	h := newHarness(t, core, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.WorkingReaction, c.WorkingAfter = "hourglass_flowing_sand", 10*time.Millisecond
	})
	h.event(callback("EvSlow", mention("UALICE", "C1", "1700000500.000100", "", "<@UBOT> a slow question")))
	added := h.fake.waitFor(t, "reactions.add", 1)
	if f := added[0].Form; f.Get("name") != "hourglass_flowing_sand" || f.Get("channel") != "C1" || f.Get("timestamp") != "1700000500.000100" {
		t.Errorf("reactions.add %v, want the working reaction on the question", f)
	}
	if len(h.fake.of("reactions.remove")) != 0 || h.fake.posts() != 0 {
		t.Error("the mark came off, or the answer came, before the answer was ready")
	}
	close(core.gate)
	h.settle()
	removed := h.fake.of("reactions.remove")
	if len(removed) != 1 || removed[0].Form.Get("timestamp") != "1700000500.000100" || removed[0].At.Before(h.fake.of("chat.postMessage")[0].At) {
		t.Errorf("reactions.remove %v: want the mark taken off once the answer is posted", removed)
	}
}

func TestAQuickAnswerLeavesNoMark(t *testing.T) {
	core := slowCore()
	close(core.gate)
	h := newHarness(t, core, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.WorkingReaction, c.WorkingAfter = "hourglass_flowing_sand", time.Hour
	})
	h.event(callback("EvQuick", dm("UALICE", "D1", "1700000600.000100", "status")))
	h.settle()
	if n := len(h.fake.of("reactions.add")) + len(h.fake.of("reactions.remove")); n != 0 || h.fake.posts() != 1 {
		t.Errorf("%d reactions calls and %d posts, want none and the answer", n, h.fake.posts())
	}
}

func TestMarksStopWithoutTheScope(t *testing.T) {
	core := slowCore()
	h := newHarness(t, core, newClaims(t), func(c *Config, f *fakeSlack) {
		c.WorkingReaction, c.WorkingAfter = "hourglass_flowing_sand", time.Millisecond
		f.script("reactions.add", reply{code: 200, header: map[string]string{"Content-Type": "application/json"}, body: `{"ok": false, "error": "missing_scope"}`})
	})
	h.event(callback("EvScope1", mention("UALICE", "C1", "1700000700.000100", "", "<@UBOT> one")))
	h.fake.waitFor(t, "reactions.add", 1)
	close(core.gate)
	h.settle()
	h.event(callback("EvScope2", mention("UALICE", "C1", "1700000800.000100", "", "<@UBOT> two")))
	h.settle()
	if n := len(h.fake.of("reactions.add")); n != 1 || len(h.fake.of("reactions.remove")) != 0 {
		t.Errorf("%d reactions.add calls, want 1: the refusal turns marks off", n)
	}
	if h.fake.posts() != 2 {
		t.Errorf("%d answers posted, want both", h.fake.posts())
	}
	if strings.Count(h.logs.String(), "reactions:write") != 1 {
		t.Errorf("want one log line naming the scope:\n%s", h.logs.String())
	}
}
