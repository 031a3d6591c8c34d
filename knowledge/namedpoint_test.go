package knowledge

import (
	"context"
	"testing"
)

func TestNamedPoint(t *testing.T) {
	lib := testLibrary(t)
	cases := []struct {
		q, std string
		want   PointRef
		ok     bool
	}{
		{"what is point 5 about", "nhs", PointRef{"nhs", 5}, true},
		{"point 15?", "nhs", PointRef{"nhs", 15}, true},
		{"whats nhs point 16 about", "nhs", PointRef{"nhs", 16}, true},
		{"tcop 5?", "tcop", PointRef{"tcop", 5}, true},
		{"tcop 5?", "", PointRef{"tcop", 5}, true},
		{"3.2?", "wales", PointRef{"wales", 11}, true},
		{"what's standard 1.2 about", "wales", PointRef{"wales", 2}, true},
		{"what's 2.1 in the welsh standards", "wales", PointRef{"wales", 6}, true},
		// Not a point: another thing's version, a phone service, a
		// comparison of two standards, two points, a number out of range.
		{"does wcag 2.2 apply to us", "wales", PointRef{}, false},
		{"we link to nhs 111 online", "nhs", PointRef{}, false},
		{"which tcop point lines up with govuk point 5", "tcop", PointRef{}, false},
		{"is point 3 or point 4 about channels", "govuk", PointRef{}, false},
		{"point 40", "govuk", PointRef{}, false},
		{"we have 5 researchers", "govuk", PointRef{}, false},
	}
	for _, c := range cases {
		got, _, ok := lib.namedPoint(c.q, c.std)
		if ok != c.ok || got != c.want {
			t.Errorf("namedPoint(%q, %q) = %v, %v; want %v, %v", c.q, c.std, got, ok, c.want, c.ok)
		}
	}
}

func TestQuestionNamingAPointIsAnsweredFromIt(t *testing.T) {
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	cases := []struct {
		q, std string
		want   PointRef
	}{
		{"what is point 5 about", "govuk", PointRef{"govuk", 5}},
		{"point 15?", "nhs", PointRef{"nhs", 15}},
		{"whats nhs point 16 about", "nhs", PointRef{"nhs", 16}},
		{"3.2?", "wales", PointRef{"wales", 11}},
		{"tcop 12 in a nutshell", "", PointRef{"tcop", 12}},
	}
	for _, c := range cases {
		ans, err := a.Answer(context.Background(), Question{Text: c.q, Standard: c.std})
		if err != nil {
			t.Fatal(err)
		}
		if ans.Status != StatusAnswered || len(ans.Sources) == 0 {
			t.Fatalf("%q: not answered", c.q)
		}
		if s := ans.Sources[0]; s.Standard != c.want.Standard || s.Point != c.want.Point {
			t.Errorf("%q: first source %s %d, want %s %d", c.q, s.Standard, s.Point, c.want.Standard, c.want.Point)
		}
	}
}
