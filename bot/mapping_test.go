package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
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
		{"which govuk point matches nhs 16?", []string{"NHS service standard, point 16", "None: clinical safety is specific to health and care"}, []string{"GOV.UK Service Standard, point", "overlap rather than match"}},
		{"which nhs point matches govuk 9", []string{"Matching points for GOV.UK Service Standard, point 9", "NHS service standard, point 9: Create a secure service which protects people's privacy"}, []string{"Technology Code"}},
		{"map health 17 govuk", []string{"point 13: Use and contribute to open standards"}, nil},
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
	for _, q := range []string{"what's the tcop equivalent of a DPIA?", "does tcop want 5 years of hosting costs like govuk does?"} {
		if got := b.Say(q); strings.Contains(got, "against the") || strings.Contains(got, "Matching points") {
			t.Errorf("%q, a search question, was read as a mapping one:\n%s", q, got)
		}
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

// TestMapNHSProject lines an NHS project's points up with the GOV.UK
// standard: 1 to 14 one to one, 15 and 16 none with their reasons, 17 by
// its subject; and in its channel a point with no standard beside it is
// the project's.
func TestMapNHSProject(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Find a pharmacy standard nhs", "Created project")
	b.Expect("mark 9 met", "met")
	got := b.Expect("map govuk",
		"Find a pharmacy (NHS service standard) against the GOV.UK Service Standard",
		"9 Create a secure service which protects people's privacy (met) → 9 Create a secure service which protects users' privacy",
		"15 Support a culture of care (not-started) → none: a culture of care",
		"16 Make your service clinically safe (not-started) → none: clinical safety is specific to health and care",
		"17 Make your service interoperable (not-started) → 13 Use and contribute to open standards",
		"map nhs N govuk")
	if n := strings.Count(got, "→"); n != 17 {
		t.Errorf("map govuk lists %d points, want the project's 17:\n%s", n, got)
	}
	b.Expect("compare govuk", "Find a pharmacy (NHS service standard) against the GOV.UK Service Standard")
	b.Expect("which govuk point matches point 16?", "NHS service standard, point 16", "None: clinical safety")
}

// TestNHSProjectAnswers asks in an NHS project's channel: the NHS point
// is cited first, where the same question elsewhere cites the GOV.UK one,
// and the GOV.UK point it builds on is cited with it in the reply and in
// the answer's sources.
func TestNHSProjectAnswers(t *testing.T) {
	b := bottest.NewBot(t)
	const question = "how do we make our service accessible?"
	b.Expect(question, "GOV.UK Service Standard, point 5")
	b.Expect("project new Book a vaccination standard nhs", "Created project")
	got := b.Expect(question, "NHS service standard, point 5: Make sure everyone can use the service",
		"The GOV.UK Service Standard point 5 applies too (Make sure everyone can use the service)", "https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service")
	if i, j := strings.Index(got, "NHS service standard, point"), strings.Index(got, "GOV.UK Service Standard, point"); i < 0 || j >= 0 && j < i {
		t.Errorf("the NHS point is not cited first:\n%s", got)
	}
	addr := bot.Address{Platform: console.Platform, Team: "local", Channel: "C1"}
	_, ans, err := b.Core.Ask(context.Background(), bot.Message{Address: addr, User: "alice", Text: "do we need a penetration test?"})
	if err != nil || ans == nil || len(ans.Sources) == 0 {
		t.Fatalf("ask: %+v, %v", ans, err)
	}
	first := ans.Sources[0]
	if first.Standard != "nhs" || first.Point != 9 {
		t.Fatalf("first source is %s %d, want nhs 9", first.Standard, first.Point)
	}
	if len(first.Applies) != 1 || first.Applies[0].Standard != "govuk" || first.Applies[0].Point != 9 || !strings.HasPrefix(first.Applies[0].URL, "https://www.gov.uk/") {
		t.Errorf("nhs 9 applies = %+v, want govuk 9 with its link", first.Applies)
	}
	if !strings.Contains(ans.Answer, "the GOV.UK Service Standard point 9 applies too") {
		t.Errorf("answer text does not cite GOV.UK point 9:\n%s", ans.Answer)
	}
}

// TestPointShowsWhatItBuildsOn: reading an NHS point shows the GOV.UK point
// that applies with it; a point that builds on nothing shows none.
func TestPointShowsWhatItBuildsOn(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("point 9 nhs", "NHS service standard, point 9",
		"The GOV.UK Service Standard point 9 applies too (Create a secure service which protects users' privacy)",
		"https://www.gov.uk/service-manual/service-standard/point-9")
	if got := b.Say("point 16 nhs"); strings.Contains(got, "applies too") {
		t.Errorf("NHS 16 (clinical safety) builds on no GOV.UK point:\n%s", got)
	}
}
