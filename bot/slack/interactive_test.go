package slack

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// button is one button found in a posted message.
type button struct {
	ActionID string `json:"action_id"`
	Value    string `json:"value"`
	Style    string `json:"style"`
	Text     struct {
		Text string `json:"text"`
	} `json:"text"`
}

// buttonsOf lists the buttons of a message's blocks.
func buttonsOf(t *testing.T, blocksJSON string) []button {
	t.Helper()
	var blocks []struct {
		Type     string          `json:"type"`
		Elements json.RawMessage `json:"elements"`
	}
	if err := json.Unmarshal([]byte(blocksJSON), &blocks); err != nil {
		t.Fatalf("blocks: %v\n%s", err, blocksJSON)
	}
	var out []button
	for _, b := range blocks {
		if b.Type != "actions" {
			continue
		}
		var els []button
		if err := json.Unmarshal(b.Elements, &els); err != nil {
			t.Fatalf("actions: %v", err)
		}
		out = append(out, els...)
	}
	return out
}

func findButton(t *testing.T, bs []button, label string) button {
	t.Helper()
	for _, b := range bs {
		if b.Text.Text == label {
			return b
		}
	}
	t.Fatalf("no %q button among %+v", label, bs)
	return button{}
}

// walkThread is the thread the walk tests talk in.
const walkThread = "1700000100.000100"

// startWalk creates project X in C1 and starts the checklist walk in a
// thread, as a person would with two mentions; it returns the posted walk
// step.
func startWalk(t *testing.T, h *harness) call {
	t.Helper()
	h.event(callback("EvProject", mention("UALICE", "C1", walkThread, "", "<@UBOT> project new X")))
	h.settle()
	h.event(callback("EvChecklist", mention("UALICE", "C1", "1700000100.000200", walkThread, "<@UBOT> checklist")))
	h.settle()
	posts := h.fake.of("chat.postMessage")
	step := posts[len(posts)-1]
	if !strings.Contains(step.blocksJSON(), `"actions"`) {
		t.Fatalf("the walk step has no buttons: %s", step.blocksJSON())
	}
	return step
}

// press is the block_actions payload of pressing b on the posted message.
func press(h *harness, msg call, b button, user string) map[string]any {
	var blocks []any
	_ = json.Unmarshal([]byte(msg.blocksJSON()), &blocks)
	ts := msg.TS
	thread := msg.Form.Get("thread_ts")
	return map[string]any{
		"type": "block_actions", "trigger_id": "trigger-1", "response_url": h.fake.url() + "respond/press",
		"user":      map[string]any{"id": user, "username": "alice", "team_id": testTeam},
		"team":      map[string]any{"id": testTeam, "domain": "test"},
		"channel":   map[string]any{"id": msg.Form.Get("channel"), "name": "project-x"},
		"container": map[string]any{"type": "message", "message_ts": ts, "channel_id": msg.Form.Get("channel"), "is_ephemeral": false, "thread_ts": thread},
		"message":   map[string]any{"type": "message", "ts": ts, "thread_ts": thread, "text": msg.Form.Get("text"), "blocks": blocks, "user": botUser, "bot_id": "BBOT"},
		"actions": []any{map[string]any{
			"type": "button", "action_id": b.ActionID, "block_id": "b1", "value": b.Value,
			"text": map[string]any{"type": "plain_text", "text": b.Text.Text}, "action_ts": "1700000200.000001",
		}},
	}
}

func projectStates(t *testing.T, h *harness) map[int]checklist.PointState {
	t.Helper()
	ctx := context.Background()
	p, err := h.store.ProjectByChannel(ctx, checklist.Binding{Platform: "slack", Team: testTeam, Channel: "C1"})
	if err != nil {
		t.Fatalf("project of C1: %v", err)
	}
	states, err := h.store.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int]checklist.PointState{}
	for _, s := range states {
		out[s.Point] = s
	}
	return out
}

