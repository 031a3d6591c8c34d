package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// ratingEmoji gives each rating its colour.
var ratingEmoji = map[checklist.Rating]string{
	checklist.RatingGreen:  "🟢",
	checklist.RatingAmber:  "🟠",
	checklist.RatingRed:    "🔴",
	checklist.RatingMet:    "🟢",
	checklist.RatingNotMet: "🔴",
}

// parseRatingWords reads a rating at the start of words, accepting "not
// met" as two words, and returns the rest.
func parseRatingWords(words string) (checklist.Rating, string, error) {
	f := strings.Fields(words)
	if len(f) == 0 {
		return "", "", usage("Give a rating: green, amber or red")
	}
	if len(f) > 1 && strings.EqualFold(f[0], "not") && strings.EqualFold(f[1], "met") {
		f = append([]string{"not-met"}, f[2:]...)
	}
	r, err := checklist.ParseRating(f[0])
	if err != nil {
		return "", "", err
	}
	return r, strings.TrimSpace(strings.TrimPrefix(strings.Join(f[1:], " "), "-")), nil
}

// assessmentResult is `assessment result green|amber|red [YYYY-MM-DD]`:
// the outcome of the assessment on that date, by default the project's
// assessment date, for the stage of the project's phase.
func (b *Bot) assessmentResult(ctx context.Context, req *request, p *checklist.Project, args string) ([]Reply, error) {
	r, rest, err := parseRatingWords(args)
	if err != nil {
		return nil, err
	}
	d := p.Assessment
	if rest != "" {
		if d, err = checklist.ParseDate(rest); err != nil {
			return nil, err
		}
	}
	if d.IsZero() {
		return nil, usage(fmt.Sprintf("No assessment date is set for %s. Give it: assessment result %s YYYY-MM-DD", p.Name, r))
	}
	if d.DaysFrom(b.today(p)) > 0 {
		return nil, usage(fmt.Sprintf("%s is in the future: record a result once the assessment has happened.", d))
	}
	a := &checklist.Assessment{Date: d, Stage: stageOf(p.Phase), Result: r}
	rec, err := b.Store.SaveAssessment(ctx, p.ID, a, who(req.msg))
	if err != nil {
		return nil, err
	}
	text := fmt.Sprintf("%s Recorded the %s on %s for %s: %s.", ratingEmoji[r], assessmentName(rec.Stage), d.Pretty(), p.Name, r)
	next := fmt.Sprintf("Rate each point with: rate N green|amber|red [NOTE], and add the panel's actions with: action N TEXT (due %s).", checklist.ActionDue(d).Pretty())
	return []Reply{{Type: ReplyInfo, Blocks: []Block{{Type: Paragraph, Text: text}, {Type: Paragraph, Text: outcomeAdvice(r)}, {Type: Context, Text: next}}}}, nil
}

// stageOf is the assessment a project in a phase has: its phase's end.
func stageOf(ph checklist.Phase) checklist.Stage {
	switch ph {
	case checklist.Alpha, checklist.Beta, checklist.Live:
		return checklist.Stage(ph)
	}
	return ""
}

// assessmentName is "beta assessment", or "assessment" without a stage.
func assessmentName(s checklist.Stage) string {
	if s == "" {
		return "assessment"
	}
	return s.Label() + " assessment"
}

// outcomeAdvice says what an overall rating means for the team.
func outcomeAdvice(r checklist.Rating) string {
	switch r {
	case checklist.RatingAmber:
		return fmt.Sprintf("Amber: the team can move on, but the panel's actions are due within %d months and must all be closed before the next assessment is booked.", checklist.ActionMonths)
	case checklist.RatingRed, checklist.RatingNotMet:
		return "Red: the red points are assessed again at a reassessment."
	}
	return "The team can move on to the next phase."
}

func (b *Bot) cmdRate(ctx context.Context, req *request) ([]Reply, error) {
	num, rest, _ := strings.Cut(req.args, " ")
	if !knowledge.LooksLikePoint(num) {
		if num == "" {
			return nil, usage("Try: rate 5 amber, or rate 5 red NOTE")
		}
		return nil, errNotCommand
	}
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	n, err := b.checkPoint(p, num)
	if err != nil {
		return nil, err
	}
	r, note, err := parseRatingWords(rest)
	if err != nil {
		return nil, err
	}
	if note != "" {
		if note, err = checklist.ValidItem("note", n, checklist.CleanText(note)); err != nil {
			return nil, err
		}
	}
	if _, err := b.Store.RatePoint(ctx, p.ID, n, r, note, who(req.msg)); err != nil {
		return nil, err
	}
	text := fmt.Sprintf("%s Point %s (%s) is rated %s at the latest assessment.", ratingEmoji[r], b.pointNum(p, n), b.pointTitle(p, n), r)
	if note != "" {
		text += " Note: " + note
	}
	return Text(ReplyInfo, text).one(), nil
}

