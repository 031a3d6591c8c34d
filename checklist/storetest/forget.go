package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// zora is the person the tests forget; bob stays.
var zora = checklist.Person{ID: "U0ZORA42", Name: "Zora Quill"}

const bob = "Bob Stone"

// testForget: after ForgetPerson neither zora's id nor her name is in any
// column of any table, what she wrote about the service stays as a former
// member's, and bob's data stays his.
func testForget(t *testing.T, open func(t *testing.T) (checklist.Store, Dump)) {
	ctx := t.Context()
	s, dump := open(t)
	p := fillForZora(t, s)
	quiet := create(t, s, "Renew a permit", chanT1C3)
	_, err := s.ForgetPerson(ctx, checklist.Person{Name: zora.Name})
	wantCode(t, "a person without an id", err, checklist.EINVALID)
	got, err := s.ForgetPerson(ctx, zora)
	if err != nil || got.Projects != 1 || got.Rows == 0 {
		t.Fatalf("forget: %+v, %v; want one project's rows changed", got, err)
	}
	cells := dump(t)
	for _, c := range cells {
		v := strings.ToLower(c.Value)
		if strings.Contains(v, strings.ToLower(zora.ID)) || strings.Contains(v, strings.ToLower(zora.Name)) {
			t.Errorf("%s.%s still has %q", c.Table, c.Column, c.Value)
		}
	}
	if len(cells) < 50 {
		t.Fatalf("the dump read only %d values", len(cells))
	}
	wantForgottenKept(t, s, p.ID)
	if hs := history(t, s, quiet.ID); len(hs) != 1 {
		t.Errorf("a project that never named her got history %+v", hs)
	}
	if again, err := s.ForgetPerson(ctx, zora); err != nil || again.Projects != 0 || again.Rows != 0 {
		t.Errorf("forgetting her again: %+v, %v; want nothing left to change", again, err)
	}
}

// fillForZora stores what zora and bob did: zora with her id and name,
// and as rows written before the stores kept ids have her, by name alone
// (old) or, where an adapter had no name, by her id as the name (oldID);
// bob mentioning her.
func fillForZora(t *testing.T, s checklist.Store) *checklist.Project {
	t.Helper()
	ctx := t.Context()
	old, oldID := checklist.Person{Name: zora.Name}, checklist.Person{Name: zora.ID}
	p := newProject("Zora Quill's permits", chanT1C1)
	p.CreatedBy, p.CreatedByID = zora.Name, ""
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("create", s.CreateProject(ctx, p))
	must("bind", s.BindChannel(ctx, p.ID, chanT1C2, oldID))
	_, err := s.SetStatus(ctx, p.ID, 1, checklist.Met, "checked with Bob Stone", zora)
	must("mark", err)
	_, err = s.AddNote(ctx, p.ID, 1, "ZORA QUILL will send the plan; ping <@U0ZORA42>", as(bob))
	must("note", err)
	_, err = s.AddEvidence(ctx, p.ID, 2, "https://example.org/plan", old)
	must("evidence", err)
	_, err = s.UpdateProject(ctx, p.ID, checklist.ProjectUpdate{Phase: ptr(checklist.Beta)}, zora)
	must("phase", err)
	rec, err := s.SaveAssessment(ctx, p.ID, imported(), zora)
	must("assessment", err)
	_, err = s.RatePoint(ctx, p.ID, 2, checklist.RatingRed, "as Zora Quill said", old)
	must("rate", err)
	_, err = s.AddAction(ctx, p.ID, 2, "Ask Zora Quill for the audit", as(bob))
	must("action", err)
	_, err = s.CloseAction(ctx, p.ID, rec.Actions[0].ID, "sent by Zora Quill", zora)
	must("close action", err)
	fillZoraOwn(t, s, p.ID)
	return p
}

// fillZoraOwn stores what is zora's alone, and bob's beside it.
func fillZoraOwn(t *testing.T, s checklist.Store, project int64) {
	t.Helper()
	ctx := t.Context()
	for _, user := range []string{zora.ID, "UBOB"} {
		key := checklist.WalkKey(chanT1C1, "", user)
		if err := s.SaveWalk(ctx, &checklist.Walk{Key: key, ProjectID: project, Current: 3}); err != nil {
			t.Fatalf("walk: %v", err)
		}
		if err := s.SavePractice(ctx, &checklist.PracticePanel{Key: key, ProjectID: project, Points: []int{1}, Current: 1}); err != nil {
			t.Fatalf("practice: %v", err)
		}
		putConfirmation(t, s, newConfirmation(key, "project delete"), askedAt)
		saveFeedback(t, s, checklist.Feedback{Ref: "a1", User: user, Helpful: true, Question: "what did Zora Quill ask?", Platform: "slack", At: clickAt})
	}
	for _, user := range []string{zora.ID, "UBOB"} {
		if err := s.AddMember(ctx, project, checklist.Member{Workspace: "slack:T1", User: user, Name: user}, checklist.Person{ID: user, Name: user}); err != nil {
			t.Fatalf("member: %v", err)
		}
		if err := s.SetPersonZone(ctx, "slack:T1", user, "Europe/London", "person"); err != nil {
			t.Fatalf("zone: %v", err)
		}
		if err := s.SaveAnswer(ctx, &checklist.Answer{ProjectID: project, Round: standupDay, Workspace: "slack:T1", User: user, Name: user,
			Direct: checklist.Binding{Platform: "slack", Team: "T1", Channel: "D" + user}, AskedAt: clickAt, ClosesAt: clickAt.Add(time.Hour),
			Moved: "paired with Zora Quill", AnsweredAt: clickAt}); err != nil {
			t.Fatalf("answer: %v", err)
		}
	}
	if err := s.AddPracticeAnswer(ctx, &checklist.PracticeAnswer{ProjectID: project, Point: 1, Question: "Who are your users?",
		Answer: "Zora Quill interviewed 12 growers", By: zora.Name, ByID: zora.ID}); err != nil {
		t.Fatalf("practice answer: %v", err)
	}
	saveConversation(t, s, &checklist.Conversation{Key: checklist.ConversationKey(chanT1C1, "1"), Question: "is Zora Quill an admin?", Answer: "No."})
	ref := newRef(teamsC1)
	ref.UserID, ref.UserName = zora.ID, zora.Name
	saveRef(t, s, ref)
	direct := newRef(teamsDirect)
	direct.UserID, direct.UserName, direct.DirectUser = zora.ID, zora.Name, zora.ID
	saveRef(t, s, direct)
}

