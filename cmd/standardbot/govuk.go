package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/standardbot/standardbot/checklist"
	holidays "github.com/standardbot/standardbot/checklist/govuk"
	"github.com/standardbot/standardbot/internal/govuk"
	manual "github.com/standardbot/standardbot/knowledge/govuk"
	"github.com/standardbot/standardbot/knowledge/panels"
)

// govukDir is where GOV.UK content is kept: the Service Manual and the
// bank holidays, together, so one packed copy carries both.
func govukDir(cfg *Config) string { return filepath.Join(cfg.DataDir, "govuk") }

// maxCopyAge is how old a kept copy may grow before chat and serve fetch
// a fresh one.
const maxCopyAge = 24 * time.Hour

// retryFetchAfter is how long after a failed fetch the next is tried, so
// GOV.UK being out of reach is said once an hour, not on every tick.
const retryFetchAfter = time.Hour

// govukKeeper keeps the GOV.UK content the configuration asks for in the
// data folder: it fetches it, says when it cannot, and brings answers and
// the stand-up calendar up to date with what it keeps. One fetch, pull or
// reload runs at a time.
type govukKeeper struct {
	manualDir    string // "" when the manual is off
	reportsDir   string // "" when the assessment reports are off
	holidaysPath string // "" when the bank holidays are off
	dir          string
	client       *govuk.Client
	// shelf, when set, is where the copy is shared with other replicas.
	shelf govuk.Shelf
	log   *slog.Logger
	now   func() time.Time
	// reload brings answers up to date with the kept copy; nil when
	// nothing answers from it.
	reload func(ctx context.Context) (bool, error)

	mu      sync.Mutex
	nextTry time.Time // after a failed fetch, when to try again

	warnMu sync.Mutex
	warned map[checklist.Division]checklist.Date // the day each division's running out was last said
	// inUse lists the divisions whose calendars are watched:
	// checklist.DivisionsInUse.
	inUse func() []checklist.Division
}

func newGovUKKeeper(cfg *Config, log *slog.Logger) (*govukKeeper, error) {
	c, err := govuk.New(govuk.Options{BaseURL: cfg.GovUK.URL, Version: version})
	if err != nil {
		return nil, usageErr("STANDARDBOT_GOVUK_URL: %v", err)
	}
	g := &govukKeeper{manualDir: manualDir(cfg), reportsDir: reportsDir(cfg), dir: govukDir(cfg), client: c, log: logOr(log), now: time.Now,
		inUse: checklist.DivisionsInUse}
	if cfg.GovUK.BankHolidays {
		g.holidaysPath = filepath.Join(g.dir, "bank-holidays.json")
	}
	return g, nil
}

// fetchReport says what a fetch from GOV.UK did.
type fetchReport struct {
	manual      *manual.Result // nil when the manual is off
	reports     *panels.Result // nil when the assessment reports are off
	holidays    bool           // bank holidays fetched
	holidaysErr error
}

// fetch fetches what the configuration asks for into the data folder,
// keeping the last copy of anything that fails. The error, in one line, is
// GOV.UK out of reach or the fetch out of time.
func (g *govukKeeper) fetch(ctx context.Context, progress func(what string, done, total int)) (*fetchReport, error) {
	rep := &fetchReport{}
	step := func(what string) func(done, total int, _ string) {
		if progress == nil {
			return nil
		}
		return func(done, total int, _ string) { progress(what, done, total) }
	}
	if g.manualDir != "" {
		res, err := manual.Sync(ctx, g.client, g.manualDir, manual.SyncOptions{Progress: step("Fetching guides"), Now: g.now})
		rep.manual = res
		if err != nil {
			return rep, err
		}
	}
	if g.reportsDir != "" {
		res, err := panels.Sync(ctx, g.client, g.reportsDir, panels.SyncOptions{Progress: step("Fetching assessment reports"), Now: g.now})
		rep.reports = res
		if err != nil {
			return rep, err
		}
	}
	if g.holidaysPath != "" {
		err := holidays.Fetch(ctx, g.client, g.holidaysPath, g.now())
		switch {
		case err != nil && g.manualDir == "" && (govuk.IsUnreachable(err) || ctx.Err() != nil):
			return rep, err
		case err != nil:
			rep.holidaysErr = err
		default:
			rep.holidays = true
		}
	}
	return rep, nil
}

