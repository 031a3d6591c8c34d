package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

func (b *Bot) cmdReport(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args != "" {
		return nil, errNotCommand
	}
	rep, err := b.Report(ctx, p)
	if err != nil {
		return nil, err
	}
	r := Reply{Type: ReplyReport, Title: "Readiness report: " + p.Name}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Standard", fmt.Sprintf("%s (%s)", rep.StandardName, rep.Standard)},
		{"Phase", string(rep.Phase)},
		{"Assessment", b.assessmentText(p)},
		{"Ready", fmt.Sprintf("%d of %d points met or n/a (%.0f%%)", rep.Counts[checklist.Met]+rep.Counts[checklist.NA], len(rep.Points), rep.Done*100)},
	}})
	var gaps []string
	for _, n := range rep.Outstanding {
		pt := rep.Points[n-1]
		line := fmt.Sprintf("%s %d. %s: %s", statusEmoji[pt.Status], n, pt.Title, pt.Status)
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
			noEvidence = append(noEvidence, fmt.Sprint(pt.Number))
		}
	}
	if len(noEvidence) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Met but with no evidence recorded: points " + strings.Join(noEvidence, ", ") + ". Add it with: evidence N LINK"})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("The full report, with notes and evidence: standardbot report %q --format html (or markdown, csv, json)", p.Name)})
	return r.one(), nil
}

// Report builds a project's readiness report with its standard's titles.
func (b *Bot) Report(ctx context.Context, p *checklist.Project) (*checklist.Report, error) {
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	name := p.Standard
	var points []checklist.PointInfo
	if s, ok := b.Library.Standard(p.Standard); ok {
		name = s.Name
		for _, pt := range s.Points {
			points = append(points, checklist.PointInfo{Number: pt.Number, Title: pt.Title, URL: pt.URL})
		}
	}
	return checklist.NewReport(pr, name, points, b.now()), nil
}
