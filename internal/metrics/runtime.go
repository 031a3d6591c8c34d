package metrics

import (
	"fmt"
	"io"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

// AddRuntime adds the Go runtime's and the process's own series, go_* and
// process_*, as every Prometheus client exposes them: the heap, the
// collector's pauses, GOGC and GOMEMLIMIT, goroutines, resident memory
// and CPU time. They are what an operator watches the memory budget by
// (cmd/standardbot/gc.go). Rather than copy the official collectors, the
// registry writes what they gather beside its own metrics.
func (r *Registry) AddRuntime() error {
	g := prometheus.NewRegistry()
	if err := g.Register(collectors.NewGoCollector()); err != nil {
		return fmt.Errorf("register go collector: %w", err)
	}
	if err := g.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})); err != nil {
		return fmt.Errorf("register process collector: %w", err)
	}
	r.mu.Lock()
	r.gatherers = append(r.gatherers, g)
	r.mu.Unlock()
	return nil
}

// gathered reads the added collectors' metric families now. A collector
// that fails is named in a comment line, which the format allows, rather
// than losing the rest of the scrape.
func (r *Registry) gathered() []metric {
	r.mu.Lock()
	gs := append([]prometheus.Gatherer(nil), r.gatherers...)
	r.mu.Unlock()
	var out []metric
	for _, g := range gs {
		mfs, err := g.Gather()
		if err != nil {
			out = append(out, gatherError{err})
		}
		for _, mf := range mfs {
			out = append(out, family{mf})
		}
	}
	return out
}

// family is one metric family gathered from a Prometheus collector.
type family struct{ mf *dto.MetricFamily }

func (f family) name() string { return f.mf.GetName() }

func (f family) write(w io.Writer) { expfmt.MetricFamilyToText(w, f.mf) }

// gatherError reports a collector that failed, as a comment.
type gatherError struct{ err error }

func (e gatherError) name() string { return "" }

func (e gatherError) write(w io.Writer) {
	fmt.Fprintf(w, "# gathering runtime metrics: %s\n", strings.ReplaceAll(e.err.Error(), "\n", "; "))
}
