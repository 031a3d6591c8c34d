package main

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge: file, folder or URL (repeatable)")
	rebuild := fs.Bool("rebuild", false, "rebuild even if the index is up to date")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("index takes no arguments; give sources with --source PATH")
	}
	start := time.Now()
	if err := indexFetch(ctx, e.cfg, e.stdout, e.stderr); err != nil {
		return err
	}
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources), rebuild: *rebuild, progress: e.stderr, warn: warnTo(e.stderr)})
	if err != nil {
		return err
	}
	defer k.Close()
	st := k.index.Stats()
	verb := "Index up to date (reopened)"
	if st.Built {
		verb = "Indexed"
	}
	manual := ""
	if n := k.manual.Guides(); n > 0 {
		manual = fmt.Sprintf(" and %d Service Manual guides", n)
	}
	if n := k.manual.Reports(); n > 0 {
		manual += fmt.Sprintf(" and %d assessment reports", n)
	}
	fmt.Fprintf(e.stdout, "%s: %d points of %d standards, %d guidance sections from %d documents%s, in %s.\n",
		verb, st.Points, len(k.lib.Standards()), st.Sections, k.corpus.Files, manual, since(start))
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	for _, s := range k.lib.Standards() {
		origin := "built in"
		if !s.Builtin {
			origin = s.Path
		}
		fmt.Fprintf(tw, "  %s\t%d points\t%s\n", s.ID, len(s.Points), origin)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Index folder: %s\n", st.Dir)
	return nil
}
