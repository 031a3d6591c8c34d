package teams

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

// asJSON round-trips v, so tests read the card as Teams would.
func asJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// elements lists a card's elements of a type, depth first.
func elements(v any, typ string) []map[string]any {
	var out []map[string]any
	switch v := v.(type) {
	case map[string]any:
		if v["type"] == typ {
			out = append(out, v)
		}
		for _, k := range []string{"body", "items", "actions"} {
			out = append(out, elements(v[k], typ)...)
		}
	case []any:
		for _, x := range v {
			out = append(out, elements(x, typ)...)
		}
	}
	return out
}

func TestRenderAnAnswer(t *testing.T) {
	r := bot.Reply{
		Type: bot.ReplyAnswer,
		Blocks: []bot.Block{{
			Type: bot.Quote, Text: "Meet WCAG 2.2 at level AA.",
			Cite: "GOV.UK Service Standard, point 5: Make sure everyone can use the service",
			URL:  "https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service",
		}},
		Buttons: []bot.Button{
			{Label: "👍 Helpful", Command: "feedback yes abc how?", Hidden: true},
			{Label: "👎 Not helpful", Command: "feedback no abc how?", Hidden: true},
		},
	}
	act := renderActivity(r)
	if len(act.Attachments) != 1 || act.Attachments[0].ContentType != cardContentType {
		t.Fatalf("not a card: %+v", act)
	}
	card := asJSON(t, act.Attachments[0].Content)
	if card["version"] != cardVersion || card["fallbackText"] != bot.PlainText(r) {
		t.Errorf("version %v, fallback %q", card["version"], card["fallbackText"])
	}
	quotes := elements(card, "Container")
	if len(quotes) != 1 || quotes[0]["style"] != "emphasis" {
		t.Fatalf("quote container %v", quotes)
	}
	texts := elements(quotes[0], "TextBlock")
	if len(texts) != 2 || texts[0]["text"] != "“Meet WCAG 2.2 at level AA.”" ||
		texts[1]["text"] != "[GOV.UK Service Standard, point 5: Make sure everyone can use the service](https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service)" {
		t.Errorf("quote %v", texts)
	}
	actions := elements(card, "Action.Submit")
	if len(actions) != 2 {
		t.Fatalf("%d actions, want the two feedback buttons", len(actions))
	}
	if d := actions[0]["data"].(map[string]any); d["command"] != "feedback yes abc how?" || d["kind"] != modeQuiet {
		t.Errorf("feedback data %v", d)
	}
	if len(elements(card, "Input.Text")) != 0 {
		t.Error("an answer has no note box")
	}
}

func TestRenderGeneratedAnswerCitations(t *testing.T) {
	r := bot.Reply{Type: bot.ReplyAnswer, Blocks: []bot.Block{{Type: bot.Paragraph,
		Text:  "Research with disabled people [1] and publish a statement [2].",
		Links: []string{"https://www.gov.uk/p5", "guidance/statement.md"}}}}
	texts := elements(asJSON(t, renderActivity(r).Attachments[0].Content), "TextBlock")
	if len(texts) != 1 || texts[0]["text"] != "Research with disabled people [(1)](https://www.gov.uk/p5) and publish a statement [2]." {
		t.Errorf("answer text %v", texts)
	}
}

