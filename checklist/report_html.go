package checklist

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
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
	// links to: evidence that is one, and points' pages.
	"link": webURL,
	"class": func(s Status) string {
		return map[Status]string{Met: "met", Partly: "partly", NotMet: "not-met", NotStarted: "not-started", NA: "na"}[s]
	},
}).Parse(reportHTML))

// htmlView adds what the template needs beyond the report.
type htmlView struct {
	*Report
	Statuses   []Status
	Total      int
	Assessment string
	MetCount   int
	NACount    int
}

// HTML writes the report as one self-contained page: inline styles, no
// scripts or external files, so it can be mailed, archived or printed.
// The template escapes every text, and links only to web addresses.
func (r *Report) HTML(w io.Writer) error {
	r = r.cleaned()
	return reportTemplate.Execute(w, htmlView{Report: r, Statuses: Statuses, Total: len(r.Points),
		Assessment: r.assessmentText(), MetCount: r.Counts[Met], NACount: r.Counts[NA]})
}

//go:embed practice_report.html.tmpl
var practiceHTML string

var practiceTemplate = template.Must(template.New("practice").Funcs(template.FuncMap{
	"link": webURL,
	"rating": func(r Rating) string {
		return map[Rating]string{RatingGreen: "green", RatingAmber: "amber", RatingRed: "red"}[r]
	},
}).Parse(practiceHTML))

// HTML writes the practice report as one self-contained page, as the
// readiness report is: every text escaped, links only to web addresses.
func (r *PracticeReport) HTML(w io.Writer) error {
	return practiceTemplate.Execute(w, r.cleaned())
}
