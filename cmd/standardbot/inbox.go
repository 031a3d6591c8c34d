package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/inbox"
	"github.com/standardbot/standardbot/internal/metrics"
)

// openInbox is the store's inbox as this serve process uses it. The
// process is named by its host and listen address: stable across
// restarts, so that a restart takes over at once what the process before
// it left, and unique among live processes sharing a database, since two
// cannot listen on one address of one host. Call it once the address is
// listened on: the name's leftovers are released for the taking.
func openInbox(ctx context.Context, store checklist.Inbox, addr string, now func() time.Time, reg *metrics.Registry, log *slog.Logger) (*inbox.Inbox, error) {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "localhost"
	}
	ib, err := inbox.New(ctx, store, inbox.Config{Owner: host + " " + addr, Log: log, Metrics: reg, Now: now})
	if err != nil {
		return nil, fmt.Errorf("open the inbox: %w", err)
	}
	return ib, nil
}
