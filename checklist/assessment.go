package checklist

import (
	"slices"
	"strings"
)

// Rating is a panel's verdict, on one point or on a whole assessment.
// Since CDDO's process update panels rate red, amber or green; older
// assessments were met or not met.
type Rating string

// The ratings.
const (
	// RatingGreen is met, with no actions.
	RatingGreen Rating = "green"
	// RatingAmber lets the team move on, with actions due within three
	// months and all of them closed before the next assessment is booked.
	RatingAmber Rating = "amber"
	// RatingRed pauses the team: the red points are assessed again.
	RatingRed Rating = "red"
	// RatingMet and RatingNotMet are the older verdicts.
	RatingMet    Rating = "met"
	RatingNotMet Rating = "not-met"
)

// Ratings lists them, red, amber and green first.
var Ratings = []Rating{RatingGreen, RatingAmber, RatingRed, RatingMet, RatingNotMet}

// ParseRating reads a rating, case-insensitive, accepting "not met" and
// "notmet" for not-met. EINVALID.
func ParseRating(s string) (Rating, error) {
	switch w := strings.Join(strings.Fields(strings.ToLower(s)), " "); w {
	case "green", "amber", "red", "met":
		return Rating(w), nil
	case "not-met", "not met", "notmet", "not_met":
		return RatingNotMet, nil
	}
	return "", Errorf(EINVALID, "%q is not a rating: use green, amber or red (met or not-met for older assessments)", s)
}

// Passed reports whether the team may move on to the next phase: green,
// amber or met.
func (r Rating) Passed() bool { return r == RatingGreen || r == RatingAmber || r == RatingMet }

// Stage is what an assessment was held for, as GOV.UK's reports record
// it: the end of a phase, a reassessment of one, or a review of a live
// service.
type Stage string

// The stages.
const (
	StageAlpha             Stage = "alpha"
	StageAlphaReassessment Stage = "alpha-reassessment"
	StageBeta              Stage = "beta"
	StageBetaReassessment  Stage = "beta-reassessment"
	StageLive              Stage = "live"
	StageLiveReassessment  Stage = "live-reassessment"
	StageLiveReview        Stage = "live-review"
)

// Stages lists them in the order a service meets them.
var Stages = []Stage{StageAlpha, StageAlphaReassessment, StageBeta, StageBetaReassessment, StageLive, StageLiveReassessment, StageLiveReview}

// ParseStage reads a stage, case-insensitive, with spaces or hyphens
// ("beta reassessment", "alpha re-assessment", "Live review"). EINVALID.
func ParseStage(s string) (Stage, error) {
	w := strings.Join(strings.Fields(strings.ToLower(s)), "-")
	w = strings.ReplaceAll(w, "re-assessment", "reassessment")
	for _, st := range Stages {
		if Stage(w) == st {
			return st, nil
		}
	}
	return "", Errorf(EINVALID, "%q is not an assessment stage: use alpha, beta or live, a reassessment of one (alpha-reassessment, beta-reassessment, live-reassessment), or live-review", s)
}

// Phase is the phase the assessment closes: alpha, beta or live.
func (s Stage) Phase() Phase {
	p, _, _ := strings.Cut(string(s), "-")
	return Phase(p)
}

// Reassessment reports whether the stage assesses again the points a
// panel found red (or not met) before.
func (s Stage) Reassessment() bool { return strings.HasSuffix(string(s), "-reassessment") }

// Label is the stage as people write it: "beta reassessment".
func (s Stage) Label() string { return strings.ReplaceAll(string(s), "-", " ") }

// Assessment is the outcome of one service assessment, as a panel's report
// gives it. Imported reports fill what they say and list in Unread what
// could not be read; nothing is inferred.
type Assessment struct {
	// Title is the report's title, when it has one.
	Title string
	// Date is the day of the assessment; zero when unread.
	Date Date
	// Stage is what the assessment was for; "" when unread.
	Stage Stage
	// Result is the overall rating; "" when unread.
	Result Rating
	// Standard is the standard the report assesses against: "govuk" (the
	// 14-point Service Standard), "dss2015" (the 18-point Digital Service
	// Standard), or "" for the 26-point Digital by Default Service
	// Standard, which no built-in standard holds, or when unread.
	Standard string
	// StandardPoints is how many points that standard has (14, 18 or 26);
	// 0 when unread.
	StandardPoints int
	// Points are the outcomes read, by point number, ascending.
	Points []PointOutcome
	// Unread says, one phrase each, what could not be read.
	Unread []string
	// Source is where the report came from: its www.gov.uk address, or ""
	// for pasted text.
	Source string
}

// PointOutcome is a panel's verdict and remarks on one point.
type PointOutcome struct {
	Point int
	// Title is the point's title as the report gives it.
	Title string
	// Rating is "" when the report gives none that could be read.
	Rating Rating
	// WellDone are the items under "What the team has done well".
	WellDone []string
	// Explore are the items under "What the team needs to explore": the
	// panel's actions.
	Explore []string
}

// Point returns the outcome on point n.
func (a *Assessment) Point(n int) (PointOutcome, bool) {
	for _, p := range a.Points {
		if p.Point == n {
			return p, true
		}
	}
	return PointOutcome{}, false
}

// Read reports whether anything at all was read: a date, a stage, a
// result or a point.
func (a *Assessment) Read() bool {
	return !a.Date.IsZero() || a.Stage != "" || a.Result != "" || len(a.Points) > 0
}

// Check refuses an assessment a store should not keep: a date that does
// not exist, an unknown stage or rating, or points out of order, repeated
// or beyond the standard. Unset fields are fine. EINVALID.
func (a *Assessment) Check() error {
	if err := CheckDate(a.Date); err != nil {
		return err
	}
	if a.Stage != "" && !slices.Contains(Stages, a.Stage) {
		return Errorf(EINVALID, "%q is not an assessment stage: use alpha, beta or live, a reassessment of one, or live-review", a.Stage)
	}
	if err := checkRating(a.Result); err != nil {
		return err
	}
	last := 0
	for _, p := range a.Points {
		if p.Point <= last || (a.StandardPoints > 0 && p.Point > a.StandardPoints) {
			return Errorf(EINVALID, "Point %d of the assessment is out of order, repeated or beyond the standard's %d points.", p.Point, a.StandardPoints)
		}
		last = p.Point
		if err := checkRating(p.Rating); err != nil {
			return err
		}
	}
	return nil
}

// checkRating accepts "" (unread) and the ratings as stored.
func checkRating(r Rating) error {
	if r != "" && !slices.Contains(Ratings, r) {
		return Errorf(EINVALID, "%q is not a rating: use green, amber or red (met or not-met for older assessments)", r)
	}
	return nil
}
