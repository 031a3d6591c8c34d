package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func testSetStatus(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	ps, err := s.SetStatus(ctx, p.ID, 3, checklist.Met, "  user research plan agreed ", as("bob"))
	if err != nil {
		t.Fatalf("set status: %v", err)
	}
	if ps.Point != 3 || ps.Status != checklist.Met || ps.UpdatedBy != "bob" || ps.UpdatedAt.Location() != time.UTC ||
		len(ps.Notes) != 1 || ps.Notes[0].Text != "user research plan agreed" || ps.Notes[0].By != "bob" {
		t.Errorf("returned state %+v, want point 3 met by bob with the note", ps)
	}
	if _, err := s.SetStatus(ctx, p.ID, 3, checklist.Partly, "", as("carol")); err != nil {
		t.Fatalf("set status again: %v", err)
	}
	if _, err := s.SetStatus(ctx, p.ID, 7, checklist.NA, "", as("carol")); err != nil {
		t.Fatalf("set status of another point: %v", err)
	}
	hs := history(t, s, p.ID)[1:]
	want := []checklist.Change{
		{Point: 3, Field: "status", Old: "not-started", New: "met", Note: "user research plan agreed", By: "bob"},
		{Point: 3, Field: "status", Old: "met", New: "partly", By: "carol"},
		{Point: 7, Field: "status", Old: "not-started", New: "n/a", By: "carol"},
	}
	if len(hs) != len(want) {
		t.Fatalf("history after three marks: %+v", hs)
	}
	for i, c := range hs {
		w := want[i]
		if c.Point != w.Point || c.Field != w.Field || c.Old != w.Old || c.New != w.New || c.Note != w.Note || c.By != w.By || c.ProjectID != p.ID {
			t.Errorf("history[%d] = %+v, want %+v", i, c, w)
		}
	}
	if !hs[0].At.Equal(ps.UpdatedAt) {
		t.Errorf("history time %v, point's time %v: want one time for one change", hs[0].At, ps.UpdatedAt)
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatalf("point states: %v", err)
	}
	if len(states) != 2 || states[0].Status != checklist.Partly || states[0].UpdatedBy != "carol" ||
		len(states[0].Notes) != 1 || states[1].Point != 7 || states[1].Status != checklist.NA {
		t.Errorf("point states %+v, want 3 partly (with the note) and 7 n/a", states)
	}
}

func testSetStatusInvalid(t *testing.T, s checklist.Store) {
	p := create(t, s, "Apply for a licence", chanT1C1)
	for _, st := range []checklist.Status{"done", ""} {
		_, err := s.SetStatus(t.Context(), p.ID, 1, st, "", as("bob"))
		wantCode(t, "status "+string(st), err, checklist.EINVALID)
	}
	if n := len(history(t, s, p.ID)); n != 1 {
		t.Errorf("history has %d entries after refused marks, want 1", n)
	}
}

