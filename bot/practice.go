package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// A practice panel is a mock assessment in the conversation: the bot asks
// the panel's questions for the project's phase, point by point, one at a
// time, and keeps each reply as the team's practice answer on the point.
// It is stored per person and conversation, as a checklist walk is, so it
// resumes after a restart; at its end, and with `practice report`, comes
// the practice report.

// cmdPractice starts a practice panel (`practice`, `practice 1,5,9`),
// resumes the one in progress (`practice` again), or shows the report.
func (b *Bot) cmdPractice(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if strings.EqualFold(req.args, "report") {
		return b.practiceReportReply(ctx, p, nil)
	}
	if p.Archived() {
		return nil, errArchived(p, "practice panels")
	}
	key := walkKey(req)
	if req.args == "" {
		pp, err := b.Store.Practice(ctx, key)
		if err == nil && pp.ProjectID == p.ID {
			return b.askPractice(ctx, p, pp, "Picking up your practice panel where you left it.")
		} else if err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
			return nil, err
		}
	}
	points, err := b.practicePoints(p, req.args)
	if err != nil {
		return nil, err
	}
	pp := &checklist.PracticePanel{Key: key, ProjectID: p.ID, Points: points, Current: points[0]}
	lead := fmt.Sprintf("A practice panel on %s, %s. Reply to each question as you would to the panel: each reply is kept as the team's practice answer. Say skip to pass a question, stop to pause (practice resumes), practice report for the feedback so far.",
		countText(len(points), "point"), b.practiceAs(p))
	return b.askPractice(ctx, p, pp, lead)
}

// practiceAs says whom a practice panel plays: an assessment panel at the
// project's next assessment, or for a standard without phases (the
// Technology Code of Practice) a spend control or technology review.
func (b *Bot) practiceAs(p *checklist.Project) string {
	if b.reviewed(p) {
		return "as a spend control or technology review would ask"
	}
	return "as a panel would ask at " + panelPhase(p.Phase)
}

// reviewed reports whether a project's standard is checked in reviews
// rather than phase assessments: its points have a review, not phases.
func (b *Bot) reviewed(p *checklist.Project) bool {
	s, ok := b.Library.Standard(p.Standard)
	return ok && len(s.Points[0].Phases) == 0 && s.Points[0].Review != nil
}

// practicePoints reads `1,5,9` (or `1 5 9`): the points a panel covers, in
// order, each once; every point of the standard when args is empty. A
// point is its number or its official reference (b.checkPoint).
func (b *Bot) practicePoints(p *checklist.Project, args string) ([]int, error) {
	if args == "" {
		points := make([]int, p.Points)
		for i := range points {
			points[i] = i + 1
		}
		return points, nil
	}
	var points []int
	for _, f := range strings.FieldsFunc(args, func(r rune) bool { return r == ',' || r == ' ' }) {
		n, err := b.checkPoint(p, f)
		if err != nil {
			return nil, usage(fmt.Sprintf("%q is not a point of %s (%s). Try: practice, practice 1,5,9 or practice report", f, p.Standard, b.pointForms(p)))
		}
		if !slices.Contains(points, n) {
			points = append(points, n)
		}
	}
	slices.Sort(points)
	return points, nil
}

// panelPhase is the assessment a project in a phase prepares for.
func panelPhase(ph checklist.Phase) string {
	if ph == checklist.Discovery || ph == "" {
		return "alpha (your next assessment)"
	}
	return string(ph)
}

// practiceQuestions are the panel's questions on a point at a project's
// phase: the prompts of the standard's built-in text for the phase, or
// one question on the point itself when the standard has none.
func practiceQuestions(std *knowledge.Standard, ph checklist.Phase, n int) []string {
	pt, ok := std.Point(n)
	if !ok {
		return nil
	}
	if g, ok := pt.Guide(knowledge.Phase(ph)); ok && len(g.Prompts) > 0 {
		return g.Prompts
	}
	return []string{fmt.Sprintf("How does your service meet point %s, %s, and what could you show the panel?", pt.Shown(), strings.ToLower(pt.Title))}
}

