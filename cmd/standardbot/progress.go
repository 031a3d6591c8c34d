package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progressBar draws a bar on a terminal and plain lines elsewhere, so logs
// of a container build stay readable; with log set (serve's JSON log),
// off a terminal it logs instead, so every line of the log is JSON.
type progressBar struct {
	w       io.Writer
	tty     bool
	log     *slog.Logger
	lastPct int
	lastAt  time.Time
	active  bool
}

func newProgressBar(w io.Writer) *progressBar {
	return &progressBar{w: w, tty: isTerminal(w), lastPct: -1}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *progressBar) update(label string, done, total int) {
	if total <= 0 {
		return
	}
	pct := done * 100 / total
	if p.tty {
		if pct == p.lastPct && time.Since(p.lastAt) < 100*time.Millisecond {
			return
		}
		const width = 30
		fill := pct * width / 100
		fmt.Fprintf(p.w, "\r%-16s [%s%s] %3d%% %d/%d", label, strings.Repeat("█", fill), strings.Repeat("░", width-fill), pct, done, total)
		p.active = true
	} else if p.log != nil {
		if p.lastPct < 0 || pct/10 != p.lastPct/10 || done == total {
			p.log.Info(strings.ToLower(label), "done", done, "total", total, "percent", pct)
		}
	} else if pct/10 != p.lastPct/10 || done == total {
		fmt.Fprintf(p.w, "%s: %d/%d (%d%%)\n", label, done, total, pct)
	}
	p.lastPct, p.lastAt = pct, time.Now()
}

// done ends the bar's line.
func (p *progressBar) done() {
	if p.tty && p.active {
		fmt.Fprintln(p.w)
	}
	p.active = false
	p.lastPct = -1
}
