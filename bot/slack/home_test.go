package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

func TestAppHomeListsTheProjectsOfThePersonsChannels(t *testing.T) {
	h := newRealHarness(t)
	h.fake.set(func(f *fakeSlack) { f.pages = [][]string{{"C1"}, {"C2", "C3"}} })
	for _, p := range []struct{ channel, name string }{{"C2", "Apollo"}, {"C9", "Hidden"}} {
		msg := bot.Message{Address: bot.Address{Platform: Platform, Team: testTeam, Channel: p.channel}, User: "UBOB", Text: "project new " + p.name}
		if _, err := h.bot.Handle(context.Background(), msg); err != nil {
			t.Fatal(err)
		}
	}
	h.event(callback("EvHome", map[string]any{"type": "app_home_opened", "user": "UALICE", "channel": "D1", "tab": "home", "event_ts": "1.2"}))
	h.settle()

	lists := h.fake.of("users.conversations")
	if len(lists) != 2 {
		t.Fatalf("%d users.conversations calls, want 2 (two pages)", len(lists))
	}
	if got := lists[0].Form.Get("types"); got != "public_channel,private_channel" || lists[0].Form.Get("user") != "UALICE" {
		t.Errorf("users.conversations asked for %v", lists[0].Form)
	}
	pubs := h.fake.of("views.publish")
	if len(pubs) != 1 {
		t.Fatalf("%d views.publish calls, want 1", len(pubs))
	}
	if pubs[0].JSON["user_id"] != "UALICE" {
		t.Errorf("published for %v", pubs[0].JSON["user_id"])
	}
	view := pubs[0].text()
	if !strings.Contains(view, "Apollo") || strings.Contains(view, "Hidden") {
		t.Errorf("home should list Apollo (in C2) and not Hidden (in C9):\n%s", view)
	}
	if !strings.Contains(pubs[0].blocksJSON(), `"type":"home"`) {
		t.Errorf("not a home tab view: %s", pubs[0].blocksJSON())
	}
}
