package main

import (
	"log/slog"
	"net"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/slack"
	"github.com/standardbot/standardbot/bot/teams"
	"github.com/standardbot/standardbot/bot/web"
	"github.com/standardbot/standardbot/checklist"
)

// newWeb builds the web pages over the store, asking the adapters built
// (members) who may see a private channel, and makes them the core's
// links for `report` and `portfolio`. Without STANDARDBOT_SECRET the pages
// and links say they are off, and serve says so once.
func newWeb(cfg *Config, addr string, core *bot.Bot, store checklist.Store, members []web.Membership, log *slog.Logger) (*web.Server, error) {
	w := cfg.Web
	public := w.PublicURL
	if public == "" {
		public = localURL(addr)
		if w.Secret != "" {
			log.Warn("STANDARDBOT_PUBLIC_URL is not set: links in chat point at " + public + ", which works only on this machine")
		}
	}
	if w.Secret == "" {
		log.Warn("web pages off: STANDARDBOT_SECRET is not set, so report gives no link and /report, /projects and /portfolio say how to turn them on (see README: Web pages)")
	}
	providers := signInProviders(w)
	for _, p := range providers {
		if !hasMembership(members, p.Platform) {
			log.Warn("sign-in is on but this serve has no adapter for its platform: people signing in with it see no projects (admins see all)", "provider", p.Label)
		}
	}
	s, err := web.New(web.Config{PublicURL: public, Secret: w.Secret, LinkTTL: w.LinkTTL, Admins: cfg.Admins,
		Providers: providers, Members: members, Store: store, Library: core.Library, Now: core.Now, Log: log})
	if err != nil {
		return nil, usageErr("%v", err)
	}
	core.Links = s
	return s, nil
}

// signInProviders are the sign-in providers configured: Slack's and Entra
// ID's, with the issuer each adapter knows unless a test server replaces it.
func signInProviders(w WebConfig) []web.Provider {
	var out []web.Provider
	if c := w.SlackSignIn; c.Configured() {
		out = append(out, web.Provider{Platform: slack.Platform, Label: slack.SignInLabel, Issuer: or(c.Issuer, slack.SignInIssuer),
			ClientID: c.ClientID, ClientSecret: c.ClientSecret, Scopes: slack.SignInScopes, Identity: slack.SignInIdentity})
	}
	if c := w.EntraSignIn; c.Configured() {
		out = append(out, web.Provider{Platform: teams.Platform, Label: teams.SignInLabel, Issuer: or(c.Issuer, teams.SignInIssuer(c.Tenant)),
			ClientID: c.ClientID, ClientSecret: c.ClientSecret, Scopes: teams.SignInScopes, Identity: teams.SignInIdentity})
	}
	return out
}

func hasMembership(ms []web.Membership, platform string) bool {
	for _, m := range ms {
		if m.Platform() == platform {
			return true
		}
	}
	return false
}

// localURL is serve's address as seen from this machine: http://localhost
// and the port it listens on.
func localURL(addr string) string {
	_, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		port = "3000"
	}
	return "http://localhost:" + port
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
