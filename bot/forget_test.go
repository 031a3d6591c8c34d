package bot_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

// snapshot is what the channel's project holds, to compare before and
// after a refusal.
func snapshot(t *testing.T, p person) (states []checklist.PointState, history []checklist.Change) {
	t.Helper()
	ctx := context.Background()
	id := channelProject(t, p.core).ID
	states, err := p.core.Store.PointStates(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if history, err = p.core.Store.History(ctx, id, 0, 0); err != nil {
		t.Fatal(err)
	}
	return states, history
}

func TestForgetMe(t *testing.T) {
	alice, bob, _ := people(t)
	alice.expect("mark 1 met interviews done", "now met")
	bob.expect("note 1 Alice Ash ran them; ask <@UALICE>", "Added note")
	if got := alice.say("forget about point 3"); strings.Contains(got, "Forget you?") {
		t.Errorf("forget followed by other words is a question, not the command: %s", got)
	}
	states, history := snapshot(t, alice)

	alice.expect("forget me", "Forget you?", "your name (Alice Ash) and your user id (UALICE)", `it will say "a former member" instead`,
		"What you wrote about a service", "kept by the chat platform", "Reply yes to be forgotten, or no")
	alice.expect("no", "Cancelled: nothing was changed.")
	alice.expect("forget me", "Forget you?")
	bob.say("yes") // not bob's to confirm
	alice.expect("status", "Not forgotten: nothing was changed", "Apply for a permit")
	if s, h := snapshot(t, alice); !reflect.DeepEqual(s, states) || !reflect.DeepEqual(h, history) {
		t.Fatalf("forget me without a yes changed the project:\n%+v\n%+v", s, h)
	}

	alice.expect("forget me", "Forget you?")
	alice.expect("yes", "Done: your name and id are gone from what I keep", "in 1 project")
	got := bob.expect("history", "a former member: created the project", "a former member: point 1 not-started → met (interviews done)",
		"Bob Birch: point 1: added note \"a former member ran them; ask <@a former member>\"", "a former member: removed a member's name and id")
	if strings.Contains(got, "Alice") || strings.Contains(got, "UALICE") {
		t.Errorf("the history still names her:\n%s", got)
	}
	bob.expect("status 1", "a former member, Friday 27 November 2026: interviews done")
	bob.expect("project delete", "Only whoever created Apply for a permit (a former member) or an admin")
	alice.expect("forget me", "Forget you?")
	alice.expect("yes", "I had nothing that named you")
}
