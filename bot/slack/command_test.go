package slack

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestASlashCommandIsAcknowledgedBeforeItsWork: the work waits for a
// gate, so an acknowledgement that waited for it would never come (Slack
// wants it within 3 s whatever the work); the bound only keeps the test
// from hanging, and no stopwatch depends on the machine's speed.
func TestASlashCommandIsAcknowledgedBeforeItsWork(t *testing.T) {
	core := &stubCore{gate: make(chan struct{})}
	h := newHarness(t, core, newClaims(t), nil)
	acked := make(chan *httptest.ResponseRecorder, 1)
	go func() {
		acked <- h.form(url.Values{
			"command": {"/standard"}, "text": {"status"}, "team_id": {testTeam}, "channel_id": {"C1"},
			"user_id": {"UALICE"}, "user_name": {"alice"}, "trigger_id": {"trigger-9"},
			"response_url": {h.fake.url() + "respond/cmd-1"},
		})
	}()
	select {
	case rec := <-acked:
		if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Errorf("acknowledgement: status %d, body %q; want an empty 200", rec.Code, rec.Body.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("the acknowledgement waited for the work")
	}
	close(core.gate)
	h.settle()
	if got := h.fake.of("response_url"); len(got) != 1 {
		t.Errorf("%d responses after the work, want 1", len(got))
	}
}

func TestSlashCommandIsAcknowledgedAndAnsweredThroughResponseURL(t *testing.T) {
	tests := []struct {
		name, text   string
		wantType     string
		wantContains string
	}{
		{"help is only for the asker", "help", "ephemeral", "checklist"},
		{"no text is help", "", "ephemeral", "checklist"},
		{"an answer is for the channel", "how do we make our service accessible?", "in_channel", "point 5"},
		{"an error is only for the asker", "status", "ephemeral", "project new"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newRealHarness(t)
			rec := h.form(url.Values{
				"command": {"/standard"}, "text": {tt.text}, "team_id": {testTeam}, "channel_id": {"C1"},
				"user_id": {"UALICE"}, "user_name": {"alice"}, "trigger_id": {"trigger-9"},
				"response_url": {h.fake.url() + "respond/cmd-1"},
			})
			if rec.Code != http.StatusOK || rec.Body.Len() != 0 {
				t.Errorf("acknowledgement: status %d, body %q; want an empty 200", rec.Code, rec.Body.String())
			}
			got := h.fake.waitFor(t, "response_url", 1)
			h.settle()
			if len(got) != 1 {
				t.Fatalf("%d responses, want 1", len(got))
			}
			if rt := got[0].JSON["response_type"]; rt != tt.wantType {
				t.Errorf("response_type = %v, want %s", rt, tt.wantType)
			}
			if !strings.Contains(got[0].text(), tt.wantContains) {
				t.Errorf("response lacks %q:\n%s", tt.wantContains, got[0].text())
			}
			if txt, _ := got[0].JSON["text"].(string); txt == "" {
				t.Errorf("response has no fallback text")
			}
			if n := len(h.fake.of("chat.postMessage")); n != 0 {
				t.Errorf("%d chat.postMessage calls; a slash command is answered through its response_url", n)
			}
		})
	}
}
