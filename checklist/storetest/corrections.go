package storetest

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// testMarkNotStarted: a point can go back to not started, in the history.
func testMarkNotStarted(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	if _, err := s.SetStatus(ctx, p.ID, 4, checklist.Met, "", as("bob")); err != nil {
		t.Fatalf("mark met: %v", err)
	}
	ps, err := s.SetStatus(ctx, p.ID, 4, checklist.NotStarted, "marked by mistake", as("carol"))
	if err != nil || ps.Status != checklist.NotStarted {
		t.Fatalf("mark not started: %+v, %v", ps, err)
	}
	c := lastChange(t, s, p.ID)
	if c.Point != 4 || c.Field != "status" || c.Old != "met" || c.New != "not-started" || c.By != "carol" || c.Note != "marked by mistake" {
		t.Errorf("history entry %+v, want point 4 met → not-started by carol", c)
	}
}

// addItems adds a note by bob and evidence by carol to point 2.
func addItems(t *testing.T, s checklist.Store, id int64) (note, evidence *checklist.Item) {
	t.Helper()
	note, err := s.AddNote(t.Context(), id, 2, "research plan agreed with the SRO", as("bob"))
	if err != nil {
		t.Fatalf("add note: %v", err)
	}
	if evidence, err = s.AddEvidence(t.Context(), id, 2, "https://example.org/plan", as("carol")); err != nil {
		t.Fatalf("add evidence: %v", err)
	}
	return note, evidence
}

// testItem: an item by its id, only in its own project.
func testItem(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	other := create(t, s, "Renew a licence", chanT1C2)
	note, ev := addItems(t, s, p.ID)
	got, err := s.Item(ctx, p.ID, ev.ID)
	if err != nil || got.ID != ev.ID || got.ProjectID != p.ID || got.Point != 2 || got.Kind != "evidence" ||
		got.Text != ev.Text || got.By != "carol" || !got.At.Equal(ev.At) || got.At.Location() != time.UTC {
		t.Errorf("item %+v, %v; want the evidence on point 2 by carol", got, err)
	}
	_, err = s.Item(ctx, other.ID, note.ID)
	wantCode(t, "another project's item", err, checklist.ENOTFOUND)
	_, err = s.Item(ctx, p.ID, ev.ID+100)
	wantCode(t, "an unknown item", err, checklist.ENOTFOUND)
}

func testEditItem(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	note, _ := addItems(t, s, p.ID)
	got, err := s.EditItem(ctx, p.ID, note.ID, "  research plan agreed with the SRO and the panel ", as("alice"))
	if err != nil || got.Text != "research plan agreed with the SRO and the panel" || got.By != "bob" || got.Kind != "note" {
		t.Fatalf("edit: %+v, %v; want the new text, still bob's", got, err)
	}
	c := lastChange(t, s, p.ID)
	if c.Point != 2 || c.Field != "note edited" || c.Old != note.Text || c.New != got.Text || c.Note != "#"+itoa(note.ID) || c.By != "alice" {
		t.Errorf("history entry %+v, want the old and new text of #%d by alice", c, note.ID)
	}
	before := len(history(t, s, p.ID))
	if _, err := s.EditItem(ctx, p.ID, note.ID, got.Text, as("alice")); err != nil {
		t.Errorf("the same text again: %v", err)
	}
	_, err = s.EditItem(ctx, p.ID, note.ID, " \n ", as("alice"))
	wantCode(t, "empty text", err, checklist.EINVALID)
	_, err = s.EditItem(ctx, p.ID, note.ID+100, "text", as("alice"))
	wantCode(t, "an unknown item", err, checklist.ENOTFOUND)
	if n := len(history(t, s, p.ID)); n != before {
		t.Errorf("history grew from %d to %d entries without a change", before, n)
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil || len(states) != 1 || states[0].Notes[0].Text != got.Text || states[0].UpdatedBy != "alice" {
		t.Errorf("point states after the edit: %+v, %v", states, err)
	}
}

// testDeleteItem: the item goes, and its text with every earlier version
// of it from the history and from the action it closed.
func testDeleteItem(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	if _, err := s.SetStatus(ctx, p.ID, 2, checklist.Partly, "call Zed on 07700 900123", as("bob")); err != nil {
		t.Fatalf("mark with a note: %v", err)
	}
	states, _ := s.PointStates(ctx, p.ID)
	note := states[0].Notes[0]
	if _, err := s.EditItem(ctx, p.ID, note.ID, "call Zed on 07700 900124", as("bob")); err != nil {
		t.Fatalf("edit: %v", err)
	}
	kept, ev := addItems(t, s, p.ID)
	got, err := s.DeleteItem(ctx, p.ID, note.ID, as("alice"))
	if err != nil || got.Text != "call Zed on 07700 900124" || got.Kind != "note" || got.Point != 2 {
		t.Fatalf("delete: %+v, %v", got, err)
	}
	if _, err := s.Item(ctx, p.ID, note.ID); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("the deleted note is still there: %v", err)
	}
	c := lastChange(t, s, p.ID)
	if c.Point != 2 || c.Field != "note deleted" || c.Note != "#"+itoa(note.ID) || c.By != "alice" || c.Old != "" || c.New != "" {
		t.Errorf("history entry %+v, want #%d deleted by alice, without its text", c, note.ID)
	}
	for _, c := range history(t, s, p.ID) {
		if strings.Contains(c.Old+c.New+c.Note, "07700") {
			t.Errorf("the deleted text stays in the history: %+v", c)
		}
	}
	_, err = s.DeleteItem(ctx, p.ID, note.ID, as("alice"))
	wantCode(t, "deleting it again", err, checklist.ENOTFOUND)
	testDeleteKeeps(t, s, p.ID, kept, ev)
}

