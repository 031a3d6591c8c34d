package teams

import (
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

const (
	cardContentType = "application/vnd.microsoft.card.adaptive"
	cardSchema      = "http://adaptivecards.io/schemas/adaptive-card.json"
	// cardVersion is what every Teams client renders: labels on inputs
	// and styled containers, nothing later.
	cardVersion = "1.4"
	// maxCardBytes keeps a message under Teams' limit of about 28 kB,
	// with room for the activity around the card.
	maxCardBytes = 24 << 10
	// maxFactValue is the longest value shown in a fact set.
	maxFactValue = 80
	// maxButtonsInRow keeps a row of buttons readable on a phone.
	maxButtonsInRow = 4
	// maxRef bounds the card title a button carries back.
	maxRef = 200
	// maxFallback and maxSummary bound the card's fallback text and the
	// line a notification shows.
	maxFallback = 4000
	maxSummary  = 150
	// noteInput is the id of a card's note box; its text comes back in
	// the submitted value under this name.
	noteInput = "note"
)

// Button modes: what pressing a button does, carried back in a submit's
// data.
const (
	// modePlain runs its command and updates the card to say so.
	modePlain = "plain"
	// modeNote runs its command with the note typed in the card.
	modeNote = "note"
	// modeQuiet (feedback) answers the person and leaves the card.
	modeQuiet = "quiet"
)

// element is one Adaptive Card element or action, as JSON.
type element = map[string]any

// submitData is what an Action.Submit carries back, merged by Teams with
// the card's inputs (the note).
type submitData struct {
	Command string `json:"command"`
	// Ref is the card's title, so the card can be updated to say what
	// was answered without being stored anywhere.
	Ref string `json:"ref,omitempty"`
	// Mode is one of the button modes. Its JSON name is "kind" because
	// cards already posted carry that name.
	Mode string `json:"kind,omitempty"`
	Note string `json:"note,omitempty"`
}

// renderActivity turns a reply into a message: plain text when it is one
// paragraph and nothing more, else an Adaptive Card.
func renderActivity(r bot.Reply) *activity {
	if simple(r) {
		return &activity{Type: typeMessage, Text: bot.PlainText(r), TextFormat: "markdown"}
	}
	return cardActivity(renderCard(r), bot.PlainText(r))
}

func simple(r bot.Reply) bool {
	if r.Title != "" || len(r.Buttons) > 0 || len(r.Blocks) != 1 {
		return false
	}
	// A paragraph with citations needs the card to link them.
	return r.Blocks[0].Type == bot.Paragraph && len(r.Blocks[0].Links) == 0
}

// cardActivity wraps a card in a message; summary is what a notification
// shows.
func cardActivity(card element, summary string) *activity {
	line, _, _ := strings.Cut(strings.TrimSpace(summary), "\n")
	return &activity{
		Type:        typeMessage,
		Summary:     cut(line, maxSummary),
		Attachments: []attachment{{ContentType: cardContentType, Content: card}},
	}
}

// renderCard is a reply as an Adaptive Card: a title, paragraphs, quotes
// in an emphasis container with their source as a link, lists, fact sets,
// context lines, then the buttons. A card too big for Teams loses blocks
// from its end, and says so, but keeps its buttons.
func renderCard(r bot.Reply) element {
	var content []element
	if r.Title != "" {
		content = append(content, textBlock(r.Title, "size", "Medium", "weight", "Bolder"))
	}
	for _, b := range r.Blocks {
		content = append(content, renderBlock(r.Type, b)...)
	}
	buttons := renderButtons(r)
	fallback := cut(bot.PlainText(r), maxFallback)
	body := append(append([]element{}, content...), buttons...)
	for n := len(content); n > 0 && size(card(body, fallback)) > maxCardBytes; n-- {
		body = append(append(content[:n-1:n-1], textBlock("… There is more than fits in one Teams message.", "isSubtle", true)), buttons...)
	}
	return card(body, fallback)
}

func card(body []element, fallback string) element {
	return element{
		"type": "AdaptiveCard", "$schema": cardSchema, "version": cardVersion,
		"body": body, "fallbackText": fallback,
		// Full width: answers quote passages, which a narrow card wraps
		// into a column of a few words.
		"msteams": element{"width": "Full"},
	}
}

// renderBlock is one block of a reply as card elements.
func renderBlock(rt bot.ReplyType, b bot.Block) []element {
	switch b.Type {
	case bot.Paragraph:
		if t := strings.TrimSpace(b.Text); t != "" {
			return []element{textBlock(bot.LinkCitations(t, b.Links, func(marker, url string) string { return link(marker, url) }))}
		}
	case bot.Quote:
		items := []element{textBlock("“" + strings.TrimSpace(b.Text) + "”")}
		if b.Cite != "" || b.URL != "" {
			items = append(items, textBlock(link(b.Cite, b.URL), "isSubtle", true, "size", "Small", "spacing", "Small"))
		}
		return []element{{"type": "Container", "style": "emphasis", "items": items}}
	case bot.List:
		return listBlocks(rt, b.Items)
	case bot.Fields:
		return fieldBlocks(b.Pairs)
	case bot.Context:
		text := b.Text
		if b.URL != "" {
			// The link is the last sentence ("… left in this walk.
			// Official page"), or all of a one-sentence line.
			lead, tail := "", b.Text
			if i := strings.LastIndex(b.Text, ". "); i >= 0 {
				lead, tail = b.Text[:i+2], b.Text[i+2:]
			}
			text = lead + link(tail, b.URL)
		}
		if text != "" {
			return []element{textBlock(text, "isSubtle", true, "size", "Small")}
		}
	}
	return nil
}

// listBlocks is a list, one block an item: Teams joins the lines of a
// single block. Status lines start with their colour emoji, which is
// bullet enough.
func listBlocks(rt bot.ReplyType, items []string) []element {
	bullet := "• "
	if rt == bot.ReplyStatus {
		bullet = ""
	}
	out := make([]element, 0, len(items))
	for i, it := range items {
		tb := textBlock(bullet + it)
		if i > 0 {
			tb["spacing"] = "None"
		}
		out = append(out, tb)
	}
	return out
}

// fieldBlocks lays out label/value pairs. Short values make a fact set; a
// long one (what a panel looks for) would be squeezed into its narrow
// column, so it gets its label in bold above it instead.
func fieldBlocks(pairs []bot.Pair) []element {
	var out, facts []element
	for _, p := range pairs {
		if utf8.RuneCountInString(p.Value) > maxFactValue {
			out = append(out, textBlock("**"+p.Label+"**"), textBlock(p.Value, "spacing", "None"))
			continue
		}
		facts = append(facts, element{"title": p.Label, "value": p.Value})
	}
	if len(facts) > 0 {
		out = append([]element{{"type": "FactSet", "facts": facts}}, out...)
	}
	return out
}

// renderButtons lays out a reply's buttons: rows of choices; then, when
// a button asks for a note, the note box and that button (whatever is
// typed in the box also goes with a `mark` choice, which takes a note);
// then the quiet feedback buttons.
func renderButtons(r bot.Reply) []element {
	var plain, note, quiet []element
	ref := cut(r.Title, maxRef)
	for _, b := range r.Buttons {
		switch {
		case b.AsksNote:
			note = append(note, submit(b, ref, modeNote))
		case b.Hidden:
			quiet = append(quiet, submit(b, ref, modeQuiet))
		default:
			plain = append(plain, submit(b, ref, modePlain))
		}
	}
	var out []element
	for len(plain) > 0 {
		n := min(len(plain), maxButtonsInRow)
		out = append(out, element{"type": "ActionSet", "actions": plain[:n]})
		plain = plain[n:]
	}
	if len(note) > 0 {
		out = append(out, element{
			"type": "Input.Text", "id": noteInput, "isMultiline": true, "maxLength": checklist.MaxItemLength,
			"label": "Note (optional)", "placeholder": "What should the team and the assessors know?",
		}, element{"type": "ActionSet", "actions": note})
	}
	if len(quiet) > 0 {
		out = append(out, element{"type": "ActionSet", "actions": quiet})
	}
	return out
}

func submit(b bot.Button, ref, mode string) element {
	a := element{"type": "Action.Submit", "title": b.Label, "data": submitData{Command: b.Command, Ref: ref, Mode: mode}}
	switch b.Style {
	case "primary":
		a["style"] = "positive"
	case "danger":
		a["style"] = "destructive"
	}
	return a
}

// pressedCard replaces a card whose button was pressed: its title and a
// line saying who chose what, so a walk step cannot be answered twice.
func pressedCard(title, line string) element {
	var body []element
	if title != "" {
		body = append(body, textBlock(title, "size", "Medium", "weight", "Bolder"))
	}
	body = append(body, textBlock(line))
	return card(body, strings.TrimSpace(title+"\n"+line))
}

// textBlock is a wrapping TextBlock; opts are further property pairs.
func textBlock(text string, opts ...any) element {
	tb := element{"type": "TextBlock", "text": text, "wrap": true}
	for i := 0; i+1 < len(opts); i += 2 {
		tb[opts[i].(string)] = opts[i+1]
	}
	return tb
}

// link is a Markdown link, as a TextBlock renders it.
func link(label, u string) string {
	label = strings.TrimSpace(label)
	if u == "" {
		return label
	}
	if label == "" {
		label = u
	}
	label = strings.NewReplacer("[", "(", "]", ")").Replace(label)
	u = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(u)
	return "[" + label + "](" + u + ")"
}

func size(v any) int {
	b, _ := json.Marshal(v)
	return len(b)
}

// cut shortens s to at most n characters, ending in an ellipsis when cut,
// never splitting a character.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, c := 0, 0
	for c < n-1 && i < len(s) {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		c++
	}
	return strings.TrimRight(s[:i], " \n") + "…"
}
