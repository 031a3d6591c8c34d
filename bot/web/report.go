package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// reportPage is the project's readiness report as of now, the page
// `standardbot report NAME --format html` writes.
func (s *Server) reportPage(w http.ResponseWriter, r *http.Request, p *checklist.Project, a access) {
	rep, err := bot.FullReport(r.Context(), s.cfg.Store, p, s.cfg.Library, s.now())
	if err != nil {
		s.failed(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := rep.HTML(&buf); err != nil {
		s.failed(w, r, fmt.Errorf("write report: %w", err))
		return
	}
	w.Header().Set("Content-Security-Policy", reportCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

// report is p's readiness report without what its history adds (who set
// each status, the burn-up): what the portfolio's row needs, without
// reading every project's history.
func (s *Server) report(ctx context.Context, p *checklist.Project) (*checklist.Report, error) {
	states, err := s.cfg.Store.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	acts, err := s.cfg.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load actions: %w", err)
	}
	return bot.Report(p, states, acts, s.cfg.Library, s.now()), nil
}
