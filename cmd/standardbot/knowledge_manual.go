package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/standardbot/standardbot/knowledge"
	manual "github.com/standardbot/standardbot/knowledge/govuk"
)

// manualDir is where the GOV.UK Service Manual is kept, or "" when
// STANDARDBOT_GOVUK leaves it out: then it is neither fetched nor used.
func manualDir(cfg *Config) string {
	if !cfg.GovUK.ServiceManual {
		return ""
	}
	return filepath.Join(govukDir(cfg), "service-manual")
}

// keptManual adds the kept copy of the Service Manual, and of the
// published assessment reports, to the corpus of the configured sources.
type keptManual struct {
	dir        string // "" when the manual is off
	reportsDir string // "" when the assessment reports are off
	sources    *knowledge.Corpus
	indexDir   string
	log        *slog.Logger
	guides     int // in the corpus last made
	reports    int // in the corpus last made
	mu         sync.Mutex
}

// corpus is the sources plus the kept manual and assessment reports. A
// copy that cannot be read is logged and left out: the bot answers from
// the rest.
func (m *keptManual) corpus() *knowledge.Corpus {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := *m.sources
	// Clipped, so adding sections never writes into the sources' array.
	out.Sections = slices.Clip(m.sources.Sections)
	m.guides, m.reports = 0, 0
	if m.dir != "" {
		m.guides = m.addManual(&out)
	}
	if m.reportsDir != "" {
		m.reports = addReports(m.reportsDir, &out, m.log)
	}
	return &out
}

// addManual adds the kept manual's sections to out, and returns how many
// guides they came from.
func (m *keptManual) addManual(out *knowledge.Corpus) int {
	c, err := manual.Load(m.dir)
	if err != nil {
		logOr(m.log).Warn("the kept Service Manual cannot be read; answering without it until the next fetch", "err", err)
		return 0
	}
	if len(c.Unreadable) > 0 {
		logOr(m.log).Warn("some kept Service Manual guides cannot be read; they are fetched again next time", "guides", c.Unreadable)
	}
	if c.Guides == 0 {
		return 0
	}
	out.AddSections(manual.Origin, c.Hash, c.Sections)
	return c.Guides
}

// Guides counts the Service Manual's guides in the corpus last made.
func (m *keptManual) Guides() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.guides
}

// Reports counts the assessment reports in the corpus last made.
func (m *keptManual) Reports() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reports
}

// reload rebuilds the index from the sources and the kept manual off to
// the side, then swaps it in: questions being answered finish on the old
// index, which is closed a minute later. It reports whether anything
// changed; an unchanged manual changes nothing.
func (k *knowledgeSet) reload(ctx context.Context) (bool, error) {
	k.reloading.Lock()
	defer k.reloading.Unlock()
	corpus := k.manual.corpus()
	if corpus.Hash == k.corpus.Hash {
		return false, nil
	}
	ix, err := knowledge.OpenIndex(ctx, k.manual.indexDir, k.lib, corpus, knowledge.IndexOptions{})
	if err != nil {
		return false, fmt.Errorf("rebuild the index with the Service Manual: %w", err)
	}
	k.answerer.SetIndex(ix).CloseAfter(time.Minute)
	k.corpus = corpus
	return true, nil
}

// logOr is l, or a logger that drops everything.
func logOr(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}
