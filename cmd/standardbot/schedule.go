package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// newScheduler runs River over the store's own database, with the chores
// given besides the checklist's work.
func newScheduler(ctx context.Context, cfg *Config, store checklist.Store, n checklist.Notifier, now func() time.Time, log *slog.Logger, chores ...riverjobs.Chore) (*riverjobs.Scheduler, error) {
	rc := riverjobs.Config{Store: store, Notifier: n, Tick: cfg.Tick, Log: log, Chores: chores, Now: now}
	switch s := store.(type) {
	case *sqlite.Store:
		return riverjobs.NewSQLite(ctx, s.WriteDB(), rc)
	case *postgres.Store:
		return riverjobs.NewPostgres(ctx, s.Pool(), rc)
	}
	return nil, fmt.Errorf("the scheduler does not support a %T store", store)
}
