package teams

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

func TestNew(t *testing.T) {
	ok := Config{AppID: testAppID, AppPassword: testPassword}
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string
	}{
		{name: "no app id", change: func(c *Config) { c.AppID = "" }, wantErr: "TEAMS_APP_ID"},
		{name: "no password", change: func(c *Config) { c.AppPassword = "" }, wantErr: "TEAMS_APP_PASSWORD"},
		{name: "bad metadata URL", change: func(c *Config) { c.OpenIDMetadataURL = "login.botframework.com" }, wantErr: "TEAMS_OPENID_METADATA_URL"},
		{name: "bad token URL", change: func(c *Config) { c.TokenURL = "ftp://x" }, wantErr: "TEAMS_TOKEN_URL"},
		{name: "multi-tenant defaults"},
		{name: "single tenant", change: func(c *Config) { c.TenantID = testTenant }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := ok
			if tt.change != nil {
				tt.change(&cfg)
			}
			a, err := New(cfg, &stubCore{}, newRefs(t))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantTenant := "botframework.com"
			if cfg.TenantID != "" {
				wantTenant = cfg.TenantID
			}
			if want := "https://login.microsoftonline.com/" + wantTenant + "/oauth2/v2.0/token"; a.cfg.TokenURL != want {
				t.Errorf("token URL %q, want %q", a.cfg.TokenURL, want)
			}
			if a.cfg.OpenIDMetadataURL != DefaultOpenIDMetadataURL {
				t.Errorf("metadata URL %q", a.cfg.OpenIDMetadataURL)
			}
			mux := http.NewServeMux()
			a.Routes(mux)
			if _, pattern := mux.Handler(httptest.NewRequest(http.MethodPost, "/api/messages", nil)); pattern == "" {
				t.Error("POST /api/messages not routed")
			}
		})
	}
}

