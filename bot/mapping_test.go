package bot_test

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
)

// TestMappingQuestions asks mapping questions both ways, in words and
// with map, over the built-in mapping: points that match, a whole
// standard that matches, and "none" with and without a recorded reason.
func TestMappingQuestions(t *testing.T) {
	b := bottest.NewBot(t)
	tests := []struct {
		say  string
		want []string
		not  []string
	}{
		{"what's the tcop equivalent of service standard point 12", []string{"GOV.UK Service Standard, point 12", "Technology Code of Practice, point 3: Be open and use open source"}, nil},
		{"which tcop point matches govuk 6", []string{"Technology Code of Practice, point 13: Meet the Service Standard (meeting the whole Service Standard)"}, []string{"Technology Code of Practice, point 6"}},
		{"map tcop 13 govuk", []string{"Every point of the GOV.UK Service Standard (meeting the whole Service Standard)"}, nil},
		{"which govuk point matches the code of practice point 12?", []string{"None: no service standard has a point on the environmental sustainability of technology"}, nil},
		{"does localgov 15 map to tcop?", []string{"None: the Technology Code of Practice has no point that covers the same ground."}, nil},
		{"does wales have something like govuk 6", []string{"GOV.UK Service Standard, point 6", "Have a multidisciplinary team (a multidisciplinary team)", "Have an empowered service owner"}, []string{"Technology Code"}},
		{"which govuk point matches wales 2.2?", []string{"Have a multidisciplinary team", "GOV.UK Service Standard, point 6"}, nil},
		{"which govuk point matches the welsh standard 1.2", []string{"Promote the Welsh language", "None: promoting the Welsh language"}, nil},
		{"what does cymru 3.3 map to", []string{"Use data to make decisions", "GOV.UK Service Standard, point 10", "Technology Code of Practice, point 10: Make better use of data"}, nil},
		{"map tcop 12", []string{"None in the GOV.UK Service Standard", "environmental sustainability", "Focus on current and future wellbeing of people in Wales"}, nil},
		{"does localgov 15 map to wales?", []string{"None: the Digital Service Standards for Wales has no point that covers the same ground."}, nil},
		{"map techcode 5 localgov", []string{"Local Government Digital Service Standard, point 5: Evaluate appropriate tools and systems"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.say, func(t *testing.T) {
			got := b.Expect(tt.say, tt.want...)
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("%q: reply has %q; got:\n%s", tt.say, n, got)
				}
			}
		})
	}
	// A question that only mentions another standard's word for something
	// is for search, not the mapping.
	if got := b.Say("what's the tcop equivalent of a DPIA?"); strings.Contains(got, "against the") || strings.Contains(got, "Matching points") {
		t.Errorf("a search question was read as a mapping one:\n%s", got)
	}
}

// TestMapProject lines a project's points up with another standard's,
// with its statuses, by map and by compare.
func TestMapProject(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("map tcop", "There is no project in this channel to compare")
	b.Expect("project new Renew a licence standard localgov", "Created project")
	b.Expect("mark 6 met", "met")
	got := b.Expect("map govuk",
		"Renew a licence (Local Government Digital Service Standard) against the GOV.UK Service Standard",
		"6 Evaluate what user data and information (met) → 9 Create a secure service which protects users' privacy",
		"15 Test with senior manager (not-started) → 7 Use agile ways of working",
		"map localgov N govuk")
	if n := strings.Count(got, "→"); n != 15 {
		t.Errorf("map govuk lists %d points, want the project's 15:\n%s", n, got)
	}
	b.Expect("compare govuk", "Renew a licence (Local Government Digital Service Standard) against the GOV.UK Service Standard")
	b.Expect("map localgov", "That is the same standard")
	b.As("alice", "C2").Expect("compare tcop govuk", "Technology Code of Practice against the GOV.UK Service Standard", "13 Meet the Service Standard → every point")
}

// TestQuestionNamingAStandard answers a question that names a standard
// unmistakably from that standard, whatever the conversation's; a bare
// word that only sounds like one does not switch.
func TestQuestionNamingAStandard(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("what does the technology code of practice say about cloud hosting?", "Technology Code of Practice, point 5: Use cloud first")
	b.Expect("what does tcop say about open source?", "Technology Code of Practice, point 3")
	got := b.Expect("how do we offer the service in welsh?", "GOV.UK Service Standard, point 5")
	if strings.Contains(got, "Digital Service Standards for Wales") {
		t.Errorf("a bare 'welsh' switched the standard:\n%s", got)
	}
}
