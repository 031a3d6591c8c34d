package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	format := fs.String("format", "markdown", "markdown, csv, json or html")
	out := fs.String("out", "", "write to this file instead of standard output")
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
	states, err := store.PointStates(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("load progress: %w", err)
	}
	acts, err := store.OpenActions(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("load actions: %w", err)
	}
	rep := bot.Report(p, states, acts, lib, e.now())
	var w io.Writer = e.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		defer f.Close()
		w = f
	}
	if err := rep.Write(w, *format); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "Wrote the %s report for %q to %s\n", *format, p.Name, *out)
	}
	return nil
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
