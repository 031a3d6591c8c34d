package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

func (b *Bot) cmdStatus(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args != "" {
		if !knowledge.LooksLikePoint(req.args) {
			return nil, errNotCommand // "status of my application?" is a question
		}
		return b.pointStatus(ctx, p, req.args)
	}
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	r := Reply{Type: ReplyStatus, Title: fmt.Sprintf("%s: %s, %s%s", p.Name, p.Standard, p.Phase, archivedSuffix(p))}
	var lines []string
	for _, s := range pr.Points {
		line := fmt.Sprintf("%s %s. %s: %s", statusEmoji[s.Status], b.pointNum(p, s.Point), b.pointTitle(p, s.Point), s.Status)
		if len(s.Evidence) > 0 {
			line += fmt.Sprintf(" (%d evidence)", len(s.Evidence))
		}
		lines = append(lines, line)
	}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: lines},
		Block{Type: Context, Text: "One point's notes and evidence, with the ids that edit or delete them: status N"})
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Counts", countsText(pr)},
		{"Assessment", b.assessmentText(p)},
	}})
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if len(acts) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Open actions from the panel:"}, Block{Type: List, Items: b.actionLines(p, acts)})
	}
	if out := pr.Outstanding(); len(out) > 0 {
		var nums []string
		for _, s := range out {
			nums = append(nums, fmt.Sprintf("%s (%s)", b.pointNum(p, s.Point), s.Status))
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Outstanding, most urgent first: " + strings.Join(nums, ", ") + ". Walk them with: checklist"})
		r.Buttons = []Button{{Label: "Walk the checklist", Command: "checklist", Style: "primary"}}
	} else {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Nothing outstanding: every point is met or n/a."})
	}
	return r.one(), nil
}

// pointStatus is `status N`: one point's status, and its notes and
// evidence with the ids that edit and delete them.
func (b *Bot) pointStatus(ctx context.Context, p *checklist.Project, arg string) ([]Reply, error) {
	n, err := b.checkPoint(p, arg)
	if err != nil {
		return nil, err
	}
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	s := pr.Points[n-1]
	r := Reply{Type: ReplyStatus, Title: fmt.Sprintf("%s, point %s: %s", p.Name, b.pointNum(p, n), b.pointTitle(p, n))}
	last := "never"
	if !s.UpdatedAt.IsZero() {
		last = fmt.Sprintf("%s, %s", s.UpdatedBy, checklist.DateOf(s.UpdatedAt.In(p.Location())).Pretty())
	}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Status", fmt.Sprintf("%s %s", statusEmoji[s.Status], s.Status)},
		{"Last worked on", last},
	}})
	for _, group := range []struct {
		name  string
		items []checklist.Item
	}{{"Notes", s.Notes}, {"Evidence", s.Evidence}} {
		if len(group.items) == 0 {
			r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: group.name + ": none yet."})
			continue
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: group.name + ":"}, Block{Type: List, Items: itemLines(p, group.items)})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf(
		"Change one with: note edit ID NEW TEXT, or note delete ID (evidence edit and evidence delete likewise). Set the status with: mark %s met|partly|not-met|n/a|not-started", b.pointNum(p, n))})
	return r.one(), nil
}

// itemLines are notes or evidence as status N lists them: #ID, who, when,
// what.
func itemLines(p *checklist.Project, items []checklist.Item) []string {
	lines := make([]string, len(items))
	for i, it := range items {
		lines[i] = fmt.Sprintf("#%d %s, %s: %s", it.ID, it.By, checklist.DateOf(it.At.In(p.Location())).Pretty(), it.Text)
	}
	return lines
}

// archivedSuffix marks an archived project's name in titles.
func archivedSuffix(p *checklist.Project) string {
	if p.Archived() {
		return " (archived)"
	}
	return ""
}

// countsText tallies statuses in report order.
func countsText(pr *checklist.Progress) string {
	c := pr.Counts()
	var parts []string
	for _, s := range checklist.Statuses {
		parts = append(parts, fmt.Sprintf("%s %d %s", statusEmoji[s], c[s], s))
	}
	return strings.Join(parts, " · ")
}

