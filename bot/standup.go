package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// cmdStandup: `standup` sends a prompt now; `standup at HH:MM [days]` sets
// the schedule; `standup off` stops it.
func (b *Bot) cmdStandup(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if r, ok, err := b.standupRoundWords(ctx, req, p); ok {
		return r, err
	}
	f := strings.Fields(strings.ToLower(req.args))
	switch {
	case len(f) == 0 && p.Archived():
		return nil, errArchived(p, "stand-ups")
	case len(f) == 0:
		r, err := b.Notice(ctx, p, checklist.Due{Kind: checklist.KindStandup})
		if err != nil {
			return nil, err
		}
		return r.one(), nil
	case len(f) == 1 && (f[0] == "off" || f[0] == "none" || f[0] == "stop"):
		off := ""
		if _, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{StandupAt: &off}, who(req.msg)); err != nil {
			return nil, err
		}
		return Text(ReplyInfo, "Stand-ups are off for "+p.Name+". Reminders before the assessment still go out at 09:00.").one(), nil
	case f[0] == "at" && (len(f) == 2 || len(f) == 3):
		clock, err := checklist.ParseClock(f[1])
		if err != nil {
			return nil, err
		}
		days := "weekdays"
		if len(f) == 3 {
			if days, err = checklist.ParseDays(f[2]); err != nil {
				return nil, err
			}
		}
		up, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{StandupAt: &clock, StandupDay: &days}, who(req.msg))
		if err != nil {
			return nil, err
		}
		return Text(ReplyInfo, fmt.Sprintf("Stand-up prompts for %s at %s, %s (%s time; bank holidays in England and Wales skipped). Reminders before the assessment come at the same time.",
			up.Name, up.Schedule.StandupAt, daysWords(up.Schedule.StandupDays), up.TimeZone)).one(), nil
	}
	return nil, usage("Try: standup (one now), standup at 09:30 [daily|weekdays|mon,wed], standup off, standup members @a @b, standup join, standup leave, standup window 30m, standup skip until YYYY-MM-DD, standup back, standup now or standup summary")
}

// pointsAre is "1 point is" or "3 points are".
func pointsAre(n int) string {
	if n == 1 {
		return "1 point is"
	}
	return fmt.Sprintf("%d points are", n)
}

// remindersText is when a project's reminders come: "28,14,7 days before
// the assessment", "1 day before the assessment", or "off".
func remindersText(s checklist.Schedule) string {
	days := s.ReminderDays()
	switch {
	case len(days) == 0:
		return "off"
	case len(days) == 1 && days[0] == 1:
		return "1 day before the assessment"
	case len(days) == 1 && days[0] == 0:
		return "on the day of the assessment"
	}
	return checklist.RemindersText(days) + " days before the assessment"
}

// standupText is when a project's stand-up prompts come, or "off".
func standupText(p *checklist.Project) string {
	if p.Schedule.StandupAt == "" {
		return "off (set one with: standup at 09:30)"
	}
	return fmt.Sprintf("%s, %s (%s)", p.Schedule.StandupAt, daysWords(p.Schedule.StandupDays), p.TimeZone)
}

func daysWords(days string) string {
	switch days {
	case "daily":
		return "every day"
	case "", "weekdays":
		return "Monday to Friday"
	}
	return "on " + strings.ReplaceAll(days, ",", ", ")
}

// cmdReminders: `reminders 28,14,7` or `reminders off`.
func (b *Bot) cmdReminders(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args == "" {
		if len(p.Schedule.ReminderDays()) == 0 {
			return Text(ReplyInfo, fmt.Sprintf("Reminders are off for %s. Turn them on with: reminders 28,14,7,3,1", p.Name)).one(), nil
		}
		return Text(ReplyInfo, fmt.Sprintf("Reminders for %s: %s. Change them with: reminders 28,14,7 or reminders off",
			p.Name, remindersText(p.Schedule))).one(), nil
	}
	arg := strings.ToLower(strings.TrimSpace(req.args))
	if arg == "default" {
		arg = checklist.RemindersText(checklist.DefaultReminders)
	}
	days, err := checklist.ParseReminders(arg)
	if err != nil {
		return nil, err
	}
	up, err := b.Store.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Reminders: &days}, who(req.msg))
	if err != nil {
		return nil, err
	}
	if len(days) == 0 {
		return Text(ReplyInfo, "Reminders are off for "+up.Name+".").one(), nil
	}
	msg := fmt.Sprintf("Reminders for %s: %s.", up.Name, remindersText(up.Schedule))
	if up.Assessment.IsZero() {
		msg += " Set the date with: assessment YYYY-MM-DD"
	}
	return Text(ReplyInfo, msg).one(), nil
}

