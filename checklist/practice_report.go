package checklist

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// PracticeReport is a practice panel's feedback in the shape of a
// published assessment report: per point an informal rating, what the
// team has done well and what it needs to explore, with the answers it
// gave the panel.
type PracticeReport struct {
	Project      string          `json:"project"`
	Standard     string          `json:"standard"`
	StandardName string          `json:"standard_name"`
	Phase        Phase           `json:"phase"`
	GeneratedAt  time.Time       `json:"generated_at"`
	Points       []PracticePoint `json:"points"`
}

// PracticePoint is one point of a practice report.
type PracticePoint struct {
	Number int `json:"point"`
	// Ref is the point's official reference, as ReportPoint.Ref.
	Ref    string `json:"ref,omitempty"`
	Title  string `json:"title"`
	URL    string `json:"url,omitempty"`
	Status Status `json:"status"`
	// Rating is informal: what a panel might say on today's answers.
	Rating   Rating   `json:"rating"`
	WellDone []string `json:"done_well"`
	Explore  []string `json:"to_explore"`
	// By is who wrote the feedback: "rules" or "model".
	By      string       `json:"feedback_by"`
	Answers []AnswerView `json:"answers"`
}

// Shown is the point's number as people read it: its official
// reference, else the number.
func (p PracticePoint) Shown() string {
	if p.Ref != "" {
		return p.Ref
	}
	return strconv.Itoa(p.Number)
}