// stale reports whether anything kept is missing or older than a day.
func (g *govukKeeper) stale() bool {
	now := g.now()
	if g.manualDir != "" {
		if at, _ := manual.Kept(g.manualDir); now.Sub(at) >= maxCopyAge {
			return true
		}
	}
	if g.reportsDir != "" {
		if at, _ := panels.Kept(g.reportsDir); now.Sub(at) >= maxCopyAge {
			return true
		}
	}
	if g.holidaysPath != "" {
		if _, at, _ := holidays.Load(g.holidaysPath); now.Sub(at) >= maxCopyAge {
			return true
		}
	}
	return false
}

// keptText says what the bot answers from when GOV.UK is out of reach.
func (g *govukKeeper) keptText() string {
	if g.manualDir == "" {
		return "the built-in calendar and what is kept"
	}
	at, n := manual.Kept(g.manualDir)
	if n == 0 {
		return "the built-in standards (no copy of the Service Manual is kept yet)"
	}
	if at.IsZero() {
		return fmt.Sprintf("the %d Service Manual guides kept", n)
	}
	return "the Service Manual kept on " + at.Local().Format("2 January 2006 at 15:04")
}

// apply makes the stand-up calendar and answers use what is kept.
func (g *govukKeeper) apply(ctx context.Context) error {
	g.applyHolidays()
	if g.reload == nil {
		return nil
	}
	_, err := g.reload(ctx)
	return err
}

// applyHolidays gives the checklist the kept bank holidays, and says
// when a calendar in use runs out soon.
func (g *govukKeeper) applyHolidays() {
	defer g.warnRunsOut()
	if g.holidaysPath == "" {
		return
	}
	days, _, err := holidays.Load(g.holidaysPath)
	if err != nil {
		g.log.Warn("kept bank holidays unreadable; stand-ups use the built-in list", "err", err)
		return
	}
	if days != nil {
		checklist.SetBankHolidays(days)
	}
}

// runsOutWithin is how many days ahead a division's calendar running out
// is warned of: long enough for GOV.UK to be reached or standardbot
// upgraded before stand-ups go out on a bank holiday.
const runsOutWithin = 60

// warnRunsOut logs a warning, once a day for each, for every division in
// use (the default, and those projects' stand-ups asked about) whose
// calendar, kept or built in, ends within runsOutWithin days.
func (g *govukKeeper) warnRunsOut() {
	today := checklist.DateOf(g.now())
	g.warnMu.Lock()
	defer g.warnMu.Unlock()
	if g.warned == nil {
		g.warned = map[checklist.Division]checklist.Date{}
	}
	for _, div := range g.inUse() {
		end := checklist.HolidaysEnd(div)
		left := end.DaysFrom(today)
		if left >= runsOutWithin || g.warned[div] == today {
			continue
		}
		g.warned[div] = today
		g.log.Warn("the bank holiday calendar runs out soon; after it, stand-ups go out on bank holidays",
			"division", string(div), "ends", end.String(), "days_left", left,
			"fix", "let standardbot fetch /bank-holidays.json from GOV.UK (bank-holidays in STANDARDBOT_GOVUK), or upgrade it")
	}
}

// refresh fetches a fresh copy in the background of chat and brings
// answers up to date with it. say shows the user one line: that GOV.UK
// is out of reach, or that answers now use a fresh manual.
func (g *govukKeeper) refresh(ctx context.Context, say func(string)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	rep, err := g.fetch(ctx, nil)
	if ctx.Err() != nil {
		return
	}
	if err != nil {
		say(oneLine(err.Error()) + "; answering from " + g.keptText() + ".")
		return
	}
	if line := failedLine(rep.manual); line != "" {
		say(line)
	}
	if err := g.apply(ctx); err != nil {
		say(oneLine(err.Error()))
		return
	}
	if rep.manual != nil && rep.manual.Changed() {
		say(fmt.Sprintf("fetched the GOV.UK Service Manual (%d guides, %d new or changed); answers now use it.", rep.manual.Guides, len(rep.manual.Fetched)))
	}
	if rep.reports != nil && rep.reports.Changed() {
		say(fmt.Sprintf("fetched GOV.UK's assessment reports (%d reports, %d new or changed); answers now quote their panels.", rep.reports.Reports, len(rep.reports.Fetched)))
	}
}

