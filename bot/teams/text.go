package teams

import (
	"html"
	"regexp"
	"strings"
)

var (
	// atRE matches a mention as Teams writes it in a message's text.
	atRE = regexp.MustCompile(`<at[^>]*>(.*?)</at>`)
	// tagRE matches any other markup Teams leaves in the text.
	tagRE = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
)

// messageText is what the person typed, with the bot's mentions removed,
// and whether they mentioned the bot. The bot's mentions are found by the
// activity's mention entities, which name the mentioned account, rather
// than by name, since people can rename the bot in a team. Other people's
// mentions keep their names, so "evidence 3 agreed with <at>Sam</at>"
// keeps "Sam".
func messageText(act *activity, appID string) (string, bool) {
	text := act.Text
	mentioned := false
	for _, e := range act.Entities {
		if e.Type != "mention" || e.Mentioned == nil || e.Text == "" || !isBot(e.Mentioned.ID, act, appID) {
			continue
		}
		if strings.Contains(text, e.Text) {
			mentioned = true
			text = strings.ReplaceAll(text, e.Text, " ")
		}
	}
	text = atRE.ReplaceAllString(text, "$1")
	text = tagRE.ReplaceAllString(text, "")
	text = html.UnescapeString(text)
	text = strings.ReplaceAll(text, "\u00a0", " ")
	return strings.TrimSpace(text), mentioned
}

// isBot reports whether an account id is the bot's: the activity's
// recipient, or "28:" and the app id, as Teams writes bot ids.
func isBot(id string, act *activity, appID string) bool {
	return (act.Recipient != nil && id == act.Recipient.ID) || id == "28:"+appID
}
