package checklist

import (
	"strings"
	"testing"
)

func TestParseRating(t *testing.T) {
	tests := []struct {
		in   string
		want Rating
	}{
		{"green", RatingGreen}, {" Amber ", RatingAmber}, {"RED", RatingRed},
		{"met", RatingMet}, {"not met", RatingNotMet}, {"Not-Met", RatingNotMet}, {"notmet", RatingNotMet},
	}
	for _, tc := range tests {
		if got, err := ParseRating(tc.in); err != nil || got != tc.want {
			t.Errorf("ParseRating(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"", "pass", "partly", "greenish", "not"} {
		_, err := ParseRating(bad)
		if ErrorCode(err) != EINVALID || !strings.Contains(err.(*Error).UserMessage(), "green, amber or red") {
			t.Errorf("ParseRating(%q) = %v, want EINVALID naming the ratings", bad, err)
		}
	}
}

func TestRatingPassed(t *testing.T) {
	for r, want := range map[Rating]bool{RatingGreen: true, RatingAmber: true, RatingMet: true, RatingRed: false, RatingNotMet: false, "": false} {
		if r.Passed() != want {
			t.Errorf("%q.Passed() = %v", r, !want)
		}
	}
}

func TestParseStage(t *testing.T) {
	tests := []struct {
		in           string
		want         Stage
		phase        Phase
		reassessment bool
	}{
		{"alpha", StageAlpha, Alpha, false},
		{"Beta reassessment", StageBetaReassessment, Beta, true},
		{"alpha re-assessment", StageAlphaReassessment, Alpha, true},
		{"live-reassessment", StageLiveReassessment, Live, true},
		{" Live  review ", StageLiveReview, Live, false},
	}
	for _, tc := range tests {
		got, err := ParseStage(tc.in)
		if err != nil || got != tc.want || got.Phase() != tc.phase || got.Reassessment() != tc.reassessment {
			t.Errorf("ParseStage(%q) = %q (phase %q, reassessment %v), %v", tc.in, got, got.Phase(), got.Reassessment(), err)
		}
	}
	if got := StageBetaReassessment.Label(); got != "beta reassessment" {
		t.Errorf("Label = %q", got)
	}
	for _, bad := range []string{"", "discovery", "private beta", "beta-review"} {
		if _, err := ParseStage(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseStage(%q) = %v, want EINVALID", bad, err)
		}
	}
}

func TestAssessmentCheck(t *testing.T) {
	good := Assessment{
		Date: Date{2025, 3, 4}, Stage: StageBeta, Result: RatingAmber, Standard: "govuk", StandardPoints: 14,
		Points: []PointOutcome{{Point: 1, Rating: RatingGreen}, {Point: 5, Rating: RatingAmber, Explore: []string{"test with screen readers"}}, {Point: 14}},
	}
	if err := good.Check(); err != nil {
		t.Fatalf("Check of a good assessment: %v", err)
	}
	if p, ok := good.Point(5); !ok || p.Rating != RatingAmber {
		t.Errorf("Point(5) = %+v, %v", p, ok)
	}
	if _, ok := good.Point(2); ok {
		t.Error("Point(2) found a point the assessment does not have")
	}
	if (&Assessment{}).Read() || !good.Read() {
		t.Error("Read: an empty assessment read, or a full one not")
	}
	bad := map[string]func(a *Assessment){
		"no such day":     func(a *Assessment) { a.Date = Date{2025, 2, 30} },
		"unknown stage":   func(a *Assessment) { a.Stage = "discovery" },
		"unknown result":  func(a *Assessment) { a.Result = "Amber" },
		"point rating":    func(a *Assessment) { a.Points[0].Rating = "partly" },
		"out of order":    func(a *Assessment) { a.Points[0], a.Points[1] = a.Points[1], a.Points[0] },
		"repeated":        func(a *Assessment) { a.Points[1].Point = 1 },
		"beyond standard": func(a *Assessment) { a.Points[2].Point = 15 },
	}
	for name, spoil := range bad {
		a := good
		a.Points = append([]PointOutcome(nil), good.Points...)
		spoil(&a)
		if err := a.Check(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Check = %v, want EINVALID", name, err)
		}
	}
}
