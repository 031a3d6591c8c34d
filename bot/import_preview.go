package bot

import (
	"fmt"

	"github.com/standardbot/standardbot/checklist"
)

// importPreview shows what was read from a report, what will be stored,
// what could not be read, and asks for the yes.
func (b *Bot) importPreview(p *checklist.Project, a *checklist.Assessment) Reply {
	title := "Read from the report"
	if a.Title != "" {
		title += ": " + a.Title
	}
	r := Reply{Type: ReplyInfo, Title: title}
	date, dateText := b.importDate(p, a)
	r.Blocks = append(r.Blocks, Block{Type: Fields, Pairs: []Pair{
		{"Date", dateText},
		{"Stage", orNotRead(a.Stage.Label())},
		{"Result", orNotRead(string(a.Result))},
		{"Source", orNotRead(a.Source)},
	}})
	var ratings, actions []string
	for _, pt := range a.Points {
		rating := "not read"
		if pt.Rating != "" {
			rating = ratingEmoji[pt.Rating] + " " + string(pt.Rating)
		}
		ratings = append(ratings, fmt.Sprintf("%s. %s: %s", b.pointNum(p, pt.Point), b.pointTitle(p, pt.Point), rating))
		for _, e := range pt.Explore {
			actions = append(actions, fmt.Sprintf("point %s: %s", b.pointNum(p, pt.Point), e))
		}
	}
	if len(ratings) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Each point's rating:"}, Block{Type: List, Items: ratings})
	}
	if len(actions) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: fmt.Sprintf("What the team needs to explore, as %d actions due %s:", len(actions), checklist.ActionDue(date).Pretty())},
			Block{Type: List, Items: actions})
	}
	if len(a.Unread) > 0 {
		r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Unread (not imported):"}, Block{Type: List, Items: a.Unread})
	}
	r.Blocks = append(r.Blocks, Block{Type: Paragraph, Text: "Nothing is stored yet. Reply yes to record this assessment for " + p.Name + ", or no to cancel."})
	r.Buttons = []Button{{Label: "Record it", Command: "yes", Style: "primary"}, {Label: "Cancel", Command: "no"}}
	return r
}

// orNotRead is s, or "not read" when it is empty.
func orNotRead(s string) string {
	if s == "" {
		return "not read"
	}
	return s
}
