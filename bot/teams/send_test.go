package teams

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

func TestAProactiveSendReachesAStoredConversation(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	added := h.activity(typeConversationUpdate, teamChannel, "channel")
	added["membersAdded"] = []any{map[string]any{"id": testBotID}}
	added["channelData"] = map[string]any{"tenant": map[string]any{"id": testTenant}, "eventType": "teamMemberAdded", "team": map[string]any{"id": teamChannel}}
	h.send(added)
	if got := h.fake.received(); len(got) != 1 || !strings.Contains(got[0].text(), "help") {
		t.Errorf("the bot did not greet the team: %+v", got)
	}

	b := checklist.Binding{Platform: "teams", Team: testTenant, Channel: teamChannel}
	if err := h.a.Send(ctx, b, bot.Reply{Type: bot.ReplyNotice, Title: "Stand-up: Alpha", Blocks: []bot.Block{{Type: bot.Paragraph, Text: "What moved yesterday?"}}}); err != nil {
		t.Fatal(err)
	}
	got := h.fake.received()
	c := got[len(got)-1]
	if c.Method != http.MethodPost || c.Path != "/v3/conversations/"+teamChannel+"/activities" || c.Auth != "Bearer outbound-token-1" {
		t.Errorf("proactive send: %s %s %q", c.Method, c.Path, c.Auth)
	}
	if !strings.Contains(c.text(), "What moved yesterday?") || c.Body["summary"] != "Stand-up: Alpha" {
		t.Errorf("proactive send body %v", c.Body)
	}

	if err := h.a.Send(ctx, checklist.Binding{Platform: "teams", Team: testTenant, Channel: "19:never@thread.tacv2"}, bot.Text(bot.ReplyNotice, "x")); checklist.ErrorCode(err) != checklist.ENOTFOUND || errors.Is(err, checklist.ErrUndeliverable) {
		t.Errorf("send to a conversation never heard from = %v, want ENOTFOUND, worth retrying", err)
	}
}

func TestA403MarksTheReferenceStale(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("help"))
	h.fake.answer(scripted{code: http.StatusForbidden, body: `{"error":{"code":"BotNotInConversationRoster","message":"The bot is not part of the conversation roster."}}`})
	calls := len(h.fake.received())
	err := h.a.Send(ctx, personalRef, bot.Text(bot.ReplyNotice, "reminder"))
	if !errors.Is(err, checklist.ErrUndeliverable) || !strings.Contains(err.Error(), "BotNotInConversationRoster") {
		t.Fatalf("Send after a 403 = %v, want it undeliverable with the connector's reason", err)
	}
	if n := len(h.fake.received()) - calls; n != 1 {
		t.Errorf("%d calls for a 403, want 1 (no retry)", n)
	}
	ref, err := h.store.Ref(ctx, personalRef)
	if err != nil || !ref.Stale {
		t.Fatalf("reference after a 403: %+v, %v; want stale", ref, err)
	}
	calls = len(h.fake.received())
	if err := h.a.Send(ctx, personalRef, bot.Text(bot.ReplyNotice, "again")); !errors.Is(err, checklist.ErrUndeliverable) {
		t.Errorf("Send to a stale reference = %v, want it undeliverable", err)
	}
	if n := len(h.fake.received()) - calls; n != 0 {
		t.Errorf("%d connector calls for a stale reference, want none", n)
	}

	// Alice speaks to the bot again: it is back in the conversation.
	h.send(h.personal("help"))
	if err := h.a.Send(ctx, personalRef, bot.Text(bot.ReplyNotice, "back")); err != nil {
		t.Errorf("Send after the conversation came back = %v", err)
	}
}

func TestA429IsRetriedAfterItsRetryAfter(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("help"))
	h.fake.answer(scripted{code: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "1"}, body: `{"error":{"code":"Throttled"}}`})
	before := len(h.fake.received())
	if err := h.a.Send(ctx, personalRef, bot.Text(bot.ReplyNotice, "reminder")); err != nil {
		t.Fatal(err)
	}
	got := h.fake.received()[before:]
	if len(got) != 2 {
		t.Fatalf("%d calls, want the 429 and its retry", len(got))
	}
	if wait := got[1].At.Sub(got[0].At); wait < 950*time.Millisecond {
		t.Errorf("retried after %v, want Retry-After's second", wait)
	}
	if h.counter("retries", "rate_limited") != 1 {
		t.Error("retry not counted")
	}
}

func TestTransientFailuresAreRetried(t *testing.T) {
	for _, code := range []int{http.StatusPreconditionFailed, http.StatusBadGateway, http.StatusGatewayTimeout} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			h := newHarness(t)
			h.send(h.personal("help"))
			h.fake.answer(scripted{code: code}, scripted{code: code})
			before := len(h.fake.received())
			if err := h.a.Send(context.Background(), personalRef, bot.Text(bot.ReplyNotice, "x")); err != nil {
				t.Fatal(err)
			}
			if n := len(h.fake.received()) - before; n != 3 {
				t.Errorf("%d calls, want two failures and a success", n)
			}
		})
	}
	t.Run("a client error is not retried", func(t *testing.T) {
		h := newHarness(t)
		h.send(h.personal("help"))
		h.fake.answer(scripted{code: http.StatusBadRequest, body: `{"error":{"code":"BadArgument","message":"Unknown activity type"}}`})
		before := len(h.fake.received())
		err := h.a.Send(context.Background(), personalRef, bot.Text(bot.ReplyNotice, "x"))
		if err == nil || !strings.Contains(err.Error(), "BadArgument") || errors.Is(err, checklist.ErrUndeliverable) {
			t.Errorf("Send = %v, want the connector's error, not marked undeliverable", err)
		}
		if n := len(h.fake.received()) - before; n != 1 {
			t.Errorf("%d calls, want 1", n)
		}
		if h.counter("api_errors", "send") != 1 {
			t.Error("failure not counted")
		}
	})
}

func TestTheOutboundTokenIsFetchedOnceForManySends(t *testing.T) {
	h := newHarness(t)
	h.send(h.personal("help"))
	errc := make(chan error, 8)
	for range 8 {
		go func() { errc <- h.a.Send(context.Background(), personalRef, bot.Text(bot.ReplyNotice, "x")) }()
	}
	for range 8 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	if _, tokens := h.fake.hits(); tokens != 1 {
		t.Errorf("%d token requests, want 1", tokens)
	}
	for _, c := range h.fake.received() {
		if c.Auth != "Bearer outbound-token-1" {
			t.Errorf("Authorization %q", c.Auth)
		}
	}
}

func TestARefusedTokenIsRenewedOnce(t *testing.T) {
	h := newHarness(t)
	h.send(h.personal("help"))
	h.fake.answer(scripted{code: http.StatusUnauthorized})
	if err := h.a.Send(context.Background(), personalRef, bot.Text(bot.ReplyNotice, "x")); err != nil {
		t.Fatal(err)
	}
	got := h.fake.received()
	if last := got[len(got)-1]; last.Auth != "Bearer outbound-token-2" {
		t.Errorf("retry sent %q, want a fresh token", last.Auth)
	}
}
