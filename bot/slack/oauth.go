package slack

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/seal"
)

// InstallConfig is what "Add to Slack" installs (OAuth v2) need: the
// app's credentials (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET), where Slack
// sends people back, and the secret tokens are sealed and states signed
// with.
type InstallConfig struct {
	ClientID, ClientSecret string
	// RedirectURL is the public address of /slack/oauth_redirect, as the
	// app's manifest lists it.
	RedirectURL string
	// Secret (STANDARDBOT_TOKEN_KEY, else STANDARDBOT_SECRET) derives the
	// keys that seal tokens at rest and sign the install state.
	Secret string
	// Scopes are the bot scopes asked for; nil is DefaultScopes.
	Scopes []string
	// APIURL is the Web API base URL; "" is Slack's own.
	APIURL string
	// AuthorizeURL is Slack's consent page; "" is Slack's own.
	AuthorizeURL string
	// HTTPClient makes the calls to Slack; nil is one with timeouts.
	HTTPClient *http.Client
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Log receives the installer's logs (never a token); nil is slog.Default().
	Log *slog.Logger
	// Retention (STANDARDBOT_UNINSTALL_RETENTION) is how long a
	// workspace's data is kept after the app is uninstalled there; 0 is
	// DefaultRetention.
	Retention time.Duration
}

// DefaultRetention is how long a workspace's data is kept after an
// uninstall, for a reinstall to find it: 30 days.
const DefaultRetention = 30 * 24 * time.Hour

// DefaultScopes are the bot scopes the manifest asks for, in its order.
var DefaultScopes = []string{"app_mentions:read", "chat:write", "commands", "im:history", "channels:history", "groups:history", "channels:read",
	"groups:read", "im:read", "im:write", "mpim:read", "users:read", "reactions:write"}

// stateTTL is how long an install's state stays good.
const stateTTL = 10 * time.Minute

// Installer runs "Add to Slack" and keeps each workspace's token, sealed.
// It is the adapter's token source in multi-workspace mode.
type Installer struct {
	cfg    InstallConfig
	store  checklist.Installations
	claims checklist.Claimer
	state  *seal.Signer
	tokens *seal.Sealer
	log    *slog.Logger
	// orgs are the workspaces whose organisation this process has
	// recorded in the store (team -> enterprise): once each is enough.
	orgs sync.Map
}

// NewInstaller checks cfg and returns an Installer keeping installs in
// store; claims makes each state single-use across replicas.
func NewInstaller(cfg InstallConfig, store checklist.Installations, claims checklist.Claimer) (*Installer, error) {
	switch {
	case cfg.ClientID == "" || cfg.ClientSecret == "":
		return nil, errors.New("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are both needed for Add to Slack installs (the app's Basic Information page)")
	case !strings.HasPrefix(cfg.RedirectURL, "https://") && !strings.HasPrefix(cfg.RedirectURL, "http://"):
		return nil, errors.New("the Add to Slack install needs STANDARDBOT_PUBLIC_URL, for the redirect URL Slack sends people back to (/slack/oauth_redirect)")
	case store == nil || claims == nil:
		return nil, errors.New("slack installer: store and claims are required")
	}
	state, err := seal.NewSigner(cfg.Secret, "slack oauth state", stateTTL)
	if err != nil {
		return nil, err
	}
	tokens, err := seal.NewSealer(cfg.Secret, "slack tokens")
	if err != nil {
		return nil, err
	}
	if cfg.Scopes == nil {
		cfg.Scopes = DefaultScopes
	}
	if cfg.AuthorizeURL == "" {
		cfg.AuthorizeURL = "https://slack.com/oauth/v2/authorize"
	}
	if cfg.APIURL == "" {
		cfg.APIURL = slack.APIURL
	} else if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Retention <= 0 {
		cfg.Retention = DefaultRetention
	}
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	return &Installer{cfg: cfg, store: store, claims: claims, state: state, tokens: tokens,
		log: log.With("adapter", "slack", "part", "install")}, nil
}

