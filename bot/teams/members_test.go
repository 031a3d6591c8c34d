package teams

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/web"
	"github.com/standardbot/standardbot/checklist"
)

var _ web.Membership = (*Adapter)(nil)

// TestCanSee: a conversation's project is seen by the conversation's
// members, as the Bot Connector's roster lists them (page by page, with
// the bot's token, once a minute); one the bot has no reference for, by
// no one.
func TestCanSee(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	b := checklist.Binding{Platform: Platform, Team: testTenant, Channel: "19:general@thread.tacv2"}
	if err := h.store.SaveRef(ctx, &checklist.ConversationRef{Binding: b, ServiceURL: h.fake.serviceURL(), BotID: testBotID}); err != nil {
		t.Fatal(err)
	}
	h.fake.answer(
		scripted{code: 200, body: `{"continuationToken":"next-1","members":[{"id":"29:a","aadObjectId":"aad-alice"}]}`},
		scripted{code: 200, body: `{"members":[{"id":"29:b","aadObjectId":"aad-bob"}]}`})
	for user, want := range map[string]bool{"aad-alice": true, "aad-bob": true, "aad-carol": false} {
		if got, err := h.a.CanSee(ctx, b, user); got != want || err != nil {
			t.Errorf("CanSee(%s) = %v, %v; want %v", user, got, err, want)
		}
	}
	var rosters []received
	for _, c := range h.fake.received() {
		if strings.Contains(c.Path, "/pagedmembers") {
			rosters = append(rosters, c)
		}
	}
	if len(rosters) != 2 || rosters[0].Method != http.MethodGet || rosters[0].Path != "/v3/conversations/19:general@thread.tacv2/pagedmembers" || !strings.HasPrefix(rosters[0].Auth, "Bearer outbound-token-") {
		t.Errorf("roster calls: %+v; want two pages, once for three people", rosters)
	}
	// A roster refused does not stop stand-ups: the reference stays fresh.
	other := checklist.Binding{Platform: Platform, Team: testTenant, Channel: "19:private@thread.tacv2"}
	if err := h.store.SaveRef(ctx, &checklist.ConversationRef{Binding: other, ServiceURL: h.fake.serviceURL(), BotID: testBotID}); err != nil {
		t.Fatal(err)
	}
	h.fake.answer(scripted{code: 403, body: `{"error":{"code":"BotNotInConversationRoster"}}`})
	if ok, err := h.a.CanSee(ctx, other, "aad-alice"); ok || err == nil {
		t.Errorf("a refused roster: %v, %v; want false and the error", ok, err)
	}
	if ref, err := h.store.Ref(ctx, other); err != nil || ref.Stale {
		t.Errorf("after a refused roster the reference is %+v, %v; want it fresh", ref, err)
	}
	unknown := checklist.Binding{Platform: Platform, Team: testTenant, Channel: "19:never-heard-from@thread.v2"}
	if ok, err := h.a.CanSee(ctx, unknown, "aad-alice"); ok || err != nil {
		t.Errorf("a conversation without a reference: %v, %v", ok, err)
	}
}

func TestSignInIdentity(t *testing.T) {
	user, team, err := SignInIdentity(map[string]any{"oid": "aad-alice", "tid": testTenant})
	if user != "aad-alice" || team != testTenant || err != nil {
		t.Errorf("got %q %q %v", user, team, err)
	}
	if _, _, err := SignInIdentity(map[string]any{"sub": "x"}); err == nil {
		t.Error("an ID token without oid and tid was accepted")
	}
	if got := SignInIssuer(testTenant); got != "https://login.microsoftonline.com/"+testTenant+"/v2.0" {
		t.Errorf("issuer %q", got)
	}
}
