package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
)

// teamsPerson is someone in the fake tenant: their per-bot id, Entra
// object id, name and the zone their Teams client reports.
type teamsPerson struct{ id, aad, name, zone string }

var (
	teamsAlice = teamsPerson{"29:alice", "aad-alice", "Alice Example", "Europe/London"}
	teamsBob   = teamsPerson{"29:bob", "aad-bob", "Bob Stone", "America/New_York"}
	teamsCarol = teamsPerson{"29:carol", "aad-carol", "Carol Hart", "Europe/London"}
)

// teamsChannel is the project's channel; alicePersonal Alice's own chat
// with the bot, which she opened before the stand-up.
const (
	teamsChannel  = "19:alpha@thread.tacv2"
	alicePersonal = "a:personal-alice"
)

// teamsDriver sends signed activities to a serve process, as Teams would,
// and reads what it posted to the fake connector.
type teamsDriver struct {
	t  *testing.T
	p  *serveProc
	bf *fakeBotFramework
	n  int
	// clock is serve's test clock, nil for the system's: tokens are
	// issued by it.
	clock *testClock
}

// activity is a message from who in a conversation, with the time zone
// Teams reports on each activity.
func (d *teamsDriver) activity(who teamsPerson, conv, convType string) map[string]any {
	d.n++
	return map[string]any{
		"type": "message", "id": fmt.Sprintf("act-%d", d.n), "timestamp": time.Now().UTC().Format(time.RFC3339),
		"serviceUrl": d.bf.URL + "/connector/", "channelId": "msteams", "localTimezone": who.zone,
		"from":         map[string]any{"id": who.id, "name": who.name, "aadObjectId": who.aad},
		"conversation": map[string]any{"id": conv, "conversationType": convType, "tenantId": "tenant-1"},
		"recipient":    map[string]any{"id": "28:" + teamsAppID, "name": "standardbot"},
		"channelData":  map[string]any{"tenant": map[string]any{"id": "tenant-1"}},
		"entities":     []any{map[string]any{"type": "clientInfo", "locale": "en-GB", "timezone": who.zone}},
	}
}

func (d *teamsDriver) post(act map[string]any) {
	d.t.Helper()
	body, _ := json.Marshal(act)
	req, _ := http.NewRequest(http.MethodPost, d.p.url+"/api/messages", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	now := time.Now()
	if d.clock != nil {
		now = d.clock.now()
	}
	req.Header.Set("Authorization", "Bearer "+d.bf.tokenAt(d.t, d.bf.URL+"/connector/", now))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		d.t.Fatalf("activity %v: HTTP %d", act["id"], resp.StatusCode)
	}
}

// say mentions the bot in the channel and waits for its reply in the
// thread containing want.
func (d *teamsDriver) say(who teamsPerson, words, want string) connectorCall {
	d.t.Helper()
	return d.sayMentioning(who, words, want, nil)
}

// inChat sends words (or, with value, a card's submit) in a personal chat
// and waits for a reply there containing want.
func (d *teamsDriver) inChat(who teamsPerson, conv, words string, value map[string]any, want string) {
	d.t.Helper()
	act := d.activity(who, conv, "personal")
	if value != nil {
		act["value"], act["replyToId"] = value, "reply-1"
	} else {
		act["text"] = words
	}
	d.post(act)
	d.wait(fmt.Sprintf("reply to %s in %s", words, conv), 1, func(c connectorCall) bool {
		return strings.HasPrefix(c.Path, "/connector/v3/conversations/"+conv+"/activities/"+act["id"].(string)) && strings.Contains(bodyText(c), want)
	})
}