// Routes adds GET /slack/install and GET /slack/oauth_redirect.
func (i *Installer) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /slack/install", i.serveInstall)
	mux.HandleFunc("GET /slack/oauth_redirect", i.serveRedirect)
}

var installPage = template.Must(template.New("install").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} – standardbot</title>
<style>
body { font-family: system-ui, sans-serif; font-size: 1.1875rem; line-height: 1.5; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; }
a { color: #1d70b8; } a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
.button { display: inline-block; padding: .5rem 1rem; background: #00703c; color: #fff; text-decoration: none; font-weight: bold; }
.button:focus { color: #0b0c0c; }
</style>
</head>
<body>
<main>
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
{{if .Link}}<p><a class="button" href="{{.Link}}">{{.LinkText}}</a></p>{{end}}
</main>
</body>
</html>
`))

type page struct{ Title, Text, Link, LinkText string }

func (i *Installer) render(w http.ResponseWriter, status int, p page) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	if err := installPage.Execute(w, p); err != nil {
		i.log.Warn("install page", "err", err)
	}
}

// serveInstall shows the "Add to Slack" page, its link carrying a new
// signed state.
func (i *Installer) serveInstall(w http.ResponseWriter, r *http.Request) {
	q := url.Values{
		"client_id":    {i.cfg.ClientID},
		"scope":        {strings.Join(i.cfg.Scopes, ",")},
		"redirect_uri": {i.cfg.RedirectURL},
		"state":        {i.state.Issue(i.cfg.Now())},
	}
	i.render(w, http.StatusOK, page{Title: "Add standardbot to Slack",
		Text:     "Slack will ask you to choose a workspace and allow the bot in. The link works for 10 minutes, once.",
		Link:     i.cfg.AuthorizeURL + "?" + q.Encode(),
		LinkText: "Add to Slack"})
}

// serveRedirect completes an install: it checks the state (signed, not
// expired, not used before), exchanges the code and keeps the token.
func (i *Installer) serveRedirect(w http.ResponseWriter, r *http.Request) {
	again := page{Link: "/slack/install", LinkText: "Start again"}
	q := r.URL.Query()
	nonce, err := i.state.Check(q.Get("state"), i.cfg.Now())
	if err != nil {
		again.Title, again.Text = "This install link is not valid", "It has expired, or did not come from this bot's install page. Start again from the install page."
		i.render(w, http.StatusBadRequest, again)
		return
	}
	first, err := i.claims.Claim(r.Context(), "slack:oauth-state:"+nonce, i.cfg.Now())
	if err != nil {
		i.log.Error("claim install state", "err", err)
		again.Title, again.Text = "The install could not be finished", "Something went wrong on our side. Try again in a minute."
		i.render(w, http.StatusServiceUnavailable, again)
		return
	}
	if !first {
		again.Title, again.Text = "This install link has been used", "Each install link works once. Start again from the install page."
		i.render(w, http.StatusBadRequest, again)
		return
	}
	if e := q.Get("error"); e != "" || q.Get("code") == "" {
		again.Title, again.Text = "The bot was not added", "Slack did not give permission (you may have cancelled). Start again if you meant to add it."
		i.render(w, http.StatusBadRequest, again)
		return
	}
	in, err := i.exchange(r.Context(), q.Get("code"))
	if err != nil {
		i.log.Error("finish install", "err", err)
		again.Title, again.Text = "The install could not be finished", "Slack did not accept the install. Start again from the install page."
		i.render(w, http.StatusBadGateway, again)
		return
	}
	where := in.Team
	if in.OrgWide {
		where = in.Enterprise
	}
	i.log.Info("installed", "team", in.Team, "enterprise", in.Enterprise, "org_wide", in.OrgWide)
	i.render(w, http.StatusOK, page{Title: "standardbot is installed",
		Text: fmt.Sprintf("The bot is in workspace %s. Invite it to a channel (/invite @standardbot) and type help.", where)})
}

// exchange trades code for the install's tokens (oauth.v2.access),
// checks the token works (auth.test) and keeps the install, sealed.
func (i *Installer) exchange(ctx context.Context, code string) (*checklist.Installation, error) {
	resp, err := slack.GetOAuthV2ResponseContext(ctx, i.cfg.HTTPClient, i.cfg.ClientID, i.cfg.ClientSecret, code,
		i.cfg.RedirectURL, slack.OAuthOptionAPIURL(i.cfg.APIURL))
	if err != nil {
		return nil, fmt.Errorf("oauth.v2.access: %w", err)
	}
	if resp.TokenType != "" && resp.TokenType != "bot" || !strings.HasPrefix(resp.AccessToken, "xoxb-") && !strings.HasPrefix(resp.AccessToken, "xoxe.xoxb-") {
		return nil, errors.New("oauth.v2.access gave no bot token: does the app ask for bot scopes?")
	}
	if _, err := slack.New(resp.AccessToken, slack.OptionAPIURL(i.cfg.APIURL), slack.OptionHTTPClient(i.cfg.HTTPClient)).AuthTestContext(ctx); err != nil {
		return nil, fmt.Errorf("auth.test with the new token: %w", err)
	}
	in := &checklist.Installation{Enterprise: resp.Enterprise.ID, Team: resp.Team.ID, OrgWide: resp.IsEnterpriseInstall,
		AppID: resp.AppID, BotUserID: resp.BotUserID, Scope: resp.Scope, InstalledBy: resp.AuthedUser.ID}
	i.seal(in, resp)
	if err := i.store.SaveInstallation(ctx, in); err != nil {
		return nil, fmt.Errorf("save installation: %w", err)
	}
	if !in.OrgWide {
		// Installed again within the retention period: its data stays.
		if err := i.store.CancelPurge(ctx, Platform, in.Team); err != nil {
			return nil, fmt.Errorf("keep a reinstalled workspace's data: %w", err)
		}
	}
	return in, nil
}

// seal puts resp's tokens, sealed for in's workspace, into in.
func (i *Installer) seal(in *checklist.Installation, resp *slack.OAuthV2Response) {
	ctx := sealContext(in)
	in.BotToken, in.RefreshToken = i.tokens.Seal(resp.AccessToken, ctx), i.tokens.Seal(resp.RefreshToken, ctx)
	in.ExpiresAt = time.Time{}
	if resp.ExpiresIn > 0 && resp.RefreshToken != "" {
		in.ExpiresAt = i.cfg.Now().Add(time.Duration(resp.ExpiresIn) * time.Second).UTC()
	}
}

// sealContext binds a sealed token to its install, so a token copied
// to another workspace's row does not open.
func sealContext(in *checklist.Installation) string {
	enterprise, team := in.InstallationKey()
	return "slack:" + enterprise + ":" + team
}

// Token returns the bot token serving team of enterprise, opened;
// checklist.ENOTFOUND when the bot is not installed there. Given both
// (an event said them), it records team's organisation in the store: a
// later call without it, as a stand-up sent after a restart makes, finds
// the organisation-wide install still.
func (i *Installer) Token(ctx context.Context, enterprise, team string) (string, error) {
	in, err := i.store.Installation(ctx, enterprise, team)
	if err != nil {
		return "", err
	}
	i.recordOrg(ctx, enterprise, team)
	tok, err := i.tokens.Open(in.BotToken, sealContext(in))
	if err != nil {
		return "", fmt.Errorf("slack token of %s: %w", team, err)
	}
	return tok, nil
}

// recordOrg records that team belongs to enterprise, once a process
// (again if it changes). A failure is logged and tried again next call:
// the token in hand is good either way.
func (i *Installer) recordOrg(ctx context.Context, enterprise, team string) {
	if enterprise == "" || team == "" {
		return
	}
	if e, ok := i.orgs.Load(team); ok && e.(string) == enterprise {
		return
	}
	if err := i.store.SaveWorkspaceOrganisation(ctx, enterprise, team); err != nil {
		i.log.Warn("record a workspace's organisation", "team", team, "enterprise", enterprise, "err", err)
		return
	}
	i.orgs.Store(team, enterprise)
}

// Uninstall deletes the install serving team of enterprise, with its
// tokens, at once, and schedules the deletion of team's data after the
// retention period. An install already gone is not an error.
func (i *Installer) Uninstall(ctx context.Context, enterprise, team string) error {
	in, err := i.store.Installation(ctx, enterprise, team)
	if err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
		return fmt.Errorf("uninstall: %w", err)
	}
	if err == nil {
		e, t := in.InstallationKey()
		if err := i.store.DeleteInstallation(ctx, e, t); err != nil {
			return fmt.Errorf("uninstall: %w", err)
		}
	}
	if team != "" {
		if err := i.store.SchedulePurge(ctx, Platform, team, i.cfg.Now().Add(i.cfg.Retention)); err != nil {
			return fmt.Errorf("uninstall: schedule the deletion of the workspace's data: %w", err)
		}
	}
	return nil
}

// PurgeDue deletes the data of every workspace whose retention period
// after an uninstall has run out. Any replica may do it: a purge done
// twice deletes nothing more.
func (i *Installer) PurgeDue(ctx context.Context) error {
	due, err := i.store.DuePurges(ctx, i.cfg.Now(), 100)
	if err != nil {
		return fmt.Errorf("workspace purge: %w", err)
	}
	var errs []error
	for _, b := range due {
		if err := i.store.PurgeWorkspace(ctx, b.Platform, b.Team); err != nil {
			errs = append(errs, fmt.Errorf("workspace purge of %s: %w", b.Team, err))
			continue
		}
		i.log.Info("uninstalled workspace's data deleted", "team", b.Team)
	}
	return errors.Join(errs...)
}

// RefreshAhead is how long before its token expires an install with
// token rotation is refreshed; Slack's rotating tokens last 12 hours.
const RefreshAhead = 30 * time.Minute

// RefreshDue refreshes (oauth.v2.access, grant_type=refresh_token) the
// token of every install whose token expires within RefreshAhead, each
// once across every replica sharing the store: the first to claim the
// install's current expiry does it. A refresh that fails gives its claim
// back (when the store can), for the next run to try again.
func (i *Installer) RefreshDue(ctx context.Context) error {
	now := i.cfg.Now()
	due, err := i.store.DueForRefresh(ctx, now.Add(RefreshAhead), 100)
	if err != nil {
		return fmt.Errorf("slack token refresh: %w", err)
	}
	var errs []error
	for _, in := range due {
		e, t := in.InstallationKey()
		key := fmt.Sprintf("slack:token-refresh:%s:%s:%d", e, t, in.ExpiresAt.Unix())
		first, err := i.claims.Claim(ctx, key, now)
		if err != nil || !first {
			errs = append(errs, err)
			continue
		}
		if err := i.refresh(ctx, in); err != nil {
			errs = append(errs, fmt.Errorf("slack token refresh of %s%s: %w", e, t, err))
			if r, ok := i.claims.(interface {
				Release(context.Context, string) error
			}); ok {
				errs = append(errs, r.Release(ctx, key))
			}
		}
	}
	return errors.Join(errs...)
}

// refresh trades in's refresh token for a new token pair and keeps it.
func (i *Installer) refresh(ctx context.Context, in *checklist.Installation) error {
	rt, err := i.tokens.Open(in.RefreshToken, sealContext(in))
	if err != nil {
		return err
	}
	resp, err := slack.RefreshOAuthV2TokenContext(ctx, i.cfg.HTTPClient, i.cfg.ClientID, i.cfg.ClientSecret, rt,
		slack.OAuthOptionAPIURL(i.cfg.APIURL))
	if err != nil {
		return fmt.Errorf("oauth.v2.access: %w", err)
	}
	if resp.AccessToken == "" {
		return errors.New("oauth.v2.access gave no token")
	}
	if resp.RefreshToken == "" {
		resp.RefreshToken = rt
	}
	i.seal(in, resp)
	i.log.Info("slack token refreshed", "team", in.Team, "enterprise", in.Enterprise, "expires_at", in.ExpiresAt)
	return i.store.SaveInstallation(ctx, in)
}
