package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/openai"
	"github.com/standardbot/standardbot/knowledge/source"
)

// knowledgeSet is the loaded standards, guidance and index.
type knowledgeSet struct {
	lib      *knowledge.Library
	corpus   *knowledge.Corpus
	index    *knowledge.Index // as opened; after a refresh, answerer.Current()
	answerer *knowledge.Answerer
	manual   *keptManual
	// reloading is held while a refreshed manual is indexed.
	reloading sync.Mutex
}

// Close closes the index in use.
func (k *knowledgeSet) Close() error { return k.answerer.Current().Close() }

// knowledgeOptions says how to report progress while loading.
type knowledgeOptions struct {
	sources  []string
	rebuild  bool
	progress io.Writer // nil: quiet
	// progressLog, when set, takes the progress as log lines when
	// progress is not a terminal (serve's JSON log).
	progressLog *slog.Logger
	log         *slog.Logger
	// warn, when set, is told about each source that cannot be read,
	// which is then taken from its kept copy or left out: chat, serve
	// and index come up whatever their sources do. Without it such a
	// source is an error (ask and eval, run for one answer).
	warn func(error)
}

// openKnowledge loads the built-in standards and the sources, and opens the
// index, building it when the content changed.
func openKnowledge(ctx context.Context, cfg *Config, opt knowledgeOptions) (*knowledgeSet, error) {
	builtins, mapping, err := knowledge.Builtin()
	if err != nil {
		return nil, fmt.Errorf("built-in standards: %w", err)
	}
	var bar *progressBar
	if opt.progress != nil {
		bar = newProgressBar(opt.progress)
		bar.log = opt.progressLog
	}
	loadOpt := source.Options{Keep: filepath.Join(cfg.DataDir, "sources"), Warn: opt.warn}
	if bar != nil && bar.tty && len(opt.sources) > 0 {
		// Reading is quick; a bar helps on a terminal, lines would be noise in a log.
		loadOpt.Progress = func(done, total int, name string) { bar.update("Reading sources", done, total) }
	}
	corpus, err := source.Load(ctx, opt.sources, loadOpt)
	if err != nil {
		return nil, err
	}
	if bar != nil && len(opt.sources) > 0 {
		bar.done()
	}
	manual := &keptManual{dir: manualDir(cfg), reportsDir: reportsDir(cfg), sources: corpus, indexDir: filepath.Join(cfg.DataDir, "index"), log: opt.log}
	corpus = manual.corpus()
	lib, err := knowledge.NewLibrary(mapping, append(builtins, corpus.Standards...)...)
	if err != nil {
		return nil, err
	}
	ixOpt := knowledge.IndexOptions{Rebuild: opt.rebuild}
	if bar != nil {
		ixOpt.Progress = func(done, total int) { bar.update("Indexing", done, total) }
	}
	ix, err := knowledge.OpenIndex(ctx, manual.indexDir, lib, corpus, ixOpt)
	if err != nil {
		return nil, fmt.Errorf("search index in %s: %w", cfg.DataDir, err)
	}
	if bar != nil && ix.Stats().Built {
		bar.done()
	}
	ans := &knowledge.Answerer{Index: ix, Log: opt.log, LLMTimeout: cfg.OpenAI.Timeout}
	if cfg.OpenAI.Enabled() {
		ans.LLM = slotFreeLLM{openai.New(openai.Config{
			APIKey: cfg.OpenAI.APIKey, BaseURL: cfg.OpenAI.BaseURL, Model: cfg.OpenAI.Model, APIVersion: cfg.OpenAI.APIVersion,
		})}
	}
	return &knowledgeSet{lib: lib, corpus: corpus, index: ix, answerer: ans, manual: manual}, nil
}

// warnTo writes a source's warning as one line.
func warnTo(w io.Writer) func(error) {
	return func(err error) { fmt.Fprintf(w, "standardbot: warning: %s\n", oneLine(err.Error())) }
}

// warnLog logs a source's warning.
func warnLog(log *slog.Logger) func(error) {
	return func(err error) { log.Warn("source unreadable", "err", oneLine(err.Error())) }
}

// sourcesFor is --source when given, else STANDARDBOT_SOURCES.
func sourcesFor(cfg *Config, flags multiFlag) []string {
	if len(flags) > 0 {
		return flags
	}
	return cfg.Sources
}

// checkStandard validates a --standard value against the library: a usage
// error naming the known ids.
func checkStandard(lib *knowledge.Library, id string) error {
	if id == "" {
		return nil
	}
	if _, err := lib.Lookup(id); err != nil {
		return usageErr("--standard: %v", err)
	}
	return nil
}

// defaultStandard checks STANDARDBOT_STANDARD against the library and
// writes it as the standard's id, so an everyday name (welsh, techcode)
// works and the bot's default is always an id.
func defaultStandard(lib *knowledge.Library, cfg *Config) error {
	s, err := lib.Lookup(cfg.Standard)
	if err != nil {
		return usageErr("STANDARDBOT_STANDARD: %v", err)
	}
	cfg.Standard = s.ID
	return nil
}

func since(t time.Time) string {
	d := time.Since(t)
	if d < time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}
