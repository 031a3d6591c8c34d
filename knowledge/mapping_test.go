package knowledge

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// tinyStandard is a standard of n points titled "point N".
func tinyStandard(id string, n int) *Standard {
	s := &Standard{ID: id, Name: id}
	for i := 1; i <= n; i++ {
		s.Points = append(s.Points, Point{Number: i, Title: "point"})
	}
	return s
}

func parseMapping(t *testing.T, text string) *Mapping {
	t.Helper()
	var m Mapping
	if err := yaml.Unmarshal([]byte(text), &m); err != nil {
		t.Fatalf("parse: %v", err)
	}
	return &m
}

func TestMappingResolveRefuses(t *testing.T) {
	stds := []*Standard{tinyStandard("a", 3), tinyStandard("b", 2)}
	tests := []struct{ name, yaml, want string }{
		{"undeclared id", "standards: [a, b]\ngroups:\n  - {topic: t, a: [1], c: [1]}", `standard "c"`},
		{"no such point", "standards: [a, b]\ngroups:\n  - {topic: t, a: [4], b: [1]}", "a has no point 4"},
		{"no topic", "standards: [a, b]\ngroups:\n  - {a: [1], b: [1]}", "has no topic"},
		{"none without reason", "standards: [a, b]\nnone:\n  - {a: 2}", "a 2 has no reason"},
		{"none of no point", "standards: [a, b]\nnone:\n  - {b: 3, reason: r}", "b has no point 3"},
		{"none denies a group", "standards: [a, b]\ngroups:\n  - {topic: t, a: [1], b: [1]}\nnone:\n  - {a: 1, to: [b], reason: r}", "yet a group links them"},
		{"none twice", "standards: [a, b]\nnone:\n  - {a: 1, reason: r}\n  - {a: 1, reason: s}", "given twice"},
		{"broad for a standard it lacks", "standards: [a, b]\ngroups:\n  - {topic: t, broad: a, b: all}", "broad for a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := parseMapping(t, tt.yaml).Resolve(stds)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Resolve = %v, want an error containing %q", err, tt.want)
			}
		})
	}
	var m Mapping
	if err := yaml.Unmarshal([]byte("none:\n  - {a: 1, b: 2, reason: r}"), &m); err == nil {
		t.Error("a none entry naming two standards parsed")
	}
}

func TestMappingNoneAndBroad(t *testing.T) {
	m := parseMapping(t, `
standards: [a, b, hub, later]
groups:
  - {topic: same, a: [1], b: [1]}
  - {topic: whole of b, broad: hub, hub: [2], b: all, a: [1, 2, 3]}
  - {topic: not built, a: [3], later: [1]}
none:
  - {a: 2, reason: only a has it}
  - {hub: 1, to: [b], reason: not about b}
  - {a: 3, to: [later], reason: dropped with later}
`)
	stds := []*Standard{tinyStandard("a", 3), tinyStandard("b", 2), tinyStandard("hub", 2)}
	if err := m.Resolve(stds); err != nil {
		t.Fatalf("Resolve: %v", err)
	}
	points := func(ms []Match) []int {
		var out []int
		for _, x := range ms {
			out = append(out, x.Point)
		}
		return out
	}
	if got := points(m.Equivalents("hub", 2, "b")); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("hub 2 -> b = %v, want every b point (all)", got)
	}
	if got := points(m.Equivalents("a", 1, "b")); !slices.Equal(got, []int{1}) {
		t.Errorf("a 1 -> b = %v, want [1]: a broad group links its hub, not the others to one another", got)
	}
	if got := points(m.Equivalents("b", 2, "hub")); !slices.Equal(got, []int{2}) {
		t.Errorf("b 2 -> hub = %v, want [2]", got)
	}
	if got := m.SpecificEquivalents("b", 2, "hub"); len(got) != 0 {
		t.Errorf("SpecificEquivalents(b 2, hub) = %v, want none: broad groups left out", got)
	}
	if got := m.NoMatch("a", 2, "b"); got != "only a has it" {
		t.Errorf("NoMatch(a 2, b) = %q", got)
	}
	if got := m.NoMatch("hub", 1, "b"); got != "not about b" {
		t.Errorf("NoMatch(hub 1, b) = %q", got)
	}
	if got := m.NoMatch("hub", 1, "a"); got != "" {
		t.Errorf("NoMatch(hub 1, a) = %q, want none: the entry is for b only", got)
	}
	if got := m.NoMatch("a", 3, "b"); got != "" {
		t.Errorf("NoMatch(a 3, b) = %q: an entry for a standard not built in must not become one for all", got)
	}
	if got := m.Equivalents("a", 3, "later"); len(got) != 0 {
		t.Errorf("a 3 -> later = %v, want nothing: later is not built in", got)
	}
}

