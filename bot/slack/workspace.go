package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/slack-go/slack"
)

// TokenSource gives the bot token that serves a workspace (team) of an
// Enterprise Grid organisation (enterprise, "" for none): in multi-workspace
// mode, each installation's own (Installer.Token).
type TokenSource interface {
	Token(ctx context.Context, enterprise, team string) (string, error)
}

var _ TokenSource = (*Installer)(nil)

type workspaceKey struct{}

// withTeam marks ctx as work for workspace team: the Web API calls made
// with it use that workspace's token.
func withTeam(ctx context.Context, enterprise, team string) context.Context {
	if team == "" {
		return ctx
	}
	return context.WithValue(ctx, workspaceKey{}, [2]string{enterprise, team})
}

func teamFrom(ctx context.Context) (enterprise, team string) {
	w, _ := ctx.Value(workspaceKey{}).([2]string)
	return w[0], w[1]
}

// errNoWorkspace is a call in multi-workspace mode without a workspace.
var errNoWorkspace = errors.New("slack: no workspace for this call, so no token to make it with")

// clients are the Web API clients of multi-workspace mode, one a token,
// and the organisation each workspace seen in an event belongs to.
type clients struct {
	byToken     sync.Map // token -> *slack.Client
	enterprises sync.Map // team -> enterprise
	selves      sync.Map // team -> the bot's user id there
}

// api is the Web API client for ctx's workspace: the one client of
// single-workspace mode, else one with the workspace's own token.
func (a *Adapter) api(ctx context.Context) (*slack.Client, error) {
	if a.cfg.Tokens == nil {
		return a.single, nil
	}
	enterprise, team := teamFrom(ctx)
	if team == "" {
		return nil, errNoWorkspace
	}
	if enterprise == "" {
		if e, ok := a.clients.enterprises.Load(team); ok {
			enterprise = e.(string)
		}
	}
	tok, err := a.cfg.Tokens.Token(ctx, enterprise, team)
	if err != nil {
		return nil, fmt.Errorf("slack: token of workspace %s: %w", team, err)
	}
	if c, ok := a.clients.byToken.Load(tok); ok {
		return c.(*slack.Client), nil
	}
	c, _ := a.clients.byToken.LoadOrStore(tok, slack.New(tok, a.opts...))
	return c.(*slack.Client), nil
}

// seen records the workspace an event came from, and its organisation.
func (a *Adapter) seen(ctx context.Context, enterprise, team string) context.Context {
	if enterprise != "" && team != "" {
		a.clients.enterprises.Store(team, enterprise)
	}
	return withTeam(ctx, enterprise, team)
}

// workspaceSelf is the bot's user id in ctx's workspace, from auth.test
// with that workspace's token, or "" while it is unknown.
func (a *Adapter) workspaceSelf(ctx context.Context) string {
	_, team := teamFrom(ctx)
	if id := a.knownSelf(team); id != "" || team == "" {
		return id
	}
	api, err := a.api(ctx)
	if err != nil {
		a.log.Warn("no token for the workspace: recognising the bot's own messages by bot_id only", "team", team, "err", err)
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	resp, err := api.AuthTestContext(ctx)
	if err != nil {
		a.m.apiError("auth.test")
		a.log.Warn("auth.test failed: recognising the bot's own messages by bot_id only", "team", team, "err", err)
		return ""
	}
	a.clients.selves.Store(team, resp.UserID)
	return resp.UserID
}

// Uninstaller forgets a workspace's install and its tokens at once, when
// Slack says the app was uninstalled or its bot token revoked.
type Uninstaller interface {
	Uninstall(ctx context.Context, enterprise, team string) error
}

// uninstallJob is the work of app_uninstalled, and of tokens_revoked when
// it revokes the bot's tokens, in multi-workspace mode: the workspace's
// install is deleted at once, so no call uses its token again. nil for
// any other event.
func (a *Adapter) uninstallJob(typ string, env envelope) func(context.Context) {
	u, ok := a.cfg.Tokens.(Uninstaller)
	if !ok {
		return nil
	}
	switch typ {
	case "app_uninstalled":
	case "tokens_revoked":
		var ev struct {
			Tokens struct {
				Bot []string `json:"bot"`
			} `json:"tokens"`
		}
		if json.Unmarshal(env.Event, &ev) != nil || len(ev.Tokens.Bot) == 0 {
			return nil
		}
	default:
		return nil
	}
	return func(ctx context.Context) {
		if err := u.Uninstall(ctx, env.EnterpriseID, env.TeamID); err != nil {
			a.log.Error("forget an uninstalled workspace's tokens", "team", env.TeamID, "enterprise", env.EnterpriseID, "err", err)
			return
		}
		a.clients.selves.Delete(env.TeamID)
		a.clients.byToken.Clear()
		a.log.Info("slack app uninstalled: tokens deleted", "team", env.TeamID, "enterprise", env.EnterpriseID, "event", typ)
	}
}
