package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot/bottest"
)

func TestProjectRenameAndArchive(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a permit", "Created project")
	b.As("alice", "C2").Expect("project new Renew a permit", "Created project")
	b.Expect("project rename", "Give the new name. Try: project rename NEW NAME")
	b.Expect("project rename renew A PERMIT", `Another project here is already called "renew A PERMIT"`, "nothing was renamed")
	b.Expect("project rename Apply for a river permit", `Renamed "Apply for a permit" to "Apply for a river permit"`)
	b.Expect("project rename Apply for a river permit", "already called")
	b.Expect("project", "Project: Apply for a river permit")
	b.Expect("history", `renamed the project "Apply for a permit" → "Apply for a river permit"`)

	b.Expect("project archive", "Archived Apply for a river permit", "no more stand-ups, reminders", "project unarchive")
	b.Expect("project", "Project: Apply for a river permit (archived)", "Archived on Friday 27 November 2026")
	b.Expect("status", "Apply for a river permit: govuk, discovery (archived)")
	b.Expect("report", "Readiness report: Apply for a river permit (archived)", "Archived on Friday 27 November 2026")
	b.Expect("practice", "is archived, so it gets no practice panels", "project unarchive")
	b.Expect("standup", "is archived, so it gets no stand-ups")
	b.Expect("mark 1 met", "now met") // its data can still be corrected
	b.Expect("project archive", "archived already, since Friday 27 November 2026")
	b.Expect("history", "archived the project")
	b.Expect("project unarchive", "back from the archive")
	b.Expect("project", "Project: Apply for a river permit")
	b.Expect("practice 1", "A practice panel on 1 point")
	b.Expect("stop", "paused")
	b.Expect("project unarchive", "is not archived")
	b.Expect("history", "brought the project back from the archive")
}

func TestArchivingEndsAPracticePanel(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Apply for a permit", "Created project")
	b.Expect("practice 1,2", "A practice panel on 2 points")
	b.As("bob", "C1").Expect("project archive", "Archived")
	b.Expect("we interviewed 12 people", "was archived, so its practice panel has ended")
	if got := b.Say("we interviewed 12 people"); strings.Contains(got, "practice panel") {
		t.Errorf("after the panel ended, an answer is a question again: %s", got)
	}
}

func TestProjectDelete(t *testing.T) {
	alice, bob, admin := people(t)
	alice.expect("note 1 Marigold research", "Added note")
	bob.expect("project delete", "Only whoever created Apply for a permit (Alice Ash) or an admin can delete it", "project archive")
	alice.expect("project delete now", "takes nothing after it")
	alice.expect("project delete", "Delete Apply for a permit?", "cannot be undone", "Reply yes to delete it, or no to keep it")
	alice.expect("no", "Kept: nothing was deleted.")
	alice.expect("project delete", "Delete Apply for a permit?")
	if got := bob.say("yes"); strings.Contains(got, "Deleted") {
		t.Errorf("bob's yes answered alice's question: %s", got)
	}
	alice.expect("status", "Not deleted: the project is as it was", "Apply for a permit: govuk")
	alice.expect("project delete", "Delete Apply for a permit?")
	alice.core.Now = func() time.Time { return bottest.Now.Add(31 * time.Minute) }
	if got := alice.say("yes"); strings.Contains(got, "Deleted") {
		t.Errorf("a yes after 30 minutes deleted the project: %s", got)
	}
	if channelProject(t, alice.core) == nil {
		t.Fatal("the project went without a yes")
	}
	alice.expect("project delete", "Delete Apply for a permit?")
	alice.expect("yes", "Deleted Apply for a permit and everything in it")
	if p := channelProject(t, alice.core); p != nil {
		t.Fatalf("the project is still there: %+v", p)
	}
	alice.expect("status", "There is no project in this channel yet")
	if got := alice.say("yes"); strings.Contains(got, "Deleted") { // nothing waits now
		t.Errorf("a second yes: %s", got)
	}

	bob.expect("project new Bob's permit", "Created project")
	bob.expect("project delete", "Delete Bob's permit?")
	admin.expect("project delete", "Delete Bob's permit?")
	admin.expect("yes", "Deleted Bob's permit")
	bob.expect("yes", "There is no project in this channel yet")

	// A yes to a project deleted and replaced since is refused.
	bob.expect("project new Bob's second permit", "Created project")
	bob.expect("project delete", "Delete Bob's second permit?")
	admin.expect("project delete", "Delete Bob's second permit?")
	admin.expect("yes", "Deleted Bob's second permit")
	alice.expect("project new Alice's permit", "Created project")
	bob.expect("yes", "This channel's project changed since you asked, so nothing was deleted")
	if p := channelProject(t, alice.core); p == nil || p.Name != "Alice's permit" {
		t.Errorf("the channel's project after a stale yes: %+v", p)
	}
}
