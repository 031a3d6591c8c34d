package slack

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
)

// Slack's Block Kit limits, in characters or items.
const (
	maxMessageBlocks = 50
	maxViewBlocks    = 100
	maxSectionText   = 3000
	maxHeaderText    = 150
	maxFieldText     = 2000
	maxFields        = 10
	maxButtonText    = 75
	maxButtonValue   = 2000
	maxActions       = 25
	// maxFallbackText keeps a notification's text short; Slack's own
	// limit is far higher, but nobody reads that much in a notification.
	maxFallbackText = 3900
)

// Action id prefixes say what pressing the button does (its mode, as the
// Teams adapter calls it); the index after them keeps each action id
// unique within its message.
const (
	// actionPlain runs its command and marks the message as answered.
	actionPlain = "sb_act_"
	// actionNote asks for a note in a modal, then runs its command with it.
	actionNote = "sb_note_"
	// actionQuiet (feedback) answers privately and leaves the message.
	actionQuiet = "sb_quiet_"
)

// renderBlocks turns a neutral reply into Block Kit within Slack's limits:
// a header, sections, quotes with a linked citation, lists, fields, context
// lines and a row of buttons. Text too long for one block is split over
// several, and a reply with too many blocks ends in a line saying so,
// keeping its buttons.
func renderBlocks(r bot.Reply, maxBlocks int) []slack.Block {
	var body []slack.Block
	if r.Title != "" {
		if utf8.RuneCountInString(r.Title) <= maxHeaderText {
			body = append(body, slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, r.Title, true, false)))
		} else {
			body = append(body, section(truncate("*"+escape(r.Title), maxSectionText-1)+"*"))
		}
	}
	for _, b := range r.Blocks {
		body = append(body, renderBlock(r.Type, b)...)
	}
	actions := actionBlocks(r.Buttons)
	if len(body)+len(actions) > maxBlocks {
		keep := max(maxBlocks-len(actions)-1, 0)
		body = append(body[:keep], contextBlock(ellipsis+" There is more than fits in one Slack message."))
	}
	return append(body, actions...)
}

func renderBlock(rt bot.ReplyType, b bot.Block) []slack.Block {
	var out []slack.Block
	switch b.Type {
	case bot.Paragraph:
		text := bot.LinkCitations(escape(strings.TrimSpace(b.Text)), b.Links, func(marker, url string) string { return link(url, marker) })
		for _, c := range chunks(text, maxSectionText) {
			out = append(out, section(c))
		}
	case bot.Quote:
		q := "> " + strings.ReplaceAll(escape(strings.TrimSpace(b.Text)), "\n", "\n> ")
		out = append(out, section(truncate(q, maxSectionText)))
		if b.Cite != "" || b.URL != "" {
			out = append(out, contextBlock(truncate(link(b.URL, b.Cite), maxSectionText)))
		}
	case bot.List:
		// Status lines already start with their colour emoji; a bullet
		// before it would only add noise.
		bullet := "• "
		if rt == bot.ReplyStatus {
			bullet = ""
		}
		lines := make([]string, 0, len(b.Items))
		for _, it := range b.Items {
			lines = append(lines, bullet+escape(it))
		}
		for _, c := range chunks(strings.Join(lines, "\n"), maxSectionText) {
			out = append(out, section(c))
		}
	case bot.Fields:
		var fields []*slack.TextBlockObject
		for _, p := range b.Pairs {
			fields = append(fields, slack.NewTextBlockObject(slack.MarkdownType, truncate("*"+escape(p.Label)+"*\n"+escape(p.Value), maxFieldText), false, false))
		}
		for len(fields) > 0 {
			n := min(len(fields), maxFields)
			out = append(out, slack.NewSectionBlock(nil, fields[:n], nil))
			fields = fields[n:]
		}
	case bot.Context:
		text := escape(b.Text)
		if b.URL != "" {
			// The link is the last sentence ("… left in this walk. Official
			// page"), or all of a one-sentence line such as a citation.
			lead, tail := "", b.Text
			if i := strings.LastIndex(b.Text, ". "); i >= 0 {
				lead, tail = b.Text[:i+2], b.Text[i+2:]
			}
			text = escape(lead) + link(b.URL, tail)
		}
		if text != "" {
			out = append(out, contextBlock(truncate(text, maxSectionText)))
		}
	}
	return out
}

// actionBlocks renders buttons, feedback ones too: only the terminal hides
// those, having nothing to press.
func actionBlocks(buttons []bot.Button) []slack.Block {
	var els []slack.BlockElement
	for i, b := range buttons {
		prefix := actionPlain
		switch {
		case b.AsksNote:
			prefix = actionNote
		case b.Hidden:
			prefix = actionQuiet
		}
		label := slack.NewTextBlockObject(slack.PlainTextType, truncate(b.Label, maxButtonText), true, false)
		btn := slack.NewButtonBlockElement(fmt.Sprintf("%s%d", prefix, i), b.Command[:cutAt(b.Command, maxButtonValue)], label)
		switch b.Style {
		case "primary":
			btn.Style = slack.StylePrimary
		case "danger":
			btn.Style = slack.StyleDanger
		}
		els = append(els, btn)
	}
	var out []slack.Block
	for len(els) > 0 {
		n := min(len(els), maxActions)
		out = append(out, slack.NewActionBlock("", els[:n]...))
		els = els[n:]
	}
	return out
}

// fallbackText is a message's text: what notifications and screen readers
// get when they do not show blocks.
func fallbackText(r bot.Reply) string {
	return truncate(bot.PlainText(r), maxFallbackText)
}

func section(mrkdwn string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, mrkdwn, false, false), nil, nil)
}

func contextBlock(mrkdwn string) *slack.ContextBlock {
	return slack.NewContextBlock("", slack.NewTextBlockObject(slack.MarkdownType, mrkdwn, false, false))
}

// urlEscaper keeps a URL from breaking Slack's <url|label> markup.
var urlEscaper = strings.NewReplacer(" ", "%20", "|", "%7C", "<", "%3C", ">", "%3E")

// link is label linked to url in mrkdwn. Only web and mail links become
// links; anything else (a guidance file's path) is shown after the label.
func link(url, label string) string {
	switch {
	case url == "":
		return escape(label)
	case !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "mailto:"):
		if label == "" {
			return escape(url)
		}
		return escape(label + " (" + url + ")")
	case label == "":
		return "<" + urlEscaper.Replace(url) + ">"
	}
	return "<" + urlEscaper.Replace(url) + "|" + escape(label) + ">"
}
