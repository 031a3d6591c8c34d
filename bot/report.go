package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

func (b *Bot) cmdReport(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args != "" {
		return nil, errNotCommand
	}
	states, err := b.Store.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load actions: %w", err)
	}
	rep := Report(p, states, acts, b.Library, b.now())
	r := Reply{Type: ReplyReport, Title: "Readiness report: " + p.Name + archivedSuffix(p)}
	if p.Archived() {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Archived on " + dateText(p, p.ArchivedAt) + "."})
	}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Standard", fmt.Sprintf("%s (%s)", rep.StandardName, rep.Standard)},
		{"Phase", string(rep.Phase)},
		{"Assessment", b.assessmentText(p)},
		{"Ready", fmt.Sprintf("%d of %d points met or n/a (%.0f%%)", rep.Counts[checklist.Met]+rep.Counts[checklist.NA], len(rep.Points), rep.Done*100)},
	}})
	var gaps []string
	for _, n := range rep.Outstanding {
		pt := rep.Points[n-1]
		line := fmt.Sprintf("%s %s. %s: %s", statusEmoji[pt.Status], pt.Shown(), pt.Title, pt.Status)
		if len(pt.Evidence) == 0 {
			line += ", no evidence yet"
		}
		gaps = append(gaps, line)
	}
	if len(gaps) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Still to do, most urgent first:"}, Block{Type: List, Items: gaps})
	}
	var noEvidence []string
	for _, pt := range rep.Points {
		if pt.Status == checklist.Met && len(pt.Evidence) == 0 {
			noEvidence = append(noEvidence, pt.Shown())
		}
	}
	if len(noEvidence) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Met but with no evidence recorded: points " + strings.Join(noEvidence, ", ") + ". Add it with: evidence N LINK"})
	}
	if len(acts) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Open actions from the panel:"}, Block{Type: List, Items: b.actionLines(p, acts)})
	}
	links, err := b.reportLinks(ctx, p)
	if err != nil {
		return nil, err
	}
	r.Blocks = append(r.Blocks, links...)
	return r.one(), nil
}

// Report is a project's readiness report as of now, from the stored state
// of its points and its open actions, with its standard's name and point titles when lib has
// the standard (the bare id and numbers when it is no longer loaded).
func Report(p *checklist.Project, states []checklist.PointState, acts []checklist.Action, lib *knowledge.Library, now time.Time) *checklist.Report {
	name := p.Standard
	var points []checklist.PointInfo
	if s, ok := lib.Standard(p.Standard); ok {
		name = s.Name
		for _, pt := range s.Points {
			points = append(points, checklist.PointInfo{Number: pt.Number, Title: pt.Title, URL: pt.URL, Ref: pt.Ref})
		}
	}
	r := checklist.NewReport(checklist.NewProgress(p, states), name, points, now)
	r.AddActions(acts, checklist.DateOf(now.In(p.Location())))
	return r
}

// ReportSource is what a full report reads from the store.
type ReportSource interface {
	PointStates(ctx context.Context, id int64) ([]checklist.PointState, error)
	OpenActions(ctx context.Context, id int64) ([]checklist.Action, error)
	History(ctx context.Context, id int64, point int, limit int) ([]checklist.Change, error)
	LatestAssessment(ctx context.Context, id int64) (*checklist.AssessmentRecord, error)
}

var _ ReportSource = (Store)(nil)

// FullReport is Report with what the project's history adds: who set each
// status, and progress over time (the burn-up) with the assessments held
// (the latest recorded, and every "assessment result" in the history).
func FullReport(ctx context.Context, s ReportSource, p *checklist.Project, lib *knowledge.Library, now time.Time) (*checklist.Report, error) {
	states, err := s.PointStates(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load progress: %w", err)
	}
	acts, err := s.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, fmt.Errorf("load actions: %w", err)
	}
	changes, err := s.History(ctx, p.ID, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	var held []checklist.Assessment
	latest, err := s.LatestAssessment(ctx, p.ID)
	switch {
	case err == nil:
		held = append(held, checklist.Assessment{Date: latest.Date, Stage: latest.Stage, Result: latest.Result, Source: latest.Source})
	case checklist.ErrorCode(err) != checklist.ENOTFOUND:
		return nil, fmt.Errorf("load assessment: %w", err)
	}
	r := Report(p, states, acts, lib, now)
	r.AddHistory(changes, held, p.Location())
	return r, nil
}
