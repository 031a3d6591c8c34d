package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"github.com/standardbot/standardbot/checklist"
)

// maxFeedbackQuestion keeps the question carried by a feedback button short:
// Slack limits a button's value to 2,000 characters.
const maxFeedbackQuestion = 300

// answerRef identifies an answer for feedback: the same question in the same
// conversation gets the same ref, so repeated clicks replace each other.
func answerRef(msg Message, question string) string {
	h := sha256.Sum256([]byte(strings.Join([]string{msg.Address.Platform, msg.Address.Team, msg.Address.Channel, msg.Address.Thread, strings.ToLower(question)}, "|")))
	return hex.EncodeToString(h[:8])
}

// feedbackButtons are offered under an answer where the platform has buttons.
func feedbackButtons(ref, question string) []Button {
	if len(question) > maxFeedbackQuestion {
		cut := maxFeedbackQuestion
		for cut > 0 && !utf8.RuneStart(question[cut]) {
			cut-- // never split a character
		}
		question = question[:cut]
	}
	return []Button{
		{Label: "👍 Helpful", Command: "feedback yes " + ref + " " + question, Hidden: true},
		{Label: "👎 Not helpful", Command: "feedback no " + ref + " " + question, Hidden: true},
	}
}

// cmdFeedback stores a helpful / not helpful click (feedback yes|no REF
// [QUESTION], what the buttons send), or alone shows admins the report.
func (b *Bot) cmdFeedback(ctx context.Context, req *request) ([]Reply, error) {
	if b.Store == nil {
		return nil, errNoStore
	}
	f := strings.Fields(req.args)
	if len(f) == 0 || (len(f) == 1 && strings.EqualFold(f[0], "report")) {
		return b.feedbackReport(ctx, req)
	}
	if len(f) < 2 || (f[0] != "yes" && f[0] != "no") {
		return nil, usage("Rate an answer with the 👍 and 👎 buttons under it; `feedback` alone is the admins' report.")
	}
	err := b.Store.SaveFeedback(ctx, checklist.Feedback{
		Ref: f[1], User: req.msg.User, Helpful: f[0] == "yes", Question: strings.Join(f[2:], " "),
		Platform: req.msg.Address.Platform, At: b.now(),
	})
	if err != nil {
		return nil, err
	}
	msg := "Thanks: glad it helped."
	if f[0] == "no" {
		msg = "Thanks for saying. Try asking another way, reading the point with `point N`, or adding your own guidance as a source."
	}
	r := Text(ReplyInfo, msg)
	r.Ephemeral = true
	return r.one(), nil
}
