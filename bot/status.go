package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

func (b *Bot) cmdStatus(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args != "" {
		return nil, errNotCommand
	}
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	r := Reply{Type: ReplyStatus, Title: fmt.Sprintf("%s: %s, %s", p.Name, p.Standard, p.Phase)}
	var lines []string
	for _, s := range pr.Points {
		line := fmt.Sprintf("%s %d. %s: %s", statusEmoji[s.Status], s.Point, b.pointTitle(p, s.Point), s.Status)
		if len(s.Evidence) > 0 {
			line += fmt.Sprintf(" (%d evidence)", len(s.Evidence))
		}
		lines = append(lines, line)
	}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: lines})
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
			nums = append(nums, fmt.Sprintf("%d (%s)", s.Point, s.Status))
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Outstanding, most urgent first: " + strings.Join(nums, ", ") + ". Walk them with: checklist"})
		r.Buttons = []Button{{Label: "Walk the checklist", Command: "checklist", Style: "primary"}}
	} else {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Nothing outstanding: every point is met or n/a."})
	}
	return r.one(), nil
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
		if point, err = checkPoint(p, req.args); err != nil {
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
		title = fmt.Sprintf("History of point %d (%s)", point, b.pointTitle(p, point))
	}
	if len(changes) == 0 {
		return Text(ReplyInfo, title+": no changes yet.").one(), nil
	}
	loc := p.Location()
	var lines []string
	for _, c := range changes {
		lines = append(lines, fmt.Sprintf("%s %s: %s", c.At.In(loc).Format("2006-01-02 15:04"), c.By, describeChange(c)))
	}
	r := Reply{Type: ReplyInfo, Title: title, Blocks: []Block{{Type: List, Items: lines}}}
	if point == 0 && len(changes) == limit {
		r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("The latest %d changes. For one point: history N", limit)})
	}
	return r.one(), nil
}

// describeChange says what one history entry did, in words.
func describeChange(c checklist.Change) string {
	var s string
	switch {
	case c.Field == "created":
		s = "created the project " + c.New
	case c.Point > 0 && c.Field == "status":
		s = fmt.Sprintf("point %d %s → %s", c.Point, orDash(c.Old), c.New)
	case c.Field == "rating":
		s = fmt.Sprintf("point %d rated %s → %s", c.Point, orDash(c.Old), c.New)
	case c.Field == "action done":
		s = fmt.Sprintf("point %d: closed action %q", c.Point, c.Old)
	case c.Field == "assessment result":
		s = "recorded the assessment " + c.New
	case c.Point > 0:
		s = fmt.Sprintf("point %d: added %s %q", c.Point, c.Field, c.New)
	default:
		s = fmt.Sprintf("%s %s → %s", c.Field, orDash(c.Old), orDash(c.New))
	}
	if c.Note != "" && (c.Field == "status" || c.Field == "rating" || c.Field == "action done") {
		s += fmt.Sprintf(" (%s)", c.Note)
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
