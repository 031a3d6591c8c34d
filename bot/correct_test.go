package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
)

// slackC1 is where the tests below talk: a channel of a Slack workspace,
// where, unlike in the terminal, nobody is an admin unless configured.
var slackC1 = bot.Address{Platform: "slack", Team: "T1", Channel: "C1"}

// person talks to the core from slackC1 with a user id and display name.
type person struct {
	t        *testing.T
	core     *bot.Bot
	id, name string
}

func (p person) say(text string) string {
	p.t.Helper()
	replies, err := p.core.Handle(context.Background(), bot.Message{Address: slackC1, User: p.id, UserName: p.name, Text: text})
	if err != nil {
		p.t.Fatalf("%s: %q: %v", p.name, text, err)
	}
	var out []string
	for _, r := range replies {
		out = append(out, bot.PlainText(r))
	}
	return strings.Join(out, "\n")
}

// expect says text and fails the test unless the reply has every want.
func (p person) expect(text string, want ...string) string {
	p.t.Helper()
	got := p.say(text)
	for _, w := range want {
		if !strings.Contains(got, w) {
			p.t.Errorf("%s: %q: reply lacks %q; got:\n%s", p.name, text, w, got)
		}
	}
	return got
}

// people are alice, who creates the project, bob and an admin.
func people(t *testing.T) (alice, bob, admin person) {
	b := bottest.NewBot(t)
	b.Core.Admins = []string{"UADMIN"}
	alice = person{t, b.Core, "UALICE", "Alice Ash"}
	bob = person{t, b.Core, "UBOB", "Bob Birch"}
	admin = person{t, b.Core, "UADMIN", "Ada Admin"}
	alice.expect("project new Apply for a permit", "Created project")
	return alice, bob, admin
}

