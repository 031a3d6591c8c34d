package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/knowledge"
)

func runAsk(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the answer as one JSON object")
	standard := fs.String("standard", "", "prefer this standard's points")
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge: file, folder or URL (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(pos, " "))
	if question == "" {
		return usageErr("give a question, for example: standardbot ask \"how do we make our service accessible?\"")
	}
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources), log: newLogger(e.stderr, false)})
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
	ans, err := k.answerer.Answer(ctx, knowledge.Question{Text: question, Standard: std})
	if errors.Is(err, knowledge.ErrEmptyQuestion) {
		return usageErr("%v", err)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	fmt.Fprintln(e.stdout, console.Render([]bot.Reply{bot.AnswerReply(ans)}))
	return nil
}
