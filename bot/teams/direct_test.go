package teams

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

const bobAAD = "00000000-0000-0000-0000-000000000b0b"

// standupQuestion is a stand-up's question with status buttons, as the
// core asks it in a direct message.
func standupQuestion() bot.Reply {
	return bot.Reply{
		Type: bot.ReplyNotice, Title: "Stand-up: Beta",
		Blocks: []bot.Block{{Type: bot.Paragraph, Text: "What moved since last time? What is next? Anything blocking?"}},
		Buttons: []bot.Button{
			{Label: "Point 2 met", Command: "mark 2 met", Style: "primary"},
			{Label: "Point 2 partly", Command: "mark 2 partly"},
		},
	}
}

func TestSendDirectPostsInTheStoredPersonalChat(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("help"))
	before := len(h.fake.received())
	b, err := h.a.SendDirect(ctx, testTenant, aliceAAD, standupQuestion())
	if err != nil {
		t.Fatal(err)
	}
	if b != personalRef {
		t.Errorf("binding %+v, want the personal chat's, %+v", b, personalRef)
	}
	got := h.fake.received()[before:]
	if len(got) != 1 || got[0].Method != http.MethodPost || got[0].Path != "/v3/conversations/"+personalChat+"/activities" {
		t.Fatalf("want one post into the personal chat, got %+v", got)
	}
	from, _ := got[0].Body["from"].(map[string]any)
	if from["id"] != testBotID || got[0].Body["summary"] != "Stand-up: Beta" {
		t.Errorf("activity %v", got[0].Body)
	}
	met := findAction(got[0].card(), "Point 2 met")
	if met == nil || met["type"] != "Action.Submit" || met["style"] != "positive" {
		t.Fatalf("card has no Action.Submit for point 2: %v", got[0].card())
	}
	if data := met["data"].(map[string]any); data["command"] != "mark 2 met" || data["kind"] != modePlain {
		t.Errorf("button data %v", data)
	}
}

func TestSendDirectCreatesThePersonalChatOnce(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	// Alice speaks in a channel: the tenant's service URL is known; Bob
	// has never spoken to the bot.
	h.send(h.inChannel("1700000000400", "help"))
	before := len(h.fake.received())
	h.fake.answer(scripted{code: http.StatusCreated, body: `{"id":"a:1bobPersonalChat"}`})
	b, err := h.a.SendDirect(ctx, testTenant, bobAAD, bot.Text(bot.ReplyNotice, "What moved since last time?"))
	if err != nil {
		t.Fatal(err)
	}
	bobChat := checklist.Binding{Platform: Platform, Team: testTenant, Channel: "a:1bobPersonalChat"}
	if b != bobChat {
		t.Errorf("binding %+v, want %+v", b, bobChat)
	}
	got := h.fake.received()[before:]
	if len(got) != 2 || got[0].Method != http.MethodPost || got[0].Path != "/v3/conversations" {
		t.Fatalf("want the conversation created, then the message: %+v", got)
	}
	wantCreate := map[string]any{
		"bot":         map[string]any{"id": testBotID, "name": "standardbot"},
		"members":     []any{map[string]any{"id": bobAAD}},
		"channelData": map[string]any{"tenant": map[string]any{"id": testTenant}},
		"tenantId":    testTenant, "isGroup": false,
	}
	if !sameJSON(got[0].Body, wantCreate) {
		t.Errorf("create conversation body:\n got %v\nwant %v", got[0].Body, wantCreate)
	}
	if got[1].Path != "/v3/conversations/a:1bobPersonalChat/activities" || got[1].Body["text"] != "What moved since last time?" {
		t.Errorf("message %s %v", got[1].Path, got[1].Body)
	}
	ref, err := h.store.DirectRef(ctx, Platform, testTenant, bobAAD)
	if err != nil || ref.Binding != bobChat || ref.ServiceURL != h.fake.serviceURL() || ref.BotID != testBotID {
		t.Fatalf("kept reference %+v, %v", ref, err)
	}
	before = len(h.fake.received())
	if _, err := h.a.SendDirect(ctx, testTenant, bobAAD, bot.Text(bot.ReplyNotice, "Reminder")); err != nil {
		t.Fatal(err)
	}
	if got := h.fake.received()[before:]; len(got) != 1 || got[0].Path != "/v3/conversations/a:1bobPersonalChat/activities" {
		t.Errorf("second message should reuse the chat: %+v", got)
	}
}

func TestSendDirectToSomeoneUnreachable(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	calls := len(h.fake.received())
	if _, err := h.a.SendDirect(ctx, testTenant, bobAAD, bot.Text(bot.ReplyNotice, "x")); !errors.Is(err, checklist.ErrUndeliverable) {
		t.Errorf("a tenant never heard from = %v, want undeliverable", err)
	}
	if n := len(h.fake.received()) - calls; n != 0 {
		t.Errorf("%d connector calls with no service URL known", n)
	}
	h.send(h.inChannel("1700000000401", "help"))
	for _, code := range []int{http.StatusForbidden, http.StatusNotFound} {
		h.fake.answer(scripted{code: code, body: `{"error":{"code":"BadArgument","message":"Failed to create conversation."}}`})
		calls := len(h.fake.received())
		_, err := h.a.SendDirect(ctx, testTenant, bobAAD, bot.Text(bot.ReplyNotice, "x"))
		if !errors.Is(err, checklist.ErrUndeliverable) || !strings.Contains(err.Error(), bobAAD) {
			t.Errorf("create answered %d: %v, want undeliverable, naming the person", code, err)
		}
		if n := len(h.fake.received()) - calls; n != 1 {
			t.Errorf("create answered %d: %d calls, want 1 (no retry)", code, n)
		}
	}
	h.fake.answer(scripted{code: http.StatusBadGateway}, scripted{code: http.StatusOK, body: `{"id":"a:1bob"}`})
	if _, err := h.a.SendDirect(ctx, testTenant, bobAAD, bot.Text(bot.ReplyNotice, "x")); err != nil {
		t.Errorf("a 502 on create should be retried: %v", err)
	}
}

