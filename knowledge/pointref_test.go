package knowledge

import (
	"strings"
	"testing"
)

// walesLike is a standard numbered within groups, as Wales is: twelve
// points 1 to 12 in published order, each with a reference G.N.
func walesLike() *Standard {
	s := &Standard{ID: "wales", Name: "Digital Service Standards for Wales"}
	groups := []struct {
		name string
		n    int
	}{{"Meeting user needs", 5}, {"Creating good digital teams", 4}, {"Using the right technology", 3}}
	n := 0
	for g, grp := range groups {
		for i := 1; i <= grp.n; i++ {
			n++
			s.Points = append(s.Points, Point{Number: n, Title: "Title " + string(rune('A'+n-1)),
				Ref: string(rune('1'+g)) + "." + string(rune('0'+i)), Group: grp.name})
		}
	}
	return s
}

func TestParsePointTakesRefsAndPlainNumbers(t *testing.T) {
	s := walesLike()
	for word, want := range map[string]int{"2.1": 6, "6": 6, "1.1": 1, "3.3": 12, "12": 12, " 1.5 ": 5} {
		if got, err := s.ParsePoint(word); err != nil || got != want {
			t.Errorf("ParsePoint(%q) = %d, %v; want %d", word, got, err, want)
		}
	}
	for _, word := range []string{"4.1", "1.9", "13", "0", "2.", "x", "-1", "+2", "2.1.1", ""} {
		_, err := s.ParsePoint(word)
		if err == nil {
			t.Errorf("ParsePoint(%q) took it", word)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, "1.1 to 1.5, 2.1 to 2.4, 3.1 to 3.3 (or 1 to 12 in published order)") || strings.Contains(msg, "\n") {
			t.Errorf("ParsePoint(%q) error %q, want one line naming the forms", word, msg)
		}
	}
}

func TestParsePointPlainStandardRefusesRefs(t *testing.T) {
	s := &Standard{ID: "govuk", Name: "GOV.UK Service Standard", Points: []Point{{Number: 1, Title: "a"}, {Number: 2, Title: "b"}}}
	if n, err := s.ParsePoint("2"); err != nil || n != 2 {
		t.Fatalf("ParsePoint(2) = %d, %v", n, err)
	}
	_, err := s.ParsePoint("2.1")
	if err == nil || !strings.Contains(err.Error(), "has points 1 to 2") {
		t.Fatalf("ParsePoint(2.1) on a plain standard: %v", err)
	}
	if s.HasRefs() || s.Shown(2) != "2" || s.PointForms() != "1 to 2" {
		t.Errorf("plain standard: HasRefs %v, Shown(2) %q, forms %q", s.HasRefs(), s.Shown(2), s.PointForms())
	}
}

func TestLabelShowsTheOfficialReference(t *testing.T) {
	s := walesLike()
	p, _ := s.Point(6)
	if got, want := s.Label(p), "Digital Service Standards for Wales, point 2.1 (Creating good digital teams): Title F"; got != want {
		t.Errorf("Label = %q, want %q", got, want)
	}
	if s.Shown(6) != "2.1" || s.Shown(99) != "99" {
		t.Errorf("Shown(6) = %q, Shown(99) = %q", s.Shown(6), s.Shown(99))
	}
	g := &Standard{Name: "GOV.UK Service Standard", ShortName: "GOV.UK Service Standard"}
	if got := g.Label(Point{Number: 5, Title: "Make sure everyone can use the service"}); got != "GOV.UK Service Standard, point 5: Make sure everyone can use the service" {
		t.Errorf("plain Label = %q", got)
	}
}

func TestLooksLikePoint(t *testing.T) {
	for w, want := range map[string]bool{"5": true, "2.1": true, "12": true, "2.": false, ".1": false, "of": false, "2.1.1": false, "": false, "v2": false} {
		if got := LooksLikePoint(w); got != want {
			t.Errorf("LooksLikePoint(%q) = %v", w, got)
		}
	}
}

func TestLibraryTakesEverydayNames(t *testing.T) {
	lib, err := NewLibrary(nil, walesLike(), &Standard{ID: "govuk", Name: "GOV.UK Service Standard", Points: []Point{{Number: 1, Title: "a"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"wales", "Welsh", "cymru", " WALES "} {
		if s, err := lib.Lookup(name); err != nil || s.ID != "wales" {
			t.Errorf("Lookup(%q) = %v, %v", name, s, err)
		}
	}
	if s, ok := lib.Standard("gov.uk"); !ok || s.ID != "govuk" {
		t.Errorf("gov.uk: %v %v", s, ok)
	}
	// An alias of a standard not loaded is unknown, naming the ids.
	if _, err := lib.Lookup("techcode"); err == nil || !strings.Contains(err.Error(), "known: wales, govuk") {
		t.Errorf("techcode without tcop: %v", err)
	}
}
