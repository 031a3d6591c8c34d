package slack

import (
	"encoding/json"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// TestScheduledSendAfterRestartUsesOrgInstall: with the bot installed
// across an Enterprise Grid organisation (one install, kept under the
// organisation), a stand-up or reminder sent after a restart, before any
// event from the workspace has reached the new process, goes out with the
// organisation's token. The scheduler's sends carry only the channel's
// binding (platform, workspace, channel), never the organisation, so the
// store must place the workspace in its organisation: the process that
// heard from the workspace (the command that made the project, say)
// recorded it there.
func TestScheduledSendAfterRestartUsesOrgInstall(t *testing.T) {
	ih := newInstallHarness(t)
	ih.fake.add("code-org", "", "E1", true, "xoxb-org-e1")
	if w := ih.redirect(ih.state(), "code-org"); w.Code != 200 {
		t.Fatalf("install: %d %s", w.Code, w.Body)
	}

	// Before the restart: someone in workspace TE of E1 speaks to the bot.
	before := newHarness(t, &stubCore{}, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.BotToken, c.Tokens = "", ih.inst
	})
	ev, _ := json.Marshal(map[string]any{"team_id": "TE", "enterprise_id": "E1", "api_app_id": "A1", "type": "event_callback",
		"event_id": "Ev1", "event_time": 1700000000, "event": mention("U1", "CE", "1700000000.000100", "", "<@UBOT> project new Apply")})
	before.event(ev)
	before.settle()
	if posts := before.fake.of("chat.postMessage"); len(posts) != 1 || posts[0].Token != "xoxb-org-e1" {
		t.Fatalf("before the restart: posts %+v, want one with the organisation's token", posts)
	}

	// After it: a new installer and adapter, which have seen nothing.
	h := newHarness(t, &stubCore{}, newClaims(t), func(c *Config, _ *fakeSlack) {
		c.BotToken, c.Tokens = "", ih.newInstaller()
	})
	if err := h.a.Send(t.Context(), checklist.Binding{Platform: Platform, Team: "TE", Channel: "CE"}, bot.Text(bot.ReplyNotice, "Stand-up time")); err != nil {
		t.Fatalf("scheduled send to CE after a restart: %v", err)
	}
	dm, err := h.a.SendDirect(t.Context(), "TE", "U1", bot.Text(bot.ReplyNotice, "What did you do yesterday?"))
	if err != nil || dm.Team != "TE" {
		t.Fatalf("stand-up question to U1 after a restart: %+v, %v", dm, err)
	}
	posted := map[string]string{}
	for _, c := range h.fake.of("chat.postMessage") {
		posted[c.Form.Get("channel")] = c.Token
	}
	if posted["CE"] != "xoxb-org-e1" || posted[dm.Channel] != "xoxb-org-e1" {
		t.Errorf("posted %v, want CE and the direct conversation with the organisation's token", posted)
	}
	for _, c := range h.fake.of("conversations.open") {
		if c.Token != "xoxb-org-e1" {
			t.Errorf("conversations.open with token %q", c.Token)
		}
	}

	// A workspace of no organisation the bot is installed in stays out
	// of reach, rather than be written to with another's token.
	err = h.a.Send(t.Context(), checklist.Binding{Platform: Platform, Team: "TX", Channel: "CX"}, bot.Text(bot.ReplyNotice, "Stand-up time"))
	if checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("send to a workspace the bot is not installed in: %v; want not installed", err)
	}
}