func TestSendDirectStartsAChatWhoseHistoryWasRemoved(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("help"))
	h.fake.answer(scripted{code: http.StatusNotFound, body: `{"error":{"code":"ConversationNotFound","message":"Conversation not found."}}`},
		scripted{code: http.StatusCreated, body: `{"id":"a:1aliceAgain"}`})
	before := len(h.fake.received())
	b, err := h.a.SendDirect(ctx, testTenant, aliceAAD, bot.Text(bot.ReplyNotice, "x"))
	if err != nil || b.Channel != "a:1aliceAgain" {
		t.Fatalf("SendDirect = %+v, %v; want the new chat", b, err)
	}
	got := h.fake.received()[before:]
	if len(got) != 3 || got[1].Path != "/v3/conversations" || got[2].Path != "/v3/conversations/a:1aliceAgain/activities" {
		t.Errorf("calls %+v", got)
	}

	// Alice blocks the bot: the chat is marked stale, and asked no more.
	h.fake.answer(scripted{code: http.StatusForbidden, body: `{"error":{"code":"BotDisabledByAdmin"}}`})
	if _, err := h.a.SendDirect(ctx, testTenant, aliceAAD, bot.Text(bot.ReplyNotice, "x")); !errors.Is(err, checklist.ErrUndeliverable) {
		t.Fatalf("after a 403: %v, want undeliverable", err)
	}
	before = len(h.fake.received())
	if _, err := h.a.SendDirect(ctx, testTenant, aliceAAD, bot.Text(bot.ReplyNotice, "x")); !errors.Is(err, checklist.ErrUndeliverable) {
		t.Errorf("to a stale chat: %v, want undeliverable", err)
	}
	if n := len(h.fake.received()) - before; n != 0 {
		t.Errorf("%d calls to a stale chat", n)
	}
}

// A press on a stand-up card in the personal chat goes the way of any
// card's button: the point's status changes, with Alice in its history.
func TestAStatusCardInTheDirectMessageChangesThePoint(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("project new Beta"))
	if _, err := h.a.SendDirect(ctx, testTenant, aliceAAD, standupQuestion()); err != nil {
		t.Fatal(err)
	}
	calls := h.fake.received()
	card := calls[len(calls)-1]
	data := findAction(card.card(), "Point 2 partly")["data"].(map[string]any)
	before := len(h.fake.received())
	h.send(h.submitCard(personalChat, "personal", "activity-9", map[string]any{"command": data["command"], "ref": data["ref"], "kind": data["kind"]}))

	p, err := h.store.ProjectByChannel(ctx, personalRef)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := h.store.History(ctx, p.ID, 2, 0)
	if err != nil || len(changes) == 0 {
		t.Fatalf("history of point 2: %v, %v", changes, err)
	}
	last := changes[len(changes)-1]
	if last.Field != "status" || last.New != string(checklist.Partly) || last.By != "Alice Example" {
		t.Errorf("last change to point 2: %+v, want its status partly, by Alice", last)
	}
	var updated bool
	for _, c := range h.fake.received()[before:] {
		updated = updated || (c.Method == http.MethodPut && strings.Contains(c.text(), "Alice Example marked point 2 partly"))
	}
	if !updated {
		t.Errorf("the pressed card was not updated to say what was chosen: %+v", h.fake.received()[before:])
	}
}

func TestTheSendersTimeZoneReachesTheCore(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	for _, tt := range []struct {
		name string
		set  func(act map[string]any)
		want string
	}{
		{"localTimezone", func(act map[string]any) { act["localTimezone"] = "Europe/London" }, "Europe/London"},
		{"clientInfo", func(act map[string]any) {
			act["entities"] = []any{map[string]any{"type": "clientInfo", "locale": "en-US", "timezone": "America/New_York"}}
		}, "America/New_York"},
		{"refused zone, then clientInfo", func(act map[string]any) {
			act["localTimezone"] = "Mars/Olympus_Mons"
			act["entities"] = []any{map[string]any{"type": "clientInfo", "timezone": "Asia/Kolkata"}}
		}, "Asia/Kolkata"},
		{"refused zone", func(act map[string]any) { act["localTimezone"] = "GMT+01:00 Amsterdam" }, ""},
		{"Local", func(act map[string]any) { act["localTimezone"] = "Local" }, ""},
		{"none", func(map[string]any) {}, ""},
	} {
		act := h.personal("help")
		tt.set(act)
		h.send(act)
		msgs := core.messages()
		if got := msgs[len(msgs)-1].TimeZone; got != tt.want {
			t.Errorf("%s: TimeZone %q, want %q", tt.name, got, tt.want)
		}
	}
}

// sameJSON reports whether got (decoded JSON) and want encode alike:
// encoding/json sorts map keys.
func sameJSON(got, want map[string]any) bool {
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	return string(g) == string(w)
}
