package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// sender delivers a reply to a channel on one platform.
type sender func(ctx context.Context, b checklist.Binding, r bot.Reply) error

// notifier satisfies checklist.Notifier: the core writes the message, and
// the adapter that owns the channel's platform sends it.
type notifier struct {
	core    *bot.Bot
	senders map[string]sender
}

// Notify sends one due message. A platform with no adapter in this process
// is an error, so the job is retried, in case another replica has it.
func (n *notifier) Notify(ctx context.Context, b checklist.Binding, p *checklist.Project, d checklist.Due) error {
	send, ok := n.senders[b.Platform]
	if !ok {
		return fmt.Errorf("no %s adapter runs in this process", b.Platform)
	}
	r, err := n.core.Notice(ctx, p, d)
	if err != nil {
		return river.JobCancel(fmt.Errorf("compose %s: %w", d.Kind, err))
	}
	return send(ctx, b, r)
}

// newScheduler runs River over the store's own database, with the chores
// given besides the checklist's work.
func newScheduler(ctx context.Context, cfg *Config, store checklist.Store, n *notifier, log *slog.Logger, chores ...riverjobs.Chore) (*riverjobs.Scheduler, error) {
	rc := riverjobs.Config{Store: store, Notifier: n, Tick: cfg.Tick, Log: log, Chores: chores}
	switch s := store.(type) {
	case *sqlite.Store:
		return riverjobs.NewSQLite(ctx, s.WriteDB(), rc)
	case *postgres.Store:
		return riverjobs.NewPostgres(ctx, s.Pool(), rc)
	}
	return nil, fmt.Errorf("the scheduler does not support a %T store", store)
}
