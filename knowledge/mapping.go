package knowledge

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Mapping links points of different standards that cover the same ground.
// The local government standard was built from the 2015 one, and the 2019
// GOV.UK standard regrouped the 2015 points, so most links are many-to-many.
// Some points have nothing to link to (clinical safety, the Welsh
// language): None records why, so the bot can say so rather than only
// that it found no match.
type Mapping struct {
	// Standards are the ids the mapping may name: a misspelt id is an
	// error, and a standard listed but not built into this binary is
	// left out (Resolve).
	Standards []string       `yaml:"standards"`
	Groups    []MappingGroup `yaml:"groups"`
	None      []Unmatched    `yaml:"none"`
}

// MappingGroup is one topic and, per standard id, the points that cover it.
type MappingGroup struct {
	Topic  string
	Points map[string][]int
	// Broad, when set, is the standard whose point takes in the whole of
	// the others the group lists (TCoP 13, "meet the Service Standard").
	// Such a group links that point to each of theirs, not theirs to one
	// another, and answers do not use it to bring a point in beside
	// guidance: it is true of every point.
	Broad string
	// all are the standards the group lists as `all` (every point: the
	// Technology Code of Practice's "meet the Service Standard"), which
	// Resolve turns into their point numbers.
	all []string
}

// UnmarshalYAML reads a group written as `topic: ...` followed by one key per
// standard id, which keeps the pack file flat and readable. A standard's
// value is a list of point numbers, or `all`.
func (g *MappingGroup) UnmarshalYAML(unmarshal func(any) error) error {
	var raw map[string]any
	if err := unmarshal(&raw); err != nil {
		return err
	}
	g.Points = make(map[string][]int)
	for k, v := range raw {
		switch k {
		case "topic":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("mapping topic must be text")
			}
			g.Topic = s
			continue
		case "broad":
			id, ok := v.(string)
			if !ok {
				return fmt.Errorf("mapping group %q: broad must be a standard id", g.Topic)
			}
			g.Broad = id
			continue
		}
		if v == "all" {
			g.all = append(g.all, k)
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("mapping group %q: %s must be a list of point numbers or all", g.Topic, k)
		}
		for _, item := range list {
			n, ok := item.(int)
			if !ok {
				return fmt.Errorf("mapping group %q: %s has a non-number %v", g.Topic, k, item)
			}
			g.Points[k] = append(g.Points[k], n)
		}
	}
	return nil
}

// Unmatched says that a point has no equivalent in other standards, and
// why: `{nhs: 16, reason: "..."}`, optionally `to: [govuk, localgov]` to
// say it of those standards only. Without `to` it holds for every standard
// no group links the point to.
type Unmatched struct {
	Standard string
	Point    int
	To       []string
	Reason   string
}

// UnmarshalYAML reads an entry written as one standard id key with its
// point number, `reason` and an optional `to` list.
func (u *Unmatched) UnmarshalYAML(unmarshal func(any) error) error {
	var raw map[string]any
	if err := unmarshal(&raw); err != nil {
		return err
	}
	for k, v := range raw {
		switch k {
		case "reason":
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("mapping none: reason must be text")
			}
			u.Reason = strings.TrimSpace(s)
		case "to":
			list, ok := v.([]any)
			if !ok {
				return fmt.Errorf("mapping none: to must be a list of standard ids")
			}
			for _, item := range list {
				s, ok := item.(string)
				if !ok {
					return fmt.Errorf("mapping none: to has a non-id %v", item)
				}
				u.To = append(u.To, s)
			}
		default:
			n, ok := v.(int)
			if !ok {
				return fmt.Errorf("mapping none: %s must be one point number", k)
			}
			if u.Standard != "" {
				return fmt.Errorf("mapping none: one standard an entry, found %s and %s", u.Standard, k)
			}
			u.Standard, u.Point = k, n
		}
	}
	if u.Standard == "" {
		return fmt.Errorf("mapping none: an entry names no standard and point")
	}
	return nil
}

// Match is one equivalent point found by the mapping, with the topic that
// links them.
type Match struct {
	Point  int
	Topics []string
}

// Equivalents returns the points of standard `to` that cover the same ground
// as point n of standard `from`, ordered by point number.
func (m *Mapping) Equivalents(from string, n int, to string) []Match {
	return m.equivalents(from, n, to, true)
}

// SpecificEquivalents is Equivalents without the broad groups: the points
// that cover the same subject, not those a whole-standard link takes in.
func (m *Mapping) SpecificEquivalents(from string, n int, to string) []Match {
	return m.equivalents(from, n, to, false)
}

func (m *Mapping) equivalents(from string, n int, to string, broad bool) []Match {
	found := map[int][]string{}
	for _, g := range m.Groups {
		if g.Broad != "" && (!broad || from != g.Broad && to != g.Broad) {
			continue
		}
		if !slices.Contains(g.Points[from], n) {
			continue
		}
		for _, p := range g.Points[to] {
			if !slices.Contains(found[p], g.Topic) {
				found[p] = append(found[p], g.Topic)
			}
		}
	}
	out := make([]Match, 0, len(found))
	for p, topics := range found {
		out = append(out, Match{Point: p, Topics: topics})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Point < out[j].Point })
	return out
}

