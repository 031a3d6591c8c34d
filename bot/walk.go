package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/knowledge"
)

// walkKey identifies the walk of the person who sent a message, in the
// conversation (and thread) they sent it in.
func walkKey(req *request) string {
	return checklist.WalkKey(binding(req.msg), req.msg.Address.Thread, req.msg.User)
}

// walkWords are the answers a walk takes as bare words.
var walkWords = map[string]bool{"met": true, "partly": true, "not-met": true, "not": true, "notmet": true, "n/a": true, "na": true, "skip": true, "stop": true, "partial": true}

func (b *Bot) cmdChecklist(ctx context.Context, req *request) ([]Reply, error) {
	p, err := b.project(ctx, req)
	if err != nil {
		return nil, err
	}
	if req.args != "" {
		return nil, usage("checklist takes no arguments: it walks the outstanding points one at a time")
	}
	w := &checklist.Walk{Key: walkKey(req), ProjectID: p.ID, Skipped: []int{}}
	return b.stepWalk(ctx, req, p, w, "Let's walk the outstanding points. Answer met, partly, not-met or n/a (each may be followed by a note), or skip or stop.")
}

// walkAnswer handles a bare walk answer ("partly still testing"). It
// returns false when the person has no walk here, so the words are treated
// as a question or command instead.
func (b *Bot) walkAnswer(ctx context.Context, req *request) ([]Reply, bool, error) {
	if b.Store == nil || !walkWords[req.word] {
		return nil, false, nil
	}
	if req.word == "not" && !strings.HasPrefix(strings.ToLower(req.args), "met") {
		return nil, false, nil // "not sure what this means" is a question
	}
	w, err := b.Store.Walk(ctx, walkKey(req))
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	p, err := b.Store.Project(ctx, w.ProjectID)
	if err != nil {
		return nil, true, err
	}
	switch req.word {
	case "stop":
		if err := b.Store.EndWalk(ctx, w.Key); err != nil {
			return nil, true, err
		}
		return Text(ReplyInfo, "Stopped. Pick up again any time with: checklist").one(), true, nil
	case "skip":
		replies, err := b.advanceWalk(ctx, req, p, w)
		return replies, true, err
	}
	status, note, err := parseStatusWords(req.word + " " + req.args)
	if err != nil {
		return nil, true, err
	}
	replies, err := b.mark(ctx, req, p, w.Current, status, note)
	return replies, true, err
}

// advanceWalk passes the current point and moves to the next.
func (b *Bot) advanceWalk(ctx context.Context, req *request, p *checklist.Project, w *checklist.Walk) ([]Reply, error) {
	if !slices.Contains(w.Skipped, w.Current) {
		w.Skipped = append(w.Skipped, w.Current)
	}
	return b.stepWalk(ctx, req, p, w, "")
}

// stepWalk moves a walk to the most urgent point it has not passed, saves
// it and shows the point; or ends the walk when none is left.
func (b *Bot) stepWalk(ctx context.Context, req *request, p *checklist.Project, w *checklist.Walk, lead string) ([]Reply, error) {
	pr, err := b.progress(ctx, p)
	if err != nil {
		return nil, err
	}
	next := 0
	for _, s := range pr.Outstanding() {
		if !slices.Contains(w.Skipped, s.Point) {
			next = s.Point
			break
		}
	}
	if next == 0 {
		if err := b.Store.EndWalk(ctx, w.Key); err != nil && checklist.ErrorCode(err) != checklist.ENOTFOUND {
			return nil, err
		}
		msg := "That's every outstanding point for now. See the whole picture with: status"
		if len(pr.Outstanding()) == 0 {
			msg = "Nothing is outstanding: every point is met or n/a. See the whole picture with: status"
		}
		return Text(ReplyInfo, msg).one(), nil
	}
	w.Current = next
	if err := b.Store.SaveWalk(ctx, w); err != nil {
		return nil, err
	}
	std, err := b.standardOf(p)
	if err != nil {
		return nil, err
	}
	left := 0
	for _, s := range pr.Outstanding() {
		if !slices.Contains(w.Skipped, s.Point) {
			left++
		}
	}
	return []Reply{walkReply(std, p, pr.Points[next-1], left, lead)}, nil
}

// walkStatus is a point's status as a walk's title gives it.
var walkStatus = map[checklist.Status]string{
	checklist.NotStarted: "not started yet",
	checklist.Partly:     "partly met so far",
	checklist.NotMet:     "not met so far",
	checklist.Met:        "met already",
	checklist.NA:         "marked n/a",
}

// TrimWalkStatus takes the status off a walk's title, for an adapter
// that shows the title again once the point is marked. Titles of cards
// sent by earlier versions ended "(now not-started)".
func TrimWalkStatus(title string) string {
	for _, s := range walkStatus {
		if t, ok := strings.CutSuffix(title, " ("+s+")"); ok {
			return t
		}
	}
	if i := strings.LastIndex(title, " (now "); i >= 0 && strings.HasSuffix(title, ")") {
		return title[:i]
	}
	return title
}

// countText is "1 point" or "3 points": n and a noun made plural.
func countText(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// walkReply shows one point of a walk: what the panel (or a review) looks for in the
// project's phase, that phase's prompts, and the answers.
func walkReply(std *knowledge.Standard, p *checklist.Project, st checklist.PointState, left int, lead string) Reply {
	pt, _ := std.Point(st.Point)
	r := Reply{Type: ReplyWalk, Title: fmt.Sprintf("%s (%s)", std.Label(pt), walkStatus[st.Status])}
	if lead != "" {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: lead})
	}
	phase := knowledge.Phase(p.Phase)
	if g, ok := pt.Guide(phase); ok {
		label := "At " + string(phase)
		if p.Phase == checklist.Discovery {
			label = "At alpha (your next assessment)"
		}
		r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{{looksForLabel(pt, label+", "+std.Assessor()+" looks for"), strings.TrimSpace(g.LooksFor)}}})
		r.Blocks = append(r.Blocks, Block{Type: List, Items: g.Prompts})
	} else {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: pt.Summary})
	}
	if pt.URL != "" {
		r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("%s left in this walk. Official page", countText(left, "outstanding point")), URL: pt.URL})
	}
	n := pt.Shown() // the buttons' words read as people would type them
	r.Buttons = []Button{
		{Label: "Met", Command: fmt.Sprintf("mark %s met", n), Style: "primary"},
		{Label: "Partly", Command: fmt.Sprintf("mark %s partly", n)},
		{Label: "Not met", Command: fmt.Sprintf("mark %s not-met", n), Style: "danger"},
		{Label: "N/A", Command: fmt.Sprintf("mark %s n/a", n)},
		{Label: "Skip", Command: "skip"},
		{Label: "Stop", Command: "stop"},
		{Label: "Add note", Command: fmt.Sprintf("note %s", n), AsksNote: true},
	}
	return r
}
