package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/slack"
	"github.com/standardbot/standardbot/bot/teams"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/internal/inbox"
	"github.com/standardbot/standardbot/internal/metrics"
	"github.com/standardbot/standardbot/internal/work"
)

// buildServices makes the adapters the configuration asks for, each
// keeping what it acknowledges in ib and working what ib hands it, and
// answering in slots, and the scheduler, which sends through them what
// falls due and runs the chores. ib comes last, so it drains after the
// adapters have finished their work.
func buildServices(ctx context.Context, cfg *Config, core *bot.Bot, store checklist.Store, ib *inbox.Inbox, slots *work.Slots, reg *metrics.Registry, log *slog.Logger, chores ...riverjobs.Chore) ([]service, error) {
	var out []service
	n := bot.NewNotifier(core)
	if cfg.Slack.Configured() {
		sc := slack.Config{
			BotToken: cfg.Slack.BotToken, AppToken: cfg.Slack.AppToken, SigningSecret: cfg.Slack.SigningSecret,
			APIURL: slackAPIURL(cfg.Slack.APIURL), Log: log, Metrics: reg,
			WorkingReaction: "hourglass_flowing_sand", Inbox: ib, Slots: slots, Now: core.Now,
		}
		if cfg.Slack.Installs() {
			inst, err := newInstaller(cfg, store, core.Now, log)
			if err != nil {
				return nil, err
			}
			sc.Tokens = inst
			chores = append(chores, riverjobs.Chore{Name: "slack-token-refresh", Every: 5 * time.Minute, Run: inst.RefreshDue},
				riverjobs.Chore{Name: "slack-workspace-purge", Every: time.Hour, Run: inst.PurgeDue})
		}
		a, err := slack.New(sc, core, store)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		ib.Handle(slack.Source, a.Resume)
		n.Register(a)
		out = append(out, a)
	}
	if cfg.Teams.Configured() {
		a, err := teams.New(teams.Config{
			AppID: cfg.Teams.AppID, AppPassword: cfg.Teams.AppPassword, TenantID: cfg.Teams.TenantID,
			AllowedTenants:    cfg.Teams.AllowedTenants,
			OpenIDMetadataURL: cfg.Teams.OpenIDMetadataURL, TokenURL: cfg.Teams.TokenURL, Log: log, Metrics: reg,
			Inbox: ib, Slots: slots, Now: core.Now,
		}, core, store)
		if err != nil {
			return nil, usageErr("%v", err)
		}
		ib.Handle(teams.Source, a.Resume)
		n.Register(a)
		out = append(out, a)
	}
	// standup now and standup members reach people through the adapters.
	core.Rounds = n
	sched, err := newScheduler(ctx, cfg, store, n, core.Now, log, chores...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	// standup now queues its summary there, so a restart still sends it.
	core.Later = sched
	return append(out, sched, ib), nil
}

// slackAPIURL adds the trailing slash slack-go needs to SLACK_API_URL.
func slackAPIURL(u string) string {
	if u != "" && u[len(u)-1] != '/' {
		return u + "/"
	}
	return u
}

// newInstaller makes the Add to Slack installer of multi-workspace mode,
// its tokens sealed with STANDARDBOT_TOKEN_KEY or STANDARDBOT_SECRET.
func newInstaller(cfg *Config, store checklist.Store, now func() time.Time, log *slog.Logger) (*slack.Installer, error) {
	retention, err := cfg.Slack.retention()
	if err != nil {
		return nil, usageErr("%v", err)
	}
	inst, err := slack.NewInstaller(slack.InstallConfig{
		ClientID: cfg.Slack.ClientID, ClientSecret: cfg.Slack.ClientSecret,
		RedirectURL: cfg.Web.PublicURL + "/slack/oauth_redirect", Secret: cmp.Or(cfg.Slack.TokenKey, cfg.Web.Secret),
		APIURL: slackAPIURL(cfg.Slack.APIURL), Log: log, Now: now, Retention: retention,
	}, store, store)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	return inst, nil
}
