package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

func (b *Bot) cmdPhase(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args == "" {
		return Text(ReplyInfo, fmt.Sprintf("%s is in %s. Change it with: phase discovery|alpha|beta|live", p.Name, p.Phase)).one(), nil
	}
	ph, err := checklist.ParsePhase(req.args)
	if err != nil {
		return nil, err
	}
	p, err = b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: &ph}, who(req.msg))
	if err != nil {
		return nil, err
	}
	msg := fmt.Sprintf("%s is now in %s.", p.Name, ph)
	if ph == checklist.Alpha || ph == checklist.Beta {
		if p.Assessment.IsZero() {
			msg += " Book the assessment at least 5 weeks ahead, then record it with: assessment YYYY-MM-DD"
		}
	}
	return Text(ReplyInfo, msg).one(), nil
}

func (b *Bot) cmdAssessment(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if sub, rest := cutWord(req.args); strings.EqualFold(sub, "import") {
		return b.assessmentImport(ctx, req, p, rest)
	}
	arg := strings.ToLower(strings.TrimSpace(req.args))
	if arg == "" {
		return Text(ReplyInfo, "Assessment: "+b.assessmentText(p)).one(), nil
	}
	if sub, rest, _ := strings.Cut(arg, " "); sub == "result" {
		return b.assessmentResult(ctx, req, p, rest)
	}
	var d checklist.Date
	if arg != "none" && arg != "clear" && arg != "off" {
		d, err = checklist.ParseDate(arg)
		if err != nil {
			return nil, err
		}
		if d.DaysFrom(b.today(p)) < 0 {
			return nil, usage(fmt.Sprintf("%s is in the past. Give the date of the next assessment, or clear it with: assessment none", d))
		}
	}
	p, err = b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Assessment: &d}, who(req.msg))
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		return Text(ReplyInfo, "Assessment date cleared for "+p.Name+".").one(), nil
	}
	replies := Text(ReplyInfo, fmt.Sprintf("Assessment for %s: %s.", p.Name, b.assessmentText(p))).one()
	return b.openActionsWarning(ctx, p, replies)
}

// openActionsWarning adds to the replies to booking the next assessment
// the open actions that must be closed before it. The date is set all the
// same: it is when the panel sits, which the team may not choose.
func (b *Bot) openActionsWarning(ctx context.Context, p *checklist.Project, replies []Reply) ([]Reply, error) {
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil || len(acts) == 0 {
		return replies, err
	}
	title := fmt.Sprintf("⚠️ Close these %d open actions before the next assessment", len(acts))
	if len(acts) == 1 {
		title = "⚠️ Close this open action before the next assessment"
	}
	r := Reply{Type: ReplyInfo, Title: title}
	r.Blocks = append(r.Blocks, Block{Type: List, Items: b.actionLines(p, acts)},
		Block{Type: Context, Text: "A panel's actions must all be closed before the next assessment. Close one with: action done ID [EVIDENCE]"})
	return append(replies, r), nil
}

func (b *Bot) cmdTimezone(ctx context.Context, req *request) ([]Reply, error) {
	if f := strings.Fields(req.args); len(f) > 0 && strings.EqualFold(f[0], "me") {
		return b.timezoneMe(ctx, req, f[1:])
	}
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args == "" {
		return Text(ReplyInfo, fmt.Sprintf("%s uses %s. Change it with: timezone AREA/CITY", p.Name, p.TimeZone)).one(), nil
	}
	tz, err := checklist.ParseTimeZone(req.args)
	if err != nil {
		return nil, err
	}
	p, err = b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{TimeZone: &tz}, who(req.msg))
	if err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("%s now uses %s.", p.Name, p.TimeZone)).one(), nil
}
