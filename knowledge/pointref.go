package knowledge

import (
	"fmt"
	"strconv"
	"strings"
)

// Shown is the point's number as people see it: its official reference
// where the standard has one ("2.1" in Wales), else its plain number.
// Checklists, history and JSON keep the plain number; every text for
// people goes through this, so no caller special-cases a standard.
func (p Point) Shown() string {
	if p.Ref != "" {
		return p.Ref
	}
	return strconv.Itoa(p.Number)
}

// Shown is point n's number as people see it (see Point.Shown), or the
// plain number when the standard has no such point.
func (s *Standard) Shown(n int) string {
	if s != nil {
		if p, ok := s.Point(n); ok {
			return p.Shown()
		}
	}
	return strconv.Itoa(n)
}

// HasRefs reports whether the standard numbers its points with official
// references of its own (Wales: 1.1 to 3.3).
func (s *Standard) HasRefs() bool {
	for _, p := range s.Points {
		if p.Ref != "" {
			return true
		}
	}
	return false
}

// PointForms says which point numbers the standard takes, for a hint:
// "1 to 14", or for a standard with references "1.1 to 1.5, 2.1 to 2.4,
// 3.1 to 3.3 (or 1 to 12 in published order)".
func (s *Standard) PointForms() string {
	plain := fmt.Sprintf("1 to %d", len(s.Points))
	if !s.HasRefs() {
		return plain
	}
	return strings.Join(s.RefRanges(), ", ") + " (or " + plain + " in published order)"
}

// RefRanges are the standard's references, a run per group: "1.1 to 1.5",
// "2.1 to 2.4", "3.1 to 3.3". Empty for a standard without them.
func (s *Standard) RefRanges() []string {
	if !s.HasRefs() {
		return nil
	}
	var runs []string
	for i := 0; i < len(s.Points); {
		j := i
		for j+1 < len(s.Points) && refGroup(s.Points[j+1]) == refGroup(s.Points[i]) {
			j++
		}
		if i == j {
			runs = append(runs, s.Points[i].Shown())
		} else {
			runs = append(runs, s.Points[i].Shown()+" to "+s.Points[j].Shown())
		}
		i = j + 1
	}
	return runs
}

// refGroup is what a reference's run is grouped by in PointForms: its
// group's name, else the part before the dot.
func refGroup(p Point) string {
	if p.Group != "" {
		return p.Group
	}
	g, _, _ := strings.Cut(p.Ref, ".")
	return g
}

// ParsePoint reads a point as a person typed it: the plain number 1 to N,
// or the official reference ("2.1") where the standard has them. The
// error is one line for people, naming the forms it takes: "wales has
// points 1.1 to 1.5, ... (or 1 to 12 in published order), so 4.1 is not
// one of them".
func (s *Standard) ParsePoint(word string) (int, error) {
	word = strings.TrimSpace(word)
	if n, err := strconv.Atoi(word); err == nil && word != "" && word[0] != '+' && word[0] != '-' {
		if _, ok := s.Point(n); ok {
			return n, nil
		}
	} else {
		for _, p := range s.Points {
			if p.Ref != "" && strings.EqualFold(p.Ref, word) {
				return p.Number, nil
			}
		}
	}
	shown := word
	if !LooksLikePoint(word) {
		shown = strconv.Quote(word)
	}
	return 0, fmt.Errorf("%s has points %s, so %s is not one of them", s.ID, s.PointForms(), shown)
}

// LooksLikePoint reports whether a word is shaped like a point number or
// reference ("5", "2.1"), so commands can tell "status 2.1" from a
// question that starts with "status".
func LooksLikePoint(word string) bool {
	head, tail, dotted := strings.Cut(word, ".")
	return digitsOnly(head) && (!dotted || digitsOnly(tail))
}

func digitsOnly(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
