package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// newScheduler runs River over the store's own database, with the chores
// given besides the checklist's work.
func newScheduler(ctx context.Context, cfg *Config, store checklist.Store, n checklist.Notifier, now func() time.Time, log *slog.Logger, chores ...riverjobs.Chore) (*riverjobs.Scheduler, error) {
	chores = append(chores, answersChore(store, now, log))
	rc := riverjobs.Config{Store: store, Notifier: n, Tick: cfg.Tick, Log: log, Chores: chores, Now: now,
		RiverFollowsNow: os.Getenv(testClockEnv) != "" && os.Getenv(testRiverClockEnv) == "1"}
	switch s := store.(type) {
	case *sqlite.Store:
		return riverjobs.NewSQLite(ctx, s.WriteDB(), rc)
	case *postgres.Store:
		return riverjobs.NewPostgres(ctx, s.Pool(), rc)
	}
	return nil, fmt.Errorf("the scheduler does not support a %T store", store)
}

// answersChore deletes stand-up answers older than
// checklist.AnswerRetention, hourly, on one replica at a time: the README's
// privacy note promises it.
func answersChore(store checklist.Store, now func() time.Time, log *slog.Logger) riverjobs.Chore {
	return riverjobs.Chore{Name: "standup-answers-retention", Every: time.Hour, Run: func(ctx context.Context) error {
		n, err := store.DeleteAnswers(ctx, now().Add(-checklist.AnswerRetention))
		if err != nil {
			return fmt.Errorf("delete old stand-up answers: %w", err)
		}
		if n > 0 {
			log.Info("deleted old stand-up answers", "count", n, "older_than_days", int(checklist.AnswerRetention.Hours()/24))
		}
		return nil
	}}
}
