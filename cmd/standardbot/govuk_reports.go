package main

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/reports"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/panels"
)

// reportsDir is where GOV.UK's published assessment reports are kept, or
// "" when STANDARDBOT_GOVUK leaves them out: then they are neither
// fetched nor used.
func reportsDir(cfg *Config) string {
	if !cfg.GovUK.AssessmentReports {
		return ""
	}
	return filepath.Join(govukDir(cfg), "assessment-reports")
}

// addReports adds the kept reports' remarks, one section per point, to
// the corpus, and returns how many reports they came from. A copy that
// cannot be read is logged and left out: the bot answers from the rest.
func addReports(dir string, out *knowledge.Corpus, log *slog.Logger) int {
	c, err := panels.Load(dir)
	if err != nil {
		logOr(log).Warn("the kept assessment reports cannot be read; answering without them until the next fetch", "err", err)
		return 0
	}
	if len(c.Unreadable) > 0 {
		logOr(log).Warn("some kept assessment reports cannot be read; they are left out", "reports", c.Unreadable)
	}
	if c.Reports == 0 {
		return 0
	}
	out.AddSections(panels.Origin, c.Hash, c.Sections)
	return c.Reports
}

// reportsLine says, in one line, what a fetch of the reports did, for
// index.
func reportsLine(res *panels.Result) string {
	line := fmt.Sprintf("GOV.UK assessment reports: %d kept; %d fetched, %d unchanged, %d removed, in %s.",
		res.Reports, len(res.Fetched), res.Unchanged, res.Removed, res.Took.Round(100*time.Millisecond))
	if n := len(res.Failed); n > 0 {
		kept := 0
		for _, f := range res.Failed {
			if f.Kept {
				kept++
			}
		}
		line += fmt.Sprintf(" Could not fetch %d (%s first); %d of them kept from the last copy.", n, shortReason(res.Failed[0].Err), kept)
	}
	if len(res.Incomplete) > 0 {
		line += " Could not read all of GOV.UK's listing, so no report was removed."
	}
	return line
}

// wireReportImport gives the core what `examples` quotes, the kept
// reports when STANDARDBOT_GOVUK fetches them, and what `assessment import`
// reads reports with: pasted text always, and addresses through the Content API at
// STANDARDBOT_GOVUK_URL unless STANDARDBOT_GOVUK=off, when the core says
// import by address is off and suggests pasting.
func wireReportImport(core *bot.Bot, cfg *Config) error {
	core.ReportText = reports.FromText
	if dir := reportsDir(cfg); dir != "" {
		core.PanelExamples = &keptExamples{dir: dir, mapping: core.Library.Mapping()}
	}
	if !cfg.GovUK.Any() {
		return nil
	}
	c, err := govuk.New(govuk.Options{BaseURL: cfg.GovUK.URL, Version: version})
	if err != nil {
		return usageErr("STANDARDBOT_GOVUK_URL: %v", err)
	}
	core.ReportFetcher = reports.Reader{Client: c}
	return nil
}

// keptExamples gives `examples` the kept reports' remarks (Copy.Examples),
// read again whenever a fetch has changed the copy's date or count.
type keptExamples struct {
	dir     string
	mapping *knowledge.Mapping

	mu      sync.Mutex
	copy    *panels.Copy
	fetched time.Time
	count   int
}

// Examples gives recent panels' remarks on a point at a phase, and how
// many reports are kept.
func (k *keptExamples) Examples(std string, n int, phase checklist.Phase) ([]panels.Remark, int, error) {
	fetched, count := panels.Kept(k.dir)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.copy == nil || !fetched.Equal(k.fetched) || count != k.count {
		c, err := panels.Load(k.dir)
		if err != nil {
			return nil, 0, err
		}
		k.copy, k.fetched, k.count = c, fetched, count
	}
	return k.copy.Examples(std, n, phase, k.mapping), k.copy.Reports, nil
}
