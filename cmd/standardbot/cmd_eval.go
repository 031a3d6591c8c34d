package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/standardbot/standardbot/knowledge"
)

func runEval(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	standard := fs.String("standard", "", "the standard the questions are asked of, over any the file names (default: the file's, else STANDARDBOT_STANDARD)")
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
		// A file whose every line names one standard is about it.
		std = fileStandard(qs)
	}
	if std == "" {
		std = e.cfg.Standard
	}
	if err := checkStandard(k.lib, std); err != nil {
		return err
	}
	s, _ := k.lib.Standard(std)
	for i := range qs {
		switch {
		case *standard != "":
			// Given on the command line, it wins over the file's own
			// labels (the assessor file names its standard in words).
			qs[i].Standard = ""
		case qs[i].Standard != "":
			if err := checkStandard(k.lib, qs[i].Standard); err != nil {
				return usageErr("%s: question %s: %v", pos[0], qs[i].ID, err)
			}
		}
	}

	start := time.Now()
	res, err := knowledge.Evaluate(ctx, k.index, s.ID, qs)
	if err != nil {
		return err
	}
	answers, err := knowledge.EvaluateAnswers(ctx, k.answerer, s.ID, qs)
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
	baseAnswers, err := knowledge.EvaluateAnswers(ctx, base, s.ID, qs)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "%d questions, asked of %s (%d points) unless a line names another standard: %d with a right point, %d about the assessment process, %d off-topic\n",
		len(qs), s.ID, len(s.Points), answers.OnTopic, answers.Process, answers.OffTopic)
	if answers.OnTopic+answers.OffTopic+answers.Process > 0 {
		fmt.Fprintf(w, "\nWhat a user sees (the sources shown with an answer):\n")
		fmt.Fprintf(w, "%-44s %12s %12s\n", "", "standardbot", "plain bleve")
		row := func(label string, n, d, bn int) {
			if d > 0 {
				fmt.Fprintf(w, "%-44s %12.3f %12.3f   (of %d)\n", label, knowledge.Rate(n, d), knowledge.Rate(bn, d), d)
			}
		}
		row("right point first", answers.Hit1, answers.OnTopic, baseAnswers.Hit1)
		row("right point among the sources shown", answers.Hit3, answers.OnTopic, baseAnswers.Hit3)
		row("on-topic questions refused", answers.Refused, answers.OnTopic, baseAnswers.Refused)
		row("off-topic questions refused", answers.OffRefused, answers.OffTopic, baseAnswers.OffRefused)
		row("first quote holds the answer (practices)", answers.QuoteHolds, answers.Practice, baseAnswers.QuoteHolds)
		row("assessment process: from its guidance", answers.ProcessHits, answers.Process, baseAnswers.ProcessHits)
	}
	if res.Questions > 0 {
		fmt.Fprintf(w, "\nRanking the points (guidance left out); a random guess scores hit@3 = %.2f:\n", min(1, 3/float64(len(s.Points))))
		fmt.Fprintf(w, "%-34s %7s %7s %7s\n", "", "hit@1", "hit@3", "MRR")
		fmt.Fprintf(w, "%-34s %7.3f %7.3f %7.3f\n", "standardbot", res.Hit1, res.Hit3, res.MRR)
		fmt.Fprintf(w, "%-34s %7.3f %7.3f %7.3f\n", "plain bleve (standard analyser)", baseRes.Hit1, baseRes.Hit3, baseRes.MRR)
	}
	fmt.Fprintf(w, "\n%.2f ms a question\n", float64(took.Microseconds())/1000/float64(len(qs)))
	if *showMisses > 0 {
		printMisses(w, "Misses (right point not in the top 3 of the ranking)", len(res.Misses), *showMisses, func(i int) string {
			m := res.Misses[i]
			return fmt.Sprintf("%-10s want %v got %v (rank %d): %s", m.Question.ID, m.Question.Expected(), m.Got, m.Rank, m.Question.Question)
		})
		printMisses(w, "Answers that let the user down", len(answers.Misses), *showMisses, func(i int) string {
			m := answers.Misses[i]
			return fmt.Sprintf("%-10s %-22s want %v got %q: %s", m.Question.ID, m.Why, m.Question.Expected(), m.Got, m.Question.Question)
		})
	}
	return nil
}

// printMisses lists up to limit of n misses under a heading.
func printMisses(w io.Writer, heading string, n, limit int, line func(i int) string) {
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s: %d\n", heading, n)
	for i := 0; i < n; i++ {
		if i == limit {
			fmt.Fprintf(w, "  ... and %d more (--misses N shows more)\n", n-i)
			return
		}
		fmt.Fprintf(w, "  %s\n", line(i))
	}
}

// fileStandard is the standard every question of a file names, or "".
func fileStandard(qs []knowledge.EvalQuestion) string {
	std := ""
	for _, q := range qs {
		if q.Standard == "" || (std != "" && q.Standard != std) {
			return ""
		}
		std = q.Standard
	}
	return std
}
