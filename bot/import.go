package bot

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/standardbot/standardbot/checklist"
)

// ReportFetcher reads a service assessment report published on GOV.UK,
// for `assessment import URL`: cmd wires internal/govuk/reports' Reader
// over its GOV.UK client. Errors carry a one-line message for the user.
type ReportFetcher interface {
	Fetch(ctx context.Context, addr string) (*checklist.Assessment, error)
}

// cutWord splits off the first word, at any white space (a pasted report
// follows `import` on the next line).
func cutWord(s string) (word, rest string) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// assessmentImport is `assessment import URL` and `assessment import`
// followed by a report's text: it reads the report and shows what it read,
// storing nothing until the same person says yes.
func (b *Bot) assessmentImport(ctx context.Context, req *request, p *checklist.Project, arg string) ([]Reply, error) {
	a, err := b.readReport(ctx, arg)
	if err != nil {
		return nil, err
	}
	if err := b.checkImport(p, a); err != nil {
		return nil, err
	}
	err = b.awaitYes(ctx, req, confirmation{
		kind:    kindImport,
		payload: importPayload{Project: p.ID, Report: a},
		no:      "Cancelled: nothing from the report was stored.",
		dropped: "Cancelled the report import: nothing was stored. Import it again to see it.",
	})
	if err != nil {
		return nil, err
	}
	return b.importPreview(p, a).one(), nil
}

// importPayload is what the yes to an import needs: the project the
// report was read for, and what was read, so the yes stores exactly what
// the preview showed without reading the report again.
type importPayload struct {
	Project int64                 `json:"project"`
	Report  *checklist.Assessment `json:"report"`
}

// importYes records an import from its confirmation.
func (b *Bot) importYes(ctx context.Context, req *request, p importPayload) ([]Reply, error) {
	if p.Project == 0 || p.Report == nil {
		return nil, errStaleConfirmation
	}
	return b.storeImport(ctx, req, p.Project, p.Report)
}

// errFetchOff is import by address while GOV.UK is not fetched.
var errFetchOff = usage("Import by address is off here (STANDARDBOT_GOVUK=off), so nothing was fetched. Paste the report's text instead, on the lines after: assessment import")

// readReport reads the report at an address, or pasted.
func (b *Bot) readReport(ctx context.Context, arg string) (*checklist.Assessment, error) {
	switch {
	case arg == "":
		return nil, usage("Give the report's address or its text. Try: assessment import https://www.gov.uk/service-standard-reports/NAME, or paste the report on the lines after: assessment import")
	case !strings.ContainsFunc(arg, unicode.IsSpace) && (strings.HasPrefix(arg, "http") || strings.HasPrefix(arg, "<http")):
		if b.ReportFetcher == nil {
			return nil, errFetchOff
		}
		return b.ReportFetcher.Fetch(ctx, arg)
	case b.ReportText == nil:
		return nil, usage("Reading pasted reports is not set up here. Record the outcome with: assessment result green|amber|red [YYYY-MM-DD]")
	}
	return b.ReportText(arg)
}

// checkImport refuses a report whose points are not the project's: of
// another standard, or beyond its points.
func (b *Bot) checkImport(p *checklist.Project, a *checklist.Assessment) error {
	if a.Standard != "" && a.Standard != p.Standard {
		return usage(fmt.Sprintf("That report assesses against the %d-point %s standard and %s uses %s: their points differ, so nothing can be imported.", a.StandardPoints, a.Standard, p.Name, p.Standard))
	}
	if a.Standard == "" && a.StandardPoints > 0 {
		return usage(fmt.Sprintf("That report assesses against the %d-point Digital by Default Service Standard, which %s does not use, so nothing can be imported.", a.StandardPoints, p.Name))
	}
	for _, pt := range a.Points {
		if pt.Point > p.Points {
			return usage(fmt.Sprintf("That report has a point %d and %s's standard has %d points, so nothing can be imported.", pt.Point, p.Name, p.Points))
		}
	}
	return nil
}

// importDate is the date an import records: the report's, else the
// project's assessment date, else today; the reply says which.
func (b *Bot) importDate(p *checklist.Project, a *checklist.Assessment) (checklist.Date, string) {
	switch {
	case !a.Date.IsZero():
		return a.Date, a.Date.Pretty()
	case !p.Assessment.IsZero():
		return p.Assessment, p.Assessment.Pretty() + " (not in the report: the project's assessment date)"
	}
	today := b.today(p)
	return today, today.Pretty() + " (not in the report, nor a project assessment date: today)"
}

// storeImport records a confirmed import of a report read for project
// id, in one transaction.
func (b *Bot) storeImport(ctx context.Context, req *request, id int64, read *checklist.Assessment) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if p.ID != id {
		return nil, usage("This channel's project changed since the report was read, so nothing was stored. Import it again.")
	}
	a := *read
	a.Date, _ = b.importDate(p, &a)
	rec, err := b.Store.SaveAssessment(ctx, p.ID, &a, who(req.msg))
	if err != nil {
		return nil, err
	}
	text := fmt.Sprintf("Recorded the %s on %s for %s", assessmentName(rec.Stage), rec.Date.Pretty(), p.Name)
	if rec.Result != "" {
		text += fmt.Sprintf(": %s %s", ratingEmoji[rec.Result], rec.Result)
	}
	text += fmt.Sprintf(", with %d point ratings and %d actions", len(rec.Ratings), countExplore(&a))
	if n := countExplore(&a); n > 0 {
		text += fmt.Sprintf(" due %s. See them with: actions", checklist.ActionDue(rec.Date).Pretty())
	} else {
		text += "."
	}
	return Text(ReplyInfo, text).one(), nil
}

// countExplore is how many actions an imported report raises.
func countExplore(a *checklist.Assessment) int {
	n := 0
	for _, p := range a.Points {
		n += len(p.Explore)
	}
	return n
}