func TestButtonPressMarksThePointAndUpdatesTheMessage(t *testing.T) {
	tests := []struct {
		label      string
		wantStatus checklist.Status
		wantLine   string
	}{
		{"Met", checklist.Met, "marked point 1 met"},
		{"Not met", checklist.NotMet, "marked point 1 not-met"},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			h := newRealHarness(t)
			step := startWalk(t, h)
			before := len(h.fake.of("chat.postMessage"))
			b := findButton(t, buttonsOf(t, step.blocksJSON()), tt.label)
			if !strings.HasPrefix(b.ActionID, actionPlain) || b.Value != "mark 1 "+string(tt.wantStatus) {
				t.Fatalf("button = %+v", b)
			}
			h.interact(press(h, step, b, "UALICE"))
			h.settle()

			if got := projectStates(t, h)[1].Status; got != tt.wantStatus {
				t.Errorf("stored status of point 1 = %q, want %q", got, tt.wantStatus)
			}
			updates := h.fake.of("chat.update")
			if len(updates) != 1 {
				t.Fatalf("%d chat.update calls, want 1", len(updates))
			}
			u := updates[0]
			if u.Form.Get("channel") != "C1" || u.Form.Get("ts") != step.TS {
				t.Errorf("updated %s/%s, want C1/%s", u.Form.Get("channel"), u.Form.Get("ts"), step.TS)
			}
			if strings.Contains(u.blocksJSON(), `"actions"`) || !strings.Contains(u.text(), "✅ <@UALICE> "+tt.wantLine) {
				t.Errorf("updated message should lose its buttons and say %q:\n%s", tt.wantLine, u.blocksJSON())
			}
			posts := h.fake.of("chat.postMessage")[before:]
			if len(posts) != 2 {
				t.Fatalf("%d posts after the press, want the confirmation and the next step", len(posts))
			}
			for _, p := range posts {
				if p.Form.Get("thread_ts") != walkThread {
					t.Errorf("reply posted to thread %q, want %q", p.Form.Get("thread_ts"), walkThread)
				}
			}
			if !strings.Contains(posts[1].text(), "point 2") {
				t.Errorf("next step is not point 2:\n%s", posts[1].blocksJSON())
			}
		})
	}
}

func TestNoteButtonOpensAModalAndStoresTheNote(t *testing.T) {
	h := newRealHarness(t)
	step := startWalk(t, h)
	b := findButton(t, buttonsOf(t, step.blocksJSON()), "Add note")
	if !strings.HasPrefix(b.ActionID, actionNote) || b.Value != "note 1" {
		t.Fatalf("note button = %+v", b)
	}
	h.interact(press(h, step, b, "UALICE"))
	h.settle()

	opens := h.fake.of("views.open")
	if len(opens) != 1 {
		t.Fatalf("%d views.open calls, want 1", len(opens))
	}
	if opens[0].JSON["trigger_id"] != "trigger-1" {
		t.Errorf("trigger_id = %v", opens[0].JSON["trigger_id"])
	}
	view, _ := opens[0].JSON["view"].(map[string]any)
	meta, _ := view["private_metadata"].(string)
	if view["callback_id"] != noteCallback || !strings.Contains(meta, `"note 1"`) || !strings.Contains(view["type"].(string), "modal") {
		t.Fatalf("modal = %v", view)
	}
	if n := len(h.fake.of("chat.update")); n != 0 {
		t.Errorf("the message was updated before the note was given")
	}

	before := len(h.fake.of("chat.postMessage"))
	h.interact(map[string]any{
		"type": "view_submission", "trigger_id": "trigger-2",
		"user": map[string]any{"id": "UALICE", "team_id": testTeam}, "team": map[string]any{"id": testTeam},
		"view": map[string]any{
			"id": "V1", "type": "modal", "callback_id": noteCallback, "private_metadata": meta,
			"state": map[string]any{"values": map[string]any{noteBlockID: map[string]any{noteActionID: map[string]any{
				"type": "plain_text_input", "value": "Tested with two screen reader users",
			}}}},
		},
	})
	h.settle()
	notes := projectStates(t, h)[1].Notes
	if len(notes) != 1 || notes[0].Text != "Tested with two screen reader users" {
		t.Fatalf("notes of point 1 = %+v", notes)
	}
	if notes[0].By != "Name of UALICE" {
		t.Errorf("note by %q, want the person's display name", notes[0].By)
	}
	posts := h.fake.of("chat.postMessage")[before:]
	if len(posts) != 1 || posts[0].Form.Get("thread_ts") != walkThread || posts[0].Form.Get("channel") != "C1" {
		t.Fatalf("confirmation posts = %+v", posts)
	}
}

