package main

import (
	"cmp"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/knowledge"
)

// Config is the process configuration, from the environment and a .env
// file in the working directory (the environment wins), then flags.
type Config struct {
	DataDir  string
	Database string
	Sources  []string
	Standard string
	TimeZone string
	// Holidays is the bank holiday division of projects that chose none
	// (STANDARDBOT_HOLIDAYS).
	Holidays    checklist.Division
	HTTPAddr    string
	Tick        time.Duration
	Admins      []string
	Slack       SlackConfig
	Teams       TeamsConfig
	OpenAI      OpenAIConfig
	GovUK       GovUKConfig
	Web         WebConfig
	SourceFlags bool // sources were given with --source, replacing STANDARDBOT_SOURCES
}

// SlackConfig holds the Slack credentials. Never log it.
type SlackConfig struct {
	BotToken, AppToken, SigningSecret, APIURL string
	// ClientID and ClientSecret (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET)
	// turn on Add to Slack installs when SLACK_BOT_TOKEN is not set.
	ClientID, ClientSecret string
	// TokenKey (STANDARDBOT_TOKEN_KEY) seals installs' tokens; "" uses
	// STANDARDBOT_SECRET.
	TokenKey string
	// Retention (STANDARDBOT_UNINSTALL_RETENTION) is how long an
	// uninstalled workspace's data is kept, as a Go duration.
	Retention string
}

// retention is Retention read, with the variable named in its error.
func (s SlackConfig) retention() (time.Duration, error) {
	return positiveDuration("STANDARDBOT_UNINSTALL_RETENTION", s.Retention, "720h (30 days)")
}

// slackConfig reads the Slack variables.
func slackConfig(env func(k, def string) string) SlackConfig {
	return SlackConfig{
		BotToken: env("SLACK_BOT_TOKEN", ""), AppToken: env("SLACK_APP_TOKEN", ""),
		SigningSecret: env("SLACK_SIGNING_SECRET", ""), APIURL: env("SLACK_API_URL", ""),
		ClientID: env("SLACK_CLIENT_ID", ""), ClientSecret: env("SLACK_CLIENT_SECRET", ""), TokenKey: env("STANDARDBOT_TOKEN_KEY", ""),
		Retention: env("STANDARDBOT_UNINSTALL_RETENTION", "720h"),
	}
}

// Configured says whether serve runs the Slack adapter.
func (s SlackConfig) Configured() bool {
	return s.BotToken != "" || s.AppToken != "" || s.SigningSecret != "" || s.Installs()
}

// Installs says whether Slack runs in multi-workspace mode: Add to Slack
// installs, each workspace with its own token. A SLACK_BOT_TOKEN keeps
// the single-workspace mode, the default.
func (s SlackConfig) Installs() bool { return s.BotToken == "" && s.ClientID != "" }

// TeamsConfig holds the Bot Framework credentials. Never log it.
type TeamsConfig struct {
	AppID, AppPassword, TenantID, OpenIDMetadataURL, TokenURL string
	// AllowedTenants (TEAMS_ALLOWED_TENANTS) are the tenant ids served;
	// none is any tenant.
	AllowedTenants []string
	// DeveloperName (TEAMS_DEVELOPER_NAME) and the developer's website,
	// privacy and terms pages (TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL,
	// TEAMS_TERMS_URL) go into the app package teams-package writes.
	DeveloperName, WebsiteURL, PrivacyURL, TermsURL string
}

// Configured says whether serve runs the Teams adapter.
func (t TeamsConfig) Configured() bool { return t.AppID != "" || t.AppPassword != "" }

// OpenAIConfig points at any OpenAI-compatible endpoint. Never log it.
type OpenAIConfig struct {
	APIKey, BaseURL, Model, APIVersion string
	// Timeout bounds a model's answer; after it the answer comes from
	// search alone.
	Timeout time.Duration
}

// Enabled says whether answers go through a language model.
func (o OpenAIConfig) Enabled() bool { return o.APIKey != "" || o.BaseURL != "" }