// practiceAnswer handles a message in a conversation where its author has
// a practice panel: skip, stop, or an answer to the question asked. A
// command word runs as the command. It returns false when there is no
// panel here, so the message goes on to the walk, commands or questions.
func (b *Bot) practiceAnswer(ctx context.Context, req *request) ([]Reply, bool, error) {
	if b.Store == nil || req.text == "" {
		return nil, false, nil
	}
	if _, isCommand := commandByName[req.word]; isCommand {
		return nil, false, nil
	}
	pp, err := b.Store.Practice(ctx, walkKey(req))
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, false, nil
	} else if err != nil {
		return nil, true, err
	}
	p, err := b.Store.Project(ctx, pp.ProjectID)
	if err != nil {
		return nil, true, err
	}
	switch {
	case p.Archived():
		if err := b.Store.EndPractice(ctx, pp.Key); err != nil {
			return nil, true, err
		}
		return Text(ReplyInfo, p.Name+" was archived, so its practice panel has ended. The answers so far are kept: see them with practice report.").one(), true, nil
	case req.word == "stop" && req.args == "":
		if err := b.Store.EndPractice(ctx, pp.Key); err != nil {
			return nil, true, err
		}
		return Text(ReplyInfo, "Practice panel paused. The answers so far are kept: see the feedback with practice report, or start again with practice.").one(), true, nil
	case req.word == "skip" && req.args == "":
		replies, err := b.nextPractice(ctx, p, pp, "Passed.")
		return replies, true, err
	}
	replies, err := b.keepPracticeAnswer(ctx, req, p, pp)
	return replies, true, err
}

// keepPracticeAnswer stores the reply as the answer to the question asked
// and asks the next.
func (b *Bot) keepPracticeAnswer(ctx context.Context, req *request, p *checklist.Project, pp *checklist.PracticePanel) ([]Reply, error) {
	std, err := b.standardOf(p)
	if err != nil {
		return nil, err
	}
	qs := practiceQuestions(std, p.Phase, pp.Current)
	if pp.Question >= len(qs) {
		return b.nextPractice(ctx, p, pp, "")
	}
	by := who(req.msg)
	a := &checklist.PracticeAnswer{ProjectID: p.ID, Point: pp.Current, Question: qs[pp.Question], Answer: req.text, By: by.Name, ByID: by.ID}
	if err := b.Store.AddPracticeAnswer(ctx, a); err != nil {
		return nil, err
	}
	return b.nextPractice(ctx, p, pp, "Kept as the team's practice answer.")
}

// nextPractice moves a panel to its next question, the next point's first
// once a point's are done, and asks it; after the last, it ends the panel
// with the practice report.
func (b *Bot) nextPractice(ctx context.Context, p *checklist.Project, pp *checklist.PracticePanel, lead string) ([]Reply, error) {
	std, err := b.standardOf(p)
	if err != nil {
		return nil, err
	}
	pp.Question++
	if pp.Question >= len(practiceQuestions(std, p.Phase, pp.Current)) {
		i := slices.Index(pp.Points, pp.Current)
		if i < 0 || i+1 >= len(pp.Points) {
			if err := b.Store.EndPractice(ctx, pp.Key); err != nil {
				return nil, err
			}
			replies, err := b.practiceReportReply(ctx, p, pp.Points)
			if err != nil {
				return nil, err
			}
			return append(Text(ReplyInfo, strings.TrimSpace(lead+" That was the panel's last question. Here is its feedback.")).one(), replies...), nil
		}
		pp.Current, pp.Question = pp.Points[i+1], 0
	}
	return b.askPractice(ctx, p, pp, lead)
}

// askPractice saves the panel and asks its current question.
func (b *Bot) askPractice(ctx context.Context, p *checklist.Project, pp *checklist.PracticePanel, lead string) ([]Reply, error) {
	std, err := b.standardOf(p)
	if err != nil {
		return nil, err
	}
	qs := practiceQuestions(std, p.Phase, pp.Current)
	if pp.Question >= len(qs) {
		return b.nextPractice(ctx, p, pp, lead)
	}
	if err := b.Store.SavePractice(ctx, pp); err != nil {
		return nil, err
	}
	pt, _ := std.Point(pp.Current)
	r := Reply{Type: ReplyInfo, Title: fmt.Sprintf("Practice panel: %s", std.Label(pt))}
	if lead != "" {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: lead})
	}
	r.Blocks = append(r.Blocks, Block{Type: Quote, Text: qs[pp.Question]})
	after := "the panel's last point"
	if left := len(pp.Points) - slices.Index(pp.Points, pp.Current) - 1; left > 0 {
		after = countText(left, "point") + " after it"
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("Question %d of %d on this point; %s. Reply with your answer, or skip or stop.",
		pp.Question+1, len(qs), after)})
	r.Buttons = []Button{{Label: "Skip", Command: "skip"}, {Label: "Stop", Command: "stop"}}
	return r.one(), nil
}
