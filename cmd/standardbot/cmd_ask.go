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
	if s, ok := k.lib.Standard(std); ok {
		std = s.ID // an everyday name (welsh, techcode) asks its standard
	}
	// Through the bot core, as chat answers a question: greetings and
	// mapping questions included, not only what search finds.
	core := &bot.Bot{Answerer: k.answerer, Library: k.lib, DefaultStandard: std, DefaultTimeZone: e.cfg.TimeZone, Log: newLogger(e.stderr, false), Now: e.now}
	replies, ans, err := core.Ask(ctx, bot.Message{Address: bot.Address{Platform: console.Platform, Channel: "ask"}, User: "ask", Text: question})
	var ue interface{ UserMessage() string }
	if errors.As(err, &ue) {
		return usageErr("%s", ue.UserMessage())
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(askJSON(question, std, replies, ans))
	}
	fmt.Fprintln(e.stdout, console.Render(replies))
	return nil
}

// askJSON is ask --json's object: the answer as the answerer gave it, or,
// for a reply that is not a search's answer (a greeting, the points that
// match another standard's), the same shape with the reply's text as the
// answer and no sources.
func askJSON(question, std string, replies []bot.Reply, ans *knowledge.Answer) *knowledge.Answer {
	if ans != nil {
		return ans
	}
	return &knowledge.Answer{
		Status: knowledge.StatusAnswered, Question: question, Answer: console.Render(replies),
		Sources: []knowledge.Source{}, Standard: std,
	}
}
