package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// heldOn is the assessment date the tests record.
var heldOn = checklist.Date{Year: 2026, Month: 11, Day: 30}

// imported is an assessment as a report gives it: points rated, two
// actions on point 3 and one on point 5.
func imported() *checklist.Assessment {
	return &checklist.Assessment{
		Date: heldOn, Stage: checklist.StageBeta, Result: checklist.RatingAmber,
		Source: "https://www.gov.uk/service-standard-reports/apply-for-a-licence-beta",
		Points: []checklist.PointOutcome{
			{Point: 1, Rating: checklist.RatingGreen},
			{Point: 3, Rating: checklist.RatingAmber, Explore: []string{"test with users of assistive technology", "publish the research plan"}},
			{Point: 5, Rating: checklist.RatingAmber, Explore: []string{" run an accessibility audit "}},
		},
	}
}

func saveAssessment(t *testing.T, s checklist.Store, id int64, a *checklist.Assessment) *checklist.AssessmentRecord {
	t.Helper()
	rec, err := s.SaveAssessment(t.Context(), id, a, as("alice"))
	if err != nil {
		t.Fatalf("save assessment: %v", err)
	}
	return rec
}

func testSaveAssessment(t *testing.T, s checklist.Store) {
	p := create(t, s, "Apply for a licence", chanT1C1)
	rec := saveAssessment(t, s, p.ID, imported())
	due := checklist.Date{Year: 2027, Month: 2, Day: 28}
	if rec.ID == 0 || rec.ProjectID != p.ID || rec.Date != heldOn || rec.Stage != checklist.StageBeta ||
		rec.Result != checklist.RatingAmber || rec.By != "alice" || rec.At.IsZero() || rec.Source == "" {
		t.Errorf("stored assessment %+v", rec)
	}
	if len(rec.Ratings) != 3 || rec.Rating(1) != checklist.RatingGreen || rec.Rating(5) != checklist.RatingAmber || rec.Rating(2) != "" {
		t.Errorf("ratings %+v", rec.Ratings)
	}
	if len(rec.Actions) != 3 || rec.Actions[2].Text != "run an accessibility audit" || rec.Actions[0].Point != 3 {
		t.Fatalf("actions %+v", rec.Actions)
	}
	for _, a := range rec.Actions {
		if a.Due != due || !a.Open() || a.AssessmentID != rec.ID || a.By != "alice" {
			t.Errorf("action %+v, want open, due %s", a, due)
		}
	}
	got, err := s.LatestAssessment(t.Context(), p.ID)
	if err != nil || got.ID != rec.ID || len(got.Actions) != 3 || len(got.Ratings) != 3 {
		t.Errorf("latest assessment %+v, %v", got, err)
	}
	// The same day again, with only a result: the rest stays.
	again := saveAssessment(t, s, p.ID, &checklist.Assessment{Date: heldOn, Result: checklist.RatingGreen})
	if again.ID != rec.ID || again.Result != checklist.RatingGreen || again.Stage != checklist.StageBeta || len(again.Ratings) != 3 {
		t.Errorf("assessment recorded again %+v", again)
	}
	if c := lastChange(t, s, p.ID); c.Field != "assessment result" || c.New != "2026-11-30 green" {
		t.Errorf("last change %+v", c)
	}
}

// testSaveAssessmentAtomic: an assessment the store refuses part way (a
// point beyond the standard after points it could have stored) leaves
// nothing behind.
func testSaveAssessmentAtomic(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	a := imported()
	a.Points = append(a.Points, checklist.PointOutcome{Point: p.Points + 1, Rating: checklist.RatingRed, Explore: []string{"x"}})
	_, err := s.SaveAssessment(ctx, p.ID, a, as("alice"))
	wantCode(t, "point beyond the standard", err, checklist.EINVALID)
	a = imported()
	a.Points[2].Explore = append(a.Points[2].Explore, "   ")
	_, err = s.SaveAssessment(ctx, p.ID, a, as("alice"))
	wantCode(t, "an empty action after others", err, checklist.EINVALID)
	_, err = s.SaveAssessment(ctx, p.ID, &checklist.Assessment{Result: checklist.RatingRed}, as("alice"))
	wantCode(t, "no date", err, checklist.EINVALID)
	_, err = s.SaveAssessment(ctx, p.ID+1000, imported(), as("alice"))
	wantCode(t, "unknown project", err, checklist.ENOTFOUND)
	_, err = s.LatestAssessment(ctx, p.ID)
	wantCode(t, "latest after refusals", err, checklist.ENOTFOUND)
	if acts, err := s.OpenActions(ctx, p.ID); err != nil || len(acts) != 0 {
		t.Errorf("open actions after refusals: %+v, %v", acts, err)
	}
	if hs := history(t, s, p.ID); len(hs) != 1 {
		t.Errorf("history after refusals: %+v, want the creation alone", hs)
	}
}