// loadConfig reads .env (if present) and the environment. A bad value is an
// error naming the variable.
func loadConfig() (*Config, error) {
	if err := godotenv.Load(); err != nil && !os.IsNotExist(err) {
		return nil, fmt.Errorf(".env: %w (fix the file or remove it)", err)
	}
	env := func(k, def string) string {
		if v, ok := os.LookupEnv(k); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
		return def
	}
	c := &Config{
		DataDir:  env("STANDARDBOT_DATA_DIR", "./standardbot-data"),
		Sources:  splitList(env("STANDARDBOT_SOURCES", "")),
		Standard: strings.ToLower(env("STANDARDBOT_STANDARD", "govuk")),
		TimeZone: env("STANDARDBOT_TIMEZONE", "Europe/London"),
		HTTPAddr: env("STANDARDBOT_HTTP_ADDR", ":3000"),
		Admins:   splitList(env("STANDARDBOT_ADMINS", "")),
		Slack:    slackConfig(env),
		Teams:    teamsConfig(env),
		OpenAI: OpenAIConfig{
			APIKey: env("OPENAI_API_KEY", ""), BaseURL: env("OPENAI_BASE_URL", ""), Model: env("OPENAI_MODEL", ""),
			APIVersion: env("OPENAI_API_VERSION", ""),
		},
	}
	c.Database = env("STANDARDBOT_DATABASE", "sqlite:"+filepath.Join(c.DataDir, "standardbot.db"))
	var err error
	if c.Tick, err = positiveDuration("STANDARDBOT_TICK", env("STANDARDBOT_TICK", "1m"), "1m or 30s"); err != nil {
		return nil, err
	}
	if c.OpenAI.Timeout, err = positiveDuration("OPENAI_TIMEOUT", env("OPENAI_TIMEOUT", knowledge.DefaultLLMTimeout.String()), "15s"); err != nil {
		return nil, err
	}
	if c.OpenAI.BaseURL != "" {
		if u, err := url.Parse(c.OpenAI.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("OPENAI_BASE_URL=%q is not an http(s) URL (try http://localhost:11434/v1 for Ollama)", redactURL(c.OpenAI.BaseURL))
		}
	}
	if c.GovUK, err = parseGovUK(env("STANDARDBOT_GOVUK", defaultGovUK), env("STANDARDBOT_GOVUK_URL", govuk.DefaultBaseURL)); err != nil {
		return nil, err
	}
	if c.Web, err = parseWeb(env); err != nil {
		return nil, err
	}
	if err := c.parsePlace(env); err != nil {
		return nil, err
	}
	if !strings.HasPrefix(c.Database, "sqlite:") && !strings.HasPrefix(c.Database, "postgres://") && !strings.HasPrefix(c.Database, "postgresql://") {
		return nil, fmt.Errorf("STANDARDBOT_DATABASE must start with sqlite: or postgres:// (got %s)", redactURL(c.Database))
	}
	if err := cmp.Or(c.Slack.check(), c.Teams.check()); err != nil {
		return nil, err
	}
	return c, nil
}

// teamsConfig reads the TEAMS_ variables.
func teamsConfig(env func(k, def string) string) TeamsConfig {
	return TeamsConfig{
		AppID: env("TEAMS_APP_ID", ""), AppPassword: env("TEAMS_APP_PASSWORD", ""), TenantID: env("TEAMS_TENANT_ID", ""),
		OpenIDMetadataURL: env("TEAMS_OPENID_METADATA_URL", ""), TokenURL: env("TEAMS_TOKEN_URL", ""),
		AllowedTenants: splitList(env("TEAMS_ALLOWED_TENANTS", "")),
		DeveloperName:  env("TEAMS_DEVELOPER_NAME", ""), WebsiteURL: env("TEAMS_WEBSITE_URL", ""),
		PrivacyURL: env("TEAMS_PRIVACY_URL", ""), TermsURL: env("TEAMS_TERMS_URL", ""),
	}
}

// tenantRE is an Entra tenant id, a GUID.
var tenantRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// check refuses an allowed tenant that is not a tenant id, such as a
// domain name, which would refuse every activity.
func (t TeamsConfig) check() error {
	for _, id := range t.AllowedTenants {
		if !tenantRE.MatchString(id) {
			return fmt.Errorf("TEAMS_ALLOWED_TENANTS: %q is not a tenant id (a GUID: Entra admin centre, Overview, Tenant ID)", id)
		}
	}
	return nil
}

// check refuses tokens of the wrong kind, a common mix-up.
func (s SlackConfig) check() error {
	if s.BotToken != "" && !strings.HasPrefix(s.BotToken, "xoxb-") {
		return fmt.Errorf("SLACK_BOT_TOKEN must be a bot token starting xoxb- (see README: Slack)")
	}
	if s.AppToken != "" && !strings.HasPrefix(s.AppToken, "xapp-") {
		return fmt.Errorf("SLACK_APP_TOKEN must be an app-level token starting xapp- (see README: Slack)")
	}
	if s.Installs() && (s.ClientSecret == "" || s.SigningSecret == "" || s.AppToken != "") {
		return fmt.Errorf("SLACK_CLIENT_ID without SLACK_BOT_TOKEN takes Add to Slack installs over HTTP: it needs SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET, and no SLACK_APP_TOKEN (Socket Mode serves one workspace; see README: Slack, many workspaces)")
	}
	if s.Installs() {
		_, err := s.retention()
		return err
	}
	return nil
}

// positiveDuration reads a setting that is a Go duration above zero; the
// error names the variable and suggests an example.
func positiveDuration(name, value, example string) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q is not a positive Go duration (try %s)", name, os.Getenv(name), example)
	}
	return d, nil
}

// splitList splits a comma-separated setting, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// redactURL hides a password in a database URL before it is shown.
func redactURL(s string) string {
	if at := strings.Index(s, "@"); at > 0 {
		if scheme := strings.Index(s, "://"); scheme > 0 && scheme < at {
			userinfo := s[scheme+3 : at]
			if user, _, ok := strings.Cut(userinfo, ":"); ok {
				return s[:scheme+3] + user + ":***" + s[at:]
			}
		}
	}
	return s
}

// parsePlace checks STANDARDBOT_TIMEZONE and reads STANDARDBOT_HOLIDAYS,
// the bank holidays of projects that chose none and whose time zone tells
// none (England and Wales unless set).
func (c *Config) parsePlace(env func(name, def string) string) error {
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("STANDARDBOT_TIMEZONE=%q is not an IANA time zone (try Europe/London)", c.TimeZone)
	}
	h := env("STANDARDBOT_HOLIDAYS", string(checklist.EnglandAndWales))
	d, err := checklist.ParseDivision(h)
	if err != nil {
		return fmt.Errorf("STANDARDBOT_HOLIDAYS=%q is not a bank holiday division (use england-and-wales, scotland or northern-ireland)", h)
	}
	c.Holidays = d
	return nil
}