func (b *Bot) cmdAction(ctx context.Context, req *request) ([]Reply, error) {
	first, rest, _ := strings.Cut(req.args, " ")
	if strings.EqualFold(first, "done") {
		return b.actionDone(ctx, req, strings.TrimSpace(rest))
	}
	if !knowledge.LooksLikePoint(first) {
		if first == "" {
			return nil, usage("Try: action 5 TEXT, or action done ID [EVIDENCE]")
		}
		return nil, errNotCommand
	}
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	n, err := b.checkPoint(p, first)
	if err != nil {
		return nil, err
	}
	text := strings.TrimSpace(checklist.CleanText(rest))
	if text == "" {
		return nil, usage(fmt.Sprintf("Say what the panel asked for. Try: action %s TEXT", b.pointNum(p, n)))
	}
	if text, err = checklist.ValidItem("action", n, text); err != nil {
		return nil, err
	}
	a, err := b.Store.AddAction(ctx, p.ID, n, text, who(req.msg))
	if err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Action %d on point %s (%s): %s. Due %s. Close it with: action done %d [EVIDENCE]",
		a.ID, b.pointNum(p, n), b.pointTitle(p, n), a.Text, a.Due.Pretty(), a.ID)).one(), nil
}

// actionDone is `action done ID [EVIDENCE]`.
func (b *Bot) actionDone(ctx context.Context, req *request, args string) ([]Reply, error) {
	idText, evidence, _ := strings.Cut(args, " ")
	id, err := strconv.ParseInt(strings.TrimPrefix(idText, "#"), 10, 64)
	if err != nil || id <= 0 {
		return nil, usage("Give the action's number. Try: action done 3 [EVIDENCE], and see the numbers with: actions")
	}
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if evidence = strings.TrimSpace(checklist.CleanText(evidence)); evidence != "" {
		if evidence, err = checklist.ValidItem("evidence", 1, evidence); err != nil {
			return nil, err
		}
	}
	a, err := b.Store.CloseAction(ctx, p.ID, id, evidence, who(req.msg))
	if err != nil {
		return nil, err
	}
	text := fmt.Sprintf("Closed action %d on point %s (%s): %s.", a.ID, b.pointNum(p, a.Point), b.pointTitle(p, a.Point), a.Text)
	if a.Evidence != "" {
		text += fmt.Sprintf(" Evidence added to point %s: %s", b.pointNum(p, a.Point), a.Evidence)
	}
	return Text(ReplyInfo, text).one(), nil
}

func (b *Bot) cmdActions(ctx context.Context, req *request) ([]Reply, error) {
	if req.args != "" {
		return nil, errNotCommand
	}
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	if len(acts) == 0 {
		return Text(ReplyInfo, fmt.Sprintf("No open actions for %s. Add a panel's action with: action N TEXT", p.Name)).one(), nil
	}
	r := Reply{Type: ReplyStatus, Title: "Open actions: " + p.Name}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: b.actionLines(p, acts)},
		Block{Type: Context, Text: "Close one with: action done ID [EVIDENCE]"})
	return r.one(), nil
}

// actionLines are open actions as `actions`, `status` and `project` list
// them: id, point, text, who added it and when it is due.
func (b *Bot) actionLines(p *checklist.Project, acts []checklist.Action) []string {
	today := b.today(p)
	var lines []string
	for _, a := range acts {
		due := "due " + a.Due.Pretty()
		if a.Overdue(today) {
			due = "⚠️ overdue since " + a.Due.Pretty()
		}
		lines = append(lines, fmt.Sprintf("#%d · point %s (%s): %s (added by %s; %s)", a.ID, b.pointNum(p, a.Point), b.pointTitle(p, a.Point), a.Text, a.By, due))
	}
	return lines
}

// actionsReminder composes the reminder of the open actions due on the day
// a KindActions occurrence is about: how far off it is, and each action.
func (b *Bot) actionsReminder(ctx context.Context, p *checklist.Project, d checklist.Due) (Reply, error) {
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil {
		return Reply{}, err
	}
	due := p.ActionsDueOn(d)
	var on []checklist.Action
	for _, a := range acts {
		if a.Due == due {
			on = append(on, a)
		}
	}
	what := fmt.Sprintf("%d panel actions are", len(on))
	if len(on) == 1 {
		what = "1 panel action is"
	}
	r := Reply{Type: ReplyNotice, Title: fmt.Sprintf("⏰ %s: %s due %s (%s)", p.Name, what, daysText(due.DaysFrom(b.today(p))), due.Pretty())}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: b.actionLines(p, on)},
		Block{Type: Context, Text: "Close one with: action done ID [EVIDENCE]. Every action must be closed before the next assessment."})
	return r, nil
}
