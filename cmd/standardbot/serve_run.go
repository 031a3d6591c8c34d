package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// shutdownGrace bounds a graceful stop: in-flight requests and acknowledged
// events finish within it, well inside a container's 30 s kill timeout.
const shutdownGrace = 9 * time.Second

// run serves HTTP and runs every service until ctx ends or one of them
// fails, then stops them all within shutdownGrace. It returns the failure
// that stopped it, or nil.
func (s *server) run(ctx context.Context) error {
	runCtx, stopServices := context.WithCancel(context.Background())
	defer stopServices()
	errc := make(chan error, len(s.services)+1)
	go func() {
		if err := s.http.Serve(s.ln); !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()
	for _, svc := range s.services {
		go func() {
			if err := svc.Run(runCtx); err != nil && runCtx.Err() == nil {
				errc <- fmt.Errorf("%s: %w", svc.Name(), err)
			}
		}()
	}
	st := s.k.index.Stats()
	s.log.Info("standardbot serving", "addr", s.ln.Addr().String(), "version", version, "services", serviceNames(s.services),
		"database", databaseKind(s.cfg.Database), "llm", s.cfg.OpenAI.Enabled(), "points", st.Points,
		"sections", st.Sections, "service_manual_guides", s.k.manual.Guides(), "startup", time.Since(s.began).Round(time.Millisecond).String())

	var runErr error
	select {
	case <-ctx.Done():
		s.log.Info("shutting down: finishing in-flight work")
	case runErr = <-errc:
		s.log.Error("stopping after an error", "err", runErr)
	}
	s.shutdown()
	stopServices()
	s.log.Info("stopped")
	return runErr
}

// shutdown stops taking requests and lets every service finish the work
// it has acknowledged, within shutdownGrace.
func (s *server) shutdown() {
	s.draining.Store(true)
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := s.http.Shutdown(ctx); err != nil {
		s.log.Warn("http shutdown", "err", err)
	}
	for _, svc := range s.services {
		if err := svc.Drain(ctx); err != nil {
			s.log.Warn("drain", "service", svc.Name(), "err", err)
		}
	}
}
