package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/standardbot/standardbot/knowledge"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	standard := fs.String("standard", "", "the standard the questions are about (default STANDARDBOT_STANDARD)")
	showMisses := fs.Int("misses", 50, "how many misses to list")
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge: file, folder or URL (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give one question file, for example: standardbot eval questions.jsonl --standard dss2015")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return usageErr("cannot read question file: %v", err)
	}
	qs, err := knowledge.ReadEvalQuestions(f)
	f.Close()
	if err != nil {
		return usageErr("%s: %v", pos[0], err)
	}
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources), progress: e.stderr})
	if err != nil {
		return err
	}
	defer k.Close()
	std := *standard
	if std == "" {
		std = e.cfg.Standard
	}
	if err := checkStandard(k.lib, std); err != nil {
		return err
	}
	s, _ := k.lib.Standard(std)

	start := time.Now()
	res, err := knowledge.Evaluate(ctx, k.index, s.ID, qs)
	if err != nil {
		return err
	}
	took := time.Since(start)

	tmp, err := os.MkdirTemp("", "standardbot-baseline-")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer os.RemoveAll(tmp)
	base, err := knowledge.NewBaseline(filepath.Join(tmp, "index"), s)
	if err != nil {
		return err
	}
	defer base.Close()
	baseRes, err := knowledge.Evaluate(ctx, base, s.ID, qs)
	if err != nil {
		return err
	}

	fmt.Fprintf(e.stdout, "%d questions on %s (%d points); a random guess scores hit@3 = %.2f\n\n", res.Questions, s.ID, len(s.Points), min(1, 3/float64(len(s.Points))))
	fmt.Fprintf(e.stdout, "%-34s %7s %7s %7s\n", "", "hit@1", "hit@3", "MRR")
	fmt.Fprintf(e.stdout, "%-34s %7.3f %7.3f %7.3f\n", "standardbot", res.Hit1, res.Hit3, res.MRR)
	fmt.Fprintf(e.stdout, "%-34s %7.3f %7.3f %7.3f\n", "plain bleve (standard analyser)", baseRes.Hit1, baseRes.Hit3, baseRes.MRR)
	fmt.Fprintf(e.stdout, "\n%.2f ms a question\n", float64(took.Microseconds())/1000/float64(res.Questions))
	if len(res.Misses) > 0 && *showMisses > 0 {
		fmt.Fprintf(e.stdout, "\nMisses (right point not in the top 3): %d\n", len(res.Misses))
		for i, m := range res.Misses {
			if i == *showMisses {
				fmt.Fprintf(e.stdout, "  ... and %d more (--misses N shows more)\n", len(res.Misses)-i)
				break
			}
			fmt.Fprintf(e.stdout, "  %-10s want %v got %v (rank %d): %s\n", m.Question.ID, m.Question.Expected(), m.Got, m.Rank, m.Question.Question)
		}
	}
	return nil
}