// wait returns the connector calls matching ok once there are at least n,
// failing after a while.
func (d *teamsDriver) wait(what string, n int, ok func(connectorCall) bool) []connectorCall {
	d.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := d.matching(ok)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("%s: %d calls, want %d; calls:\n%s\n%s", what, len(got), n, callsText(d.bf.calls()), d.p.stderr.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func (d *teamsDriver) matching(ok func(connectorCall) bool) []connectorCall {
	var out []connectorCall
	for _, c := range d.bf.messages() {
		if ok(c) {
			out = append(out, c)
		}
	}
	return out
}

// postedTo matches a post on the bot's own initiative into conv (not a
// reply) containing text.
func postedTo(conv, text string) func(connectorCall) bool {
	return func(c connectorCall) bool {
		return c.Method == http.MethodPost && c.Path == "/connector/v3/conversations/"+conv+"/activities" && strings.Contains(bodyText(c), text)
	}
}

func bodyText(c connectorCall) string {
	b, _ := json.Marshal(c.Body)
	return string(b)
}

func callsText(calls []connectorCall) string {
	var b strings.Builder
	for _, c := range calls {
		fmt.Fprintf(&b, "%s %s %.300s\n", c.Method, c.Path, bodyText(c))
	}
	return b.String()
}

// firstSubmit is the data of the first Action.Submit in an activity's
// Adaptive Card, and its title.
func firstSubmit(c connectorCall) (title string, data map[string]any) {
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "Action.Submit" && data == nil {
				title, _ = v["title"].(string)
				data, _ = v["data"].(map[string]any)
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(c.Body)
	return title, data
}

// TestTeamsStandupAsksMembersInPersonalChats is the Teams part of issue
// 16 through the binary, on serve's test clock and across a restart:
// three members join from the channel with the zones their Teams clients
// report (Alice and Carol in London, Bob in New York) and each is asked in
// their personal chat at 09:30 their time (Alice's chat the one she
// opened, Bob's and Carol's created through the Bot Connector); Alice
// answers in words, with a blocker; Carol, who does not answer, is
// reminded once; Bob presses a status button on his card, which changes
// the point and is in its history, and answers; one summary goes to the
// channel after the last window, the blocker first, Bob's change and
// Carol named; nothing is sent twice.
func TestTeamsStandupAsksMembersInPersonalChats(t *testing.T) {
	bin := buildBinary(t)
	bf := newFakeBotFramework(t)
	clock := newTestClock(t, roundAt(8, 0))
	env := teamsRoundEnv(t, bf, clock, "")
	d := &teamsDriver{t: t, p: startServe(t, bin, env...), bf: bf, clock: clock}
	// A restart: answers reach the new process, which asks nobody again
	// and creates no chat twice.
	teamsRound(t, d, func() {
		d.p.stop(t)
		d.p = startServe(t, bin, env...)
	})
	d.p.stop(t)
}

// TestTeamsStandupOnceAcrossReplicas: the same round with two serve
// processes on one PostgreSQL database, the set-up sent to one and the
// answers to the other.
func TestTeamsStandupOnceAcrossReplicas(t *testing.T) {
	dbURL := pgtest.FreshSchema(t)
	bin := buildBinary(t)
	bf := newFakeBotFramework(t)
	clock := newTestClock(t, roundAt(8, 0))
	a := startServe(t, bin, teamsRoundEnv(t, bf, clock, dbURL)...)
	b := startServe(t, bin, teamsRoundEnv(t, bf, clock, dbURL)...)
	d := &teamsDriver{t: t, p: a, bf: bf, clock: clock}
	teamsRound(t, d, func() { d.p = b })
	a.stop(t)
	b.stop(t)
}

// teamsRoundEnv is serve's environment for a round: Teams at the fake, a
// tick a second, the test clock, and dbURL's PostgreSQL when not "".
func teamsRoundEnv(t *testing.T, bf *fakeBotFramework, clock *testClock, dbURL string) []string {
	env := []string{"STANDARDBOT_DATA_DIR=" + t.TempDir(), "TEAMS_APP_ID=" + teamsAppID, "TEAMS_APP_PASSWORD=e2e-app-password",
		"TEAMS_TENANT_ID=tenant-1", "TEAMS_OPENID_METADATA_URL=" + bf.URL + "/openid", "TEAMS_TOKEN_URL=" + bf.URL + "/token",
		"SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=", "STANDARDBOT_TICK=1s", testClockEnv + "=" + clock.path}
	if dbURL != "" {
		env = append(env, "STANDARDBOT_DATABASE="+dbURL)
	}
	return env
}

// teamsRound is the round itself; between runs once the London members
// have been asked (a restart, or a switch to the other replica).
func teamsRound(t *testing.T, d *teamsDriver, between func()) {
	clock := d.clock
	d.inChat(teamsAlice, alicePersonal, "help", nil, "help")
	d.say(teamsAlice, "project new Alpha", "Created project")
	d.say(teamsAlice, "timezone Europe/London", "Europe/London")
	d.say(teamsAlice, "standup at 09:30", "Stand-up")
	for _, who := range []teamsPerson{teamsAlice, teamsBob, teamsCarol} {
		d.say(who, "standup join", who.name)
	}
	d.say(teamsAlice, "standup members", "Bob Stone, America/New_York")

	bobChat, carolChat := "a:dm-"+teamsBob.aad, "a:dm-"+teamsCarol.aad
	clock.set(t, roundAt(8, 30)) // 09:30 in London
	d.wait("Alice asked in her own chat", 1, postedTo(alicePersonal, "Stand-up: Alpha"))
	d.wait("Carol asked in a chat created for her", 1, postedTo(carolChat, "Stand-up: Alpha"))
	time.Sleep(2 * time.Second) // more ticks
	if n := len(d.matching(postedTo(bobChat, "Stand-up: Alpha"))); n != 0 {
		t.Errorf("Bob asked at 04:30 his time")
	}

	between()
	d.inChat(teamsAlice, alicePersonal, "Point 3 research plan agreed\nUser research on Thursday\nBlocked on the security review", nil, "Thanks")
	clock.set(t, roundAt(9, 30))
	d.wait("Carol reminded", 1, postedTo(carolChat, "reminder"))

	clock.set(t, roundAt(13, 30)) // 09:30 in New York
	askBob := d.wait("Bob asked in a chat created for him", 1, postedTo(bobChat, "Stand-up: Alpha"))[0]
	created := d.matching(func(c connectorCall) bool { return c.Path == "/connector/v3/conversations" })
	if len(created) != 2 || !strings.Contains(bodyText(created[0]), `"tenantId":"tenant-1"`) || !strings.Contains(bodyText(created[0]), `"isGroup":false`) {
		t.Errorf("want Carol's and Bob's chats created once each, with the tenant:\n%s", callsText(created))
	}
	label, data := firstSubmit(askBob)
	f := strings.Fields(fmt.Sprint(data["command"]))
	if len(f) != 3 || f[0] != "mark" {
		t.Fatalf("Bob's question has no status button: %q %v\n%s", label, data, bodyText(askBob))
	}
	d.inChat(teamsBob, bobChat, "", data, "Point "+f[1])
	d.say(teamsAlice, "history "+f[1], "Bob Stone")
	d.inChat(teamsBob, bobChat, "Point "+f[1]+" is "+f[2]+" now\nBook the assessment\nnone", nil, "Thanks")

	clock.set(t, roundAt(15, 30).Add(5*time.Second))
	summary := d.wait("the summary in the channel", 1, postedTo(teamsChannel, "Carol Hart"))[0]
	wantTeamsSummary(t, bodyText(summary), f[2])
	time.Sleep(4 * time.Second) // more ticks: nothing is sent twice
	for _, c := range []struct {
		what string
		ok   func(connectorCall) bool
		want int
	}{
		{"asks to Alice", postedTo(alicePersonal, "Stand-up: Alpha"), 1},
		{"asks to Bob", postedTo(bobChat, "Stand-up: Alpha"), 1},
		{"asks to Carol", postedTo(carolChat, "Stand-up: Alpha"), 1},
		{"reminders to Carol", postedTo(carolChat, "reminder"), 1},
		{"reminders to Alice", postedTo(alicePersonal, "reminder"), 0},
		{"reminders to Bob", postedTo(bobChat, "reminder"), 0},
		{"summaries", postedTo(teamsChannel, "Carol Hart"), 1},
		{"chats created", func(c connectorCall) bool { return c.Path == "/connector/v3/conversations" }, 2},
	} {
		if n := len(d.matching(c.ok)); n != c.want {
			t.Errorf("%d %s, want %d", n, c.what, c.want)
		}
	}
}

// wantTeamsSummary checks the summary: the blocker first, Bob's change to
// the point, Carol unanswered.
func wantTeamsSummary(t *testing.T, text, status string) {
	t.Helper()
	for _, want := range []string{"Blocked on the security review", "Alice Example", "No answer from: Carol Hart", status + " (Bob Stone)"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	if blocked, answered := strings.Index(text, "Blocked"), strings.Index(text, "Answered"); blocked < 0 || answered < blocked {
		t.Errorf("summary without the blocker first:\n%s", text)
	}
}

// TestTeamsStandupMembersByMention: `standup members @Sam @Ann` in a
// channel names people by Teams mentions, which carry per-bot ids; the
// members are kept by their Entra ids (looked up on the connector), so
// when Sam later writes, the zone his Teams client reports is his.
func TestTeamsStandupMembersByMention(t *testing.T) {
	bin := buildBinary(t)
	bf := newFakeBotFramework(t)
	p := startServe(t, bin, "STANDARDBOT_DATA_DIR="+t.TempDir(), "TEAMS_APP_ID="+teamsAppID, "TEAMS_APP_PASSWORD=e2e-app-password",
		"TEAMS_TENANT_ID=tenant-1", "TEAMS_OPENID_METADATA_URL="+bf.URL+"/openid", "TEAMS_TOKEN_URL="+bf.URL+"/token",
		"SLACK_BOT_TOKEN=", "SLACK_SIGNING_SECRET=")
	d := &teamsDriver{t: t, p: p, bf: bf}
	sam := teamsPerson{"29:sam", "aad-sam", "Sam Lee", "Europe/Lisbon"}
	d.say(teamsAlice, "project new Alpha", "Created project")
	d.say(teamsAlice, "timezone Europe/London", "Europe/London")
	d.sayMentioning(teamsAlice, "standup members <at>Sam Lee</at> <at>Ann Bo</at>", "Ann Bo",
		map[string]string{"29:sam": "Sam Lee", "29:ann": "Ann Bo"})
	d.say(sam, "help", "help")
	reply := d.say(teamsAlice, "standup members", "Sam Lee")
	if text := bodyText(reply); !strings.Contains(text, "Sam Lee, Europe/Lisbon") || strings.Contains(text, "29:sam") || strings.Contains(text, "29:ann") {
		t.Errorf("members should be kept by Entra id, Sam with his own zone:\n%s", text)
	}
	p.stop(t)
}

// sayMentioning is say with people mentioned as Teams writes them: a
// mention entity each, with the per-bot id and no Entra id.
func (d *teamsDriver) sayMentioning(who teamsPerson, words, want string, people map[string]string) connectorCall {
	d.t.Helper()
	act := d.activity(who, "", "channel")
	conv := teamsChannel + ";messageid=" + act["id"].(string)
	act["conversation"].(map[string]any)["id"] = conv
	act["text"] = "<at>standardbot</at> " + words
	ents := append(act["entities"].([]any), map[string]any{"type": "mention", "text": "<at>standardbot</at>",
		"mentioned": map[string]any{"id": "28:" + teamsAppID, "name": "standardbot"}})
	for id, name := range people {
		ents = append(ents, map[string]any{"type": "mention", "text": "<at>" + name + "</at>", "mentioned": map[string]any{"id": id, "name": name}})
	}
	act["entities"] = ents
	d.post(act)
	return d.wait("reply to "+words, 1, func(c connectorCall) bool {
		return strings.HasPrefix(c.Path, "/connector/v3/conversations/"+conv+"/") && strings.Contains(bodyText(c), want)
	})[0]
}
