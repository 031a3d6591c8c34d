package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/panels"
)

// PanelExamples gives what published panels said about a point, for
// `examples`: cmd wires knowledge/panels' Copy.Examples over the kept
// assessment reports.
type PanelExamples interface {
	// Examples gives up to panels.MaxExamples recent panels' remarks on
	// point n of std at assessments closing phase ("" for any), and how
	// many reports are kept.
	Examples(std string, n int, phase checklist.Phase) (remarks []panels.Remark, reports int, err error)
}

// errExamplesOff is `examples` where the published reports are not kept.
var errExamplesOff = usage("Examples come from GOV.UK's published assessment reports, which are not fetched here: set STANDARDBOT_GOVUK=service-manual,assessment-reports and run standardbot index.")

func (b *Bot) cmdExamples(ctx context.Context, req *request) ([]Reply, error) {
	num, rest := cutWord(req.args)
	if num == "" {
		return nil, usage("Which point? Try: examples 5, or examples 5 beta")
	}
	if !knowledge.LooksLikePoint(num) {
		return nil, errNotCommand // "examples of good user research" is a question
	}
	pl := b.placeOf(ctx, req, false)
	std, err := b.Library.Lookup(pl.standard)
	if err != nil {
		return nil, usage(err.Error() + ". Try: standards")
	}
	n, err := std.ParsePoint(num)
	if err != nil {
		return nil, usage(err.Error() + ". Try: examples " + std.Points[0].Shown())
	}
	pt, _ := std.Point(n)
	phase, err := b.examplesPhase(ctx, req, rest)
	if err != nil {
		return nil, err
	}
	if b.PanelExamples == nil {
		return nil, errExamplesOff
	}
	remarks, reports, err := b.PanelExamples.Examples(std.ID, n, phase)
	if err != nil {
		return nil, fmt.Errorf("examples: %w", err)
	}
	at := ""
	if phase != "" {
		at = " at " + string(phase)
	}
	if reports == 0 {
		return Text(ReplyInfo, "No published assessment reports are kept yet: run standardbot index, with assessment-reports in STANDARDBOT_GOVUK.").one(), nil
	}
	if len(remarks) == 0 {
		return Text(ReplyInfo, fmt.Sprintf("None of the %d published reports kept says anything on %s%s. Try another stage: examples %s alpha|beta|live", reports, std.Label(pt), at, pt.Shown())).one(), nil
	}
	r := Reply{Type: ReplyPoint, Title: fmt.Sprintf("What panels said on %s%s", std.Label(pt), at)}
	for _, rm := range remarks {
		r.Blocks = append(r.Blocks, Block{Type: Quote, Text: remarkText(rm), Cite: remarkCite(rm), URL: rm.URL})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("Newest first, from GOV.UK's published service assessment reports (%d kept here).", reports)})
	return r.one(), nil
}

// examplesPhase is the phase asked for, else the project's when it has an
// assessment, else any.
func (b *Bot) examplesPhase(ctx context.Context, req *request, arg string) (checklist.Phase, error) {
	if arg != "" {
		ph, err := checklist.ParsePhase(arg)
		if err != nil || ph == checklist.Discovery {
			return "", usage(fmt.Sprintf("%q is not a stage panels assess: use alpha, beta or live. Try: examples 5 beta", arg))
		}
		return ph, nil
	}
	if b.Store == nil {
		return "", nil
	}
	p, err := b.Store.ProjectByChannel(ctx, binding(req.msg))
	if err != nil {
		return "", nil
	}
	return stageOf(p.Phase).Phase(), nil
}

// remarkCite names a remark's report: its title, stage, date and rating.
func remarkCite(r panels.Remark) string {
	parts := []string{r.Report}
	if r.Stage != "" {
		parts = append(parts, r.Stage.Label())
	}
	if !r.Date.IsZero() {
		parts = append(parts, r.Date.Pretty())
	}
	if r.Rating != "" {
		parts = append(parts, fmt.Sprintf("point %d %s", r.Point, r.Rating))
	}
	return strings.Join(parts, ", ")
}

// remarkText is what a panel said: done well, and to explore.
func remarkText(r panels.Remark) string {
	var parts []string
	if len(r.WellDone) > 0 {
		parts = append(parts, "Done well: "+strings.Join(r.WellDone, "; ")+".")
	}
	if len(r.Explore) > 0 {
		parts = append(parts, "To explore: "+strings.Join(r.Explore, "; ")+".")
	}
	if len(parts) == 0 {
		return "No remarks, only the rating."
	}
	return strings.Join(parts, " ")
}
