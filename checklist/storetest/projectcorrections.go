package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func testRenameProject(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	create(t, s, "Renew a licence", chanT1C2)
	got, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Name: ptr("  Apply for a  permit ")}, as("bob"))
	if err != nil || got.Name != "Apply for a permit" {
		t.Fatalf("rename: %+v, %v", got, err)
	}
	c := lastChange(t, s, p.ID)
	if c.Field != "name" || c.Old != "Apply for a licence" || c.New != "Apply for a permit" || c.By != "bob" {
		t.Errorf("history entry %+v, want the old and new names by bob", c)
	}
	if found, err := s.ProjectByName(ctx, p.Workspace, "apply for a PERMIT"); err != nil || found.ID != p.ID {
		t.Errorf("project by its new name: %+v, %v", found, err)
	}
	_, err = s.ProjectByName(ctx, p.Workspace, "Apply for a licence")
	wantCode(t, "project by its old name", err, checklist.ENOTFOUND)
	_, err = s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Name: ptr("RENEW a licence")}, as("bob"))
	wantCode(t, "a name another project has", err, checklist.ECONFLICT)
	_, err = s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Name: ptr("  ")}, as("bob"))
	wantCode(t, "an empty name", err, checklist.EINVALID)
	if got, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Name: ptr("apply for a permit")}, as("bob")); err != nil || got.Name != "apply for a permit" {
		t.Errorf("a new case of its own name: %+v, %v", got, err)
	}
	other := create(t, s, "Apply for a licence", chanT2C1)
	if _, err := s.UpdateProject(ctx, other.ID, checklist.ProjectUpdate{Name: ptr("Renew a licence")}, as("bob")); err != nil {
		t.Errorf("a name only another workspace has: %v", err)
	}
}

// testArchiveProject: an archived project is shown as archived and never
// due; brought back, it is due again.
func testArchiveProject(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := newProject("Apply for a licence", chanT1C1)
	p.Phase, p.Schedule.StandupAt = checklist.Alpha, "09:30"
	if err := s.CreateProject(ctx, p); err != nil {
		t.Fatalf("create: %v", err)
	}
	later := time.Now().Add(15 * day)
	wantDue(t, s, later, 10, p.Name)
	got, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Archived: ptr(true)}, as("bob"))
	if err != nil || !got.Archived() || got.ArchivedAt.Location() != time.UTC {
		t.Fatalf("archive: %+v, %v", got, err)
	}
	stored, err := s.ProjectByChannel(ctx, chanT1C1)
	if err != nil || !stored.ArchivedAt.Equal(got.ArchivedAt) || !got.ArchivedAt.Equal(got.UpdatedAt) {
		t.Errorf("archived project read back: %+v, %v; archived at %v", stored, err, got.ArchivedAt)
	}
	if c := lastChange(t, s, p.ID); c.Field != "archived" || c.Old != "no" || c.New != "yes" || c.By != "bob" {
		t.Errorf("history entry %+v, want archived no → yes by bob", c)
	}
	wantDue(t, s, later, 10)
	if _, err := s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Archived: ptr(false)}, as("carol")); err != nil {
		t.Fatalf("unarchive: %v", err)
	}
	if back, err := s.Project(ctx, p.ID); err != nil || back.Archived() {
		t.Errorf("unarchived project: %+v, %v", back, err)
	}
	wantDue(t, s, later, 10, p.Name)
}

// testDeleteProject: the project and what hangs off it go; the other
// project, and the channels, stay usable.
func testDeleteProject(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	keep := create(t, s, "Renew a licence", chanT1C3)
	p, walk := fillProject(t, s)
	if err := s.DeleteProject(ctx, p.ID); err != nil {
		t.Fatalf("delete: %v", err)
	}
	for _, b := range []checklist.Binding{chanT1C1, chanT1C2} {
		_, err := s.ProjectByChannel(ctx, b)
		wantCode(t, "the deleted project's channel", err, checklist.ENOTFOUND)
	}
	_, err := s.Project(ctx, p.ID)
	wantCode(t, "the deleted project", err, checklist.ENOTFOUND)
	_, err = s.History(ctx, p.ID, 0, 0)
	wantCode(t, "the deleted project's history", err, checklist.ENOTFOUND)
	_, err = s.Walk(ctx, walk)
	wantCode(t, "a walk of the deleted project", err, checklist.ENOTFOUND)
	_, err = s.Practice(ctx, walk)
	wantCode(t, "a practice panel of the deleted project", err, checklist.ENOTFOUND)
	_, err = s.Conversation(ctx, checklist.ConversationKey(chanT1C2, "1700000000.000100"))
	wantCode(t, "a conversation in the deleted project's channel", err, checklist.ENOTFOUND)
	// A claim of its stand-up went with it; others stay.
	wantClaim(t, s, "sent:standup:"+itoa(p.ID)+":2026-11-27|slack:T1/C1", clickAt, true)
	wantClaim(t, s, "slack:Ev1", clickAt, false)
	err = s.DeleteProject(ctx, p.ID)
	wantCode(t, "deleting it again", err, checklist.ENOTFOUND)
	if got, err := s.ProjectByChannel(ctx, chanT1C3); err != nil || got.ID != keep.ID || len(history(t, s, keep.ID)) != 1 {
		t.Errorf("the other project: %+v, %v", got, err)
	}
	again := create(t, s, p.Name, chanT1C1)
	if hs := history(t, s, again.ID); len(hs) != 1 {
		t.Errorf("a new project with the deleted one's name and channel has history %+v", hs)
	}
}