// testDeleteKeeps: after a deletion the other items stay, and ids are not
// given out again.
func testDeleteKeeps(t *testing.T, s checklist.Store, id int64, kept, ev *checklist.Item) {
	ctx := t.Context()
	if _, err := s.DeleteItem(ctx, id, ev.ID, as("carol")); err != nil {
		t.Fatalf("delete the newest item: %v", err)
	}
	again, err := s.AddEvidence(ctx, id, 2, "https://example.org/plan-v2", as("carol"))
	if err != nil || again.ID <= ev.ID {
		t.Errorf("evidence added after deleting #%d got id %v (%v): ids must not be given out again", ev.ID, again, err)
	}
	states, err := s.PointStates(ctx, id)
	if err != nil || len(states) != 1 || len(states[0].Notes) != 1 || states[0].Notes[0].ID != kept.ID || len(states[0].Evidence) != 1 {
		t.Errorf("point states after deletions: %+v, %v", states, err)
	}
}

// testDeleteActionEvidence: evidence an action was closed with leaves the
// action too.
func testDeleteActionEvidence(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	rec := saveAssessment(t, s, p.ID, imported())
	act := rec.Actions[2] // point 5
	if _, err := s.CloseAction(ctx, p.ID, act.ID, "https://example.org/audit-by-Zed", as("bob")); err != nil {
		t.Fatalf("close action: %v", err)
	}
	states, _ := s.PointStates(ctx, p.ID)
	i := slices.IndexFunc(states, func(ps checklist.PointState) bool { return ps.Point == 5 })
	if i < 0 || len(states[i].Evidence) != 1 {
		t.Fatalf("point states after closing: %+v", states)
	}
	if _, err := s.DeleteItem(ctx, p.ID, states[i].Evidence[0].ID, as("bob")); err != nil {
		t.Fatalf("delete the evidence: %v", err)
	}
	for _, c := range history(t, s, p.ID) {
		if strings.Contains(c.Old+c.New+c.Note, "audit-by-Zed") {
			t.Errorf("the deleted evidence stays in the history: %+v", c)
		}
	}
	if rec, err := s.LatestAssessment(ctx, p.ID); err != nil || rec.Actions[2].Evidence != checklist.DeletedText {
		t.Errorf("the closed action's evidence after deleting it: %+v, %v", rec, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// testItemAuthor: an item keeps its author's id beside their name, so a
// person who takes the author's display name is not its author (see
// checklist.Person.Is); an item written before the stores kept ids has
// only the name to go on.
func testItemAuthor(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	sam, namesake := checklist.Person{ID: "U0SAM", Name: "Sam Lee"}, checklist.Person{ID: "U0FAKE", Name: "Sam Lee"}
	note, err := s.AddNote(ctx, p.ID, 1, "user research plan", sam)
	if err != nil || note.Author() != sam {
		t.Fatalf("add: %+v, %v; want by %+v", note, err, sam)
	}
	old, err := s.AddNote(ctx, p.ID, 1, "an old note", checklist.Person{Name: "Sam Lee"})
	if err != nil {
		t.Fatalf("add an old-style note: %v", err)
	}
	for _, tt := range []struct {
		item int64
		who  checklist.Person
		want bool
	}{{note.ID, sam, true}, {note.ID, namesake, false}, {old.ID, namesake, true}} {
		it, err := s.Item(ctx, p.ID, tt.item)
		if err != nil {
			t.Fatalf("item: %v", err)
		}
		if got := tt.who.Is(it.ByID, it.By); got != tt.want {
			t.Errorf("%+v the author of %+v: %v, want %v", tt.who, it, got, tt.want)
		}
	}
	edited, err := s.EditItem(ctx, p.ID, note.ID, "user research plan, agreed", namesake)
	if err != nil || edited.Author() != sam {
		t.Errorf("edit: %+v, %v; want still by %+v", edited, err, sam)
	}
	if c := lastChange(t, s, p.ID); c.By != namesake.Name || c.ByID != namesake.ID {
		t.Errorf("history entry %+v, want by %+v", c, namesake)
	}
	if got, err := s.Project(ctx, p.ID); err != nil || got.Creator() != as("alice") {
		t.Errorf("project %+v, %v; want created by %+v", got, err, as("alice"))
	}
}