func TestARedeliveredActivityIsAnsweredOnce(t *testing.T) {
	h := newHarness(t)
	act := h.personal("how do we make our service accessible?")
	for range 2 {
		if rec := h.post(act, "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
		h.settle()
	}
	if got := h.fake.received(); len(got) != 1 {
		t.Errorf("%d connector calls, want the one reply", len(got))
	}
	var exposition strings.Builder
	h.reg.Write(&exposition)
	if !strings.Contains(exposition.String(), `standardbot_teams_activities_total{type="message",outcome="duplicate"} 1`) {
		t.Errorf("redelivery not counted as a duplicate:\n%s", exposition.String())
	}
	// The same id in another conversation is another activity.
	other := h.activity(typeMessage, "a:1personalChatWithBob", "personal")
	other["id"], other["text"] = act["id"], "how do we make our service accessible?"
	if rec := h.post(other, "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	h.settle()
	if got := h.fake.received(); len(got) != 2 {
		t.Errorf("%d connector calls after the other conversation's activity, want 2", len(got))
	}
}

func TestRunFetchesTheKeysAheadAndStops(t *testing.T) {
	h := newHarnessWith(t, &stubCore{}, newRefs(t))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.a.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for jwks, _ := h.fake.hits(); jwks == 0; jwks, _ = h.fake.hits() {
		if time.Now().After(deadline) {
			t.Fatal("Run did not fetch the signing keys")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if rec := h.post(h.personal("help"), "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusUnauthorized {
		t.Errorf("after Run: status %d, want 401 (no keys to verify with)", rec.Code)
	}
}

func TestAPersonalChatQuestionIsAnsweredWithItsCitation(t *testing.T) {
	h := newHarness(t)
	act := h.personal("how do we make our service accessible?")
	// That the acknowledgement does not wait for the answer is
	// TestDrainWaitsForAcknowledgedWork's to check, without a stopwatch.
	rec := h.post(act, "Bearer "+sign(t, h.k1, h.fake.claims()))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	h.settle()
	got := h.fake.received()
	if len(got) != 1 {
		t.Fatalf("%d connector calls, want 1 reply", len(got))
	}
	c := got[0]
	if want := "/v3/conversations/" + personalChat + "/activities/" + act["id"].(string); c.Method != http.MethodPost || c.Path != want {
		t.Errorf("%s %s, want POST %s", c.Method, c.Path, want)
	}
	if c.Auth != "Bearer outbound-token-1" {
		t.Errorf("Authorization %q, want the token from the token endpoint", c.Auth)
	}
	if c.Body["replyToId"] != act["id"] || c.Body["type"] != "message" {
		t.Errorf("reply activity %v", c.Body)
	}
	text := c.text()
	for _, want := range []string{"point 5", "Make sure everyone can use the service", "(https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service)", "WCAG"} {
		if !strings.Contains(text, want) {
			t.Errorf("answer lacks %q:\n%s", want, text)
		}
	}
	card := c.card()
	if card == nil || card["type"] != "AdaptiveCard" || !strings.Contains(card["fallbackText"].(string), "point 5") {
		t.Errorf("answer is not a card with a fallback: %v", c.Body)
	}
	var exposition strings.Builder
	h.reg.Write(&exposition)
	if !strings.Contains(exposition.String(), `standardbot_teams_activities_total{type="message",outcome="handled"} 1`) {
		t.Errorf("activity not counted as handled:\n%s", exposition.String())
	}
	ref, err := h.store.Ref(context.Background(), personalRef)
	if err != nil {
		t.Fatalf("no conversation reference stored: %v", err)
	}
	if ref.ServiceURL != h.fake.serviceURL() || ref.BotID != testBotID || ref.UserID != "29:1alice" || ref.Stale {
		t.Errorf("reference %+v", ref)
	}
}

func TestAChannelMentionIsStrippedAndAnsweredInItsThread(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	h.send(h.inChannel("1700000000100", "mark 5 met because of <at>Sam Jones</at>"))
	msgs := core.messages()
	if len(msgs) != 1 {
		t.Fatalf("core got %d messages, want 1", len(msgs))
	}
	m := msgs[0]
	want := bot.Message{
		Address: bot.Address{Platform: Platform, Team: testTenant, Channel: teamChannel, Thread: "1700000000100"},
		User:    aliceAAD, UserName: "Alice Example", Text: "mark 5 met because of Sam Jones",
	}
	if m.Address != want.Address || m.User != want.User || m.UserName != want.UserName || m.Text != want.Text || m.Direct {
		t.Errorf("message\n got %+v\nwant %+v", m, want)
	}
	got := h.fake.received()
	if len(got) != 1 || !strings.HasPrefix(got[0].Path, "/v3/conversations/"+teamChannel+";messageid=1700000000100/activities/") {
		t.Fatalf("reply not in the thread: %+v", got)
	}
}

func TestWhatTheBotDoesNotActOn(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	// A new post in a channel without a mention: not a thread reply
	// either (which goes to the core, for replies threads).
	unmentioned := h.activity(typeMessage, teamChannel, "channel")
	unmentioned["text"], unmentioned["textFormat"] = "lunch?", "plain"
	own := h.personal("hello")
	own["from"] = map[string]any{"id": testBotID, "name": "standardbot"}
	typing := h.activity("typing", personalChat, "personal")
	otherChannel := h.personal("help")
	otherChannel["channelId"] = "webchat"
	for name, act := range map[string]map[string]any{
		"a channel message without a mention": unmentioned, "the bot's own message": own,
		"typing": typing, "another channel": otherChannel,
	} {
		t.Run(name, func(t *testing.T) {
			claims := h.fake.claims()
			rec := h.post(act, "Bearer "+sign(t, h.k1, claims))
			h.settle()
			if rec.Code != http.StatusOK {
				t.Errorf("status %d, want 200", rec.Code)
			}
		})
	}
	if n := len(core.messages()); n != 0 {
		t.Errorf("core got %d messages, want none", n)
	}
	if n := len(h.fake.received()); n != 0 {
		t.Errorf("%d connector calls, want none", n)
	}
}

// A reply in a channel thread without a mention goes to the core marked
// Unaddressed: whether to answer is the channel's replies setting.
func TestAnUnmentionedThreadReplyIsUnaddressed(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	act := h.inChannel("1700000000200", "lunch?")
	act["text"], act["entities"] = "lunch?", nil
	h.send(act)
	msgs := core.messages()
	if len(msgs) != 1 || !msgs[0].Unaddressed || msgs[0].Text != "lunch?" || msgs[0].Address.Thread != "1700000000200" {
		t.Fatalf("core got %+v, want the reply, unaddressed, in its thread", msgs)
	}
}

func TestACardSubmitChangesTheStoredStatus(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	thread := "1700000000300"
	conv := teamChannel + ";messageid=" + thread
	h.send(h.inChannel(thread, "project new Alpha"))
	h.send(h.inChannel(thread, "checklist"))
	calls := h.fake.received()
	walk := calls[len(calls)-1].card()
	met := findAction(walk, "Met")
	if met == nil {
		t.Fatalf("walk card has no Met button: %v", walk)
	}
	data := met["data"].(map[string]any)
	if data["command"] != "mark 1 met" || data["kind"] != modePlain || !strings.Contains(data["ref"].(string), "point 1") {
		t.Fatalf("Met button data %v", data)
	}

	// Alice presses "Met" on point 1: Teams sends the button's data and
	// the card's inputs.
	cardID := "activity-2"
	before := len(h.fake.received())
	h.send(h.submitCard(conv, "channel", cardID, map[string]any{"command": data["command"], "ref": data["ref"], "kind": data["kind"], "note": ""}))
	// And a card asking about point 5, "Partly" with a note typed.
	h.send(h.submitCard(conv, "channel", cardID, map[string]any{"command": "mark 5 met", "ref": "point 5", "kind": modePlain, "note": "audit booked"}))

	p, err := h.store.ProjectByChannel(ctx, checklist.Binding{Platform: "teams", Team: testTenant, Channel: teamChannel})
	if err != nil {
		t.Fatal(err)
	}
	states, err := h.store.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	status := map[int]checklist.Status{}
	for _, s := range states {
		status[s.Point] = s.Status
	}
	if status[1] != checklist.Met || status[5] != checklist.Met {
		t.Errorf("statuses after the submits: %v, want points 1 and 5 met", status)
	}
	var updates, posts []received
	for _, c := range h.fake.received()[before:] {
		switch c.Method {
		case http.MethodPut:
			updates = append(updates, c)
		case http.MethodPost:
			posts = append(posts, c)
		}
	}
	if len(updates) != 2 || updates[0].Path != "/v3/conversations/"+conv+"/activities/"+cardID {
		t.Fatalf("card updates %+v", updates)
	}
	if text := updates[0].text(); !strings.Contains(text, "Alice Example marked point 1 met") || !strings.Contains(text, "point 1") ||
		strings.Contains(text, "(not started yet)") || findAction(updates[0].card(), "Met") != nil {
		t.Errorf("updated card should say what was recorded, without buttons:\n%s", text)
	}
	if text := updates[1].text(); !strings.Contains(text, "marked point 5 met (note: audit booked)") {
		t.Errorf("second update:\n%s", text)
	}
	if len(posts) < 2 || !strings.Contains(posts[0].text(), "Point 1") || findAction(posts[1].card(), "Met") == nil || !strings.Contains(posts[1].text(), "point 2") {
		t.Errorf("the confirmation and the walk's next step were not posted: %+v", posts)
	}
}

func TestANoteButtonSavesTheTypedNote(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	h.send(h.personal("project new Beta"))
	h.send(h.personal("checklist"))
	calls := h.fake.received()
	addNote := findAction(calls[len(calls)-1].card(), "Add note")
	if addNote == nil {
		t.Fatal("walk card has no Add note button")
	}
	data := addNote["data"].(map[string]any)
	before := len(h.fake.received())
	h.send(h.submitCard(personalChat, "personal", "activity-2", map[string]any{"command": data["command"], "ref": data["ref"], "kind": data["kind"], "note": ""}))
	if got := h.fake.received()[before:]; len(got) != 1 || !strings.Contains(got[0].text(), "Type the note") {
		t.Errorf("an empty note should ask for one: %+v", got)
	}
	h.send(h.submitCard(personalChat, "personal", "activity-2", map[string]any{"command": data["command"], "ref": data["ref"], "kind": data["kind"], "note": "Research plan agreed"}))
	p, err := h.store.ProjectByChannel(ctx, personalRef)
	if err != nil {
		t.Fatal(err)
	}
	states, err := h.store.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range states {
		for _, n := range s.Notes {
			found = found || (s.Point == 1 && n.Text == "Research plan agreed")
		}
	}
	if !found {
		t.Errorf("note not stored on point 1: %+v", states)
	}
}

func TestAnAdaptiveCardActionInvokeIsAcknowledgedAndRun(t *testing.T) {
	core := &stubCore{}
	h := newHarnessWith(t, core, newRefs(t))
	act := h.activity(typeInvoke, personalChat, "personal")
	act["name"], act["replyToId"] = "adaptiveCard/action", "activity-9"
	act["value"] = map[string]any{"action": map[string]any{"type": "Action.Execute", "verb": "run", "data": map[string]any{"command": "status", "kind": modeQuiet}}, "trigger": "manual"}
	rec := h.send(act)
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" || !strings.Contains(rec.Body.String(), `"statusCode":200`) {
		t.Errorf("invoke response %q (%s)", rec.Body.String(), ct)
	}
	msgs := core.messages()
	if len(msgs) != 1 || msgs[0].Action == nil || msgs[0].Action.Command != "status" || msgs[0].Action.Ref != "activity-9" {
		t.Fatalf("core got %+v", msgs)
	}
}

func TestDrainWaitsForAcknowledgedWork(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h := newHarnessWith(t, core, newRefs(t))
	// The work waits for the gate, so an acknowledgement that waited
	// for it would never come; the bound only keeps the test from hanging.
	acked := make(chan int, 1)
	go func() { acked <- h.post(h.personal("help"), "Bearer "+sign(t, h.k1, h.fake.claims())).Code }()
	select {
	case code := <-acked:
		if code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	case <-time.After(time.Minute):
		t.Fatal("the acknowledgement waited for the work")
	}
	short, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if err := h.a.Drain(short); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Drain with work in flight = %v, want the deadline", err)
	}
	if rec := h.post(h.personal("help"), "Bearer "+sign(t, h.k1, h.fake.claims())); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("activity during shutdown: status %d, want 503", rec.Code)
	}
	close(core.gate)
	ctx, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	if err := h.a.Drain(ctx); err != nil {
		t.Fatalf("Drain = %v", err)
	}
	if n := len(h.fake.received()); n != 1 {
		t.Errorf("%d replies after Drain, want the acknowledged one", n)
	}
}

func TestLogsHoldNoSecrets(t *testing.T) {
	h := newHarness(t)
	inbound := sign(t, h.k1, h.fake.claims())
	h.post(h.personal("how do we make our service accessible?"), "Bearer "+inbound)
	h.post(h.personal("x"), "Bearer "+inbound+"x")
	h.settle()
	h.fake.answer(scripted{code: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "0"}})
	if err := h.a.Send(context.Background(), personalRef, bot.Text(bot.ReplyNotice, "x")); err != nil {
		t.Fatal(err)
	}
	logs := h.logs.String()
	if !strings.Contains(logs, "rejected") || !strings.Contains(logs, "retrying") {
		t.Errorf("logs lack the rejection and the retry:\n%s", logs)
	}
	for _, secret := range []string{testPassword, inbound[strings.LastIndex(inbound, ".")+1:], "outbound-token", "accessible"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
}

// findAction finds a card's Action.Submit by its title.
func findAction(card map[string]any, title string) map[string]any {
	var found map[string]any
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if v["type"] == "Action.Submit" && v["title"] == title && found == nil {
				found = v
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
	walk(card)
	return found
}
