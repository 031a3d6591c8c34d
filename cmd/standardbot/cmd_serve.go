package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/web"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/metrics"
	"github.com/standardbot/standardbot/internal/work"
)

// service is a long-running part of serve: a platform adapter, the
// scheduler, the inbox. Run does its background work until ctx ends; Drain
// waits for acknowledged work to finish.
type service interface {
	Name() string
	Run(ctx context.Context) error
	Drain(ctx context.Context) error
}

// router is a service with HTTP endpoints, such as an adapter's webhook:
// serve adds them to its mux.
type router interface {
	Routes(mux *http.ServeMux)
}

// server is serve built: knowledge, store, listener and services opened
// and wired, nothing running yet.
type server struct {
	cfg      *Config
	now      func() time.Time
	log      *slog.Logger
	began    time.Time
	k        *knowledgeSet
	store    checklist.Store
	reg      *metrics.Registry
	ln       net.Listener
	http     *http.Server
	services []service
	// draining turns /readyz away once shutdown has begun.
	draining atomic.Bool
	// closers close what was opened, last opened first.
	closers []func() error
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", e.cfg.HTTPAddr, "listen address (STANDARDBOT_HTTP_ADDR)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("serve takes no arguments; configure it with environment variables (see README)")
	}
	s, err := newServer(ctx, e, *addr)
	if err != nil {
		return err
	}
	defer s.close()
	return s.run(ctx)
}

// newServer opens and wires everything serve runs, or closes what it had
// opened and says what failed.
func newServer(ctx context.Context, e *env, addr string) (_ *server, err error) {
	s := &server{cfg: e.cfg, now: e.now, log: newLogger(e.stderr, true), began: time.Now(), reg: metrics.NewRegistry()}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	slots := answeringSlots(s.log)
	s.k, err = openKnowledge(ctx, e.cfg, knowledgeOptions{sources: e.cfg.Sources, progress: e.stderr, progressLog: s.log, log: s.log, warn: warnLog(s.log)})
	if err != nil {
		return nil, err
	}
	s.closers = append(s.closers, s.k.Close)
	if err := defaultStandard(s.k.lib, e.cfg); err != nil {
		return nil, err
	}
	tuneGC(ctx, s.log)
	if s.store, err = openStore(ctx, e.cfg, s.now); err != nil {
		return nil, err
	}
	s.closers = append(s.closers, s.store.Close)
	if err := s.reg.AddRuntime(); err != nil {
		return nil, err
	}
	m := newServeMetrics(s.reg)
	core, err := s.newCore(m)
	if err != nil {
		return nil, err
	}
	if err := s.openServices(ctx, addr, core, slots); err != nil {
		return nil, err
	}
	if !e.cfg.Slack.Configured() && !e.cfg.Teams.Configured() {
		s.log.Warn(noPlatformWarning)
	}
	s.http = s.newHTTPServer(addr, m.instrument(s.routes()))
	return s, nil
}

// newCore is the conversation core over the server's knowledge and store.
func (s *server) newCore(m *serveMetrics) (*bot.Bot, error) {
	s.k.answerer.Log = s.log
	core := &bot.Bot{Answerer: s.k.answerer, Library: s.k.lib, Store: s.store, DefaultStandard: s.cfg.Standard,
		DefaultTimeZone: s.cfg.TimeZone, Log: s.log, Admins: s.cfg.Admins, Now: s.now}
	core.OnAnswer = func(status string) { m.answers.Inc(status) }
	return core, wireReportImport(core, s.cfg)
}

// openServices listens on addr and builds the GOV.UK copy's services,
// the inbox, the adapters (answering in slots) and the scheduler.
func (s *server) openServices(ctx context.Context, addr string, core *bot.Bot, slots *work.Slots) error {
	chores, govukServices, err := serveGovUK(ctx, s.cfg, s.k, s.store, s.log)
	if err != nil {
		return err
	}
	// Listened on before the inbox opens: the inbox names this process by
	// its address, and only the process holding it may release what that
	// name left.
	if s.ln, err = net.Listen("tcp", addr); err != nil {
		return fmt.Errorf("listen on %s: %w (is another process using the port? set STANDARDBOT_HTTP_ADDR)", addr, err)
	}
	s.closers = append(s.closers, s.ln.Close)
	ib, err := openInbox(ctx, s.store, s.ln.Addr().String(), s.now, s.reg, s.log)
	if err != nil {
		return err
	}
	if s.services, err = buildServices(ctx, s.cfg, core, s.store, ib, slots, s.reg, s.log, chores...); err != nil {
		return err
	}
	pages, err := newWeb(s.cfg, s.ln.Addr().String(), core, s.store, memberships(s.services), s.log)
	if err != nil {
		return err
	}
	s.services = append(s.services, govukServices...)
	s.services = append(s.services, pages)
	return nil
}

// memberships are the services that can say who may see a channel: the
// chat adapters.
func memberships(ss []service) []web.Membership {
	var out []web.Membership
	for _, svc := range ss {
		if m, ok := svc.(web.Membership); ok {
			out = append(out, m)
		}
	}
	return out
}

// close closes what newServer opened, last opened first.
func (s *server) close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.closers = nil
}

// noPlatformWarning is logged when serve starts with neither Slack nor
// Teams: it would otherwise run, healthy and silent, answering no one.
const noPlatformWarning = "no Slack or Teams configured: serve answers no chat platform until SLACK_BOT_TOKEN (with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN) or TEAMS_APP_ID and TEAMS_APP_PASSWORD are set (see README)"

func serviceNames(ss []service) []string {
	names := make([]string, 0, len(ss))
	for _, s := range ss {
		names = append(names, s.Name())
	}
	return names
}

func databaseKind(url string) string {
	if strings.HasPrefix(url, "sqlite:") {
		return "sqlite"
	}
	return "postgres"
}
