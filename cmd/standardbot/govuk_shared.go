package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/internal/govuk"
	govukpg "github.com/standardbot/standardbot/internal/govuk/postgres"
	manual "github.com/standardbot/standardbot/knowledge/govuk"
	"github.com/standardbot/standardbot/knowledge/panels"
)

// How serve keeps GOV.UK content fresh across replicas.
//
// The refresh is a River chore: the elected leader enqueues it every
// tick, and one replica at a time runs it. It checks the copy on the
// shelf (one row in the shared PostgreSQL database): while that was
// fetched less than a day ago it only makes sure this replica holds it.
// Once it is a day old, the replica running the chore fetches from GOV.UK
// into its own data folder (only changed guides, against its copy),
// packs the folder, puts it on the shelf (its version goes up when the
// content changed) and reindexes. Every replica, on every tick, compares
// the shelf's hash with the one it last unpacked, and when they differ
// pulls the copy, unpacks it file by file (each file whole, manifests
// last) and reindexes off to the side. So GOV.UK sees one replica's
// requests a day, and a new replica starts answering from the manual as
// soon as it has pulled it, without asking GOV.UK.
//
// On SQLite there is one process and no shelf: the chore fetches when the
// kept copy is a day old, and reindexes.

// govukChore is the daily refresh as a River chore.
func (g *govukKeeper) govukChore(every time.Duration) riverjobs.Chore {
	// The manual's and the reports' syncs' own bounds, and as long again to
	// pack, publish and reindex.
	return riverjobs.Chore{Name: "govuk-refresh", Every: every, Timeout: 2*manual.DefaultSyncTimeout + panels.DefaultSyncTimeout, Run: g.chore}
}

// chore refreshes the copy when it is a day old; see above. GOV.UK out of
// reach is one warning, and no error: the next try is in an hour.
func (g *govukKeeper) chore(ctx context.Context) error {
	g.warnRunsOut()
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shelf != nil {
		st, err := g.shelf.Stamp(ctx)
		if err != nil {
			return err
		}
		if !st.IsZero() {
			// Fetch (if due) against the shelf's copy, so only what
			// changed since it is asked of GOV.UK.
			if err := g.pullLocked(ctx); err != nil {
				return err
			}
			if g.now().Sub(st.FetchedAt) < maxCopyAge {
				return nil
			}
		}
	} else if !g.stale() {
		return nil
	}
	if g.now().Before(g.nextTry) {
		return nil
	}
	rep, err := g.fetch(ctx, nil)
	if err != nil {
		g.nextTry = g.now().Add(retryFetchAfter)
		g.log.Warn("cannot fetch from GOV.UK; answering from what is kept", "err", oneLine(err.Error()),
			"kept", g.keptText(), "next_try", g.nextTry.Format(time.RFC3339))
		return nil
	}
	g.logFetched(rep)
	if g.shelf != nil {
		if err := g.publish(ctx); err != nil {
			return err
		}
	}
	return g.apply(ctx)
}

// logFetched logs what a fetch did, in one line.
func (g *govukKeeper) logFetched(rep *fetchReport) {
	args := []any{"bank_holidays", rep.holidays}
	if rep.holidaysErr != nil {
		args = append(args, "bank_holidays_err", rep.holidaysErr.Error())
	}
	if m := rep.manual; m != nil {
		args = append(args, "guides", m.Guides, "fetched", len(m.Fetched), "unchanged", m.Unchanged, "removed", m.Removed,
			"took", m.Took.Round(time.Millisecond).String())
		if line := failedLine(m); line != "" {
			args = append(args, "failed", line)
		}
	}
	if r := rep.reports; r != nil {
		args = append(args, "reports", r.Reports, "reports_fetched", len(r.Fetched), "reports_unchanged", r.Unchanged,
			"reports_removed", r.Removed, "reports_failed", len(r.Failed))
	}
	g.log.Info("refreshed the GOV.UK copy", args...)
}

// publish puts the kept folder on the shelf for the other replicas.
func (g *govukKeeper) publish(ctx context.Context) error {
	packed, err := govuk.Pack(g.dir)
	if err != nil {
		return err
	}
	st, err := g.shelf.Put(ctx, packed, g.now())
	if err != nil {
		return err
	}
	if st.SHA256 == govuk.Hash(packed) {
		return govuk.WriteMark(g.dir, st)
	}
	return nil // a later copy is on the shelf; the next pull takes it
}

// pull brings this replica's copy up to date with the shelf's, when they
// differ.
func (g *govukKeeper) pull(ctx context.Context) error {
	st, err := g.shelf.Stamp(ctx)
	if err != nil || st.IsZero() || st.SHA256 == govuk.ReadMark(g.dir).SHA256 {
		return err
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.pullLocked(ctx)
}

func (g *govukKeeper) pullLocked(ctx context.Context) error {
	if st, err := g.shelf.Stamp(ctx); err != nil || st.IsZero() || st.SHA256 == govuk.ReadMark(g.dir).SHA256 {
		return err
	}
	st, data, err := g.shelf.Get(ctx)
	if err != nil || st.IsZero() {
		return err
	}
	if err := govuk.Unpack(g.dir, data); err != nil {
		return fmt.Errorf("take the shared GOV.UK copy: %w", err)
	}
	if err := govuk.WriteMark(g.dir, st); err != nil {
		return err
	}
	g.log.Info("took the GOV.UK copy another replica fetched", "version", st.Version, "fetched_at", st.FetchedAt.Format(time.RFC3339), "bytes", len(data))
	return g.apply(ctx)
}

// govukPuller is serve's service that pulls the shared copy every tick.
type govukPuller struct {
	keeper *govukKeeper
	every  time.Duration
}

func (p *govukPuller) Name() string { return "govuk" }

// Run pulls at once, then every tick, until ctx ends. Failures are logged
// when they change, and retried on the next tick.
func (p *govukPuller) Run(ctx context.Context) error {
	t := time.NewTicker(p.every)
	defer t.Stop()
	last := ""
	for {
		err := p.keeper.pull(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if msg := errText(err); msg != last {
			if err != nil {
				p.keeper.log.Warn("cannot take the shared GOV.UK copy; answering from this replica's", "err", err)
			}
			last = msg
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Drain has nothing to wait for: a pull in progress ends with the context.
func (p *govukPuller) Drain(context.Context) error { return nil }

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// serveGovUK wires the GOV.UK copy into serve: the calendar and answers use
// what is kept at once; the refresh chore goes to the scheduler; on
// PostgreSQL, the shelf shares the copy and a puller takes it every tick.
func serveGovUK(ctx context.Context, cfg *Config, k *knowledgeSet, store checklist.Store, log *slog.Logger) ([]riverjobs.Chore, []service, error) {
	keeper, err := newGovUKKeeper(cfg, log)
	if err != nil {
		return nil, nil, err
	}
	keeper.reload = k.reload
	keeper.applyHolidays()
	if !cfg.GovUK.Any() {
		return nil, nil, nil
	}
	var services []service
	if ps, ok := store.(*postgres.Store); ok {
		if keeper.shelf, err = govukpg.New(ctx, ps.Pool()); err != nil {
			return nil, nil, err
		}
		services = append(services, &govukPuller{keeper: keeper, every: cfg.Tick})
	}
	return []riverjobs.Chore{keeper.govukChore(cfg.Tick)}, services, nil
}
