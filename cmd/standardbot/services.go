package main

import (
	"log/slog"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/metrics"
)

// buildServices makes the adapters and scheduler the configuration asks for.
func buildServices(cfg *Config, core *bot.Bot, store checklist.Store, reg *metrics.Registry, log *slog.Logger) ([]service, error) {
	var out []service
	return out, nil
}
