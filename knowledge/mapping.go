package knowledge

import (
	"fmt"
	"slices"
	"sort"
)

// Mapping links points of different standards that cover the same ground.
// The local government standard was built from the 2015 one, and the 2019
// GOV.UK standard regrouped the 2015 points, so most links are many-to-many.
type Mapping struct {
	Groups []MappingGroup `yaml:"groups"`
}

// MappingGroup is one topic and, per standard id, the points that cover it.
type MappingGroup struct {
	Topic  string
	Points map[string][]int
}

// UnmarshalYAML reads a group written as `topic: ...` followed by one key per
// standard id, which keeps the pack file flat and readable.
func (g *MappingGroup) UnmarshalYAML(unmarshal func(any) error) error {
	var raw map[string]any
	if err := unmarshal(&raw); err != nil {
		return err
	}
	g.Points = make(map[string][]int)
	for k, v := range raw {
		if k == "topic" {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("mapping topic must be text")
			}
			g.Topic = s
			continue
		}
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("mapping group %q: %s must be a list of point numbers", g.Topic, k)
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

// Match is one equivalent point found by the mapping, with the topic that
// links them.
type Match struct {
	Point  int
	Topics []string
}

// Equivalents returns the points of standard `to` that cover the same ground
// as point n of standard `from`, ordered by point number.
func (m *Mapping) Equivalents(from string, n int, to string) []Match {
	found := map[int][]string{}
	for _, g := range m.Groups {
		if !slices.Contains(g.Points[from], n) {
			continue
		}
		for _, p := range g.Points[to] {
			found[p] = append(found[p], g.Topic)
		}
	}
	out := make([]Match, 0, len(found))
	for p, topics := range found {
		out = append(out, Match{Point: p, Topics: topics})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Point < out[j].Point })
	return out
}
