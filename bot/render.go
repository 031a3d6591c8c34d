package bot

import (
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// PlainText renders a reply for a terminal or as a notification's fallback
// text: title, paragraphs, quotes with their citations and links, lists,
// and the words behind each button. Control characters and escape
// sequences are removed (checklist.CleanText), so nothing a user or a
// source wrote can colour, move or retitle the terminal.
func PlainText(r Reply) string {
	var b strings.Builder
	if r.Title != "" {
		b.WriteString(r.Title + "\n")
	}
	for _, blk := range r.Blocks {
		switch blk.Type {
		case Paragraph:
			b.WriteString(blk.Text + "\n")
		case Quote:
			fmt.Fprintf(&b, "\n%s\n  “%s”\n", blk.Cite, blk.Text)
			if blk.URL != "" {
				fmt.Fprintf(&b, "  %s\n", blk.URL)
			}
		case List:
			for _, it := range blk.Items {
				b.WriteString("  • " + it + "\n")
			}
		case Fields:
			for _, p := range blk.Pairs {
				fmt.Fprintf(&b, "%s: %s\n", p.Label, p.Value)
			}
		case Context:
			b.WriteString(blk.Text)
			if blk.URL != "" {
				b.WriteString(": " + blk.URL)
			}
			b.WriteString("\n")
		}
	}
	var words []string
	for _, btn := range r.Buttons {
		switch {
		case btn.Hidden:
		case btn.AsksNote:
			words = append(words, btn.Command+" TEXT")
		default:
			words = append(words, btn.Command)
		}
	}
	if len(words) > 0 {
		fmt.Fprintf(&b, "Reply with: %s\n", strings.Join(words, " · "))
	}
	return checklist.CleanText(strings.TrimRight(b.String(), "\n"))
}
