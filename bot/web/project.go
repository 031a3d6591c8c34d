package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// recentChanges is how many changes the project page lists, newest first.
const recentChanges = 20

// projectView is the project page: the project's settings, each point
// with who set its status and its notes and evidence, the panel's
// actions and assessments, and recent history.
type projectView struct {
	page
	Name, Standard, StandardName string
	Phase                        checklist.Phase
	Assessment                   string
	Ready                        float64
	Met, NA, Total               int
	Counts                       []countView
	Points                       []pointView
	Open, Closed                 []actionView
	Assessments                  []assessmentView
	History                      []changeView
	// Rated is the latest assessment's day, and Ratings its panel's
	// rating of each point.
	Rated     string
	Ratings   []ratingView
	Created   string
	ReportURL string
	Archived  bool
	// BurnUp is the progress chart, with its table of numbers.
	BurnUp template.HTML
}

type countView struct {
	Status checklist.Status
	N      int
}

type pointView struct {
	// Number is the point's number as people read it: its official
	// reference where the standard has one.
	Number          string
	Title, URL      string
	Status          checklist.Status
	SetBy, SetAt    string
	Notes, Evidence []itemView
}

type itemView struct {
	ID           int64
	Text, By, At string
}

type actionView struct {
	ID               int64
	Point            string
	Text, By, Due    string
	Overdue          bool
	Closed, ClosedBy string
	Evidence         string
}

type assessmentView struct {
	Date, Stage, Result, Source string
}

type ratingView struct {
	Point         string
	Title, Rating string
}

type changeView struct{ At, By, What string }

// projectPage shows p to a reader allowed to see it.
func (s *Server) projectPage(w http.ResponseWriter, r *http.Request, p *checklist.Project, a access) {
	v, err := s.projectView(r.Context(), p)
	if err != nil {
		s.failed(w, r, err)
		return
	}
	v.page = s.frame(r, p.Name, a)
	v.ReportURL = s.pageURL("/report/"+strconv.FormatInt(p.ID, 10), p.ID, a)
	s.render(w, r, http.StatusOK, "project.html", v)
}

// projectView loads what the project page shows.
func (s *Server) projectView(ctx context.Context, p *checklist.Project) (*projectView, error) {
	rep, err := bot.FullReport(ctx, s.cfg.Store, p, s.cfg.Library, s.now())
	if err != nil {
		return nil, err
	}
	changes, err := s.cfg.Store.History(ctx, p.ID, 0, 0)
	if err != nil {
		return nil, fmt.Errorf("load history: %w", err)
	}
	loc := p.Location()
	v := &projectView{Name: p.Name, Standard: p.Standard, StandardName: rep.StandardName, Phase: p.Phase,
		Ready: rep.Done, Met: rep.Counts[checklist.Met], NA: rep.Counts[checklist.NA], Total: len(rep.Points),
		Assessment: assessmentText(p, s.now()), Created: whenText(p.CreatedAt, loc), Archived: p.Archived(),
		BurnUp: rep.BurnUp.HTML(), Points: pointViews(rep, loc), History: historyViews(changes, rep.PointShown, loc)}
	for _, st := range checklist.Statuses {
		v.Counts = append(v.Counts, countView{Status: st, N: rep.Counts[st]})
	}
	v.Assessments = pastAssessments(changes)
	if err := s.addActions(ctx, p, v, rep.PointShown); err != nil {
		return nil, err
	}
	return v, nil
}

// assessmentText is the next assessment's day and how far away it is.
func assessmentText(p *checklist.Project, now time.Time) string {
	if p.Assessment.IsZero() {
		return "not booked"
	}
	return dateText(p.Assessment) + " (" + daysText(p.Assessment.DaysFrom(checklist.DateOf(now.In(p.Location())))) + ")"
}

