package checklist

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// PointInfo is what a report needs to know of a standard's point. The
// checklist does not read standards itself; the caller passes them in.
type PointInfo struct {
	Number int
	Title  string
	URL    string
	// Ref is the point's official reference where its standard numbers
	// points within groups ("2.1" in Wales); reports show it for the
	// number, and JSON carries both.
	Ref string
}

// Report is a project's readiness at one moment, in a shape every format
// shares, so markdown, csv, json and html carry the same facts.
type Report struct {
	Project      string         `json:"project"`
	Standard     string         `json:"standard"`
	StandardName string         `json:"standard_name"`
	Phase        Phase          `json:"phase"`
	Assessment   string         `json:"assessment,omitempty"`
	DaysToGo     *int           `json:"days_to_assessment,omitempty"`
	GeneratedAt  time.Time      `json:"generated_at"`
	Counts       map[Status]int `json:"counts"`
	Done         float64        `json:"done"`
	Points       []ReportPoint  `json:"points"`
	Outstanding  []int          `json:"outstanding"`
	// Actions are the panel's open actions, earliest due first.
	Actions []ReportAction `json:"open_actions"`
	// BurnUp is progress over time, from the project's history; nil
	// until AddHistory.
	BurnUp *BurnUp `json:"burn_up,omitempty"`
	// Archived is the day the project was archived, YYYY-MM-DD, or "".
	Archived string `json:"archived,omitempty"`
	// loc is the project's time zone, in which the page gives times.
	loc *time.Location
}

// ReportAction is an open panel action as reports show it.
type ReportAction struct {
	ID    int64 `json:"id"`
	Point int   `json:"point"`
	// Ref is the point's official reference, as ReportPoint.Ref.
	Ref     string `json:"ref,omitempty"`
	Text    string `json:"text"`
	By      string `json:"added_by"`
	Due     string `json:"due"`
	Overdue bool   `json:"overdue"`
}

// AddActions adds the project's open actions to the report, marking those
// due before today (the project's day).
func (r *Report) AddActions(acts []Action, today Date) {
	for _, a := range acts {
		if a.Open() {
			r.Actions = append(r.Actions, ReportAction{ID: a.ID, Point: a.Point, Ref: r.refOf(a.Point), Text: CleanText(a.Text), By: CleanLine(a.By),
				Due: a.Due.String(), Overdue: a.Overdue(today)})
		}
	}
}

// actionsOn is the open actions on point n, as the CSV's cell joins them.
func (r *Report) actionsOn(n int) string {
	var parts []string
	for _, a := range r.Actions {
		if a.Point == n {
			parts = append(parts, fmt.Sprintf("#%d %s (due %s)", a.ID, a.Text, a.Due))
		}
	}
	return strings.Join(parts, " | ")
}

// DueText is an action's due date, with overdue said.
func (a ReportAction) DueText() string {
	if a.Overdue {
		return a.Due + " (overdue)"
	}
	return a.Due
}

