package slack

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

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
			start := time.Now()
			rec := h.form(url.Values{
				"command": {"/standard"}, "text": {tt.text}, "team_id": {testTeam}, "channel_id": {"C1"},
				"user_id": {"UALICE"}, "user_name": {"alice"}, "trigger_id": {"trigger-9"},
				"response_url": {h.fake.url() + "respond/cmd-1"},
			})
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("acknowledged after %v, want within 3 s", took)
			}
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
