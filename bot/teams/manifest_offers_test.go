package teams

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

// The compose box offers only commands the bot has, at most the ten a
// Teams command list takes, and among them those a team needs to find.
func TestTheCommandsOfferedInTeamsAreTheBots(t *testing.T) {
	var m manifest
	if err := json.Unmarshal(packageManifest(t, branded), &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Bots) != 1 || len(m.Bots[0].CommandLists) != 1 {
		t.Fatalf("bots %+v, want one bot with one command list", m.Bots)
	}
	has := map[string]bool{}
	for _, c := range bot.Commands() {
		has[c.Name] = true
	}
	var offered []string
	for _, c := range m.Bots[0].CommandLists[0].Commands {
		if !has[c.Title] {
			t.Errorf("Teams offers %q, which is not a command of the bot", c.Title)
		}
		if slices.Contains(offered, c.Title) {
			t.Errorf("Teams offers %q twice", c.Title)
		}
		offered = append(offered, c.Title)
	}
	if len(offered) > 10 {
		t.Errorf("Teams offers %d commands; a command list takes at most 10", len(offered))
	}
	for _, want := range []string{"help", "ask", "project", "checklist", "status", "mark", "report", "standup", "settings"} {
		if !slices.Contains(offered, want) {
			t.Errorf("Teams does not offer %q (offers %v)", want, offered)
		}
	}
}

// Teams sends a thread reply that does not mention the bot only to an
// app with this consent, and the bot answers such replies where a
// channel chose replies threads (TestThreadRepliesWhereTheChannelChoseThem),
// so the manifest asks for it, in the form manifests from 1.12 take.
func TestTheManifestAsksToReadTheChannelsMessages(t *testing.T) {
	var m manifest
	if err := json.Unmarshal(packageManifest(t, branded), &m); err != nil {
		t.Fatal(err)
	}
	major, minor, _ := strings.Cut(m.ManifestVersion, ".")
	if n, _ := strconv.Atoi(minor); major != "1" || n < 12 {
		t.Errorf("manifestVersion %s: resource-specific permissions in authorization need 1.12 or later", m.ManifestVersion)
	}
	rsc := m.Authorization.Permissions.ResourceSpecific
	if len(rsc) != 1 || rsc[0].Name != "ChannelMessage.Read.Group" || rsc[0].Type != "Application" {
		t.Errorf("resource-specific permissions %+v, want ChannelMessage.Read.Group (Application) alone", rsc)
	}
	if w := m.WebApplicationInfo; w.ID != testAppID || w.Resource == "" {
		t.Errorf("webApplicationInfo %+v, want the app id and a resource, which the consent needs", w)
	}
}
