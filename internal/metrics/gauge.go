package metrics

import (
	"fmt"
	"io"
)

// gaugeFunc is a value read when the metrics are written: a queue's
// length, work in progress.
type gaugeFunc struct {
	n, help string
	fn      func() float64
}

// NewGaugeFunc registers a gauge whose value fn gives at each scrape. fn
// must be safe to call from any goroutine.
func (r *Registry) NewGaugeFunc(name, help string, fn func() float64) {
	r.add(&gaugeFunc{n: name, help: help, fn: fn})
}

func (g *gaugeFunc) name() string { return g.n }

func (g *gaugeFunc) write(w io.Writer) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s gauge\n%s %s\n", g.n, g.help, g.n, g.n, num(g.fn()))
}
