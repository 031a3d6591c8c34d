package slack

import (
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestManifestMatchesTheAdapter keeps deploy/slack-app-manifest.yaml in
// step with what the adapter serves and handles.
func TestManifestMatchesTheAdapter(t *testing.T) {
	b, err := os.ReadFile("../../deploy/slack-app-manifest.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Features struct {
			AppHome struct {
				Home     bool `yaml:"home_tab_enabled"`
				Messages bool `yaml:"messages_tab_enabled"`
			} `yaml:"app_home"`
			BotUser struct {
				Name string `yaml:"display_name"`
			} `yaml:"bot_user"`
			Commands []struct {
				Command, URL string
				Hint         string `yaml:"usage_hint"`
			} `yaml:"slash_commands"`
		}
		OAuth struct {
			Redirects []string `yaml:"redirect_urls"`
			Scopes    struct{ Bot, User []string }
		} `yaml:"oauth_config"`
		Settings struct {
			Events struct {
				URL    string   `yaml:"request_url"`
				Events []string `yaml:"bot_events"`
			} `yaml:"event_subscriptions"`
			Interactivity struct {
				Enabled bool   `yaml:"is_enabled"`
				URL     string `yaml:"request_url"`
			}
			SocketMode *bool `yaml:"socket_mode_enabled"`
		}
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	const url = "https://YOUR-HOST/slack/events"
	if len(m.Features.Commands) != 1 || m.Features.Commands[0].Command != "/standard" || m.Features.Commands[0].URL != url || m.Features.Commands[0].Hint == "" {
		t.Errorf("slash commands = %+v", m.Features.Commands)
	}
	if m.Settings.Events.URL != url || m.Settings.Interactivity.URL != url || !m.Settings.Interactivity.Enabled {
		t.Errorf("request URLs = %q, %q", m.Settings.Events.URL, m.Settings.Interactivity.URL)
	}
	for _, e := range []string{"app_mention", "message.im", "message.channels", "message.groups", "app_home_opened"} {
		if !slices.Contains(m.Settings.Events.Events, e) {
			t.Errorf("event %s not subscribed", e)
		}
	}
	// Exactly the scopes the adapter uses: a workspace admin grants what
	// the manifest asks for, so an unused one is a needless grant.
	used := map[string]string{
		"app_mentions:read": "app_mention events",
		"chat:write":        "chat.postMessage, chat.postEphemeral, chat.update",
		"commands":          "the /standard slash command",
		"im:history":        "message.im events",
		"channels:history":  "message.channels events: thread replies where a channel chose replies threads",
		"groups:history":    "message.groups events: the same in private channels",
		"channels:read":     "users.conversations for the App Home (public channels), conversations.info for the web pages",
		"groups:read":       "users.conversations for the App Home (private channels), conversations.members for the web pages",
		"im:read":           "conversations.info and conversations.members of a direct message, for the web pages",
		"im:write":          "conversations.open, to ask stand-up members in a direct message",
		"mpim:read":         "conversations.info and conversations.members of a group direct message, for the web pages",
		"users:read":        "users.info for names in a project's history and people's time zones",
		"reactions:write":   "reactions.add and reactions.remove for the working mark",
	}
	for s, why := range used {
		if !slices.Contains(m.OAuth.Scopes.Bot, s) {
			t.Errorf("scope %s missing (needed for %s)", s, why)
		}
	}
	if !slices.Equal(DefaultScopes, m.OAuth.Scopes.Bot) {
		t.Errorf("Add to Slack asks for %v, the manifest %v", DefaultScopes, m.OAuth.Scopes.Bot)
	}
	for _, s := range m.OAuth.Scopes.Bot {
		if _, ok := used[s]; !ok {
			t.Errorf("scope %s is asked for but nothing uses it", s)
		}
	}
	// Sign in with Slack, for the web pages: OpenID Connect's user scopes
	// and the callback the web pages serve.
	// and Add to Slack's redirect, which installs ask for the same bot scopes.
	if !slices.Equal(m.OAuth.Scopes.User, []string{"openid", "profile"}) || !slices.Equal(m.OAuth.Redirects, []string{"https://YOUR-HOST/signin/" + Platform + "/callback", "https://YOUR-HOST/slack/oauth_redirect"}) {
		t.Errorf("sign-in: user scopes %v, redirect URLs %v", m.OAuth.Scopes.User, m.OAuth.Redirects)
	}
	if !m.Features.AppHome.Home || !m.Features.AppHome.Messages || m.Features.BotUser.Name != "standardbot" {
		t.Errorf("app home / bot user = %+v, %+v", m.Features.AppHome, m.Features.BotUser)
	}
	if m.Settings.SocketMode == nil || *m.Settings.SocketMode {
		t.Errorf("socket_mode_enabled should be present and false")
	}
}
