package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// summaryReply is a round's summary for the channel: blockers first, who
// answered and what, what changed on which points during the round (from
// the history), who did not answer, who is away, and the readiness line
// the channel stand-up has.
func (b *Bot) summaryReply(ctx context.Context, p *checklist.Project, round checklist.Date, end time.Time) (Reply, error) {
	answers, err := b.Store.RoundAnswers(ctx, p.ID, round)
	if err != nil {
		return Reply{}, err
	}
	pr, err := b.progress(ctx, p)
	if err != nil {
		return Reply{}, err
	}
	r := Reply{Type: ReplyNotice, Title: fmt.Sprintf("Stand-up summary: %s, %s", p.Name, round.Pretty())}
	var blocked, said, silent []string
	for _, a := range answers {
		switch {
		case !a.Answered():
			silent = append(silent, a.Name)
		case a.Blocked():
			blocked = append(blocked, a.Name+": "+a.Blocking)
		}
		if a.Answered() {
			said = append(said, answerLine(a))
		}
	}
	add := func(title string, items []string) {
		if len(items) > 0 {
			r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: title}, Block{Type: List, Items: items})
		}
	}
	add("🚧 Blocked:", blocked)
	add("Answered:", said)
	changes, err := b.roundChanges(ctx, p, answers, end)
	if err != nil {
		return Reply{}, err
	}
	add("What changed on the points:", changes)
	if len(silent) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "No answer from: " + strings.Join(silent, ", ") + "."})
	}
	for _, line := range []string{unreachedText(p, round, answers, end), awayText(p, round)} {
		if line != "" {
			r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: line})
		}
	}
	if len(answers) == 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Nobody was asked this round."})
	}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{{"Assessment", b.assessmentText(p)}, {"Counts", countsText(pr)}}})
	return r, nil
}

// answerLine is what one member said, blockers aside.
func answerLine(a checklist.Answer) string {
	var parts []string
	for _, f := range []struct{ label, text string }{{"moved", a.Moved}, {"next", a.Next}} {
		if f.text != "" {
			parts = append(parts, f.label+": "+f.text)
		}
	}
	switch {
	case len(parts) == 0 && a.Blocking == "":
		return a.Name + ": changed a point's status (below), no words yet"
	case len(parts) == 0:
		return a.Name + ": (answered only the blocking question)"
	}
	return a.Name + ": " + strings.Join(parts, " · ")
}

// unreachedText names the members whose moment in the round had come by
// end but who were never asked (the platform refused the direct message,
// or the bot was down past the catch-up), or "".
func unreachedText(p *checklist.Project, round checklist.Date, answers []checklist.Answer, end time.Time) string {
	var missed []string
	for _, a := range p.RoundAsks(round) {
		asked := slices.ContainsFunc(answers, func(x checklist.Answer) bool { return x.User == a.Member.User })
		if !asked && !a.At.After(end) {
			missed = append(missed, a.Member.Name)
		}
	}
	if len(missed) == 0 {
		return ""
	}
	return "Could not be asked: " + strings.Join(missed, ", ") + "."
}

// awayText names the members skipping the round, or "".
func awayText(p *checklist.Project, round checklist.Date) string {
	var away []string
	for _, m := range p.Members {
		if m.Skipping(round) {
			away = append(away, fmt.Sprintf("%s (back after %s)", m.Name, m.SkipUntil.Pretty()))
		}
	}
	if len(away) == 0 {
		return ""
	}
	return "Away: " + strings.Join(away, ", ") + "."
}

// roundChanges are the status changes made between the first ask of the
// round and end, from the history.
func (b *Bot) roundChanges(ctx context.Context, p *checklist.Project, answers []checklist.Answer, end time.Time) ([]string, error) {
	var start time.Time
	for _, a := range answers {
		if start.IsZero() || a.AskedAt.Before(start) {
			start = a.AskedAt
		}
	}
	if start.IsZero() {
		return nil, nil
	}
	hist, err := b.Store.History(ctx, p.ID, 0, 500)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, c := range hist {
		if c.Field == "status" && !c.At.Before(start) && !c.At.After(end) {
			out = append(out, fmt.Sprintf("%s. %s: %s → %s (%s)", b.pointNum(p, c.Point), b.pointTitle(p, c.Point), c.Old, c.New, c.By))
		}
	}
	return out, nil
}
