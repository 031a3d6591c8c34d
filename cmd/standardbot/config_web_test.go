package main

import (
	"strings"
	"testing"
	"time"
)

func TestParseWeb(t *testing.T) {
	secret := strings.Repeat("s", 32)
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
	}{
		{"nothing set: pages off", nil, ""},
		{"a secret and a public URL", map[string]string{"STANDARDBOT_SECRET": secret, "STANDARDBOT_PUBLIC_URL": "https://sb.example.gov.uk/"}, ""},
		{"a short secret", map[string]string{"STANDARDBOT_SECRET": "short"}, "STANDARDBOT_SECRET is 5 characters; it needs at least 32"},
		{"a public URL without a scheme", map[string]string{"STANDARDBOT_PUBLIC_URL": "sb.example.gov.uk"}, "STANDARDBOT_PUBLIC_URL"},
		{"a link lifetime that is not a duration", map[string]string{"STANDARDBOT_LINK_TTL": "7 days"}, "STANDARDBOT_LINK_TTL"},
		{"a client id without its secret", map[string]string{"STANDARDBOT_SECRET": secret, "STANDARDBOT_OIDC_SLACK_CLIENT_ID": "123.456"}, "STANDARDBOT_OIDC_SLACK_CLIENT_ID and STANDARDBOT_OIDC_SLACK_CLIENT_SECRET go together"},
		{"sign-in without the secret", map[string]string{"STANDARDBOT_OIDC_ENTRA_CLIENT_ID": "app", "STANDARDBOT_OIDC_ENTRA_CLIENT_SECRET": "pw", "STANDARDBOT_OIDC_ENTRA_TENANT": "t"}, "STANDARDBOT_SECRET is not"},
		{"Entra without a tenant", map[string]string{"STANDARDBOT_SECRET": secret, "STANDARDBOT_OIDC_ENTRA_CLIENT_ID": "app", "STANDARDBOT_OIDC_ENTRA_CLIENT_SECRET": "pw"}, "STANDARDBOT_OIDC_ENTRA_TENANT"},
		{"Entra's tenant from Teams'", map[string]string{"STANDARDBOT_SECRET": secret, "STANDARDBOT_OIDC_ENTRA_CLIENT_ID": "app", "STANDARDBOT_OIDC_ENTRA_CLIENT_SECRET": "pw", "TEAMS_TENANT_ID": "t"}, ""},
		{"an issuer that is not a URL", map[string]string{"STANDARDBOT_SECRET": secret, "STANDARDBOT_OIDC_SLACK_ISSUER": "slack"}, "STANDARDBOT_OIDC_SLACK_ISSUER"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := func(k, def string) string {
				if v, ok := tc.env[k]; ok {
					return v
				}
				return def
			}
			c, err := parseWeb(env)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			case err != nil && strings.Contains(err.Error(), secret):
				t.Errorf("the error shows the secret: %v", err)
			case tc.wantErr == "" && c.LinkTTL != 7*24*time.Hour:
				t.Errorf("default link lifetime %s, want 7 days", c.LinkTTL)
			}
			if u := c.PublicURL; strings.HasSuffix(u, "/") {
				t.Errorf("public URL %q keeps its trailing slash", u)
			}
		})
	}
	if got := localURL("[::]:3001"); got != "http://localhost:3001" {
		t.Errorf("localURL = %q", got)
	}
}

func TestSlackInstallsConfig(t *testing.T) {
	for _, tc := range []struct {
		name    string
		c       SlackConfig
		install bool
		wantErr string
	}{
		{"a bot token: one workspace", SlackConfig{BotToken: "xoxb-1", SigningSecret: "s", ClientID: "c", ClientSecret: "cs"}, false, ""},
		{"client id and secret: installs", SlackConfig{SigningSecret: "s", ClientID: "c", ClientSecret: "cs", Retention: "720h"}, true, ""},
		{"a retention that is not a duration", SlackConfig{SigningSecret: "s", ClientID: "c", ClientSecret: "cs", Retention: "30 days"}, true, "STANDARDBOT_UNINSTALL_RETENTION"},
		{"no client secret", SlackConfig{SigningSecret: "s", ClientID: "c"}, true, "SLACK_CLIENT_SECRET"},
		{"no signing secret", SlackConfig{ClientID: "c", ClientSecret: "cs"}, true, "SLACK_SIGNING_SECRET"},
		{"Socket Mode", SlackConfig{AppToken: "xapp-1", SigningSecret: "s", ClientID: "c", ClientSecret: "cs"}, true, "SLACK_APP_TOKEN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.c.Installs() != tc.install || !tc.c.Configured() {
				t.Errorf("installs %v, configured %v; want installs %v", tc.c.Installs(), tc.c.Configured(), tc.install)
			}
			err := tc.c.check()
			if (tc.wantErr == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("check: %v, want %q", err, tc.wantErr)
			}
		})
	}
}