func TestFeedbackButtonAnswersPrivatelyAndLeavesTheAnswer(t *testing.T) {
	h := newRealHarness(t)
	h.event(callback("EvQ", mention("UALICE", "C1", "1700000300.000100", "", "<@UBOT> how do we make our service accessible?")))
	answer := h.fake.waitFor(t, "chat.postMessage", 1)[0]
	h.settle()
	b := findButton(t, buttonsOf(t, answer.blocksJSON()), "👍 Helpful")
	if !strings.HasPrefix(b.ActionID, actionQuiet) {
		t.Fatalf("feedback button = %+v", b)
	}
	h.interact(press(h, answer, b, "UBOB"))
	h.settle()
	if n := len(h.fake.of("chat.update")); n != 0 {
		t.Errorf("the answer was updated")
	}
	eph := h.fake.of("chat.postEphemeral")
	if len(eph) != 1 || eph[0].Form.Get("user") != "UBOB" {
		t.Fatalf("ephemeral thanks = %+v", eph)
	}
	ref := strings.Fields(b.Value)[2]
	fb, err := h.store.RecentFeedback(context.Background(), time.Time{}, 10)
	if err != nil || len(fb) != 1 || fb[0].Ref != ref || !fb[0].Helpful || fb[0].User != "UBOB" {
		t.Errorf("stored feedback = %+v, %v; want UBOB's helpful on %s", fb, err, ref)
	}
}

func TestButtonInAChannelWithoutTheBotAnswersThroughResponseURL(t *testing.T) {
	core := &stubCore{}
	h := newHarness(t, core, newClaims(t), nil)
	notInChannel := reply{code: 200, header: map[string]string{"Content-Type": "application/json"}, body: `{"ok":false,"error":"not_in_channel"}`}
	h.fake.script("chat.update", reply{code: 200, header: map[string]string{"Content-Type": "application/json"}, body: `{"ok":false,"error":"cant_update_message"}`})
	h.fake.script("chat.postMessage", notInChannel)
	// A walk step /standard posted in the channel through its response_url.
	step := call{Method: "response_url", TS: "1700000600.000100", Form: map[string][]string{
		"channel": {"C7"}, "text": {"point 1"},
		"blocks": {`[{"type":"section","text":{"type":"mrkdwn","text":"point 1"}},{"type":"actions","elements":[{"type":"button","action_id":"sb_act_0","value":"mark 1 met","text":{"type":"plain_text","text":"Met"}}]}]`},
	}}
	h.interact(press(h, step, button{ActionID: "sb_act_0", Value: "mark 1 met", Text: struct {
		Text string `json:"text"`
	}{"Met"}}, "UALICE"))
	h.settle()

	if msgs := core.messages(); len(msgs) != 1 || msgs[0].Action == nil || msgs[0].Action.Command != "mark 1 met" || msgs[0].Action.Ref != step.TS {
		t.Fatalf("core got %+v", msgs)
	}
	responses := h.fake.of("response_url")
	if len(responses) != 2 {
		t.Fatalf("%d response_url calls, want the replaced message and the reply", len(responses))
	}
	if responses[0].JSON["replace_original"] != true || strings.Contains(responses[0].blocksJSON(), `"actions"`) {
		t.Errorf("first response should replace the message without its buttons: %v", responses[0].JSON)
	}
	if responses[1].JSON["response_type"] != "in_channel" || !strings.Contains(responses[1].text(), "you said") {
		t.Errorf("second response should carry the reply to the channel: %v", responses[1].JSON)
	}
}