// NoMatch is the recorded reason point n of standard `from` has no
// equivalent in standard `to`, or "" when none is recorded. It says
// nothing about whether a group links them: ask Equivalents first.
func (m *Mapping) NoMatch(from string, n int, to string) string {
	for _, u := range m.None {
		if u.Standard == from && u.Point == n && (len(u.To) == 0 || slices.Contains(u.To, to)) {
			return u.Reason
		}
	}
	return ""
}

// Resolve checks the mapping against the standards it links and expands
// the groups' `all`: every standard it names must be listed in Standards,
// every point must exist, every topic and reason must be written, and a
// "none" entry may not deny a link a group makes. What it says of a
// listed standard that is not among stds is left out.
func (m *Mapping) Resolve(stds []*Standard) error {
	byID := make(map[string]*Standard, len(stds))
	for _, s := range stds {
		byID[s.ID] = s
	}
	if err := m.declared(); err != nil {
		return err
	}
	m.leaveOut(byID)
	for i := range m.Groups {
		if err := m.Groups[i].resolve(i, byID); err != nil {
			return err
		}
	}
	return m.checkNone(byID)
}

// declared checks that every standard the mapping names is listed.
func (m *Mapping) declared() error {
	check := func(id string) error {
		if !slices.Contains(m.Standards, id) {
			return fmt.Errorf("mapping names standard %q, which its standards list lacks", id)
		}
		return nil
	}
	for _, g := range m.Groups {
		for id := range g.Points {
			if err := check(id); err != nil {
				return err
			}
		}
		for _, id := range g.all {
			if err := check(id); err != nil {
				return err
			}
		}
	}
	for _, u := range m.None {
		for _, id := range append([]string{u.Standard}, u.To...) {
			if err := check(id); err != nil {
				return err
			}
		}
	}
	return nil
}

// leaveOut drops what the mapping says of standards not in byID.
func (m *Mapping) leaveOut(byID map[string]*Standard) {
	for i := range m.Groups {
		g := &m.Groups[i]
		for id := range g.Points {
			if byID[id] == nil {
				delete(g.Points, id)
			}
		}
		g.all = slices.DeleteFunc(g.all, func(id string) bool { return byID[id] == nil })
		if g.Broad != "" && byID[g.Broad] == nil {
			g.Points = map[string][]int{}
		}
	}
	m.None = slices.DeleteFunc(m.None, func(u Unmatched) bool {
		if byID[u.Standard] == nil {
			return true
		}
		// An entry for some standards only, none of them here, is
		// dropped rather than left to mean every standard.
		return len(u.To) > 0 && !slices.ContainsFunc(u.To, func(id string) bool { return byID[id] != nil })
	})
	for i := range m.None {
		m.None[i].To = slices.DeleteFunc(m.None[i].To, func(id string) bool { return byID[id] == nil })
	}
}

// resolve expands a group's `all` and checks its points exist.
func (g *MappingGroup) resolve(i int, byID map[string]*Standard) error {
	if strings.TrimSpace(g.Topic) == "" {
		return fmt.Errorf("mapping group %d has no topic", i+1)
	}
	for _, id := range g.all {
		g.Points[id] = nil
		for _, p := range byID[id].Points {
			g.Points[id] = append(g.Points[id], p.Number)
		}
	}
	g.all = nil
	if g.Broad != "" && len(g.Points) > 0 && len(g.Points[g.Broad]) == 0 {
		return fmt.Errorf("mapping group %q is broad for %s, which it does not list", g.Topic, g.Broad)
	}
	for id, nums := range g.Points {
		for _, n := range nums {
			if _, ok := byID[id].Point(n); !ok {
				return fmt.Errorf("mapping group %q: %s has no point %d", g.Topic, id, n)
			}
		}
	}
	return nil
}

// checkNone checks the "none" entries: a point that exists, a reason, no
// entry given twice, none denying a group's link.
func (m *Mapping) checkNone(byID map[string]*Standard) error {
	seen := map[string]bool{}
	for _, u := range m.None {
		if _, ok := byID[u.Standard].Point(u.Point); !ok {
			return fmt.Errorf("mapping none: %s has no point %d", u.Standard, u.Point)
		}
		if u.Reason == "" {
			return fmt.Errorf("mapping none: %s %d has no reason", u.Standard, u.Point)
		}
		to := u.To
		if len(to) == 0 {
			to = []string{"*"}
		}
		for _, id := range to {
			key := fmt.Sprintf("%s %d %s", u.Standard, u.Point, id)
			if seen[key] {
				return fmt.Errorf("mapping none: %s %d is given twice for %s", u.Standard, u.Point, id)
			}
			seen[key] = true
			if id != "*" && len(m.Equivalents(u.Standard, u.Point, id)) > 0 {
				return fmt.Errorf("mapping none: %s %d has no match in %s, yet a group links them", u.Standard, u.Point, id)
			}
		}
	}
	return nil
}
