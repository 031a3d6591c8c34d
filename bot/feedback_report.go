package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// The feedback report covers the last feedbackWindow, reading at most
// feedbackRows clicks; it lists up to feedbackWorst questions rated not
// helpful, the ones whose guidance most needs work.
const (
	feedbackWindow = 30 * 24 * time.Hour
	feedbackRows   = 5000
	feedbackWorst  = 10
)

// isAdmin reports whether the message's author may use admin commands:
// their adapter vouches for them, or they are among the configured admins.
func (b *Bot) isAdmin(msg Message) bool {
	return msg.Admin || (msg.User != "" && slices.Contains(b.Admins, msg.User))
}

// adminOnly is a user error, saying how to become one, unless the message's
// author is an admin; what is what they tried to do.
func (b *Bot) adminOnly(msg Message, what string) error {
	if b.isAdmin(msg) {
		return nil
	}
	return usage(fmt.Sprintf("Only the bot's admins can %s: ask whoever runs standardbot to add your user id (%s) to STANDARDBOT_ADMINS.", what, msg.User))
}

// feedbackReport shows how people rated answers: the counts, and the
// questions rated not helpful, newest first. Admins only: it shows
// questions from every channel.
func (b *Bot) feedbackReport(ctx context.Context, req *request) ([]Reply, error) {
	if err := b.adminOnly(req.msg, "see the feedback report"); err != nil {
		return nil, err
	}
	if b.Store == nil {
		return nil, errNoStore
	}
	fs, err := b.Store.RecentFeedback(ctx, b.now().Add(-feedbackWindow), feedbackRows)
	if err != nil {
		return nil, err
	}
	if len(fs) == 0 {
		return Text(ReplyInfo, "No one has rated an answer in the last 30 days. Answers in Slack and Teams carry 👍 and 👎 buttons.").one(), nil
	}
	var helpful, unhelpful int
	var worst []string
	seen := map[string]bool{}
	for _, f := range fs {
		if f.Helpful {
			helpful++
			continue
		}
		unhelpful++
		q := strings.TrimSpace(f.Question)
		key := strings.ToLower(q)
		if q == "" || seen[key] || len(worst) == feedbackWorst {
			continue
		}
		seen[key] = true
		worst = append(worst, fmt.Sprintf("“%s” (%s, %s)", q, f.Platform, f.At.In(checklist.Zone(b.DefaultTimeZone)).Format("2 Jan")))
	}
	counted := fmt.Sprint(len(fs))
	if len(fs) == feedbackRows {
		counted = "the latest " + counted
	}
	r := Reply{Type: ReplyInfo, Title: "Answer feedback, last 30 days"}
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{Label: "Helpful", Value: fmt.Sprint(helpful)},
		{Label: "Not helpful", Value: fmt.Sprint(unhelpful)},
	}})
	if len(worst) > 0 {
		r.Blocks = append(r.Blocks,
			Block{Type: Paragraph, Text: "Rated not helpful, newest first: worth a look at the guidance they touch, or a source of your own."},
			Block{Type: List, Items: worst})
	}
	r.Blocks = append(r.Blocks, Block{Type: Context, Text: fmt.Sprintf("From %s ratings; each person's last rating of an answer counts.", counted)})
	r.Ephemeral = true
	return r.one(), nil
}
