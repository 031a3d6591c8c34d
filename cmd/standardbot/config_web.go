package main

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/standardbot/standardbot/bot/web"
)

// WebConfig is the web pages' configuration. Never log it: it holds the
// secret that signs links and sessions, and the sign-in clients' secrets.
type WebConfig struct {
	// PublicURL (STANDARDBOT_PUBLIC_URL) is where serve is reached from
	// outside; "" is http://localhost and serve's port.
	PublicURL string
	// Secret (STANDARDBOT_SECRET) signs links and cookies; "" turns the
	// pages off.
	Secret string
	// LinkTTL (STANDARDBOT_LINK_TTL) is how long a report's link works.
	LinkTTL time.Duration
	// SlackSignIn and EntraSignIn are the OpenID Connect clients.
	SlackSignIn, EntraSignIn OIDCClient
}

// OIDCClient is an app registered with a sign-in provider.
type OIDCClient struct {
	ClientID, ClientSecret string
	// Issuer replaces the provider's own (for test servers).
	Issuer string
	// Tenant is Entra ID's tenant id.
	Tenant string
}

// Configured says whether sign-in with the provider is on.
func (c OIDCClient) Configured() bool { return c.ClientID != "" }

// parseWeb reads the web pages' variables through env; errors name the
// variable and say what would do.
func parseWeb(env func(k, def string) string) (WebConfig, error) {
	c := WebConfig{
		PublicURL: strings.TrimRight(env("STANDARDBOT_PUBLIC_URL", ""), "/"),
		Secret:    env("STANDARDBOT_SECRET", ""),
		SlackSignIn: OIDCClient{ClientID: env("STANDARDBOT_OIDC_SLACK_CLIENT_ID", ""), ClientSecret: env("STANDARDBOT_OIDC_SLACK_CLIENT_SECRET", ""),
			Issuer: env("STANDARDBOT_OIDC_SLACK_ISSUER", "")},
		EntraSignIn: OIDCClient{ClientID: env("STANDARDBOT_OIDC_ENTRA_CLIENT_ID", ""), ClientSecret: env("STANDARDBOT_OIDC_ENTRA_CLIENT_SECRET", ""),
			Issuer: env("STANDARDBOT_OIDC_ENTRA_ISSUER", ""), Tenant: env("STANDARDBOT_OIDC_ENTRA_TENANT", env("TEAMS_TENANT_ID", ""))},
	}
	var err error
	if c.LinkTTL, err = positiveDuration("STANDARDBOT_LINK_TTL", env("STANDARDBOT_LINK_TTL", web.DefaultLinkTTL.String()), "168h for 7 days"); err != nil {
		return c, err
	}
	if c.PublicURL != "" {
		if u, err := url.Parse(c.PublicURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			return c, fmt.Errorf("STANDARDBOT_PUBLIC_URL=%q is not an http(s) address (try https://standardbot.example.gov.uk)", c.PublicURL)
		}
	}
	if c.Secret != "" && len(c.Secret) < web.MinSecretLength {
		return c, fmt.Errorf("STANDARDBOT_SECRET is %d characters; it needs at least %d (try: openssl rand -hex 32)", len(c.Secret), web.MinSecretLength)
	}
	return c, checkSignIn(c)
}

// checkSignIn refuses a half-configured sign-in provider.
func checkSignIn(c WebConfig) error {
	for _, p := range []struct {
		prefix string // of the variables' names
		c      OIDCClient
	}{{"STANDARDBOT_OIDC_SLACK", c.SlackSignIn}, {"STANDARDBOT_OIDC_ENTRA", c.EntraSignIn}} {
		if p.c.Configured() != (p.c.ClientSecret != "") {
			return fmt.Errorf("%s_CLIENT_ID and %s_CLIENT_SECRET go together: set both, or neither", p.prefix, p.prefix)
		}
		if p.c.Configured() && c.Secret == "" {
			return fmt.Errorf("%s_CLIENT_ID is set but STANDARDBOT_SECRET is not: sign-in needs the secret to sign its cookies (try: openssl rand -hex 32)", p.prefix)
		}
	}
	if c.EntraSignIn.Configured() && c.EntraSignIn.Tenant == "" && c.EntraSignIn.Issuer == "" {
		return fmt.Errorf("STANDARDBOT_OIDC_ENTRA_TENANT is not set (nor TEAMS_TENANT_ID): sign-in with Entra ID needs your tenant's id")
	}
	for name, issuer := range map[string]string{"STANDARDBOT_OIDC_SLACK_ISSUER": c.SlackSignIn.Issuer, "STANDARDBOT_OIDC_ENTRA_ISSUER": c.EntraSignIn.Issuer} {
		if u, err := url.Parse(issuer); issuer != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			return fmt.Errorf("%s=%q is not an http(s) address", name, issuer)
		}
	}
	return nil
}
