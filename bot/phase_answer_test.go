package bot_test

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/knowledge"
)

// A question asked in a project's channel is answered for the project's
// phase: the quote is what a panel looks for in that phase.
func TestAnswerQuotesTheProjectsPhase(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a fishing licence", `Created project "Renew a fishing licence"`)
	std, _ := bottest.Library(t).Standard("govuk")
	p, _ := std.Point(5)
	for _, ph := range []knowledge.Phase{knowledge.Alpha, knowledge.Beta, knowledge.Live} {
		b.Expect("phase "+string(ph), "now in "+string(ph))
		out := b.Say("what will the panel expect on accessibility for us")
		want := firstWords(p.Phases[ph].LooksFor, 8)
		if !strings.Contains(collapse(out), want) {
			t.Errorf("in %s the answer does not quote what the panel looks for then (%q):\n%s", ph, want, out)
		}
	}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