func TestRenderAWalkStep(t *testing.T) {
	r := bot.Reply{
		Type:  bot.ReplyWalk,
		Title: "GOV.UK Service Standard, point 5: Make sure everyone can use the service (not started yet)",
		Blocks: []bot.Block{
			{Type: bot.Fields, Pairs: []bot.Pair{{Label: "Phase", Value: "beta"}, {Label: "At beta, the panel looks for", Value: strings.Repeat("An accessibility audit and a statement. ", 4)}}},
			{Type: bot.List, Items: []string{"Who has tested with assistive technology?", "Is there a statement?"}},
			{Type: bot.Context, Text: "9 outstanding points left in this walk. Official page", URL: "https://www.gov.uk/point-5"},
		},
		Buttons: []bot.Button{
			{Label: "Met", Command: "mark 5 met", Style: "primary"},
			{Label: "Partly", Command: "mark 5 partly"},
			{Label: "Not met", Command: "mark 5 not-met", Style: "danger"},
			{Label: "N/A", Command: "mark 5 n/a"},
			{Label: "Skip", Command: "skip"},
			{Label: "Add note", Command: "note 5", AsksNote: true},
		},
	}
	card := asJSON(t, renderCard(r))
	facts := elements(card, "FactSet")
	if len(facts) != 1 || len(facts[0]["facts"].([]any)) != 1 {
		t.Errorf("want the short field in a fact set and the long one below its label: %v", facts)
	}
	var all []string
	for _, tb := range elements(card, "TextBlock") {
		all = append(all, tb["text"].(string))
	}
	joined := strings.Join(all, "\n")
	for _, want := range []string{r.Title, "**At beta, the panel looks for**", "• Who has tested with assistive technology?", "9 outstanding points left in this walk. [Official page](https://www.gov.uk/point-5)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("card lacks %q:\n%s", want, joined)
		}
	}
	sets := elements(card, "ActionSet")
	if len(sets) != 3 || len(sets[0]["actions"].([]any)) != maxButtonsInRow {
		t.Errorf("want two rows of choices and the note button's row, got %d sets", len(sets))
	}
	inputs := elements(card, "Input.Text")
	if len(inputs) != 1 || inputs[0]["id"] != noteInput || inputs[0]["isMultiline"] != true {
		t.Fatalf("note box %v", inputs)
	}
	actions := elements(card, "Action.Submit")
	styles := map[string]any{}
	for _, a := range actions {
		styles[a["title"].(string)] = a["style"]
		d := a["data"].(map[string]any)
		if d["ref"] != r.Title {
			t.Errorf("%s carries ref %v, want the title", a["title"], d["ref"])
		}
		if a["title"] == "Add note" && (d["command"] != "note 5" || d["kind"] != modeNote) {
			t.Errorf("note button data %v", d)
		}
	}
	if styles["Met"] != "positive" || styles["Not met"] != "destructive" || styles["Partly"] != nil {
		t.Errorf("button styles %v", styles)
	}
}

func TestRenderPlainAndLongReplies(t *testing.T) {
	t.Run("one paragraph is a text message", func(t *testing.T) {
		act := renderActivity(bot.Errorf("No project in this channel. Try: project new NAME"))
		if act.Text != "No project in this channel. Try: project new NAME" || len(act.Attachments) != 0 {
			t.Errorf("%+v", act)
		}
	})
	t.Run("status lines keep their own markers", func(t *testing.T) {
		card := asJSON(t, renderCard(bot.Reply{Type: bot.ReplyStatus, Title: "Status", Blocks: []bot.Block{{Type: bot.List, Items: []string{"🟢 1. Understand users"}}}}))
		if tb := elements(card, "TextBlock"); tb[1]["text"] != "🟢 1. Understand users" {
			t.Errorf("status line %v", tb[1]["text"])
		}
	})
	t.Run("a card too big for Teams is cut but keeps its buttons", func(t *testing.T) {
		r := bot.Reply{Type: bot.ReplyReport, Title: "Report", Buttons: []bot.Button{{Label: "Status", Command: "status"}}}
		for range 200 {
			r.Blocks = append(r.Blocks, bot.Block{Type: bot.Paragraph, Text: strings.Repeat("evidence ", 30)})
		}
		card := renderCard(r)
		if n := size(card); n > maxCardBytes {
			t.Errorf("card of %d bytes, limit %d", n, maxCardBytes)
		}
		j := asJSON(t, card)
		if len(elements(j, "Action.Submit")) != 1 {
			t.Error("buttons lost")
		}
		if !strings.Contains(func() string { b, _ := json.Marshal(j); return string(b) }(), "more than fits in one Teams message") {
			t.Error("the cut is not said")
		}
	})
}

func TestCut(t *testing.T) {
	for _, tt := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"a longer line of text", 10, "a longer…"},
		{"ééééé", 3, "éé…"},
	} {
		if got := cut(tt.in, tt.n); got != tt.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
		}
	}
}
