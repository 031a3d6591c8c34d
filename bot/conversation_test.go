package bot_test

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
)

func TestMain(m *testing.M) { bottest.Main(m) }

func TestConversationKnowledge(t *testing.T) {
	b := bottest.NewBot(t)
	tests := []struct {
		name string
		say  string
		want []string
	}{
		{"accessibility question cites govuk 5", "how do we make our service accessible?",
			[]string{"GOV.UK Service Standard, point 5: Make sure everyone can use the service", "https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service"}},
		{"help lists commands", "help", []string{"point N", "standards", "ask QUESTION"}},
		{"standards lists all three", "standards", []string{"govuk", "14 points", "localgov", "15 points", "dss2015", "18 points"}},
		{"point shows title and phases", "point 5", []string{"point 5: Make sure everyone can use the service", "At alpha", "At beta", "At live"}},
		{"point of another standard", "point 9 localgov", []string{"Make a plan for being offline"}},
		{"point without phases shows its review once", "point 12 tcop", []string{"point 12: Make your technology sustainable", "In a spend control or technology review", "What happens to hardware at the end of its life?", "https://www.gov.uk/guidance/the-technology-code-of-practice#"}},
		{"mapping question", "which govuk point matches localgov 9?", []string{"Matching points for", "point 14: Operate a reliable service"}},
		{"map command", "map dss2015 16 govuk", []string{"point 10: Define what success looks like"}},
		{"off-topic says it does not know", "what is a good recipe for banana bread?", []string{"do not cover that", "point N"}},
		{"ask prefix", "ask do we need to publish our source code?", []string{"point 12: Make new source code open"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b.Expect(tt.say, tt.want...)
		})
	}
}

func TestConversationBadInput(t *testing.T) {
	b := bottest.NewBot(t)
	tests := []struct {
		say  string
		want string
	}{
		{"point 0", "govuk has points 1 to 14, not 0"},
		{"point 15", "govuk has points 1 to 14, not 15"},
		{"point 3 nosuch", `unknown standard "nosuch"`},
		{"ask", "Ask me something after `ask`"},
		{"map govuk x", "is not a point number"},
		{"map govuk 99 localgov", "govuk has points 1 to 14, not 99"},
	}
	for _, tt := range tests {
		t.Run(tt.say, func(t *testing.T) {
			got := b.Say(tt.say)
			if !strings.Contains(got, tt.want) {
				t.Errorf("%q: got %q, want it to contain %q", tt.say, got, tt.want)
			}
			if strings.Count(strings.TrimSpace(got), "\n") > 0 {
				t.Errorf("%q: an error should be one line, got:\n%s", tt.say, got)
			}
		})
	}
}

// A point with a review instead of phases must not repeat it under every
// phase.
func TestPointReviewShownOnce(t *testing.T) {
	b := bottest.NewBot(t)
	got := b.Say("point 12 tcop")
	if n := strings.Count(got, "In a spend control or technology review"); n != 1 {
		t.Errorf("review shown %d times, want once:\n%s", n, got)
	}
	if strings.Contains(got, "At alpha") {
		t.Errorf("a point without phases shows a phase:\n%s", got)
	}
}
