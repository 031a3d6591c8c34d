package checklist

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"
)

//go:embed report.html.tmpl
var reportHTML string

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(n, total int) string {
		if total == 0 {
			return "0"
		}
		return fmt.Sprintf("%.2f", float64(n)*100/float64(total))
	},
	// link marks a web address (http or https), the only kind the page
	// links to, as points' pages are.
	"link": webURL,
	// links splits a text into plain parts and web addresses to link.
	"links": links,
	"class": func(s Status) string {
		return map[Status]string{Met: "met", Partly: "partly", NotMet: "not-met", NotStarted: "not-started", NA: "na"}[s]
	},
}).Parse(reportHTML))

// htmlView adds what the template needs beyond the report: totals, and
// dates and times written the GOV.UK way in the project's time zone.
type htmlView struct {
	*Report
	Statuses       []Status
	Total          int
	AssessmentText string
	MetCount       int
	NACount        int
}

// HTML writes the report as one self-contained page: inline styles, no
// scripts or external files, so it can be mailed, archived or printed
// (on A4). The template escapes every text, and links only to web
// addresses, telling the browser to send no referrer: a page reached by a
// signed link must not hand its address to the sites it links to.
func (r *Report) HTML(w io.Writer) error {
	r = r.cleaned()
	return reportTemplate.Execute(w, htmlView{Report: r, Statuses: Statuses, Total: len(r.Points),
		AssessmentText: r.assessmentWith(govukDate), MetCount: r.Counts[Met], NACount: r.Counts[NA]})
}

// ArchivedText is the day the project was archived, the GOV.UK way, or
// "" when it is not.
func (v htmlView) ArchivedText() string {
	d, err := ParseDate(v.Archived)
	if err != nil {
		return ""
	}
	return govukDate(d)
}

// day is the calendar day of t in the project's time zone.
func (v htmlView) day(t time.Time) Date {
	loc := v.loc
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(t.In(loc))
}

// StatusLines say who set the point's status and when, and, apart, who
// last changed it in any way, when that was someone else or later.
func (v htmlView) StatusLines(p ReportPoint) []string {
	var lines []string
	if p.StatusBy != "" && p.StatusAt != nil {
		lines = append(lines, fmt.Sprintf("Status set by %s on %s", p.StatusBy, govukDate(v.day(*p.StatusAt))))
	}
	if p.UpdatedBy != "" && p.UpdatedAt != nil && (p.StatusAt == nil || p.UpdatedBy != p.StatusBy || p.UpdatedAt.After(*p.StatusAt)) {
		lines = append(lines, fmt.Sprintf("Last updated by %s on %s", p.UpdatedBy, govukDate(v.day(*p.UpdatedAt))))
	}
	return lines
}

// itemView is a note or evidence as the page shows it.
type itemView struct {
	ID             int64
	Text, By, When string
}

// Item is a note or evidence with its day written out.
func (v htmlView) Item(it ItemView) itemView {
	out := itemView{ID: it.ID, Text: it.Text, By: it.By}
	if !it.At.IsZero() {
		out.When = govukDate(v.day(it.At))
	}
	return out
}

// Due is an action's due day, with overdue said.
func (v htmlView) Due(a ReportAction) string {
	d, err := ParseDate(a.Due)
	text := a.Due
	if err == nil {
		text = govukDate(d)
	}
	if a.Overdue {
		text += " (overdue)"
	}
	return text
}

// Generated is when the report was made: "27 November 2026 at 9am GMT".
func (v htmlView) Generated() string {
	loc := v.loc
	if loc == nil {
		loc = time.UTC
	}
	t := v.GeneratedAt.In(loc)
	return fmt.Sprintf("%s at %s %s", govukDate(DateOf(t)), govukTime(t), t.Format("MST"))
}

// govukTime is a time of day as GOV.UK writes it: 9am, 5:30pm, midday,
// midnight.
func govukTime(t time.Time) string {
	switch h, m := t.Hour(), t.Minute(); {
	case h == 12 && m == 0:
		return "midday"
	case h == 0 && m == 0:
		return "midnight"
	case m == 0:
		return t.Format("3pm")
	}
	return t.Format("3:04pm")
}

//go:embed practice_report.html.tmpl
var practiceHTML string

var practiceTemplate = template.Must(template.New("practice").Funcs(template.FuncMap{
	"link": webURL,
	// when is a time the GOV.UK way, in UTC: the practice report does not
	// carry the project's time zone.
	"when": func(t time.Time) string { return htmlView{Report: &Report{GeneratedAt: t}}.Generated() },
	"rating": func(r Rating) string {
		return map[Rating]string{RatingGreen: "green", RatingAmber: "amber", RatingRed: "red"}[r]
	},
}).Parse(practiceHTML))

// HTML writes the practice report as one self-contained page, as the
// readiness report is: every text escaped, links only to web addresses.
func (r *PracticeReport) HTML(w io.Writer) error {
	return practiceTemplate.Execute(w, r.cleaned())
}

// govukDate is a day as GOV.UK writes it: "20 January 2027".
func govukDate(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.In(time.UTC).Format("2 January 2006")
}

// shortDate is a day where space is short, on a chart's axis: "20 Jan 2027".
func shortDate(d Date) string {
	return d.In(time.UTC).Format("2 Jan 2006")
}
