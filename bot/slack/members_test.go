package slack

import (
	"context"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/web"
	"github.com/standardbot/standardbot/checklist"
)

var _ web.Membership = (*Adapter)(nil)

// TestCanSee: a public channel's project is the workspace's; a private
// channel's (members listed page by page), a group DM's or a DM's only
// its members'. Slack is asked once a minute a channel, and its refusal
// shows nothing.
func TestCanSee(t *testing.T) {
	h := newHarness(t, &stubCore{}, newClaims(t), nil)
	ctx := context.Background()
	in := func(ch string) checklist.Binding {
		return checklist.Binding{Platform: Platform, Team: testTeam, Channel: ch}
	}
	h.fake.script("conversations.info",
		reply{code: 200, body: `{"ok":true,"channel":{"id":"C1","is_channel":true,"is_private":false}}`},
		reply{code: 200, body: `{"ok":true,"channel":{"id":"G1","is_group":true,"is_private":true}}`},
		reply{code: 200, body: `{"ok":true,"channel":{"id":"D1","is_im":true,"user":"U7"}}`},
		reply{code: 200, body: `{"ok":false,"error":"missing_scope","needed":"groups:read"}`})
	h.fake.script("conversations.members",
		reply{code: 200, body: `{"ok":true,"members":["U1","U2"],"response_metadata":{"next_cursor":"page2"}}`},
		reply{code: 200, body: `{"ok":true,"members":["U3"],"response_metadata":{"next_cursor":""}}`},
		reply{code: 200, body: `{"ok":true,"members":["U7","UBOT"],"response_metadata":{"next_cursor":""}}`})
	check := func(ch, user string, want bool) {
		t.Helper()
		got, err := h.a.CanSee(ctx, in(ch), user)
		if err != nil || got != want {
			t.Errorf("CanSee(%s, %s) = %v, %v; want %v", ch, user, got, err, want)
		}
	}
	check("C1", "U9", true)
	check("G1", "U3", true) // on the second page of members
	check("G1", "U9", false)
	check("D1", "U7", true)
	check("D1", "U1", false)
	if n := len(h.fake.of("conversations.info")); n != 3 {
		t.Errorf("%d conversations.info calls for three channels asked five times, want 3 (cached)", n)
	}
	if ok, err := h.a.CanSee(ctx, in("G2"), "U1"); ok || err == nil || !strings.Contains(err.Error(), "missing_scope") {
		t.Errorf("without the scope: %v, %v; want false and Slack's error", ok, err)
	}
	if ok, _ := h.a.CanSee(ctx, checklist.Binding{Platform: "elsewhere", Team: testTeam, Channel: "C1"}, "U9"); ok {
		t.Error("another platform's channel was seen")
	}
}

func TestSignInIdentity(t *testing.T) {
	user, team, err := SignInIdentity(map[string]any{"https://slack.com/user_id": "U1", "https://slack.com/team_id": "T1", "sub": "U1"})
	if user != "U1" || team != "T1" || err != nil {
		t.Errorf("got %q %q %v", user, team, err)
	}
	if _, _, err := SignInIdentity(map[string]any{"sub": "U1"}); err == nil {
		t.Error("an ID token without Slack's claims was accepted")
	}
}
