package bot_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/knowledge"
)

// TestLongInputChangesNothing: a note, evidence or project name over its
// limit gets one line saying the limit and what to do, and nothing is
// recorded: not the note, not the status it came with, not a walk's step.
func TestLongInputChangesNothing(t *testing.T) {
	b := bottest.NewBot(t)
	long := strings.Repeat("word ", 420) // 2,100 characters
	b.Expect("project new "+strings.Repeat("x", 101), "That name is 101 characters; project names are at most 100. Try a shorter one: project new NAME")
	b.Expect("project new Apply for a blue badge", "Created project")
	b.Expect("checklist", "Point 1")
	before := b.Say("history")
	tests := []struct{ say, want string }{
		{"note 3 " + long, "That note is 2,099 characters; the most is 2,000, so nothing was saved. Shorten it, or put it in a document and add its link: evidence 3 LINK"},
		{"evidence 3 " + long, "That evidence is 2,099 characters; the most is 2,000"},
		{"mark 3 met " + long, "That note is 2,099 characters"},
		{"met " + long, "That note is 2,099 characters"}, // a walk's answer
		{"project new Other " + strings.Repeat("é", 200), "That name is 206 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.say[:12], func(t *testing.T) {
			got := b.Say(tt.say)
			if !strings.Contains(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "\n") {
				t.Errorf("the reason is not one line: %q", got)
			}
		})
	}
	if after := b.Say("history"); after != before {
		t.Errorf("long input changed the history:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	b.Expect("status", "⚪ 3.")
	// The walk is still on point 1.
	b.Expect("met", "Point 1 (Understand users and their needs) is now met")
	// Exactly the limit is fine.
	b.Expect("note 3 "+strings.Repeat("a", 2000), "Added note to point 3")
}

// TestNotesAreCleanedOfControlCharacters: what a terminal would act on
// is neither kept nor shown back.
func TestNotesAreCleanedOfControlCharacters(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new \x1b[31mRed\x1b[0m team", `Created project "Red team"`)
	got := b.Say("mark 2 partly \x1b]0;owned\x07draft \x1b[1mmap\x1b[0m")
	if !strings.Contains(got, "Note: draft map") {
		t.Errorf("mark: %q", got)
	}
	b.Say("evidence 2 \x1b[2Jhttps://example.gov.uk/map\u202e")
	for _, say := range []string{"history", "report", "status", "project"} {
		got := b.Say(say)
		if strings.ContainsFunc(got, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
			t.Errorf("%s shows a control character: %q", say, got)
		}
	}
	b.Expect("history 2", "draft map", "https://example.gov.uk/map")
}

// TestEchoesAreClipped: an error quotes back at most a little of what was
// typed, however much that was.
func TestEchoesAreClipped(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a blue badge", "Created project")
	for _, say := range []string{"phase ", "timezone ", "assessment ", "mark 1 ", "standup at ", "reminders "} {
		got := b.Say(say + strings.Repeat("x", 100_000))
		if len(got) > 400 || !strings.Contains(got, `"xxxxxxxxxx`) || !strings.Contains(got, `…"`) {
			t.Errorf("%q: %d bytes: %.300q", say, len(got), got)
		}
	}
}

// longQuestion is 40,000 characters, Slack's limit for a message, of
// distinct words from the standards' own guidance: a pasted document that
// matches everything, which is the costly kind of question.
func longQuestion(lib *knowledge.Library) string {
	seen := map[string]bool{}
	var words []string
	for _, s := range lib.Standards() {
		for _, p := range s.Points {
			for _, w := range strings.FieldsFunc(strings.ToLower(p.Title+" "+p.Summary+" "+p.Guidance), func(r rune) bool { return !unicode.IsLetter(r) }) {
				if len(w) > 2 && !seen[w] {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
	}
	var b strings.Builder
	for i := 0; b.Len() < 40_000; i++ {
		b.WriteString(words[i%len(words)] + " ")
	}
	return b.String()[:40_000]
}

// TestLongQuestionIsAnswered: a 40,000-character question gets an answer
// or the plain refusal, not an error (its cost is measured by
// BenchmarkLongQuestion, not here).
func TestLongQuestionIsAnswered(t *testing.T) {
	b := bottest.NewBot(t)
	got := b.Say(longQuestion(b.Core.Library))
	// Which point answers depends on the words of every built-in pack (a
	// new pack changes them), so any cited point will do.
	if !strings.Contains(got, ", point ") && !strings.Contains(got, "do not cover that") {
		t.Errorf("a 40,000-character question got: %.500s", got)
	}
	if strings.Contains(got, "went wrong") {
		t.Errorf("a 40,000-character question failed: %.500s", got)
	}
}