// Notice is the message the scheduler sends for something due: a stand-up
// prompt, a reminder before the assessment, or a nudge to book one.
func (b *Bot) Notice(ctx context.Context, p *checklist.Project, d checklist.Due) (Reply, error) {
	pr, err := b.progress(ctx, p)
	if err != nil {
		return Reply{}, err
	}
	std, err := b.standardOf(p)
	if err != nil {
		return Reply{}, err
	}
	switch d.Kind {
	case checklist.KindReminder:
		return b.reminderReply(p, pr, std), nil
	case checklist.KindActions:
		return b.actionsReminder(ctx, p, d)
	case checklist.KindSummary:
		return b.summaryReply(ctx, p, d.Round, d.At)
	case checklist.KindNudge:
		return Text(ReplyNotice, fmt.Sprintf("📅 %s is in %s with no assessment date. Assessments are booked at least 5 weeks ahead, so ask your assessment team for a date now, then record it here with: assessment YYYY-MM-DD", p.Name, p.Phase)), nil
	}
	return b.withOpenActions(ctx, p, b.standupReply(p, pr, std))
}

// withOpenActions adds to a stand-up how many panel actions are open and
// when the next falls due.
func (b *Bot) withOpenActions(ctx context.Context, p *checklist.Project, r Reply) (Reply, error) {
	acts, err := b.Store.OpenActions(ctx, p.ID)
	if err != nil || len(acts) == 0 {
		return r, err
	}
	next := acts[0].Due
	text := fmt.Sprintf("Open panel actions: %d, the next due %s (%s). See them with: actions", len(acts), next.Pretty(), daysText(next.DaysFrom(b.today(p))))
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: text})
	return r, nil
}

// standupReply: days to go, counts, and the next one to three outstanding
// points by urgency, each with one prompt for the phase, and the answers.
func (b *Bot) standupReply(p *checklist.Project, pr *checklist.Progress, std *knowledge.Standard) Reply {
	r := Reply{Type: ReplyNotice, Title: "Stand-up: " + p.Name}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Assessment", b.assessmentText(p)},
		{"Counts", countsText(pr)},
	}})
	out := pr.Outstanding()
	if len(out) == 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Every point is met or n/a. Keep the evidence current: report shows what the panel will see."})
		return r
	}
	var items []string
	for _, s := range out[:min(3, len(out))] {
		items = append(items, fmt.Sprintf("%s %s. %s (%s): %s", statusEmoji[s.Status], std.Shown(s.Point), b.pointTitle(p, s.Point), s.Status, promptFor(std, s.Point, p.Phase)))
	}
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Today, look at:"}, Block{Type: List, Items: items})
	shown := std.Shown(out[0].Point)
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("Answer with: mark %s met|partly|not-met|n/a [note], or walk them all with: checklist", shown)})
	r.Buttons = []Button{
		{Label: shown + " met", Command: "mark " + shown + " met", Style: "primary"},
		{Label: shown + " partly", Command: "mark " + shown + " partly"},
		{Label: shown + " not met", Command: "mark " + shown + " not-met", Style: "danger"},
		{Label: "Walk the checklist", Command: "checklist"},
	}
	return r
}

// promptFor is the first checklist prompt for a point in a phase.
func promptFor(std *knowledge.Standard, n int, phase checklist.Phase) string {
	pt, ok := std.Point(n)
	if !ok {
		return ""
	}
	if g, ok := pt.Guide(knowledge.Phase(phase)); ok && len(g.Prompts) > 0 {
		return g.Prompts[0]
	}
	return pt.Summary
}

// reminderReply lists what is outstanding before the assessment, firmer as
// the day nears.
func (b *Bot) reminderReply(p *checklist.Project, pr *checklist.Progress, std *knowledge.Standard) Reply {
	days := p.Assessment.DaysFrom(b.today(p))
	out := pr.Outstanding()
	var lead string
	switch {
	case len(out) == 0:
		lead = "Every point is met or n/a. Check the evidence is ready to show the panel."
	case days <= 1:
		lead = fmt.Sprintf("The assessment is %s and %s still outstanding. Agree today who will speak to each one, and be open with the panel about the gaps and your plan for them.", daysText(days), pointsAre(len(out)))
	case days <= 3:
		lead = fmt.Sprintf("Only %d days to go and %s outstanding. Focus on the not-met ones first and gather the evidence you will show.", days, pointsAre(len(out)))
	case days <= 7:
		lead = fmt.Sprintf("One week to go: %s outstanding. Now is the time to close gaps and collect evidence.", pointsAre(len(out)))
	default:
		lead = fmt.Sprintf("%d days to go and %s outstanding. A good time to plan the work and book a mock assessment.", days, countText(len(out), "point"))
	}
	title := fmt.Sprintf("⏰ Assessment %s: %s", daysText(days), p.Name)
	if days <= 3 {
		title = fmt.Sprintf("🚨 Assessment %s: %s", daysText(days), p.Name)
	}
	r := Reply{Type: ReplyNotice, Title: title, Blocks: []Block{{Type: Paragraph, Text: lead}}}
	if len(out) > 0 {
		var items []string
		for _, s := range out {
			items = append(items, fmt.Sprintf("%s %s. %s: %s", statusEmoji[s.Status], std.Shown(s.Point), b.pointTitle(p, s.Point), s.Status))
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Outstanding, most urgent first:"}, Block{Type: List, Items: items})
		r.Buttons = []Button{{Label: "Walk the checklist", Command: "checklist", Style: "primary"}, {Label: "Report", Command: "report"}}
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("%s · reminders %s · change with: reminders 28,14,7 or reminders off", std.Name, remindersText(p.Schedule))})
	return r
}