func testRatePointAndActions(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	_, err := s.RatePoint(ctx, p.ID, 2, checklist.RatingRed, "", as("bob"))
	wantCode(t, "rate without an assessment", err, checklist.ENOTFOUND)
	_, err = s.AddAction(ctx, p.ID, 2, "do it", as("bob"))
	wantCode(t, "action without an assessment", err, checklist.ENOTFOUND)
	older := &checklist.Assessment{Date: checklist.Date{Year: 2026, Month: 6, Day: 1}, Stage: checklist.StageAlpha, Result: checklist.RatingGreen}
	saveAssessment(t, s, p.ID, older)
	rec := saveAssessment(t, s, p.ID, &checklist.Assessment{Date: heldOn, Result: checklist.RatingAmber})
	r, err := s.RatePoint(ctx, p.ID, 2, checklist.RatingAmber, " needs a plan ", as("bob"))
	if err != nil || r.Rating != checklist.RatingAmber || r.Note != "needs a plan" || r.By != "bob" {
		t.Fatalf("rate point: %+v, %v", r, err)
	}
	a, err := s.AddAction(ctx, p.ID, 2, "write the plan", as("bob"))
	if err != nil || a.AssessmentID != rec.ID || a.Due != checklist.ActionDue(heldOn) || a.Point != 2 || a.ID == 0 {
		t.Fatalf("add action: %+v, %v", a, err)
	}
	if got, _ := s.LatestAssessment(ctx, p.ID); got.Rating(2) != checklist.RatingAmber || len(got.Actions) != 1 {
		t.Errorf("latest after rating and action: %+v", got)
	}
	_, err = s.RatePoint(ctx, p.ID, 2, "purple", "", as("bob"))
	wantCode(t, "unknown rating", err, checklist.EINVALID)
	_, err = s.RatePoint(ctx, p.ID, p.Points+1, checklist.RatingRed, "", as("bob"))
	wantCode(t, "rate a point out of range", err, checklist.EINVALID)
	_, err = s.AddAction(ctx, p.ID, 2, "  ", as("bob"))
	wantCode(t, "empty action", err, checklist.EINVALID)
	_, err = s.AddAction(ctx, p.ID, 0, "x", as("bob"))
	wantCode(t, "action on point 0", err, checklist.EINVALID)
}

func testCloseAction(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1)
	other := create(t, s, "Register to vote", chanT1C2)
	rec := saveAssessment(t, s, p.ID, imported())
	first, second := rec.Actions[0], rec.Actions[2]
	open, err := s.OpenActions(ctx, p.ID)
	if err != nil || len(open) != 3 {
		t.Fatalf("open actions %+v, %v", open, err)
	}
	_, err = s.CloseAction(ctx, other.ID, first.ID, "", as("carol"))
	wantCode(t, "another project's action", err, checklist.ENOTFOUND)
	done, err := s.CloseAction(ctx, p.ID, first.ID, " https://example.org/plan ", as("carol"))
	if err != nil || done.Open() || done.ClosedBy != "carol" || done.Evidence != "https://example.org/plan" {
		t.Fatalf("close action: %+v, %v", done, err)
	}
	states, err := s.PointStates(ctx, p.ID)
	if err != nil || len(states) != 1 || states[0].Point != 3 || len(states[0].Evidence) != 1 || states[0].Evidence[0].Text != "https://example.org/plan" {
		t.Errorf("point states after closing with evidence: %+v, %v", states, err)
	}
	_, err = s.CloseAction(ctx, p.ID, first.ID, "again", as("carol"))
	wantCode(t, "closed twice", err, checklist.ECONFLICT)
	if _, err := s.CloseAction(ctx, p.ID, second.ID, "", as("carol")); err != nil {
		t.Fatalf("close without evidence: %v", err)
	}
	if states, _ := s.PointStates(ctx, p.ID); len(states) != 1 {
		t.Errorf("closing without evidence touched a point: %+v", states)
	}
	if c := lastChange(t, s, p.ID); c.Field != "action done" || c.Old != second.Text || c.Point != 5 {
		t.Errorf("last change %+v", c)
	}
	open, err = s.OpenActions(ctx, p.ID)
	if err != nil || len(open) != 1 || open[0].ID != rec.Actions[1].ID {
		t.Errorf("open actions after closing two: %+v, %v", open, err)
	}
	_, err = s.OpenActions(ctx, p.ID+1000)
	wantCode(t, "open actions of an unknown project", err, checklist.ENOTFOUND)
}

// testActionsScheduled: a project's open actions' due days come with it
// from Project and DueProjects, and its next moment follows them: the
// 4-week reminder before an action imported or added is due, and nothing
// once the actions are closed.
func testActionsScheduled(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	p := create(t, s, "Apply for a licence", chanT1C1) // in discovery: nothing else is ever due
	held := checklist.DateOf(time.Now()).AddDays(-10)
	due := checklist.ActionDue(held)
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	reminder := time.Date(due.Year, due.Month, due.Day-28, 9, 0, 0, 0, london)
	rec := saveAssessment(t, s, p.ID, &checklist.Assessment{Date: held, Result: checklist.RatingAmber,
		Points: []checklist.PointOutcome{{Point: 2, Explore: []string{"map the journey"}}}})
	wantDue(t, s, reminder.Add(-time.Minute), 10)
	wantDue(t, s, reminder, 10, p.Name)
	got, err := s.Project(ctx, p.ID)
	if err != nil || len(got.ActionsDue) != 1 || got.ActionsDue[0] != due {
		t.Fatalf("project's actions due: %+v, %v; want [%s]", got, err, due)
	}
	added, err := s.AddAction(ctx, p.ID, 3, "publish the plan", as("bob"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Project(ctx, p.ID); len(got.ActionsDue) != 1 {
		t.Errorf("two actions due the same day: %v, want the day once", got.ActionsDue)
	}
	for _, id := range []int64{rec.Actions[0].ID, added.ID} {
		if _, err := s.CloseAction(ctx, p.ID, id, "", as("carol")); err != nil {
			t.Fatal(err)
		}
	}
	wantDue(t, s, reminder, 10)
	if got, _ := s.Project(ctx, p.ID); got.ActionsDue != nil {
		t.Errorf("actions due after closing them all: %v", got.ActionsDue)
	}
}
