package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Stand-up rounds: each member of a project's stand-up is asked privately,
// their reply there is their answer, and one summary goes to the channel.

// roundQuestions are asked in this order; a reply fills the next unanswered.
var roundQuestions = []string{
	"What moved on the outstanding points since last time?",
	"What's next?",
	"Anything blocking you? (say none if not)",
}

// DirectDelivery reaches one person privately on any platform the process
// runs (the Notifier is one): what `standup now` needs.
type DirectDelivery interface {
	SendDirect(ctx context.Context, to checklist.Binding, user string, r Reply) (checklist.Binding, error)
}

// neediest are up to three points most in need, for the status buttons:
// not met, then not started, then partly, then points with open panel
// actions due within two weeks.
func (b *Bot) neediest(ctx context.Context, p *checklist.Project, pr *checklist.Progress) ([]checklist.PointState, error) {
	out := pr.Outstanding()
	if len(out) < 3 {
		acts, err := b.Store.OpenActions(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range acts {
			in := slices.ContainsFunc(out, func(s checklist.PointState) bool { return s.Point == a.Point })
			if i := a.Point - 1; !in && a.Due.DaysFrom(b.today(p)) <= 14 && i >= 0 && i < len(pr.Points) {
				out = append(out, pr.Points[i])
			}
		}
	}
	return out[:min(3, len(out))], nil
}

// askReply is a member's questions: the three in order, with the points
// most in need and a button for each status change worth making.
func (b *Bot) askReply(ctx context.Context, p *checklist.Project, m checklist.Member, closes time.Time) (Reply, error) {
	pr, err := b.progress(ctx, p)
	if err != nil {
		return Reply{}, err
	}
	needy, err := b.neediest(ctx, p, pr)
	if err != nil {
		return Reply{}, err
	}
	r := Reply{Type: ReplyNotice, Title: "Stand-up: " + p.Name}
	lead := fmt.Sprintf("Morning %s. Answer here by %s your time: one reply for each question, or all three on separate lines.",
		m.Name, closes.In(m.Location(p)).Format("15:04"))
	r.Blocks = []Block{{Type: Paragraph, Text: lead}, {Type: List, Items: numbered(roundQuestions)}}
	if len(needy) > 0 {
		var items []string
		for _, s := range needy {
			items = append(items, fmt.Sprintf("%s %s. %s (%s)", statusEmoji[s.Status], b.pointNum(p, s.Point), b.pointTitle(p, s.Point), s.Status))
			r.Buttons = append(r.Buttons, statusButtons(s, b.pointNum(p, s.Point))...)
		}
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "The points most in need; a button changes one's status:"}, Block{Type: List, Items: items})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: "Away? standup skip until YYYY-MM-DD. Your time zone: timezone me AREA/CITY"})
	return r, nil
}

// statusButtons are the moves worth offering from a point's status: the
// same words as typing mark N STATUS; shown is the point as people read
// it (its official reference, where it has one).
func statusButtons(s checklist.PointState, shown string) []Button {
	var out []Button
	for _, to := range []checklist.Status{checklist.Partly, checklist.Met} {
		if s.Status != to {
			style := ""
			if to == checklist.Met {
				style = "primary"
			}
			out = append(out, Button{Label: fmt.Sprintf("%s %s", shown, to), Command: fmt.Sprintf("mark %s %s", shown, to), Style: style})
		}
	}
	return out
}

func numbered(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = fmt.Sprintf("%d. %s", i+1, l)
	}
	return out
}

// nagReply is the one reminder to a member who has not answered.
func nagReply(p *checklist.Project, m checklist.Member, closes time.Time) Reply {
	return Text(ReplyNotice, fmt.Sprintf("A reminder: %s's stand-up closes at %s your time. Reply here with what moved, what's next and anything blocking you.",
		p.Name, closes.In(m.Location(p)).Format("15:04")))
}

