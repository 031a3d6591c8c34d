package bot

import (
	"context"
	"fmt"
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
	note := strings.TrimSpace(strings.TrimPrefix(strings.Join(f[1:], " "), "-"))
	return s, strings.TrimSpace(note), nil
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
	n, err := checkPoint(p, num)
	if err != nil {
		return nil, err
	}
	status, note, err := parseStatusWords(rest)
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
	if _, err := b.Store.SetStatus(ctx, p.ID, n, status, note, who(req.msg)); err != nil {
		return nil, err
	}
	title := b.pointTitle(p, n)
	text := fmt.Sprintf("%s Point %d (%s) is now %s.", statusEmoji[status], n, title, status)
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
	num, text, _ := strings.Cut(req.args, " ")
	text = strings.TrimSpace(text)
	if num == "" || text == "" {
		return nil, usage(fmt.Sprintf("Try: %s 5 TEXT-OR-LINK", kind))
	}
	n, err := checkPoint(p, num)
	if err != nil {
		return nil, err
	}
	if text, err = checklist.ValidItem(kind, n, text); err != nil {
		return nil, err
	}
	if kind == "evidence" {
		_, err = b.Store.AddEvidence(ctx, p.ID, n, text, who(req.msg))
	} else {
		_, err = b.Store.AddNote(ctx, p.ID, n, text, who(req.msg))
	}
	if err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Added %s to point %d (%s).", kind, n, b.pointTitle(p, n))).one(), nil
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