// ReportPoint is one row of a report.
type ReportPoint struct {
	Number int `json:"point"`
	// Ref is the official reference shown for Number, when the standard
	// has one ("2.1"); see PointInfo.Ref.
	Ref      string     `json:"ref,omitempty"`
	Title    string     `json:"title"`
	URL      string     `json:"url,omitempty"`
	Status   Status     `json:"status"`
	Notes    []ItemView `json:"notes"`
	Evidence []ItemView `json:"evidence"`
	// UpdatedBy and UpdatedAt are who last changed the point in any way
	// (its status, a note, evidence) and when.
	UpdatedBy string     `json:"updated_by,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
	// StatusBy and StatusAt are who set the point's status and when, from
	// its history (AddHistory); empty without it.
	StatusBy string     `json:"status_by,omitempty"`
	StatusAt *time.Time `json:"status_at,omitempty"`
}

// ItemView is a note or evidence as reports show it.
type ItemView struct {
	// ID is the item's id, which people use to delete or edit it.
	ID   int64     `json:"id,omitempty"`
	Text string    `json:"text"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// NewReport builds a report from a project's progress and its standard's
// points, as of now.
func NewReport(pr *Progress, standardName string, points []PointInfo, now time.Time) *Report {
	p := pr.Project
	r := &Report{
		Project: p.Name, Standard: p.Standard, StandardName: standardName, Phase: p.Phase,
		Assessment: p.Assessment.String(), GeneratedAt: now.UTC().Truncate(time.Second),
		Counts: pr.Counts(), Done: float64(int(pr.Done()*1000)) / 1000, Outstanding: []int{}, Actions: []ReportAction{},
		loc: p.Location(),
	}
	if !p.Assessment.IsZero() {
		d := p.Assessment.DaysFrom(DateOf(now.In(p.Location())))
		r.DaysToGo = &d
	}
	if p.Archived() {
		r.Archived = DateOf(p.ArchivedAt.In(p.Location())).String()
	}
	for _, s := range Statuses {
		r.Counts[s] += 0
	}
	info := map[int]PointInfo{}
	for _, pi := range points {
		info[pi.Number] = pi
	}
	for _, s := range pr.Points {
		rp := ReportPoint{Number: s.Point, Ref: info[s.Point].Ref, Title: info[s.Point].Title, URL: info[s.Point].URL, Status: s.Status,
			Notes: views(s.Notes), Evidence: views(s.Evidence), UpdatedBy: s.UpdatedBy}
		if !s.UpdatedAt.IsZero() {
			t := s.UpdatedAt.UTC()
			rp.UpdatedAt = &t
		}
		if rp.Title == "" {
			rp.Title = fmt.Sprintf("Point %d", s.Point)
		}
		r.Points = append(r.Points, rp)
	}
	for _, s := range pr.Outstanding() {
		r.Outstanding = append(r.Outstanding, s.Point)
	}
	return r.cleaned()
}

// Shown is the point's number as people read it: its official
// reference, else the number.
func (p ReportPoint) Shown() string {
	if p.Ref != "" {
		return p.Ref
	}
	return strconv.Itoa(p.Number)
}

// PointShown is point n as people read it (ReportPoint.Shown), for the
// outstanding points and the actions, which keep only the number.
func (r *Report) PointShown(n int) string {
	for _, p := range r.Points {
		if p.Number == n {
			return p.Shown()
		}
	}
	return strconv.Itoa(n)
}

// refOf is point n's official reference, or "".
func (r *Report) refOf(n int) string {
	for _, p := range r.Points {
		if p.Number == n {
			return p.Ref
		}
	}
	return ""
}

func views(items []Item) []ItemView {
	out := make([]ItemView, 0, len(items))
	for _, it := range items {
		out = append(out, ItemView{ID: it.ID, Text: it.Text, By: it.By, At: it.At.UTC()})
	}
	return out
}

// Formats lists the report formats.
var Formats = []string{"markdown", "csv", "json", "html"}

// formatted is a report written in each of Formats: the readiness report
// and the practice report.
type formatted interface {
	Markdown(io.Writer) error
	CSV(io.Writer) error
	JSON(io.Writer) error
	HTML(io.Writer) error
}

// writeFormat renders r in a format; EINVALID for an unknown one.
func writeFormat(r formatted, w io.Writer, format string) error {
	switch strings.ToLower(format) {
	case "markdown", "md":
		return r.Markdown(w)
	case "csv":
		return r.CSV(w)
	case "json":
		return r.JSON(w)
	case "html":
		return r.HTML(w)
	}
	return Errorf(EINVALID, "%q is not a report format: use markdown, csv, json or html", format)
}

// writeJSON writes v as one indented object, HTML left unescaped.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// Write renders the report in a format; EINVALID for an unknown one.
func (r *Report) Write(w io.Writer, format string) error {
	return writeFormat(r, w, format)
}

// JSON writes the report as one indented object, its texts cleaned of
// control characters like every format's.
func (r *Report) JSON(w io.Writer) error {
	return writeJSON(w, r.cleaned())
}

// CSV writes one row per point; notes and evidence are joined with " | ".
// Every cell is quoted and none can start a formula (see csvCell).
func (r *Report) CSV(w io.Writer) error {
	r = r.cleaned()
	var b strings.Builder
	writeCSVRow(&b, []string{"project", "standard", "phase", "assessment", "point", "title", "status", "notes", "evidence", "updated_by", "updated_at", "url", "open_actions", "ref"})
	for _, p := range r.Points {
		updated := ""
		if p.UpdatedAt != nil {
			updated = p.UpdatedAt.Format(time.RFC3339)
		}
		writeCSVRow(&b, []string{r.Project, r.Standard, string(r.Phase), r.Assessment, fmt.Sprint(p.Number), p.Title, string(p.Status),
			joinItems(p.Notes), joinItems(p.Evidence), p.UpdatedBy, updated, p.URL, r.actionsOn(p.Number), p.Ref})
	}
	return writeString(w, b.String())
}

func joinItems(items []ItemView) string {
	var parts []string
	for _, it := range items {
		parts = append(parts, it.Text)
	}
	return strings.Join(parts, " | ")
}

// Markdown writes a summary and a table of points, then notes and evidence.
// Every text is escaped (see mdText): no HTML, and links only to web
// addresses.
func (r *Report) Markdown(w io.Writer) error {
	r = r.cleaned()
	var b strings.Builder
	fmt.Fprintf(&b, "# Readiness report: %s\n\n", mdText(r.Project))
	fmt.Fprintf(&b, "- Standard: %s (%s)\n- Phase: %s\n- Assessment: %s\n- Generated: %s\n\n",
		mdText(r.StandardName), mdText(r.Standard), mdText(string(r.Phase)), mdText(r.assessmentText()), r.GeneratedAt.Format("2 January 2006 15:04 MST"))
	if r.Archived != "" {
		fmt.Fprintf(&b, "The project was archived on %s: it gets no stand-ups, reminders or practice panels.\n\n", mdText(r.Archived))
	}
	fmt.Fprintf(&b, "**%d of %d points met or n/a (%.0f%%).** ", r.Counts[Met]+r.Counts[NA], len(r.Points), r.Done*100)
	var counts []string
	for _, s := range Statuses {
		counts = append(counts, fmt.Sprintf("%s: %d", s, r.Counts[s]))
	}
	b.WriteString(strings.Join(counts, ", ") + "\n\n")
	b.WriteString("| # | Point | Status | Notes | Evidence |\n| --- | --- | --- | --- | --- |\n")
	for _, p := range r.Points {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdText(p.Shown()), mdText(p.Title), mdText(string(p.Status)), mdText(joinItems(p.Notes)), mdText(joinItems(p.Evidence)))
	}
	if len(r.Outstanding) > 0 {
		var nums []string
		for _, n := range r.Outstanding {
			nums = append(nums, mdText(r.PointShown(n)))
		}
		fmt.Fprintf(&b, "\nOutstanding, most urgent first: %s\n", strings.Join(nums, ", "))
	}
	if len(r.Actions) > 0 {
		b.WriteString("\n## Open actions from the panel\n\n| # | Point | Action | Added by | Due |\n| --- | --- | --- | --- | --- |\n")
		for _, a := range r.Actions {
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", a.ID, mdText(r.PointShown(a.Point)), mdText(a.Text), mdText(a.By), a.DueText())
		}
	}
	return writeString(w, b.String())
}

func (r *Report) assessmentText() string {
	return r.assessmentWith(Date.String)
}

// assessmentWith is the assessment's day written by format, and how far
// away it is.
func (r *Report) assessmentWith(format func(Date) string) string {
	if r.Assessment == "" {
		return "not booked"
	}
	day := r.Assessment
	if d, err := ParseDate(r.Assessment); err == nil {
		day = format(d)
	}
	if r.DaysToGo == nil {
		return day
	}
	switch d := *r.DaysToGo; {
	case d == 0:
		return day + " (today)"
	case d == 1:
		return day + " (tomorrow)"
	case d > 0:
		return fmt.Sprintf("%s (in %d days)", day, d)
	default:
		return fmt.Sprintf("%s (%d days ago)", day, -d)
	}
}
