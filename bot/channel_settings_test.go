package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
)

// TestChannelSettingsInBothStores: anyone sees a channel's settings, only
// admins change them (a friendly refusal otherwise, changing nothing);
// the sources a channel chose answer its questions, its visibility makes
// answers private to the asker, and each change is in the project's
// history. Over SQLite and PostgreSQL.
func TestChannelSettingsInBothStores(t *testing.T) {
	for name, open := range bothStores() {
		t.Run(name, func(t *testing.T) { channelSettings(t, open(t)) })
	}
}

func channelSettings(t *testing.T, store bot.Store) {
	core := newCoreWithStore(t, store)
	core.Admins = []string{"UADMIN"}
	ctx := context.Background()
	c1 := bot.Address{Platform: "slack", Team: "T1", Channel: "C1"}
	c2 := bot.Address{Platform: "slack", Team: "T1", Channel: "C2"}
	say := func(addr bot.Address, user, text string, want ...string) {
		t.Helper()
		got := sayIn(t, core, addr, user, text)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s says %q: reply lacks %q; got:\n%s", user, text, w, got)
			}
		}
	}
	say(c1, "UBOB", "project new Apply for a permit", "Created project")
	say(c1, "UBOB", "settings", "Sources", "all (loaded: govuk, localgov", "mentions: only when mentioned", "everyone: answers are posted")
	for _, words := range []string{"sources localgov", "visibility me-only", "replies threads", "settings sources all"} {
		say(c1, "UBOB", words, "Only the bot's admins can change this channel's settings", "UBOB", "STANDARDBOT_ADMINS")
	}
	if cs, err := store.Settings(ctx, checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"}); err != nil || len(cs.Changes(checklist.ChannelSettings{})) != 0 {
		t.Fatalf("settings after refusals: %+v, %v; want the defaults", cs, err)
	}
	say(c1, "UADMIN", "sources intranet", `No source is called "intranet"`, "Loaded: govuk, localgov", "sources all")
	say(c1, "UADMIN", "visibility secret", `visibility is everyone or me-only, not "secret"`)
	say(c1, "UADMIN", "replies sometimes", `replies is mentions or threads`)

	const question = "how do we make our service accessible?"
	wantFrom := func(addr bot.Address, std string) {
		t.Helper()
		_, ans, err := core.Ask(ctx, bot.Message{Address: addr, User: "UBOB", Text: question})
		if err != nil || ans == nil || len(ans.Sources) == 0 {
			t.Fatalf("ask in %s: %+v, %v; want an answer", addr.Channel, ans, err)
		}
		for _, s := range ans.Sources {
			if s.Standard != std {
				t.Errorf("in %s the answer cites %s %d, want only %s", addr.Channel, s.Standard, s.Point, std)
			}
		}
	}
	wantFrom(c1, "govuk") // the project's standard
	say(c1, "UADMIN", "sources LocalGov", "This channel now answers only from localgov.", "Apply for a permit's history")
	wantFrom(c1, "localgov")
	wantFrom(c2, "govuk") // another channel keeps its own
	say(c1, "UBOB", "settings", "localgov (loaded:")

	// Visibility: answers become the asker's alone; other replies and
	// direct messages do not.
	answer := func(addr bot.Address, text string) bot.Reply {
		t.Helper()
		replies, err := core.Handle(ctx, bot.Message{Address: addr, User: "UBOB", Text: text, Direct: addr.Channel == "D1"})
		if err != nil || len(replies) == 0 {
			t.Fatalf("%q: %v, %v", text, replies, err)
		}
		return replies[0]
	}
	if r := answer(c1, question); r.Private {
		t.Errorf("an answer before visibility me-only is private")
	}
	say(c1, "UADMIN", "visibility me-only", "answers are shown only to whoever asked")
	if r := answer(c1, question); !r.Private || r.Type != bot.ReplyAnswer {
		t.Errorf("an answer in a me-only channel: %+v, want a private answer", r)
	}
	if r := answer(c1, "status"); r.Private {
		t.Errorf("status in a me-only channel is private: %+v", r)
	}
	if r := answer(c2, question); r.Private {
		t.Errorf("an answer in another channel is private")
	}
	say(c1, "UADMIN", "replies threads", "threads: when mentioned, and to replies")
	say(c1, "UADMIN", "sources all", "every source loaded")
	wantFrom(c1, "govuk")
	say(c1, "UBOB", "history", "sources", "localgov", "visibility", "me-only", "replies")
}

// newCoreWithStore is bottest's core over store.
func newCoreWithStore(t *testing.T, store bot.Store) *bot.Bot {
	return bottest.NewBotWithStore(t, store).Core
}

// TestThreadReplies: with replies threads, a reply in a thread the bot
// answered in is answered without a mention; not in other threads, not
// where the channel keeps to mentions, not when there is no answer, and
// never as a command.
func TestThreadReplies(t *testing.T) {
	core := newCoreWithStore(t, bottest.NewStore(t))
	core.Admins = []string{"UADMIN"}
	ctx := context.Background()
	in := func(channel, thread string) bot.Address {
		return bot.Address{Platform: "slack", Team: "T1", Channel: channel, Thread: thread}
	}
	reply := func(addr bot.Address, text string) []bot.Reply {
		t.Helper()
		replies, err := core.Handle(ctx, bot.Message{Address: addr, User: "UBOB", Text: text, Unaddressed: true})
		if err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		return replies
	}
	const question, followUp = "how do we make our service accessible?", "what about user research with disabled people?"
	for _, ch := range []string{"C1", "C2"} {
		sayIn(t, core, in(ch, "100.1"), "UBOB", question)
	}
	if got := reply(in("C1", "100.1"), followUp); len(got) != 0 {
		t.Errorf("a thread reply in a channel keeping to mentions: %d replies, want none", len(got))
	}
	sayIn(t, core, in("C1", ""), "UADMIN", "replies threads")
	if got := reply(in("C1", "100.1"), followUp); len(got) != 0 {
		t.Errorf("a thread reply where the bot answered before replies threads was set: %d replies, want none", len(got))
	}
	sayIn(t, core, in("C1", "200.1"), "UBOB", question)
	if got := reply(in("C1", "200.1"), followUp); len(got) != 1 || got[0].Type != bot.ReplyAnswer {
		t.Errorf("a thread reply after the bot's answer: %+v, want an answer", got)
	}
	for _, text := range []string{"thanks, that helps", "mark 5 met"} {
		if got := reply(in("C1", "200.1"), text); len(got) != 0 {
			t.Errorf("thread reply %q: %+v, want nothing", text, got)
		}
	}
	if got := reply(in("C1", "300.1"), followUp); len(got) != 0 {
		t.Errorf("a reply in a thread the bot never answered: %d replies, want none", len(got))
	}
	if got := reply(in("C2", "100.1"), followUp); len(got) != 0 {
		t.Errorf("a thread reply in another channel: %d replies, want none", len(got))
	}
	sayIn(t, core, in("C1", ""), "UADMIN", "visibility me-only")
	if got := reply(in("C1", "200.1"), followUp); len(got) != 1 || !got[0].Private {
		t.Errorf("a thread reply in a me-only channel: %+v, want a private answer", got)
	}
}