func (b *Bot) cmdHistory(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	point, limit := 0, 20
	if req.args != "" {
		if point, err = b.checkPoint(p, req.args); err != nil {
			return nil, err
		}
		limit = 0
	}
	changes, err := b.Store.History(ctx, p.ID, point, limit)
	if err != nil {
		return nil, err
	}
	title := "History of " + p.Name
	if point > 0 {
		title = fmt.Sprintf("History of point %s (%s)", b.pointNum(p, point), b.pointTitle(p, point))
	}
	if len(changes) == 0 {
		return Text(ReplyInfo, title+": no changes yet.").one(), nil
	}
	loc := p.Location()
	var lines []string
	for _, c := range changes {
		lines = append(lines, fmt.Sprintf("%s %s: %s", c.At.In(loc).Format("2006-01-02 15:04"), c.By, describeChange(c, func(n int) string { return b.pointNum(p, n) })))
	}
	r := Reply{Type: ReplyInfo, Title: title, Blocks: []Block{{Type: List, Items: lines}}}
	if point == 0 && len(changes) == limit {
		r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("The latest %d changes. For one point: history N", limit)})
	}
	return r.one(), nil
}

// describeChange says what one history entry did, in words; num gives a
// point's number as people see it.
func describeChange(c checklist.Change, num func(int) string) string {
	var s string
	pt := num(c.Point)
	switch {
	case c.Field == "created":
		s = "created the project " + c.New
	case c.Point > 0 && c.Field == "status":
		s = fmt.Sprintf("point %s %s → %s", pt, orDash(c.Old), c.New)
	case c.Field == "rating":
		s = fmt.Sprintf("point %s rated %s → %s", pt, orDash(c.Old), c.New)
	case c.Field == "action done":
		s = fmt.Sprintf("point %s: closed action %q", pt, c.Old)
	case c.Field == "assessment result":
		s = "recorded the assessment " + c.New
	case strings.HasSuffix(c.Field, " edited"):
		s = fmt.Sprintf("point %s: edited %s %s %s → %s", pt, strings.TrimSuffix(c.Field, " edited"), c.Note, quote(c.Old), quote(c.New))
	case strings.HasSuffix(c.Field, " deleted"):
		s = fmt.Sprintf("point %s: deleted %s %s", pt, strings.TrimSuffix(c.Field, " deleted"), c.Note)
	case c.Point == 0 && projectChanges[c.Field] != nil:
		s = projectChanges[c.Field](c)
	case c.Point > 0:
		s = fmt.Sprintf("point %s: added %s %s", pt, c.Field, quote(c.New))
	default:
		s = fmt.Sprintf("%s %s → %s", c.Field, orDash(c.Old), orDash(c.New))
	}
	switch {
	case c.Note == checklist.DeletedText:
		s += " (its note since deleted)"
	case c.Note != "" && (c.Field == "status" || c.Field == "rating" || c.Field == "action done"):
		s += fmt.Sprintf(" (%s)", c.Note)
	}
	return s
}

// quote quotes text the history recorded, or says it was deleted since.
func quote(s string) string {
	if s == checklist.DeletedText {
		return "(since deleted)"
	}
	return strconv.Quote(s)
}

// projectChanges describe the corrections to a project as a whole.
var projectChanges = map[string]func(c checklist.Change) string{
	"name": func(c checklist.Change) string { return fmt.Sprintf("renamed the project %q → %q", c.Old, c.New) },
	"archived": func(c checklist.Change) string {
		if c.New == "yes" {
			return "archived the project"
		}
		return "brought the project back from the archive"
	},
	"forgotten": func(checklist.Change) string {
		return "removed a member's name and id from the project's records, at their request"
	},
	"holidays": func(c checklist.Change) string {
		return fmt.Sprintf("bank holidays %s → %s", divisionText(c.Old), divisionText(c.New))
	},
}

// divisionText is a project's recorded division as people read it.
func divisionText(s string) string {
	if s == "" {
		return "the default"
	}
	return checklist.Division(s).Title()
}

func orDash(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
