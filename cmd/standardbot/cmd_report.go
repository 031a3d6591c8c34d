package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/openai"
	"github.com/standardbot/standardbot/knowledge/source"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	format := fs.String("format", "markdown", "markdown, csv, json or html")
	out := fs.String("out", "", "write to this file instead of standard output")
	practice := fs.Bool("practice", false, "the practice report: the practice panel's informal feedback per point")
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge, for projects on a standard loaded from a file")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageErr("give the project's name, for example: standardbot report \"Apply for a blue badge\" --format html")
	}
	name := strings.Join(pos, " ")
	if !validFormat(*format) {
		return usageErr("--format %q: use one of %s", *format, strings.Join(checklist.Formats, ", "))
	}
	lib, err := loadLibrary(ctx, sourcesFor(e.cfg, sources))
	if err != nil {
		return err
	}
	store, err := openStore(ctx, e.cfg, e.now)
	if err != nil {
		return err
	}
	defer store.Close()
	p, err := store.ProjectByName(ctx, "", name)
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return usageErr("no project called %q in %s (create one in chat with: project new NAME)", name, e.cfg.DataDir)
	}
	if err != nil {
		return err
	}
	var rep interface{ Write(io.Writer, string) error }
	if *practice {
		rep, err = practiceReport(ctx, e, store, p, lib)
	} else {
		rep, err = readinessReport(ctx, e, store, p, lib)
	}
	if err != nil {
		return err
	}
	kind := *format
	if *practice {
		kind += " practice"
	}
	return writeReport(e, rep, *format, *out, fmt.Sprintf("the %s report for %q", kind, p.Name))
}

// writeReport writes a report in a format to standard output, or to the
// file out, saying on standard error what it wrote there.
func writeReport(e *env, rep interface{ Write(io.Writer, string) error }, format, out, what string) error {
	var w io.Writer = e.stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		defer f.Close()
		w = f
	}
	if err := rep.Write(w, format); err != nil {
		return err
	}
	if out != "" {
		fmt.Fprintf(e.stderr, "Wrote %s to %s\n", what, out)
	}
	return nil
}

// readinessReport is a project's readiness report as of now, with who
// set each status and its progress over time.
func readinessReport(ctx context.Context, e *env, store checklist.Store, p *checklist.Project, lib *knowledge.Library) (*checklist.Report, error) {
	return bot.FullReport(ctx, store, p, lib, e.now())
}

// practiceReport is a project's practice report on every point the team
// has answered a practice panel on: written by the model when OPENAI_* is
// configured, by the rules otherwise or where the model's fails its checks.
func practiceReport(ctx context.Context, e *env, store checklist.Store, p *checklist.Project, lib *knowledge.Library) (*checklist.PracticeReport, error) {
	states, err := store.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	answers, err := store.PracticeAnswers(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load practice answers: %w", err)
	}
	if len(answers) == 0 {
		return nil, usageErr("%q has no practice answers yet: run a practice panel in chat first (practice)", p.Name)
	}
	actions, err := store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load open actions: %w", err)
	}
	var llm knowledge.LLM
	if e.cfg.OpenAI.Enabled() {
		llm = openai.New(openai.Config{APIKey: e.cfg.OpenAI.APIKey, BaseURL: e.cfg.OpenAI.BaseURL, Model: e.cfg.OpenAI.Model, APIVersion: e.cfg.OpenAI.APIVersion})
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	src := bot.PracticeSource{Project: p, States: states, Answers: answers, Actions: bot.ActionLines(actions)}
	return bot.PracticeReport(ctx, src, lib, llm, log, e.now()), nil
}

func validFormat(f string) bool {
	for _, known := range checklist.Formats {
		if strings.EqualFold(f, known) || strings.EqualFold(f, "md") {
			return true
		}
	}
	return false
}

// loadLibrary loads the standards without building the search index, for
// commands that only need point titles.
func loadLibrary(ctx context.Context, sources []string) (*knowledge.Library, error) {
	builtins, mapping, err := knowledge.Builtin()
	if err != nil {
		return nil, fmt.Errorf("built-in standards: %w", err)
	}
	corpus, err := source.Load(ctx, sources, source.Options{})
	if err != nil {
		return nil, err
	}
	return knowledge.NewLibrary(mapping, append(builtins, corpus.Standards...)...)
}
