package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
)

func runVersion(_ context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usageErr("version takes no arguments")
	}
	fmt.Fprintf(e.stdout, "standardbot %s\n", version)
	return nil
}

func runStandards(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("standards", flag.ContinueOnError)
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge: file, folder or URL (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("standards takes no arguments")
	}
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources)})
	if err != nil {
		return err
	}
	defer k.Close()
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tPOINTS")
	for _, s := range k.lib.Standards() {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", s.ID, s.Name, len(s.Points))
	}
	return tw.Flush()
}

// newLogger logs text lines for terminal commands, JSON for serve.
func newLogger(w io.Writer, asJSON bool) *slog.Logger {
	if asJSON {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}
