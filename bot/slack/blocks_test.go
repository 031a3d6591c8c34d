package slack

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
)

// rendered is a reply's blocks as generic JSON, for looking inside.
func rendered(t *testing.T, r bot.Reply, max int) []map[string]any {
	t.Helper()
	b, err := json.Marshal(renderBlocks(r, max))
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// textOf is a block's mrkdwn or plain text.
func textOf(b map[string]any) string {
	if t, ok := b["text"].(map[string]any); ok {
		s, _ := t["text"].(string)
		return s
	}
	if els, ok := b["elements"].([]any); ok && len(els) > 0 {
		s, _ := els[0].(map[string]any)["text"].(string)
		return s
	}
	return ""
}

func TestRenderBlocks(t *testing.T) {
	tests := []struct {
		name  string
		reply bot.Reply
		check func(t *testing.T, blocks []map[string]any)
	}{
		{
			name:  "title is a header",
			reply: bot.Reply{Title: "Your projects", Blocks: []bot.Block{{Type: bot.Paragraph, Text: "x"}}},
			check: func(t *testing.T, bs []map[string]any) {
				if bs[0]["type"] != "header" || textOf(bs[0]) != "Your projects" {
					t.Errorf("first block = %v", bs[0])
				}
			},
		},
		{
			name:  "a title too long for a header is bold",
			reply: bot.Reply{Title: strings.Repeat("a", 151)},
			check: func(t *testing.T, bs []map[string]any) {
				if bs[0]["type"] != "section" || !strings.HasPrefix(textOf(bs[0]), "*aaa") {
					t.Errorf("first block = %v", bs[0])
				}
			},
		},
		{
			name:  "mrkdwn is escaped",
			reply: bot.Text(bot.ReplyInfo, "R&D <b>bold</b> > 3 <!channel>"),
			check: func(t *testing.T, bs []map[string]any) {
				if got, want := textOf(bs[0]), "R&amp;D &lt;b&gt;bold&lt;/b&gt; &gt; 3 &lt;!channel&gt;"; got != want {
					t.Errorf("text = %q, want %q", got, want)
				}
			},
		},
		{
			name: "a generated answer's citations are links",
			reply: bot.Reply{Type: bot.ReplyAnswer, Blocks: []bot.Block{{Type: bot.Paragraph, Text: "Research with disabled people [1] & publish a statement [2].",
				Links: []string{"https://www.gov.uk/p5", "guidance/statement.md"}}}},
			check: func(t *testing.T, bs []map[string]any) {
				if got, want := textOf(bs[0]), "Research with disabled people <https://www.gov.uk/p5|[1]> &amp; publish a statement [2]."; got != want {
					t.Errorf("text = %q, want %q", got, want)
				}
			},
		},
		{
			name: "quote cites its source with a link",
			reply: bot.Reply{Type: bot.ReplyAnswer, Blocks: []bot.Block{{Type: bot.Quote, Text: "Meet WCAG 2.2 AA\nand publish a statement",
				Cite: "GOV.UK Service Standard, point 5: Make sure everyone can use the service", URL: "https://www.gov.uk/p5"}}},
			check: func(t *testing.T, bs []map[string]any) {
				if got := textOf(bs[0]); got != "> Meet WCAG 2.2 AA\n> and publish a statement" {
					t.Errorf("quote = %q", got)
				}
				if bs[1]["type"] != "context" || textOf(bs[1]) != "<https://www.gov.uk/p5|GOV.UK Service Standard, point 5: Make sure everyone can use the service>" {
					t.Errorf("citation = %v", bs[1])
				}
			},
		},
		{
			name:  "context links its last sentence",
			reply: bot.Reply{Blocks: []bot.Block{{Type: bot.Context, Text: "3 points left. Official page", URL: "https://www.gov.uk/p1"}}},
			check: func(t *testing.T, bs []map[string]any) {
				if got := textOf(bs[0]); got != "3 points left. <https://www.gov.uk/p1|Official page>" {
					t.Errorf("context = %q", got)
				}
			},
		},
		{
			name:  "list has bullets",
			reply: bot.Reply{Blocks: []bot.Block{{Type: bot.List, Items: []string{"one", "two"}}}},
			check: func(t *testing.T, bs []map[string]any) {
				if got := textOf(bs[0]); got != "• one\n• two" {
					t.Errorf("list = %q", got)
				}
			},
		},
		{
			name:  "status lines keep their colour emoji and need no bullets",
			reply: bot.Reply{Type: bot.ReplyStatus, Blocks: []bot.Block{{Type: bot.List, Items: []string{"🟢 1. Understand users: met", "⚪ 2. Solve a whole problem: not-started"}}}},
			check: func(t *testing.T, bs []map[string]any) {
				if got := textOf(bs[0]); got != "🟢 1. Understand users: met\n⚪ 2. Solve a whole problem: not-started" {
					t.Errorf("status = %q", got)
				}
			},
		},
		{
			name:  "fields are label and value",
			reply: bot.Reply{Blocks: []bot.Block{{Type: bot.Fields, Pairs: []bot.Pair{{Label: "Phase", Value: "alpha"}, {Label: "Assessment", Value: "in 3 days"}}}}},
			check: func(t *testing.T, bs []map[string]any) {
				fields := bs[0]["fields"].([]any)
				if len(fields) != 2 || fields[0].(map[string]any)["text"] != "*Phase*\nalpha" {
					t.Errorf("fields = %v", fields)
				}
			},
		},
		{
			name:  "a long paragraph is split into sections within the limit",
			reply: bot.Text(bot.ReplyInfo, strings.Repeat("word & ", 1000)),
			check: func(t *testing.T, bs []map[string]any) {
				if len(bs) < 3 {
					t.Errorf("%d blocks, want the text split", len(bs))
				}
				for _, b := range bs {
					if n := utf8.RuneCountInString(textOf(b)); n > maxSectionText {
						t.Errorf("section of %d characters", n)
					}
					if s := textOf(b); strings.HasSuffix(s, "&am") || strings.HasSuffix(s, "&") {
						t.Errorf("split inside an entity: …%q", s[len(s)-5:])
					}
				}
			},
		},
		{
			name: "buttons: unique action ids, commands as values, styles",
			reply: bot.Reply{Buttons: []bot.Button{
				{Label: "Met", Command: "mark 5 met", Style: "primary"}, {Label: "Not met", Command: "mark 5 not-met", Style: "danger"},
				{Label: "Add note", Command: "note 5", AsksNote: true}, {Label: "👍 Helpful", Command: "feedback yes abc q", Hidden: true},
			}},
			check: func(t *testing.T, bs []map[string]any) {
				els := bs[0]["elements"].([]any)
				want := []struct{ id, value, style string }{
					{"sb_act_0", "mark 5 met", "primary"}, {"sb_act_1", "mark 5 not-met", "danger"},
					{"sb_note_2", "note 5", ""}, {"sb_quiet_3", "feedback yes abc q", ""},
				}
				if bs[0]["type"] != "actions" || len(els) != len(want) {
					t.Fatalf("actions = %v", bs[0])
				}
				for i, w := range want {
					e := els[i].(map[string]any)
					if e["action_id"] != w.id || e["value"] != w.value || (e["style"] != nil && e["style"] != w.style) || (w.style != "" && e["style"] != w.style) {
						t.Errorf("button %d = %v, want %+v", i, e, w)
					}
				}
			},
		},
		{
			name:  "a long button value is cut to Slack's limit on a character boundary",
			reply: bot.Reply{Buttons: []bot.Button{{Label: "👍", Command: "feedback yes ref " + strings.Repeat("é", 3000), Hidden: true}}},
			check: func(t *testing.T, bs []map[string]any) {
				v := bs[0]["elements"].([]any)[0].(map[string]any)["value"].(string)
				if n := utf8.RuneCountInString(v); n > maxButtonValue || !utf8.ValidString(v) || !strings.HasPrefix(v, "feedback yes ref é") {
					t.Errorf("value of %d characters, valid %v", n, utf8.ValidString(v))
				}
			},
		},
		{
			name: "too many blocks are cut, keeping the buttons",
			reply: func() bot.Reply {
				r := bot.Reply{Buttons: []bot.Button{{Label: "Walk the checklist", Command: "checklist"}}}
				for range 80 {
					r.Blocks = append(r.Blocks, bot.Block{Type: bot.Paragraph, Text: "p"})
				}
				return r
			}(),
			check: func(t *testing.T, bs []map[string]any) {
				if len(bs) != maxMessageBlocks {
					t.Fatalf("%d blocks, want %d", len(bs), maxMessageBlocks)
				}
				if bs[len(bs)-1]["type"] != "actions" || !strings.HasPrefix(textOf(bs[len(bs)-2]), "…") {
					t.Errorf("last blocks = %v, %v", bs[len(bs)-2], bs[len(bs)-1])
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, rendered(t, tt.reply, maxMessageBlocks))
		})
	}
}

func TestFallbackTextIsThePlainText(t *testing.T) {
	r := bot.Reply{Title: "Point 5", Blocks: []bot.Block{{Type: bot.Paragraph, Text: "Make sure everyone can use the service"}},
		Buttons: []bot.Button{{Label: "Met", Command: "mark 5 met"}, {Label: "👍", Command: "feedback yes x", Hidden: true}}}
	if got, want := fallbackText(r), bot.PlainText(r); got != want {
		t.Errorf("fallback = %q, want %q", got, want)
	}
	long := bot.Text(bot.ReplyInfo, strings.Repeat("x", 10000))
	if n := utf8.RuneCountInString(fallbackText(long)); n > maxFallbackText {
		t.Errorf("fallback of %d characters", n)
	}
}

func TestPressedLine(t *testing.T) {
	tests := []struct {
		name, value, label, want string
	}{
		{"mark", "mark 5 met", "Met", "✅ <@UALICE> marked point 5 met"},
		{"mark not met", "mark 12 not-met", "Not met", "✅ <@UALICE> marked point 12 not-met"},
		{"other button", "skip", "Skip", "✅ <@UALICE> chose “Skip”"},
		{"label escaped", "checklist", "Walk <all>", "✅ <@UALICE> chose “Walk &lt;all&gt;”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			act := &slack.BlockAction{Value: tt.value, Text: slack.TextBlockObject{Text: tt.label}}
			if got := pressedLine("UALICE", act); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