// roundCommands are the words still taken as commands in a direct
// conversation while a round waits for its answer; anything else is the
// answer (which may well begin "point 3 ..." or "status of ...").
var roundCommands = []string{"mark", "standup", "timezone", "help", "note", "evidence", "checklist", "actions", "report", "history", "project"}

// roundAnswer takes a direct message as its sender's answer while their
// round is open: each line fills the next unanswered question. A command
// word is left to its command (a status button says mark N STATUS).
func (b *Bot) roundAnswer(ctx context.Context, req *request) ([]Reply, bool, error) {
	if !req.msg.Direct || req.msg.Action != nil || b.Store == nil {
		return nil, false, nil
	}
	if slices.Contains(roundCommands, req.word) {
		return nil, false, nil
	}
	a, err := b.Store.OpenAnswer(ctx, binding(req.msg), req.msg.User, b.now())
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	if a, err = b.addToAnswer(ctx, a, req.text); err != nil {
		return nil, true, err
	}
	if !a.Complete() {
		return Text(ReplyInfo, numbered(roundQuestions)[answeredCount(a)]).one(), true, nil
	}
	return Text(ReplyInfo, "Thanks, that is in the stand-up summary. Anything more you send here before the window closes is added to it.").one(), true, nil
}

// markAnswers counts a status change made in a member's direct
// conversation while their round is open (a status button, or mark typed
// there) as their answer: they have spoken, so no reminder, and the
// summary lists them as answered with the change under "What changed".
// The questions stay open for words; a failure here is logged, not the
// mark's (which is already done).
func (b *Bot) markAnswers(ctx context.Context, req *request) {
	if !req.msg.Direct || b.Store == nil {
		return
	}
	for try := 0; try < 5; try++ {
		a, err := b.Store.OpenAnswer(ctx, binding(req.msg), req.msg.User, b.now())
		if checklist.ErrorCode(err) == checklist.ENOTFOUND || (err == nil && a.Answered()) {
			return
		}
		if err != nil {
			b.log().Warn("stand-up: a status change could not count as an answer", "err", err)
			return
		}
		next := *a
		next.AnsweredAt = b.now()
		if ok, err := b.Store.UpdateAnswer(ctx, a, &next); err != nil || ok {
			if err != nil {
				b.log().Warn("stand-up: a status change could not count as an answer", "err", err)
			}
			return
		}
	}
}

// addToAnswer adds text to a member's answer. Replies handled at once
// (quick messages, on two replicas) each add to what the other stored:
// the store takes the change only over the answers it was made from, and
// a refused one is made again from the answers as they are now.
func (b *Bot) addToAnswer(ctx context.Context, a *checklist.Answer, text string) (*checklist.Answer, error) {
	for try := 0; ; try++ {
		next := *a
		fillAnswer(&next, text)
		next.AnsweredAt = b.now()
		ok, err := b.Store.UpdateAnswer(ctx, a, &next)
		if err != nil || ok {
			return &next, err
		}
		if try == 4 {
			return nil, fmt.Errorf("stand-up answer changed under five tries")
		}
		if a, err = b.Store.OpenAnswer(ctx, a.Direct, a.User, b.now()); err != nil {
			return nil, err
		}
	}
}

// fillAnswer puts each line of text into the next unanswered question;
// once all three are answered, more is added to what moved.
func fillAnswer(a *checklist.Answer, text string) {
	fields := []*string{&a.Moved, &a.Next, &a.Blocking}
	for line := range strings.Lines(text) {
		line = checklist.CleanLine(strings.TrimSpace(line))
		if line == "" {
			continue
		}
		i := answeredCount(a)
		if i == len(fields) {
			a.Moved += " / " + line
			continue
		}
		*fields[i] = line
	}
}

// answeredCount is how many questions, in order, have answers.
func answeredCount(a *checklist.Answer) int {
	for i, s := range []string{a.Moved, a.Next, a.Blocking} {
		if s == "" {
			return i
		}
	}
	return len(roundQuestions)
}
