package knowledge

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Library is the set of standards the bot knows, built-in and loaded from
// sources, and the mapping between them. It is read-only once built.
type Library struct {
	standards []*Standard
	byID      map[string]*Standard
	mapping   *Mapping
	// counted is the points' term statistics (scopestats.go), counted
	// once a library whatever the indexes opened over it.
	countOnce sync.Once
	counted   *pointStats
}

// NewLibrary returns a library of the given standards. Ids must be unique;
// a later standard may not replace an earlier one, so a source file cannot
// silently shadow a built-in standard.
func NewLibrary(mapping *Mapping, standards ...*Standard) (*Library, error) {
	l := &Library{byID: make(map[string]*Standard), mapping: mapping}
	for _, s := range standards {
		if err := s.validate(); err != nil {
			return nil, err
		}
		id := strings.ToLower(s.ID)
		if prev, ok := l.byID[id]; ok {
			return nil, fmt.Errorf("two standards have the id %q (%s and %s): rename one file", s.ID, origin(prev), origin(s))
		}
		l.byID[id] = s
		l.standards = append(l.standards, s)
	}
	if l.mapping == nil {
		l.mapping = &Mapping{}
	}
	return l, nil
}

func origin(s *Standard) string {
	if s.Builtin {
		return "built-in"
	}
	return s.Path
}

// Standards returns the standards, built-in first, then in load order.
func (l *Library) Standards() []*Standard {
	out := append([]*Standard(nil), l.standards...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Builtin && !out[j].Builtin })
	return out
}

// Standard returns the standard with the id (case-insensitive), or with
// an everyday name for a built-in one (Aliases: welsh, cymru, techcode).
func (l *Library) Standard(id string) (*Standard, bool) {
	id = strings.ToLower(strings.TrimSpace(id))
	s, ok := l.byID[id]
	if !ok && Aliases[id] != "" {
		s, ok = l.byID[Aliases[id]]
	}
	return s, ok
}

// Aliases are one-word names people type for the built-in standards,
// each to its id. A standard loaded with one of these as its id wins.
var Aliases = map[string]string{
	"gov.uk": "govuk", "lgdss": "localgov", "dss": "dss2015",
	"nhsuk": "nhs", "nhs.uk": "nhs",
	"techcode": "tcop", "tech-code": "tcop",
	"welsh": "wales", "cymru": "wales",
}

// IDs lists the standards' ids, for hints in error messages.
func (l *Library) IDs() []string {
	ids := make([]string, 0, len(l.standards))
	for _, s := range l.Standards() {
		ids = append(ids, s.ID)
	}
	return ids
}

// Mapping returns the links between equivalent points.
func (l *Library) Mapping() *Mapping { return l.mapping }

// UnknownStandardError is returned for a standard id the library lacks; its
// message names the ids that exist.
type UnknownStandardError struct {
	ID    string
	Known []string
}

func (e *UnknownStandardError) Error() string {
	return fmt.Sprintf("unknown standard %q (known: %s)", e.ID, strings.Join(e.Known, ", "))
}

// Lookup returns the standard with the id or an *UnknownStandardError.
func (l *Library) Lookup(id string) (*Standard, error) {
	if s, ok := l.Standard(id); ok {
		return s, nil
	}
	return nil, &UnknownStandardError{ID: id, Known: l.IDs()}
}

// Applies lists the points of other standards that a point's text builds
// on (Point.BuildsOn) and that this library holds: NHS point 9 builds on
// GOV.UK point 9, which applies too.
func (l *Library) Applies(p Point) []AppliedPoint {
	var out []AppliedPoint
	for _, ref := range p.BuildsOn {
		other, ok := l.Standard(ref.Standard)
		if !ok {
			continue
		}
		op, ok := other.Point(ref.Point)
		if !ok {
			continue
		}
		out = append(out, AppliedPoint{
			Standard: other.ID, Point: op.Number, Label: other.Label(op), URL: op.URL, Name: other.Name,
		})
	}
	return out
}