// wantForgottenKept: what zora wrote stays, as a former member's; bob's
// stays his; the history says a member was forgotten.
func wantForgottenKept(t *testing.T, s checklist.Store, id int64) {
	t.Helper()
	ctx := t.Context()
	states, err := s.PointStates(ctx, id)
	if err != nil || len(states) < 2 || len(states[0].Notes) != 2 || len(states[1].Evidence) != 1 {
		t.Fatalf("point states after forgetting: %+v, %v", states, err)
	}
	mine, bobs := states[0].Notes[0], states[0].Notes[1]
	if mine.By != checklist.FormerMember || mine.ByID != "" || mine.Text != "checked with Bob Stone" || states[1].Evidence[0].By != checklist.FormerMember {
		t.Errorf("her note and evidence: %+v, %+v; want kept, by %q", mine, states[1].Evidence[0], checklist.FormerMember)
	}
	if bobs.By != bob || bobs.Text != "a former member will send the plan; ping <@a former member>" {
		t.Errorf("bob's note: %+v", bobs)
	}
	if c := lastChange(t, s, id); c.Field != "forgotten" || c.By != checklist.FormerMember {
		t.Errorf("last history entry %+v, want forgotten, by %q", c, checklist.FormerMember)
	}
	if _, err := s.Walk(ctx, checklist.WalkKey(chanT1C1, "", "UBOB")); err != nil {
		t.Errorf("bob's walk: %v", err)
	}
	_, err = s.Walk(ctx, checklist.WalkKey(chanT1C1, "", zora.ID))
	wantCode(t, "her walk", err, checklist.ENOTFOUND)
	_, err = s.DirectRef(ctx, teamsDirect.Platform, teamsDirect.Team, zora.ID)
	wantCode(t, "her direct conversation", err, checklist.ENOTFOUND)
	if fs := feedbackOn(t, s, "a1"); len(fs) != 1 || fs[0].User != "UBOB" || fs[0].Question != "what did a former member ask?" {
		t.Errorf("feedback after forgetting: %+v, want bob's alone", fs)
	}
}

// testForgetNamesake: forgetting zora leaves alone what another person
// who shows the same display name did under their own id, and takes as
// hers the rows written before the stores kept ids that have her name.
func testForgetNamesake(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	other := checklist.Person{ID: "U0OTHER7", Name: zora.Name}
	p := newProject("Fish permits", chanT1C1)
	p.CreatedBy, p.CreatedByID = other.Name, other.ID
	if err := s.CreateProject(ctx, p); err != nil {
		t.Fatalf("create: %v", err)
	}
	for _, n := range []struct {
		text string
		by   checklist.Person
	}{{"the namesake's note", other}, {"her note", zora}, {"an old note", checklist.Person{Name: zora.Name}}} {
		if _, err := s.AddNote(ctx, p.ID, 1, n.text, n.by); err != nil {
			t.Fatalf("note: %v", err)
		}
	}
	if _, err := s.SetStatus(ctx, p.ID, 2, checklist.Met, "", other); err != nil {
		t.Fatalf("mark: %v", err)
	}
	if got, err := s.ForgetPerson(ctx, zora); err != nil || got.Projects != 1 {
		t.Fatalf("forget: %+v, %v", got, err)
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil || len(states) != 2 || len(states[0].Notes) != 3 {
		t.Fatalf("point states: %+v, %v", states, err)
	}
	want := []checklist.Person{other, {Name: checklist.FormerMember}, {Name: checklist.FormerMember}}
	for i, n := range states[0].Notes {
		if n.Author() != want[i] {
			t.Errorf("note %q by %+v, want %+v", n.Text, n.Author(), want[i])
		}
	}
	if states[1].UpdatedBy != other.Name {
		t.Errorf("point 2 updated by %q, want the namesake's name kept", states[1].UpdatedBy)
	}
	got, err := s.Project(ctx, p.ID)
	if err != nil || got.Creator() != other {
		t.Errorf("project after forgetting her: %+v, %v; want the namesake its creator", got, err)
	}
	for _, c := range history(t, s, p.ID) {
		if c.ByID == other.ID && c.By != other.Name || c.Field == "status" && c.ByID != other.ID {
			t.Errorf("the namesake's history entry changed: %+v", c)
		}
	}
}