// AnswerView is a practice answer as reports show it.
type AnswerView struct {
	Question string    `json:"question"`
	Answer   string    `json:"answer"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
}

// PracticeFacts are what a point's practice feedback is drawn from.
type PracticeFacts struct {
	Status Status
	// Asked are the panel's questions on the point; Answers the team's
	// latest answer to each it answered.
	Asked    []string
	Answers  []PracticeAnswer
	Evidence []Item
	Notes    []Item
	// Actions are the panel's open actions on the point, one line each.
	Actions []string
}

// PracticeFeedback is a point's informal rating and remarks.
type PracticeFeedback struct {
	Rating   Rating
	WellDone []string
	Explore  []string
}

// PracticeRules is the feedback without a model, by clear rules: each
// answer, the met status and each piece of evidence are done well; to
// explore, most pressing first, are each open action, a status short of
// met with the team's notes on such a point, no evidence, and each
// question not answered. Green needs
// every question answered, evidence and met (or n/a) with no open action;
// red is no answer at all, or not met; amber is the rest.
func PracticeRules(f PracticeFacts) PracticeFeedback {
	var fb PracticeFeedback
	answered := map[string]bool{}
	for _, a := range f.Answers {
		answered[a.Question] = true
		fb.WellDone = append(fb.WellDone, fmt.Sprintf("Asked %q, the team answered: %s", a.Question, clip(a.Answer, 200)))
	}
	settled := f.Status == Met || f.Status == NA
	if settled {
		fb.WellDone = append(fb.WellDone, fmt.Sprintf("The team records the point as %s.", f.Status))
	}
	for _, e := range f.Evidence {
		fb.WellDone = append(fb.WellDone, "Evidence recorded: "+clip(e.Text, 200))
	}
	for _, a := range f.Actions {
		fb.Explore = append(fb.Explore, "Close the panel's open action: "+a)
	}
	if !settled {
		fb.Explore = append(fb.Explore, fmt.Sprintf("The point is %s: work out what is still missing before the assessment.", f.Status))
		for _, n := range f.Notes {
			fb.Explore = append(fb.Explore, "Follow up the team's note: "+clip(n.Text, 200))
		}
	}
	if len(f.Evidence) == 0 && f.Status != NA {
		fb.Explore = append(fb.Explore, "Record evidence the panel can look at (a link, a document, research findings).")
	}
	missing := 0
	for _, q := range f.Asked {
		if !answered[q] {
			missing++
			fb.Explore = append(fb.Explore, "Prepare an answer to: "+q)
		}
	}
	switch {
	case len(f.Answers) == 0 || f.Status == NotMet:
		fb.Rating = RatingRed
	case missing == 0 && settled && (len(f.Evidence) > 0 || f.Status == NA) && len(f.Actions) == 0:
		fb.Rating = RatingGreen
	default:
		fb.Rating = RatingAmber
	}
	return fb
}

// clip shortens s to about n characters on a word boundary.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], " ")
	if cut < n/2 {
		cut = n
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

// Write renders the practice report in a format (see Formats); EINVALID
// for an unknown one.
func (r *PracticeReport) Write(w io.Writer, format string) error {
	return writeFormat(r, w, format)
}

// JSON writes the practice report as one indented object, cleaned.
func (r *PracticeReport) JSON(w io.Writer) error {
	return writeJSON(w, r.cleaned())
}

// CSV writes one row per point, remarks and answers joined with " | ",
// every cell quoted and none starting a formula; ref (the official
// reference, "2.1", where the standard has them) comes last, as in the
// readiness report's CSV.
func (r *PracticeReport) CSV(w io.Writer) error {
	r = r.cleaned()
	var b strings.Builder
	writeCSVRow(&b, []string{"project", "standard", "phase", "point", "title", "status", "rating", "done_well", "to_explore", "answers", "feedback_by", "url", "ref"})
	for _, p := range r.Points {
		var answers []string
		for _, a := range p.Answers {
			answers = append(answers, a.Question+" "+a.Answer)
		}
		writeCSVRow(&b, []string{r.Project, r.Standard, string(r.Phase), fmt.Sprint(p.Number), p.Title, string(p.Status), string(p.Rating),
			strings.Join(p.WellDone, " | "), strings.Join(p.Explore, " | "), strings.Join(answers, " | "), p.By, p.URL, p.Ref})
	}
	return writeString(w, b.String())
}

// Markdown writes a section per point, as published reports are laid out.
// Every text is escaped (see mdText).
func (r *PracticeReport) Markdown(w io.Writer) error {
	r = r.cleaned()
	var b strings.Builder
	fmt.Fprintf(&b, "# Practice report: %s\n\n", mdText(r.Project))
	fmt.Fprintf(&b, "- Standard: %s (%s)\n- Phase: %s\n- Generated: %s\n\nA practice panel's informal feedback, not a formal assessment or review.\n",
		mdText(r.StandardName), mdText(r.Standard), mdText(string(r.Phase)), r.GeneratedAt.Format("2 January 2006 15:04 MST"))
	for _, p := range r.Points {
		fmt.Fprintf(&b, "\n## %s. %s\n\nInformal rating: **%s** (point %s; feedback by %s)\n", mdText(p.Shown()), mdText(p.Title), mdText(string(p.Rating)), mdText(string(p.Status)), mdText(p.By))
		mdSection(&b, "What the team has done well", p.WellDone)
		mdSection(&b, "What the team needs to explore", p.Explore)
		if len(p.Answers) > 0 {
			b.WriteString("\n### The team's answers\n\n")
			for _, a := range p.Answers {
				fmt.Fprintf(&b, "- %s %s (%s)\n", mdText(a.Question), mdText(a.Answer), mdText(a.By))
			}
		}
	}
	return writeString(w, b.String())
}

func mdSection(b *strings.Builder, heading string, items []string) {
	fmt.Fprintf(b, "\n### %s\n\n", heading)
	if len(items) == 0 {
		b.WriteString("Nothing yet.\n")
	}
	for _, it := range items {
		b.WriteString("- " + mdText(it) + "\n")
	}
}

// cleaned is a copy with control characters and escapes removed from
// every text, names and titles on one line (see Report.cleaned).
func (r *PracticeReport) cleaned() *PracticeReport {
	c := *r
	c.Project, c.Standard, c.StandardName = CleanLine(r.Project), CleanLine(r.Standard), CleanLine(r.StandardName)
	c.Phase = Phase(CleanLine(string(r.Phase)))
	c.Points = make([]PracticePoint, len(r.Points))
	for i, p := range r.Points {
		p.Title, p.URL, p.By, p.Ref = CleanLine(p.Title), CleanLine(p.URL), CleanLine(p.By), CleanLine(p.Ref)
		p.Status, p.Rating = Status(CleanLine(string(p.Status))), Rating(CleanLine(string(p.Rating)))
		p.WellDone, p.Explore = cleanLines(p.WellDone), cleanLines(p.Explore)
		answers := make([]AnswerView, len(p.Answers))
		for j, a := range p.Answers {
			answers[j] = AnswerView{Question: CleanLine(a.Question), Answer: CleanText(a.Answer), By: CleanLine(a.By), At: a.At}
		}
		p.Answers = answers
		c.Points[i] = p
	}
	return &c
}

func cleanLines(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = CleanText(s)
	}
	return out
}