// TestBuiltinMappingComplete holds the built-in mapping to its promises:
// every point of every built-in standard is in a group or has a reason
// for having no match; NHS points 1 to 14 sit one to one beside the
// GOV.UK ones (and so reach the local and 2015 standards); TCoP 13 takes
// in the whole GOV.UK standard; and the points that match nothing say why.
func TestBuiltinMappingComplete(t *testing.T) {
	stds, m, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Standards, BuiltinIDs) {
		t.Errorf("mapping.yaml lists standards %v, want the built-in ones %v: a standard listed but not built in is silently left out", m.Standards, BuiltinIDs)
	}
	byID := map[string]*Standard{}
	for _, s := range stds {
		byID[s.ID] = s
		for _, p := range s.Points {
			if !grouped(m, s.ID, p.Number) && !slices.ContainsFunc(m.None, func(u Unmatched) bool { return u.Standard == s.ID && u.Point == p.Number }) {
				t.Errorf("%s %d is in no mapping group and has no reason for none", s.ID, p.Number)
			}
		}
	}
	has := func(from string, n int, to string, want int) bool {
		return slices.ContainsFunc(m.Equivalents(from, n, to), func(x Match) bool { return x.Point == want })
	}
	if byID["nhs"] != nil {
		for n := 1; n <= 14; n++ {
			if !has("nhs", n, "govuk", n) || !has("govuk", n, "nhs", n) {
				t.Errorf("nhs %d and govuk %d are not linked both ways", n, n)
			}
		}
		if !has("nhs", 9, "localgov", 6) || !has("nhs", 12, "dss2015", 8) {
			t.Error("nhs points do not reach the local and 2015 standards through the GOV.UK groups")
		}
		for _, n := range []int{15, 16} {
			if got := m.Equivalents("nhs", n, "govuk"); len(got) != 0 {
				t.Errorf("nhs %d -> govuk = %v, want none", n, got)
			}
		}
		if r := m.NoMatch("nhs", 16, "govuk"); !strings.Contains(r, "clinical safety is specific to health and care") {
			t.Errorf("nhs 16 -> govuk reason = %q", r)
		}
	}
	if byID["tcop"] != nil {
		if got := m.Equivalents("tcop", 13, "govuk"); len(got) != 14 {
			t.Errorf("tcop 13 -> govuk has %d points, want all 14", len(got))
		}
		if got := m.SpecificEquivalents("govuk", 6, "tcop"); len(got) != 0 {
			t.Errorf("answers would bring %v in beside GOV.UK point 6 guidance: the broad group must not count", got)
		}
		if m.NoMatch("tcop", 12, "govuk") == "" {
			t.Error("tcop 12 (sustainability) -> govuk has no reason")
		}
	}
	if byID["wales"] != nil {
		if m.NoMatch("wales", 2, "govuk") == "" || len(m.Equivalents("wales", 2, "govuk")) != 0 {
			t.Error("wales 2 (the Welsh language) -> govuk: want none, with a reason")
		}
		if !has("wales", 7, "govuk", 6) || !has("govuk", 10, "wales", 12) {
			t.Error("wales 2.2 -> govuk 6 or govuk 10 -> wales 3.3 is missing")
		}
	}
}

// grouped reports whether a point sits in some group of the mapping.
func grouped(m *Mapping, std string, n int) bool {
	return slices.ContainsFunc(m.Groups, func(g MappingGroup) bool { return slices.Contains(g.Points[std], n) })
}

// TestSourceAppliesJSON keeps ask --json's sources additive: a point that
// builds on another's lists it under applies, and a source without one
// has no applies key at all.
func TestSourceAppliesJSON(t *testing.T) {
	src := Source{Standard: "nhs", Point: 9, Title: "t", URL: "u", Snippet: "s", Label: "l",
		Applies: []AppliedPoint{{Standard: "govuk", Point: 9, Label: "GOV.UK Service Standard, point 9: x", URL: "https://www.gov.uk/p9", Name: "GOV.UK Service Standard"}}}
	data, err := json.Marshal(src)
	if err != nil {
		t.Fatal(err)
	}
	want := `"applies":[{"standard":"govuk","point":9,"label":"GOV.UK Service Standard, point 9: x","url":"https://www.gov.uk/p9"}]`
	if !strings.Contains(string(data), want) {
		t.Errorf("source JSON = %s, want it to contain %s", data, want)
	}
	src.Applies = nil
	if data, _ := json.Marshal(src); strings.Contains(string(data), "applies") {
		t.Errorf("a source without applies has the key: %s", data)
	}
	if got := extractive([]Source{{Label: "NHS, point 9: x", Snippet: "q", Applies: []AppliedPoint{{Point: 9, URL: "https://www.gov.uk/p9", Name: "GOV.UK Service Standard"}}}}); !strings.Contains(got, "— the GOV.UK Service Standard point 9 applies too: https://www.gov.uk/p9") {
		t.Errorf("extractive = %q", got)
	}
}
