package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/standardbot/standardbot/internal/metrics"
)

// routes are serve's own endpoints (health, readiness, metrics) and those
// of every service that has any.
func (s *server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		s.reg.Write(w)
	})
	for _, svc := range s.services {
		if r, ok := svc.(router); ok {
			r.Routes(mux)
		}
	}
	return mux
}

// readyz is ready while the database answers and serve is not shutting
// down, so a load balancer sends work only where it can be kept.
func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	pctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	switch err := s.store.Ping(pctx); {
	case s.draining.Load():
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
	case err != nil:
		s.log.Warn("readiness: database unreachable", "err", err)
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
	default:
		st := s.k.answerer.Current().Stats()
		fmt.Fprintf(w, "ready: database reachable, index loaded (%d points, %d sections)\n", st.Points, st.Sections)
	}
}

// newHTTPServer serves h on addr with timeouts that a slow or idle client
// cannot hold a connection past.
func (s *server) newHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
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
