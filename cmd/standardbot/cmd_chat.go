package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/console"
)

func runChat(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	user := fs.String("user", envOr("USER", "you"), "who is typing (recorded in a project's history)")
	channel := fs.String("channel", "terminal", "the channel this terminal stands for (a project belongs to a channel)")
	var sources multiFlag
	fs.Var(&sources, "source", "extra knowledge: file, folder or URL (repeatable)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("chat takes no arguments; type your questions once it starts")
	}
	tty := isTerminal(e.stdout) && isTerminalReader(e.stdin)
	var progress = e.stderr
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: sourcesFor(e.cfg, sources), progress: progress, log: newLogger(e.stderr, false), warn: warnTo(e.stderr)})
	if err != nil {
		return err
	}
	defer k.Close()
	if err := defaultStandard(k.lib, e.cfg); err != nil {
		return err
	}
	stopGovUK, err := chatGovUK(e.cfg, k, e.stderr, newLogger(e.stderr, false))
	if err != nil {
		return err
	}
	defer stopGovUK()
	store, err := openStore(ctx, e.cfg, e.now)
	if err != nil {
		return err
	}
	defer store.Close()
	b := &bot.Bot{Answerer: k.answerer, Library: k.lib, Store: store, DefaultStandard: e.cfg.Standard, DefaultTimeZone: e.cfg.TimeZone, Log: newLogger(e.stderr, false), Now: e.now}
	// report writes the full report into the data folder, and says where.
	b.Links = console.Files{Dir: filepath.Join(e.cfg.DataDir, "reports")}
	if err := wireReportImport(b, e.cfg); err != nil {
		return err
	}
	if tty {
		fmt.Fprintf(e.stdout, "standardbot %s: ask about the %s standard, or type help. quit to leave.\n", version, e.cfg.Standard)
	}
	a := &console.Adapter{Handler: b, In: e.stdin, Out: e.stdout, Prompt: tty, User: *user, Channel: *channel, Log: b.Log}
	// Stand-ups, reminders and standup now's summaries print as they fall due.
	n := bot.NewNotifier(b, a)
	sched, err := newScheduler(ctx, e.cfg, store, n, e.now, newLogger(e.stderr, false))
	if err != nil {
		return err
	}
	b.Rounds, b.Later = n, sched
	schedCtx, stopSched := context.WithCancel(context.Background())
	go sched.Run(schedCtx)
	defer func() {
		dctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		sched.Drain(dctx)
		stopSched()
	}()
	return a.Run(ctx)
}

func isTerminalReader(r any) bool {
	f, ok := r.(*os.File)
	return ok && isTerminal(f)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