func testPointOutOfRange(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	for _, point := range []int{0, p.Points + 1, -1} {
		_, err := s.SetStatus(ctx, p.ID, point, checklist.Met, "a note", as("bob"))
		wantCode(t, "set status of point out of range", err, checklist.EINVALID)
		_, err = s.AddNote(ctx, p.ID, point, "a note", as("bob"))
		wantCode(t, "note on point out of range", err, checklist.EINVALID)
		_, err = s.AddEvidence(ctx, p.ID, point, "https://example.org", as("bob"))
		wantCode(t, "evidence on point out of range", err, checklist.EINVALID)
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil || len(states) != 0 {
		t.Errorf("point states after refused changes: %+v, %v; want none", states, err)
	}
	if n := len(history(t, s, p.ID)); n != 1 {
		t.Errorf("history has %d entries after refused changes, want 1", n)
	}
}

func testUnknownProject(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	id := p.ID + 1000
	_, err := s.Project(ctx, id)
	wantCode(t, "project", err, checklist.ENOTFOUND)
	_, err = s.SetStatus(ctx, id, 1, checklist.Met, "", as("bob"))
	wantCode(t, "set status", err, checklist.ENOTFOUND)
	_, err = s.SetStatus(ctx, id, 0, checklist.Met, "", as("bob"))
	wantCode(t, "set status of point 0", err, checklist.ENOTFOUND)
	_, err = s.AddNote(ctx, id, 1, "text", as("bob"))
	wantCode(t, "add note", err, checklist.ENOTFOUND)
	_, err = s.AddEvidence(ctx, id, 1, "text", as("bob"))
	wantCode(t, "add evidence", err, checklist.ENOTFOUND)
	_, err = s.PointStates(ctx, id)
	wantCode(t, "point states", err, checklist.ENOTFOUND)
	_, err = s.History(ctx, id, 0, 0)
	wantCode(t, "history", err, checklist.ENOTFOUND)
	err = s.SaveWalk(ctx, &checklist.Walk{Key: "k", ProjectID: id, Current: 1})
	wantCode(t, "save walk", err, checklist.ENOTFOUND)
}

func testNotesAndEvidence(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	add := func(evidence bool, point int, text string) checklist.Item {
		t.Helper()
		f := s.AddNote
		if evidence {
			f = s.AddEvidence
		}
		it, err := f(ctx, p.ID, point, text, as("bob"))
		if err != nil {
			t.Fatalf("add %q: %v", text, err)
		}
		if it.ID == 0 || it.Text != text || it.By != "bob" || it.At.IsZero() || it.At.Location() != time.UTC {
			t.Errorf("added item %+v", it)
		}
		return *it
	}
	n1 := add(false, 2, "Spoke to 12 users")
	e1 := add(true, 2, "https://example.org/research")
	n2 := add(false, 2, "Two more rounds planned")
	e2 := add(true, 5, "Accessibility audit booked")
	states, err := s.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatalf("point states: %v", err)
	}
	if len(states) != 2 {
		t.Fatalf("point states %+v, want points 2 and 5", states)
	}
	two, five := states[0], states[1]
	if two.Point != 2 || two.Status != checklist.NotStarted || !slices.Equal(itemIDs(two.Notes), []int64{n1.ID, n2.ID}) ||
		!slices.Equal(itemIDs(two.Evidence), []int64{e1.ID}) || !two.Notes[0].At.Equal(n1.At) || two.UpdatedBy != "bob" {
		t.Errorf("point 2: %+v", two)
	}
	if five.Point != 5 || len(five.Notes) != 0 || !slices.Equal(itemIDs(five.Evidence), []int64{e2.ID}) || five.Evidence[0].Text != e2.Text {
		t.Errorf("point 5: %+v", five)
	}
	hs := history(t, s, p.ID)[1:]
	if len(hs) != 4 || hs[0].Field != "note" || hs[0].New != n1.Text || hs[1].Field != "evidence" || hs[3].Point != 5 {
		t.Errorf("history of notes and evidence: %+v", hs)
	}
	_, err = s.AddNote(ctx, p.ID, 2, "   ", as("bob"))
	wantCode(t, "empty note", err, checklist.EINVALID)
	_, err = s.AddEvidence(ctx, p.ID, 2, "", as("bob"))
	wantCode(t, "empty evidence", err, checklist.EINVALID)
	if _, err := s.SetStatus(ctx, p.ID, 2, checklist.Met, "", as("carol")); err != nil {
		t.Fatalf("set status: %v", err)
	}
	if c := lastChange(t, s, p.ID); c.Old != "not-started" || c.New != "met" {
		t.Errorf("first mark of a point with notes: %+v, want not-started -> met", c)
	}
}

func itemIDs(items []checklist.Item) []int64 {
	var ids []int64
	for _, it := range items {
		ids = append(ids, it.ID)
	}
	return ids
}

func testPointStatesInOrder(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	for _, point := range []int{9, 2, 14, 5} {
		if _, err := s.SetStatus(ctx, p.ID, point, checklist.NotMet, "", as("bob")); err != nil {
			t.Fatalf("set status: %v", err)
		}
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatalf("point states: %v", err)
	}
	var points []int
	for _, st := range states {
		points = append(points, st.Point)
	}
	if !slices.Equal(points, []int{2, 5, 9, 14}) {
		t.Errorf("points %v, want 2 5 9 14", points)
	}
	other := create(t, s, "Renew a licence", chanT1C2)
	if states, err := s.PointStates(ctx, other.ID); err != nil || len(states) != 0 {
		t.Errorf("untouched project's points: %+v, %v; want none", states, err)
	}
}

func testHistory(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	marks := []struct {
		point int
		st    checklist.Status
	}{{1, checklist.Met}, {2, checklist.Partly}, {1, checklist.NotMet}, {3, checklist.Met}, {1, checklist.Met}, {2, checklist.Met}}
	for _, m := range marks {
		if _, err := s.SetStatus(ctx, p.ID, m.point, m.st, "", as("bob")); err != nil {
			t.Fatalf("set status: %v", err)
		}
	}
	all := history(t, s, p.ID)
	if len(all) != 7 || all[0].Field != "created" {
		t.Fatalf("history %+v, want created then six marks", all)
	}
	for i := 1; i < len(all); i++ {
		if all[i].ID <= all[i-1].ID || all[i].At.Before(all[i-1].At) {
			t.Errorf("history not oldest first at %d: %+v then %+v", i, all[i-1], all[i])
		}
	}
	tests := []struct {
		name         string
		point, limit int
		want         []checklist.Change // by ID
	}{
		{"point 1", 1, 0, []checklist.Change{all[1], all[3], all[5]}},
		{"latest 2", 0, 2, all[5:]},
		{"latest 2 of point 1", 1, 2, []checklist.Change{all[3], all[5]}},
		{"more than there are", 2, 10, []checklist.Change{all[2], all[6]}},
		{"untouched point", 9, 0, nil},
	}
	for _, tt := range tests {
		got, err := s.History(ctx, p.ID, tt.point, tt.limit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if !slices.Equal(changeIDs(got), changeIDs(tt.want)) {
			t.Errorf("%s: ids %v, want %v", tt.name, changeIDs(got), changeIDs(tt.want))
		}
	}
}

func changeIDs(cs []checklist.Change) []int64 {
	var ids []int64
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}
