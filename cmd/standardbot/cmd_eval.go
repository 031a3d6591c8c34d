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
	qs, err := readEvalFile(pos[0])
	if err != nil {
		return err
	}
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources), progress: e.stderr})
	if err != nil {
		return err
	}
	defer k.Close()
	s, err := evalStandard(k.lib, qs, *standard, e.cfg.Standard, pos[0])
	if err != nil {
		return err
	}
	run, err := evaluate(ctx, k, s, qs)
	if err != nil {
		return err
	}
	run.print(e.stdout, s, qs, *showMisses)
	return nil
}

// readEvalFile reads a question file.
func readEvalFile(path string) ([]knowledge.EvalQuestion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, usageErr("cannot read question file: %v", err)
	}
	defer f.Close()
	qs, err := knowledge.ReadEvalQuestions(f)
	if err != nil {
		return nil, usageErr("%s: %v", path, err)
	}
	return qs, nil
}

// evalStandard is the standard the questions are asked of: the one given,
// else the one every line of the file names, else the configured one.
// A standard given on the command line wins over the file's own labels
// (the assessor file names its standard in words), so they are cleared;
// otherwise each label must name a standard the library knows.
func evalStandard(lib *knowledge.Library, qs []knowledge.EvalQuestion, given, configured, path string) (*knowledge.Standard, error) {
	std := given
	if std == "" {
		std = fileStandard(qs)
	}
	if std == "" {
		std = configured
	}
	if err := checkStandard(lib, std); err != nil {
		return nil, err
	}
	for i := range qs {
		switch {
		case given != "":
			qs[i].Standard = ""
		case qs[i].Standard != "":
			if err := checkStandard(lib, qs[i].Standard); err != nil {
				return nil, usageErr("%s: question %s: %v", path, qs[i].ID, err)
			}
		}
	}
	s, _ := lib.Standard(std)
	return s, nil
}

// evalRun is one evaluation: standardbot's ranking and answers, the same
// of a plain bleve index over the same points, and how long standardbot's
// took (wall clock: a measured duration).
type evalRun struct {
	res, baseRes         *knowledge.EvalResult
	answers, baseAnswers *knowledge.AnswerEval
	took                 time.Duration
}

// evaluate asks the questions of standardbot and of the plain baseline.
func evaluate(ctx context.Context, k *knowledgeSet, s *knowledge.Standard, qs []knowledge.EvalQuestion) (*evalRun, error) {
	var run evalRun
	var err error
	start := time.Now()
	if run.res, err = knowledge.Evaluate(ctx, k.index, s.ID, qs); err != nil {
		return nil, err
	}
	if run.answers, err = knowledge.EvaluateAnswers(ctx, k.answerer, s.ID, qs); err != nil {
		return nil, err
	}
	run.took = time.Since(start)
	tmp, err := os.MkdirTemp("", "standardbot-baseline-")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer os.RemoveAll(tmp)
	base, err := knowledge.NewBaseline(filepath.Join(tmp, "index"), s)
	if err != nil {
		return nil, err
	}
	defer base.Close()
	if run.baseRes, err = knowledge.Evaluate(ctx, base, s.ID, qs); err != nil {
		return nil, err
	}
	if run.baseAnswers, err = knowledge.EvaluateAnswers(ctx, base, s.ID, qs); err != nil {
		return nil, err
	}
	return &run, nil
}

// print writes the evaluation: what a user sees, the ranking, the time a
// question and up to showMisses misses of each kind.
func (run *evalRun) print(w io.Writer, s *knowledge.Standard, qs []knowledge.EvalQuestion, showMisses int) {
	answers, base := run.answers, run.baseAnswers
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
		row("right point first", answers.Hit1, answers.OnTopic, base.Hit1)
		row("right point among the sources shown", answers.Hit3, answers.OnTopic, base.Hit3)
		row("on-topic questions refused", answers.Refused, answers.OnTopic, base.Refused)
		row("off-topic questions refused", answers.OffRefused, answers.OffTopic, base.OffRefused)
		row("first quote holds the answer (practices)", answers.QuoteHolds, answers.Practice, base.QuoteHolds)
		row("assessment process: from its guidance", answers.ProcessHits, answers.Process, base.ProcessHits)
	}
	if res := run.res; res.Questions > 0 {
		fmt.Fprintf(w, "\nRanking the points (guidance left out); a random guess scores hit@3 = %.2f:\n", min(1, 3/float64(len(s.Points))))
		fmt.Fprintf(w, "%-34s %7s %7s %7s\n", "", "hit@1", "hit@3", "MRR")
		fmt.Fprintf(w, "%-34s %7.3f %7.3f %7.3f\n", "standardbot", res.Hit1, res.Hit3, res.MRR)
		fmt.Fprintf(w, "%-34s %7.3f %7.3f %7.3f\n", "plain bleve (standard analyser)", run.baseRes.Hit1, run.baseRes.Hit3, run.baseRes.MRR)
	}
	fmt.Fprintf(w, "\n%.2f ms a question\n", float64(run.took.Microseconds())/1000/float64(len(qs)))
	if showMisses > 0 {
		run.printMisses(w, showMisses)
	}
}

// printMisses lists the ranking's misses and the answers that let the
// user down, up to limit of each.
func (run *evalRun) printMisses(w io.Writer, limit int) {
	printMisses(w, "Misses (right point not in the top 3 of the ranking)", len(run.res.Misses), limit, func(i int) string {
		m := run.res.Misses[i]
		return fmt.Sprintf("%-10s want %v got %v (rank %d): %s", m.Question.ID, m.Question.Expected(), m.Got, m.Rank, m.Question.Question)
	})
	printMisses(w, "Answers that let the user down", len(run.answers.Misses), limit, func(i int) string {
		m := run.answers.Misses[i]
		return fmt.Sprintf("%-10s %-22s want %v got %q: %s", m.Question.ID, m.Why, m.Question.Expected(), m.Got, m.Question.Question)
	})
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
