package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// headerKeys are the names, folded, of the report's table rows (or
// "Name: value" lines) the bot reads, by the field they fill.
var headerKeys = map[string]string{
	"assessment date": "date", "date of assessment": "date", "date of the assessment": "date",
	"assessment dates": "date", "date": "date", "date assessed": "date",
	"stage": "stage", "assessment stage": "stage", "stage of assessment": "stage", "assessment type": "stage", "phase": "stage",
	"result": "result", "outcome": "result", "assessment result": "result", "result of assessment": "result",
	"overall result": "result", "overall rating": "result", "rating": "result", "outcome of service assessment": "result",
	"outcome of assessment": "result", "overall outcome": "result", "assessment outcome": "result",
}

// readHeader reads the part of the report before the points: its table
// (From, Assessment date, Stage, Result, Service provider), as rows or as
// "Name: value" lines or a name on one line and its value on the next.
// Each field is taken from the first place that gives it.
func (r *reader) readHeader(blocks []block) {
	set := func(key, value string) bool {
		field, ok := headerKeys[fold(key)]
		if ok && r.header[field] == "" && strings.TrimSpace(value) != "" {
			r.header[field] = strings.TrimSpace(value)
		}
		return ok
	}
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		switch b.kind {
		case row:
			for j := 0; j+1 < len(b.cells); j += 2 {
				set(b.cells[j], b.cells[j+1])
			}
			continue
		case item:
			continue
		}
		if k, v, ok := strings.Cut(b.text, ":"); ok && set(k, v) {
			continue
		}
		key := strings.TrimSuffix(b.text, ":")
		if _, ok := headerKeys[fold(key)]; ok && i+1 < len(blocks) && blocks[i+1].kind != row && !isKey(blocks[i+1].text) {
			set(key, blocks[i+1].text)
			i++
			continue
		}
		if m, _ := markerOf(b); m == themeMark || m == exploreMark {
			r.themes = append(r.themes, strings.TrimSuffix(b.text, ":"))
		}
	}
}

// isKey reports whether a line names a header field.
func isKey(text string) bool {
	k, _, _ := strings.Cut(text, ":")
	_, ok := headerKeys[fold(k)]
	return ok
}

// fill sets the assessment's date, stage and result from GOV.UK's
// metadata, else from the report's table; the stage last of all from the
// title ("... - Alpha Assessment"). What neither gives is Unread.
func (r *reader) fill(a *checklist.Assessment) {
	var unread []string
	if d, ok := dateIn(r.given.date); ok {
		a.Date = d
	} else if d, ok := dateIn(r.header["date"]); ok {
		a.Date = d
	} else {
		unread = append(unread, what("the assessment date", firstOf(r.header["date"], r.given.date)))
	}
	if s, err := checklist.ParseStage(r.given.stage); err == nil {
		a.Stage = s
	} else if s, ok := stageIn(r.header["stage"]); ok {
		a.Stage = s
	} else if s, ok := stageIn(r.given.title); ok && r.header["stage"] == "" {
		a.Stage = s
	} else {
		unread = append(unread, what("the stage", firstOf(r.header["stage"], r.given.stage)))
	}
	if v, err := checklist.ParseRating(r.given.result); err == nil {
		a.Result = v
	} else if v, ok := verdictCell(r.header["result"]); ok {
		a.Result = v
	} else {
		unread = append(unread, what("the overall result", firstOf(r.header["result"], r.given.result)))
	}
	r.unread = append(unread, r.unread...)
}

// what names something unread, quoting what the report gave, if anything.
func what(name, gave string) string {
	if gave == "" {
		return name
	}
	return fmt.Sprintf("%s (%q)", name, clip(gave))
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// points sets the assessment's points and standard: the sections read,
// with a points table's verdicts for points whose section gives none (or
// that have no section); points beyond the standard are dropped, and
// every gap is said in Unread.
func (r *reader) points(a *checklist.Assessment) {
	byPoint := map[int]*checklist.PointOutcome{}
	for i := range r.outcomes {
		byPoint[r.outcomes[i].Point] = &r.outcomes[i]
	}
	for n, v := range r.table {
		if po, ok := byPoint[n]; ok {
			if po.Rating == "" {
				po.Rating = v
				r.noDecision = slices.DeleteFunc(r.noDecision, func(m int) bool { return m == n })
			}
			continue
		}
		r.outcomes = append(r.outcomes, checklist.PointOutcome{Point: n, Title: r.tableTitles[n], Rating: v})
	}
	slices.SortFunc(r.outcomes, func(x, y checklist.PointOutcome) int { return x.Point - y.Point })
	titles, highest := map[int]string{}, 0
	for _, po := range r.outcomes {
		titles[po.Point] = po.Title
		highest = max(highest, po.Point)
	}
	a.StandardPoints = standardOf(r.named, titles, highest)
	a.Standard = standardID(a.StandardPoints)
	var beyond []int
	for _, po := range r.outcomes {
		if a.StandardPoints > 0 && po.Point > a.StandardPoints {
			beyond = append(beyond, po.Point)
			continue
		}
		a.Points = append(a.Points, po)
	}
	r.gaps(a, beyond)
}

// gaps says in Unread what is missing from the points.
func (r *reader) gaps(a *checklist.Assessment, beyond []int) {
	var out []string
	if a.StandardPoints == 0 && len(a.Points) > 0 {
		out = append(out, "which Service Standard the report follows (14, 18 or 26 points)")
	}
	if a.StandardPoints == 26 {
		out = append(out, "how the 26-point standard's points map to today's (they are kept as numbered)")
	}
	if len(beyond) > 0 {
		out = append(out, fmt.Sprintf("point%s %s, beyond the standard's %d", plural(len(beyond)), joinAnd(beyond), a.StandardPoints))
	}
	switch {
	case len(r.themes) > 0 && !remarked(a.Points):
		out = append(out, fmt.Sprintf("the panel's remarks point by point: this report gives them by theme (%s)", strings.Join(r.themes, ", ")))
	}
	switch {
	case len(a.Points) == 0 && len(r.themes) == 0:
		out = append(out, "the points: no section or table per point was found")
	case a.StandardPoints > 0 && a.Stage != "" && !a.Stage.Reassessment():
		var missing []int
		for n := 1; n <= a.StandardPoints; n++ {
			if _, ok := a.Point(n); !ok && !slices.Contains(r.tableNA, n) {
				missing = append(missing, n)
			}
		}
		if len(missing) > 0 {
			out = append(out, fmt.Sprintf("point%s %s: not in the report", plural(len(missing)), joinAnd(missing)))
		}
	}
	if len(r.noDecision) > 0 {
		slices.Sort(r.noDecision)
		out = append(out, fmt.Sprintf("the decision on point%s %s: none given", plural(len(r.noDecision)), joinAnd(r.noDecision)))
	}
	if len(r.tableNA) > 0 {
		out = append(out, fmt.Sprintf("a rating for point%s %s, marked not applicable", plural(len(r.tableNA)), joinAnd(r.tableNA)))
	}
	r.unread = append(r.unread, out...)
}

// remarked reports whether any point has the panel's remarks.
func remarked(points []checklist.PointOutcome) bool {
	for _, p := range points {
		if len(p.WellDone) > 0 || len(p.Explore) > 0 {
			return true
		}
	}
	return false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
