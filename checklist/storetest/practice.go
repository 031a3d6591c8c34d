package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func testPractice(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	alice := checklist.WalkKey(chanT1C1, "1700000000.000100", "alice")
	bob := checklist.WalkKey(chanT1C1, "1700000000.000100", "bob")
	pp := &checklist.PracticePanel{Key: alice, ProjectID: p.ID, Points: []int{1, 5, 9}, Current: 5, Question: 2}
	if err := s.SavePractice(ctx, pp); err != nil {
		t.Fatalf("save practice panel: %v", err)
	}
	if pp.UpdatedAt.IsZero() {
		t.Error("SavePractice left UpdatedAt zero")
	}
	wantPractice(t, s, pp)
	other := &checklist.PracticePanel{Key: bob, ProjectID: p.ID, Points: []int{2}, Current: 2}
	if err := s.SavePractice(ctx, other); err != nil {
		t.Fatalf("save a second practice panel: %v", err)
	}
	pp.Current, pp.Question = 9, 0
	if err := s.SavePractice(ctx, pp); err != nil {
		t.Fatalf("save practice panel again: %v", err)
	}
	wantPractice(t, s, pp)
	wantPractice(t, s, other)
	err := s.SavePractice(ctx, &checklist.PracticePanel{Key: "k", ProjectID: p.ID + 1000, Points: []int{1}, Current: 1})
	wantCode(t, "practice panel of an unknown project", err, checklist.ENOTFOUND)
	err = s.SavePractice(ctx, &checklist.PracticePanel{ProjectID: p.ID, Points: []int{1}, Current: 1})
	wantCode(t, "practice panel without a key", err, checklist.EINVALID)

	if err := s.EndPractice(ctx, alice); err != nil {
		t.Fatalf("end practice panel: %v", err)
	}
	_, err = s.Practice(ctx, alice)
	wantCode(t, "practice panel after it ended", err, checklist.ENOTFOUND)
	if err := s.EndPractice(ctx, alice); err != nil {
		t.Errorf("ending an ended practice panel: %v, want nil", err)
	}
	wantPractice(t, s, other)
}

func testPracticeAnswers(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	q := create(t, s, "Renew a licence", chanT1C2)
	first := &checklist.PracticeAnswer{ProjectID: p.ID, Point: 5, Question: "How do you test with assistive technology?", Answer: "  With NVDA and VoiceOver every sprint. ", By: "alice"}
	if err := s.AddPracticeAnswer(ctx, first); err != nil {
		t.Fatalf("add practice answer: %v", err)
	}
	if first.ID == 0 || first.At.IsZero() || first.Answer != "With NVDA and VoiceOver every sprint." {
		t.Errorf("added practice answer %+v: want an id, a time and the answer trimmed", first)
	}
	second := &checklist.PracticeAnswer{ProjectID: p.ID, Point: 1, Question: "Who are your users?", Answer: "Licence holders.", By: "bob"}
	if err := s.AddPracticeAnswer(ctx, second); err != nil {
		t.Fatalf("add a second practice answer: %v", err)
	}
	elsewhere := &checklist.PracticeAnswer{ProjectID: q.ID, Point: 1, Question: "Who are your users?", Answer: "Renewers.", By: "carol"}
	if err := s.AddPracticeAnswer(ctx, elsewhere); err != nil {
		t.Fatalf("add a practice answer to another project: %v", err)
	}
	for _, bad := range []struct {
		what string
		a    checklist.PracticeAnswer
		code string
	}{
		{"an empty answer", checklist.PracticeAnswer{ProjectID: p.ID, Point: 1, Answer: "  "}, checklist.EINVALID},
		{"a point beyond the standard", checklist.PracticeAnswer{ProjectID: p.ID, Point: 99, Answer: "yes"}, checklist.EINVALID},
		{"an unknown project", checklist.PracticeAnswer{ProjectID: q.ID + 1000, Point: 1, Answer: "yes"}, checklist.ENOTFOUND},
	} {
		err := s.AddPracticeAnswer(ctx, &bad.a)
		wantCode(t, bad.what, err, bad.code)
	}
	got, err := s.PracticeAnswers(ctx, p.ID)
	if err != nil {
		t.Fatalf("practice answers: %v", err)
	}
	want := []checklist.PracticeAnswer{*first, *second}
	if !slices.EqualFunc(got, want, samePracticeAnswer) {
		t.Errorf("practice answers:\n got %+v\nwant %+v", got, want)
	}
	if got, err := s.PracticeAnswers(ctx, q.ID+1000); err != nil || len(got) != 0 {
		t.Errorf("practice answers of an unknown project: %+v, %v; want none", got, err)
	}
}

func samePracticeAnswer(a, b checklist.PracticeAnswer) bool {
	return a.ID == b.ID && a.ProjectID == b.ProjectID && a.Point == b.Point && a.Question == b.Question &&
		a.Answer == b.Answer && a.By == b.By && a.At.Equal(b.At) && a.At.Location() == time.UTC
}

// wantPractice fails the test unless the stored practice panel matches p.
func wantPractice(t *testing.T, s checklist.Store, p *checklist.PracticePanel) {
	t.Helper()
	got, err := s.Practice(t.Context(), p.Key)
	if err != nil {
		t.Fatalf("practice panel %q: %v", p.Key, err)
	}
	if got.ProjectID != p.ProjectID || !slices.Equal(got.Points, p.Points) || got.Current != p.Current || got.Question != p.Question ||
		got.UpdatedAt.Location() != time.UTC || (!p.UpdatedAt.IsZero() && !got.UpdatedAt.Equal(p.UpdatedAt)) {
		t.Errorf("practice panel %+v, want %+v", got, p)
	}
}
