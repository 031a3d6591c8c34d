package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// statusEmoji gives each status a colour, for lists people scan.
var statusEmoji = map[checklist.Status]string{
	checklist.Met:        "🟢",
	checklist.Partly:     "🟡",
	checklist.NotMet:     "🔴",
	checklist.NotStarted: "⚪",
	checklist.NA:         "➖",
}

// parseStatusWords reads a status at the start of words, accepting "not
// met" as two words, and returns the rest as a note.
func parseStatusWords(words string) (checklist.Status, string, error) {
	f := strings.Fields(words)
	if len(f) == 0 {
		return "", "", usage("Give a status: met, partly, not-met or n/a")
	}
	if len(f) > 1 && strings.EqualFold(f[0], "not") && strings.EqualFold(f[1], "met") {
		f = append([]string{"not-met"}, f[2:]...)
	}
	s, err := checklist.ParseStatus(f[0])
	if err != nil {
		return "", "", err
	}
	return s, noteOf(f[1:]), nil
}

// noteOf is the note after a status: the rest of the words, without a
// leading dash.
func noteOf(rest []string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.Join(rest, " "), "-"))
}

// notStartedWords are what mark takes for not-started, besides "not
// started" as two words.
var notStartedWords = []string{"not-started", "notstarted", "not_started", "reset"}

// parseMarkWords is parseStatusWords for mark, which also takes
// not-started: a point marked by mistake goes back to the start.
func parseMarkWords(words string) (checklist.Status, string, error) {
	f := strings.Fields(words)
	switch {
	case len(f) > 0 && slices.Contains(notStartedWords, strings.ToLower(f[0])):
		return checklist.NotStarted, noteOf(f[1:]), nil
	case len(f) > 1 && strings.EqualFold(f[0], "not") && strings.EqualFold(f[1], "started"):
		return checklist.NotStarted, noteOf(f[2:]), nil
	}
	s, note, err := parseStatusWords(words)
	if checklist.ErrorCode(err) == checklist.EINVALID {
		return "", "", usage(fmt.Sprintf("%q is not a status: use met, partly, not-met, n/a, or not-started to start the point again", f[0]))
	}
	return s, note, err
}

func (b *Bot) cmdMark(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	num, rest, _ := strings.Cut(req.args, " ")
	if num == "" {
		return nil, usage("Try: mark 5 met, or mark 5 partly NOTE")
	}
	n, err := b.checkPoint(p, num)
	if err != nil {
		return nil, err
	}
	status, note, err := parseMarkWords(rest)
	if err != nil {
		return nil, err
	}
	return b.mark(ctx, req, p, n, status, note)
}

// mark records a status and, when the point is the one a walk is on, moves
// the walk to the next point: buttons and typed answers share this path.
func (b *Bot) mark(ctx context.Context, req *request, p *checklist.Project, n int, status checklist.Status, note string) ([]Reply, error) {
	if note = strings.TrimSpace(checklist.CleanText(note)); note != "" {
		// An over-long note changes nothing, the status included.
		var err error
		if note, err = checklist.ValidItem("note", n, note); err != nil {
			return nil, err
		}
	}
	if status == checklist.NA && note == "" {
		if err := b.dutyNA(p, n); err != nil {
			return nil, err
		}
	}
	if _, err := b.Store.SetStatus(ctx, p.ID, n, status, note, who(req.msg)); err != nil {
		return nil, err
	}
	title := b.pointTitle(p, n)
	text := fmt.Sprintf("%s Point %s (%s) is now %s.", statusEmoji[status], b.pointNum(p, n), title, status)
	if note != "" {
		text += " Note: " + note
	}
	replies := []Reply{Text(ReplyInfo, text)}
	w, err := b.Store.Walk(ctx, walkKey(req))
	if err == nil && w.ProjectID == p.ID && w.Current == n {
		next, err := b.advanceWalk(ctx, req, p, w)
		if err != nil {
			return nil, err
		}
		replies = append(replies, next...)
	} else if err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
		return nil, err
	}
	return replies, nil
}

func (b *Bot) cmdEvidence(ctx context.Context, req *request) ([]Reply, error) {
	return b.addItem(ctx, req, "evidence")
}

func (b *Bot) cmdNote(ctx context.Context, req *request) ([]Reply, error) {
	return b.addItem(ctx, req, "note")
}

func (b *Bot) addItem(ctx context.Context, req *request, kind string) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if replies, ok, err := b.correctItem(ctx, req, p, kind, req.args); ok {
		return replies, err
	}
	num, text, _ := strings.Cut(req.args, " ")
	text = strings.TrimSpace(text)
	if num == "" || text == "" {
		return nil, usage(fmt.Sprintf("Try: %s 5 TEXT-OR-LINK", kind))
	}
	n, err := b.checkPoint(p, num)
	if err != nil {
		return nil, err
	}
	if text, err = checklist.ValidItem(kind, n, text); err != nil {
		return nil, err
	}
	var it *checklist.Item
	if kind == "evidence" {
		it, err = b.Store.AddEvidence(ctx, p.ID, n, text, who(req.msg))
	} else {
		it, err = b.Store.AddNote(ctx, p.ID, n, text, who(req.msg))
	}
	if err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Added %s to point %s (%s) as #%d: change it with %s edit %d NEW TEXT.", kind, b.pointNum(p, n), b.pointTitle(p, n), it.ID, kind, it.ID)).one(), nil
}

// dutyNA refuses n/a without a reason on a point that carries a legal
// duty (knowledge.Point.Duty: point 5's accessibility, say), saying why.
func (b *Bot) dutyNA(p *checklist.Project, n int) error {
	s, ok := b.Library.Standard(p.Standard)
	if !ok {
		return nil
	}
	pt, ok := s.Point(n)
	if !ok || pt.Duty == "" {
		return nil
	}
	return usage(fmt.Sprintf("Point %s (%s) is not marked n/a without a reason. %s %s will not accept n/a here lightly: the law applies whether or not the team plans for it, so they expect to see how the service meets it. If it truly does not apply, say why, and the reason is kept as the note: mark %s n/a because REASON",
		pt.Shown(), pt.Title, strings.TrimSpace(pt.Duty), s.Assessors(), pt.Shown()))
}

// pointTitle is a point's title, or "point N" when the standard is gone.
func (b *Bot) pointTitle(p *checklist.Project, n int) string {
	if s, ok := b.Library.Standard(p.Standard); ok {
		if pt, ok := s.Point(n); ok {
			return pt.Title
		}
	}
	return fmt.Sprintf("point %d", n)
}

// pointForms says which points a project's standard takes, for hints:
// "1 to 14", or with references where the standard has them.
func (b *Bot) pointForms(p *checklist.Project) string {
	if s, ok := b.Library.Standard(p.Standard); ok {
		return s.PointForms()
	}
	return fmt.Sprintf("1 to %d", p.Points)
}

// pointNum is point n of a project as people see it: the official
// reference where the project's standard has one ("2.1"), else the
// number. Only what people read changes; the store keeps the number.
func (b *Bot) pointNum(p *checklist.Project, n int) string {
	s, _ := b.Library.Standard(p.Standard)
	return s.Shown(n)
}