// failedLine names, in one line, the guides that could not be fetched.
func failedLine(res *manual.Result) string {
	if res == nil || len(res.Failed) == 0 {
		return ""
	}
	line := fmt.Sprintf("could not fetch %d guide%s: ", len(res.Failed), plural(len(res.Failed)))
	for i, f := range res.Failed {
		if i > 0 {
			line += ", "
		}
		kept := "none kept"
		if f.Kept {
			kept = "kept from the last copy"
		}
		line += fmt.Sprintf("%s (%s, %s)", f.Title, shortReason(f.Err), kept)
	}
	return line
}

// shortReason is a fetch error in a few words.
func shortReason(err error) string {
	var se *govuk.StatusError
	if errors.As(err, &se) {
		return fmt.Sprintf("HTTP %d", se.Code)
	}
	var tl *govuk.TooLargeError
	if errors.As(err, &tl) {
		return "too large"
	}
	return oneLine(err.Error())
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// chatGovUK gives chat the kept bank holidays and, when the kept copy is
// missing or a day old, fetches a fresh one in the background: chat
// answers from what it has at once and never waits. Lines for the user
// go to w. stop ends the fetch and waits for it.
func chatGovUK(cfg *Config, k *knowledgeSet, w io.Writer, log *slog.Logger) (stop func(), err error) {
	keeper, err := newGovUKKeeper(cfg, log)
	if err != nil {
		return nil, err
	}
	keeper.reload = k.reload
	keeper.applyHolidays()
	if !cfg.GovUK.Any() || !keeper.stale() {
		return func() {}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		keeper.refresh(ctx, func(line string) { fmt.Fprintln(w, "standardbot: "+line) })
	}()
	return func() { cancel(); <-done }, nil
}

// indexFetch is `standardbot index`'s fetch from GOV.UK, in the
// foreground with a progress bar on progress, before the index is built.
// What it fetched goes to out; GOV.UK out of reach is one line on progress,
// and the index is built from what is kept.
func indexFetch(ctx context.Context, cfg *Config, out, progress io.Writer) error {
	if !cfg.GovUK.Any() {
		return nil
	}
	keeper, err := newGovUKKeeper(cfg, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(progress, "Fetching from GOV.UK at %s, at most %d requests a second...\n", cfg.GovUK.URL, govuk.DefaultRate)
	bar := newProgressBar(progress)
	rep, err := keeper.fetch(ctx, func(what string, done, total int) { bar.update(what, done, total) })
	bar.done()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		fmt.Fprintf(progress, "standardbot index: %s; indexing %s\n", oneLine(err.Error()), keeper.keptText())
	}
	if m := rep.manual; m != nil && err == nil {
		fmt.Fprintf(out, "GOV.UK Service Manual: %d guides kept; %d fetched, %d unchanged, %d removed, in %s.\n",
			m.Guides, len(m.Fetched), m.Unchanged, m.Removed, m.Took.Round(100*time.Millisecond))
		if line := failedLine(m); line != "" {
			fmt.Fprintln(out, upperFirst(line)+".")
		}
		if len(m.Incomplete) > 0 {
			fmt.Fprintf(out, "Could not read part of the manual's contents, so no guide was removed: %s.\n", strings.Join(m.Incomplete, ", "))
		}
	}
	if rep.reports != nil && err == nil {
		fmt.Fprintln(out, reportsLine(rep.reports))
	}
	switch {
	case rep.holidays:
		fmt.Fprintln(out, "Bank holidays: fetched from GOV.UK.")
	case rep.holidaysErr != nil:
		fmt.Fprintf(out, "Bank holidays: not fetched (%s); stand-ups use the last copy or the built-in list.\n", oneLine(rep.holidaysErr.Error()))
	}
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