// channelProject is the project of slackC1, nil when there is none.
func channelProject(t *testing.T, core *bot.Bot) *checklist.Project {
	t.Helper()
	p, err := core.Store.ProjectByChannel(context.Background(), checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"})
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pointItems are a point's notes and evidence as stored.
func pointItems(t *testing.T, core *bot.Bot, point int) (notes, evidence []checklist.Item) {
	t.Helper()
	states, err := core.Store.PointStates(context.Background(), channelProject(t, core).ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if s.Point == point {
			return s.Notes, s.Evidence
		}
	}
	return nil, nil
}

func TestMarkNotStarted(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a permit", "Created project")
	b.Expect("mark 3 met", "now met")
	b.Expect("mark 3 not-started marked by mistake", "Point 3", "now not-started", "Note: marked by mistake")
	b.Expect("mark 4 partly", "now partly")
	b.Expect("mark 4 not started", "Point 4", "now not-started")
	b.Expect("history 3", "point 3 not-started → met", "point 3 met → not-started (marked by mistake)")
	b.Expect("mark 3 finished", `"finished" is not a status`, "not-started")
	b.Expect("status", "⚪ 3.", "⚪ 4.", "0 met")
}

func TestNAOnALegalDutyNeedsAReason(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a permit", "Created project")
	b.Expect("mark 5 n/a", "not marked n/a without a reason", "Equality Act 2010",
		"Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018", "Panels will not accept n/a here lightly", "mark 5 n/a because REASON")
	b.Expect("status 5", "not-started", "Notes: none yet.")
	b.Expect("mark 5 n/a because the service is an API for other systems, with no user interface", "Point 5", "now n/a")
	b.Expect("status 5", "n/a", "because the service is an API for other systems")
	b.Expect("mark 4 n/a", "Point 4", "now n/a") // no legal duty: no reason needed

	for _, tt := range []struct{ standard, point string }{{"localgov", "10"}, {"dss2015", "12"}} {
		other := b.As("alice", "C-"+tt.standard)
		other.Expect("project new A "+tt.standard+" service standard "+tt.standard, "Created project")
		other.Expect("mark "+tt.point+" n/a", "not marked n/a without a reason", "Equality Act 2010")
		other.Expect("mark "+tt.point+" n/a because it is a back-office data feed", "now n/a")
	}

	walk := b.As("alice", "C-walk")
	walk.Expect("project new Walked permit", "Created project")
	for n := 1; n <= 4; n++ {
		walk.Expect(fmt.Sprintf("mark %d met", n), "now met")
	}
	walk.Expect("checklist", "point 5:")
	walk.Expect("n/a", "not marked n/a without a reason")
	walk.Expect("n/a because it has no users outside the department's own systems", "Point 5", "now n/a", "point 6:")
}

func TestItemIDsInStatus(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a permit", "Created project")
	b.Expect("note 2 agreed the research plan", "Added note to point 2", "as #1: change it with note edit 1 NEW TEXT")
	b.Expect("evidence 2 https://example.org/plan", "Added evidence")
	b.Expect("status 2", "point 2: Solve a whole problem for users", "#1 alice, Friday 27 November 2026: agreed the research plan",
		"#2 alice, Friday 27 November 2026: https://example.org/plan", "note edit ID NEW TEXT", "note delete ID")
	b.Expect("status 3", "Notes: none yet.", "Evidence: none yet.")
	b.Expect("status 99", "points 1 to 14")
	b.Expect("status", "status N")
}

func TestEditAndDeleteNotesAndEvidence(t *testing.T) {
	alice, bob, admin := people(t)
	alice.expect("note 2 call Zed on 07700 900123", "Added note")
	bob.expect("evidence 2 https://example.org/plan", "Added evidence")
	notes, evidence := pointItems(t, alice.core, 2)
	note, ev := notes[0].ID, evidence[0].ID
	alice.expect("status 2", fmt.Sprintf("#%d Alice Ash", note), fmt.Sprintf("#%d Bob Birch", ev))

	bob.expect(fmt.Sprintf("note delete %d", note), fmt.Sprintf("Only whoever added note #%d (Alice Ash) or an admin can delete it", note))
	bob.expect(fmt.Sprintf("note edit %d mine now", note), "Only whoever added note", "can edit it")
	alice.expect(fmt.Sprintf("evidence delete %d", note), fmt.Sprintf("#%d is a note, not evidence. Try: note delete %d", note, note))
	alice.expect("note delete 999", "no note or evidence #999")
	alice.expect("note delete twelve", "Give the note's number")
	alice.expect(fmt.Sprintf("note edit %d", note), "Give the new text")
	if n, e := pointItems(t, alice.core, 2); len(n) != 1 || n[0].Text != "call Zed on 07700 900123" || len(e) != 1 {
		t.Fatalf("refusals changed the items: %+v, %+v", n, e)
	}

	alice.expect(fmt.Sprintf("note edit #%d call Zed on 07700 900124", note), fmt.Sprintf("Changed note #%d on point 2", note))
	alice.expect("history 2", fmt.Sprintf(`edited note #%d "call Zed on 07700 900123" → "call Zed on 07700 900124"`, note))
	admin.expect(fmt.Sprintf("evidence delete %d", ev), fmt.Sprintf("Deleted evidence #%d from point 2", ev))
	alice.expect(fmt.Sprintf("note delete %d", note), fmt.Sprintf("Deleted note #%d", note))
	got := alice.expect("history 2", fmt.Sprintf("Alice Ash: point 2: deleted note #%d", note), fmt.Sprintf("Ada Admin: point 2: deleted evidence #%d", ev))
	if strings.Contains(got, "07700") || strings.Contains(got, "example.org/plan") {
		t.Errorf("the history keeps deleted text:\n%s", got)
	}
	alice.expect("status 2", "Notes: none yet.", "Evidence: none yet.")
	alice.expect(fmt.Sprintf("note delete %d", note), fmt.Sprintf("no note or evidence #%d", note))
}