// pointViews are the report's points with their notes and evidence (and
// their ids), and who set each status and when.
func pointViews(rep *checklist.Report, loc *time.Location) []pointView {
	var out []pointView
	for _, rp := range rep.Points {
		pv := pointView{Number: rp.Shown(), Title: rp.Title, URL: rp.URL, Status: rp.Status,
			Notes: itemViews(rp.Notes, loc), Evidence: itemViews(rp.Evidence, loc)}
		if rp.StatusBy != "" && rp.Status != checklist.NotStarted {
			pv.SetBy = rp.StatusBy
			if rp.StatusAt != nil {
				pv.SetAt = whenText(*rp.StatusAt, loc)
			}
		}
		out = append(out, pv)
	}
	return out
}

func itemViews(items []checklist.ItemView, loc *time.Location) []itemView {
	var out []itemView
	for _, it := range items {
		out = append(out, itemView{ID: it.ID, Text: it.Text, By: it.By, At: whenText(it.At, loc)})
	}
	return out
}

// historyViews are the latest changes, newest first.
func historyViews(changes []checklist.Change, num func(int) string, loc *time.Location) []changeView {
	var out []changeView
	for i := len(changes) - 1; i >= 0 && len(out) < recentChanges; i-- {
		c := changes[i]
		out = append(out, changeView{At: whenText(c.At, loc), By: checklist.CleanLine(c.By), What: checklist.CleanText(bot.DescribeChange(c, num))})
	}
	return out
}

// pastAssessments are the assessments recorded, newest first, from the
// history's "assessment result" entries ("2027-01-20 beta amber"), with
// the address of the panel's report when it was imported.
func pastAssessments(changes []checklist.Change) []assessmentView {
	var out []assessmentView
	seen := map[string]bool{}
	for i := len(changes) - 1; i >= 0; i-- {
		c := changes[i]
		if c.Field != "assessment result" {
			continue
		}
		day, rest, _ := strings.Cut(c.New, " ")
		d, err := checklist.ParseDate(day)
		if err != nil || seen[day] {
			continue
		}
		seen[day] = true
		stage, result := splitOutcome(rest)
		out = append(out, assessmentView{Date: dateText(d), Stage: stage, Result: result, Source: c.Note})
	}
	return out
}

// splitOutcome separates "beta reassessment amber" into its stage and
// result.
func splitOutcome(s string) (stage, result string) {
	for _, r := range checklist.Ratings {
		if rest, ok := strings.CutSuffix(s, string(r)); ok {
			return strings.TrimSpace(rest), string(r)
		}
	}
	return s, ""
}

// addActions adds the open actions, and the latest assessment's ratings
// and closed actions, to v.
func (s *Server) addActions(ctx context.Context, p *checklist.Project, v *projectView, num func(int) string) error {
	today := checklist.DateOf(s.now().In(p.Location()))
	open, err := s.cfg.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return fmt.Errorf("load actions: %w", err)
	}
	for _, a := range open {
		v.Open = append(v.Open, actionViewOf(a, num, today, p.Location()))
	}
	last, err := s.cfg.Store.LatestAssessment(ctx, p.ID)
	switch {
	case checklist.ErrorCode(err) == checklist.ENOTFOUND:
		return nil
	case err != nil:
		return fmt.Errorf("load assessment: %w", err)
	}
	v.Rated = dateText(last.Date)
	for _, pr := range last.Ratings {
		rv := ratingView{Point: num(pr.Point), Rating: string(pr.Rating)}
		if pr.Point >= 1 && pr.Point <= len(v.Points) {
			rv.Title = v.Points[pr.Point-1].Title
		}
		v.Ratings = append(v.Ratings, rv)
	}
	for _, a := range last.Actions {
		if !a.Open() {
			v.Closed = append(v.Closed, actionViewOf(a, num, today, p.Location()))
		}
	}
	return nil
}

func actionViewOf(a checklist.Action, num func(int) string, today checklist.Date, loc *time.Location) actionView {
	return actionView{ID: a.ID, Point: num(a.Point), Text: checklist.CleanText(a.Text), By: checklist.CleanLine(a.By),
		Due: dateText(a.Due), Overdue: a.Overdue(today), Closed: whenText(a.ClosedAt, loc), ClosedBy: checklist.CleanLine(a.ClosedBy),
		Evidence: checklist.CleanText(a.Evidence)}
}
