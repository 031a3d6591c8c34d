package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/internal/metrics"
)

// shutdownGrace bounds a graceful stop: in-flight requests and acknowledged
// events finish within it, well inside a container's 30 s kill timeout.
const shutdownGrace = 9 * time.Second

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
	log := newLogger(e.stderr, true)
	start := time.Now()
	slots := answeringSlots(log)
	k, err := openKnowledge(ctx, e.cfg, knowledgeOptions{sources: e.cfg.Sources, progress: e.stderr, progressLog: log, log: log, warn: warnLog(log)})
	if err != nil {
		return err
	}
	defer k.Close()
	if _, err := k.lib.Lookup(e.cfg.Standard); err != nil {
		return usageErr("STANDARDBOT_STANDARD: %v", err)
	}
	tuneGC(ctx, log)
	store, err := openStore(ctx, e.cfg)
	if err != nil {
		return err
	}
	defer store.Close()

	reg := metrics.NewRegistry()
	if err := reg.AddRuntime(); err != nil {
		return err
	}
	m := newServeMetrics(reg)
	k.answerer.Log = log
	core := &bot.Bot{Answerer: k.answerer, Library: k.lib, Store: store, DefaultStandard: e.cfg.Standard, DefaultTimeZone: e.cfg.TimeZone, Log: log, Admins: e.cfg.Admins}
	core.OnAnswer = func(status string) { m.answers.Inc(status) }

	chores, govukServices, err := serveGovUK(ctx, e.cfg, k, store, log)
	if err != nil {
		return err
	}
	// Listened on before the inbox opens: the inbox names this process by
	// its address, and only the process holding it may release what that
	// name left.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another process using the port? set STANDARDBOT_HTTP_ADDR)", *addr, err)
	}
	defer ln.Close()
	ib, err := openInbox(ctx, store, ln.Addr().String(), reg, log)
	if err != nil {
		return err
	}
	services, err := buildServices(ctx, e.cfg, core, store, ib, slots, reg, log, chores...)
	if err != nil {
		return err
	}
	services = append(services, govukServices...)
	if !e.cfg.Slack.Configured() && !e.cfg.Teams.Configured() {
		log.Warn(noPlatformWarning)
	}
	var draining atomic.Bool
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		pctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		switch err := store.Ping(pctx); {
		case draining.Load():
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
		case err != nil:
			log.Warn("readiness: database unreachable", "err", err)
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		default:
			st := k.answerer.Current().Stats()
			fmt.Fprintf(w, "ready: database reachable, index loaded (%d points, %d sections)\n", st.Points, st.Sections)
		}
	})
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		reg.Write(w)
	})
	for _, s := range services {
		if r, ok := s.(router); ok {
			r.Routes(mux)
		}
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           m.instrument(mux),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	runCtx, stopServices := context.WithCancel(context.Background())
	defer stopServices()
	errc := make(chan error, len(services)+1)
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()
	for _, s := range services {
		go func() {
			if err := s.Run(runCtx); err != nil && runCtx.Err() == nil {
				errc <- fmt.Errorf("%s: %w", s.Name(), err)
			}
		}()
	}
	log.Info("standardbot serving", "addr", ln.Addr().String(), "version", version, "services", serviceNames(services),
		"database", databaseKind(e.cfg.Database), "llm", e.cfg.OpenAI.Enabled(), "points", k.index.Stats().Points,
		"sections", k.index.Stats().Sections, "service_manual_guides", k.manual.Guides(), "startup", time.Since(start).Round(time.Millisecond).String())

	var runErr error
	select {
	case <-ctx.Done():
		log.Info("shutting down: finishing in-flight work")
	case runErr = <-errc:
		log.Error("stopping after an error", "err", runErr)
	}
	draining.Store(true)
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "err", err)
	}
	for _, s := range services {
		if err := s.Drain(sctx); err != nil {
			log.Warn("drain", "service", s.Name(), "err", err)
		}
	}
	stopServices()
	log.Info("stopped")
	return runErr
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

// serveMetrics are the process-wide metrics on /metrics.
type serveMetrics struct {
	requests *metrics.Counter
	latency  *metrics.Histogram
	answers  *metrics.Counter
	reg      *metrics.Registry
}

func newServeMetrics(reg *metrics.Registry) *serveMetrics {
	return &serveMetrics{
		reg:      reg,
		requests: reg.NewCounter("standardbot_http_requests_total", "HTTP requests by path and status code.", "path", "code"),
		latency:  reg.NewHistogram("standardbot_http_request_seconds", "HTTP request latency by path.", metrics.DefaultLatencyBuckets, "path"),
		answers:  reg.NewCounter("standardbot_answers_total", "Questions answered, by status (answered, no_answer).", "status"),
	}
}

// instrument counts and times every request; paths are the mux's patterns,
// so unknown URLs do not create new series.
func (m *serveMetrics) instrument(next *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		next.ServeHTTP(sw, r)
		_, pattern := next.Handler(r)
		if pattern == "" {
			pattern = "other"
		}
		m.requests.Inc(pattern, fmt.Sprint(sw.code))
		m.latency.Since(start, pattern)
	})
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (s *statusWriter) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}
