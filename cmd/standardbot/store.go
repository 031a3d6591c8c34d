package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// openStore opens the database STANDARDBOT_DATABASE names: the embedded
// SQLite file by default, PostgreSQL for several replicas. It stamps what
// it writes with now.
func openStore(ctx context.Context, cfg *Config, now func() time.Time) (checklist.Store, error) {
	if path, ok := strings.CutPrefix(cfg.Database, "sqlite:"); ok {
		if path == "" {
			return nil, fmt.Errorf("STANDARDBOT_DATABASE=sqlite: needs a file path, e.g. sqlite:./standardbot-data/standardbot.db")
		}
		s, err := sqlite.Open(ctx, path, sqlite.WithClock(now))
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		return s, nil
	}
	s, err := postgres.Open(ctx, cfg.Database, postgres.WithClock(now))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", redactURL(cfg.Database), err)
	}
	return s, nil
}
