package knowledge

import (
	"net/url"
	"slices"
	"strings"
	"testing"
)

func TestBuiltinStandards(t *testing.T) {
	stds, mapping, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id      string
		points  int
		titles  map[int]string
		urlBase string
	}{
		{"govuk", 14, map[int]string{
			1: "Understand users and their needs", 2: "Solve a whole problem for users",
			3: "Provide a joined-up experience across all channels", 4: "Make the service simple to use",
			5: "Make sure everyone can use the service", 6: "Have a multidisciplinary team",
			7: "Use agile ways of working", 8: "Iterate and improve frequently",
			9: "Create a secure service which protects users' privacy", 10: "Define what success looks like and publish performance data",
			11: "Choose the right tools and technology", 12: "Make new source code open",
			13: "Use and contribute to open standards, common components and patterns", 14: "Operate a reliable service",
		}, "https://www.gov.uk/service-manual/service-standard/point-"},
		{"localgov", 15, map[int]string{
			1: "Understand user needs", 2: "Have a multidisciplinary team", 3: "Use agile methods",
			9: "Make a plan for being offline", 15: "Test with senior manager",
		}, "https://localgov.digital/service-standard/point/"},
		{"dss2015", 18, map[int]string{
			1: "Understand user needs", 2: "Do ongoing user research", 3: "Have a multidisciplinary team",
			4: "Use agile methods", 5: "Iterate and improve frequently", 6: "Evaluate tools and systems",
			7: "Understand security and privacy issues", 8: "Make all new source code open",
			9: "Use open standards and common platforms", 10: "Test the end-to-end service",
			11: "Make a plan for being offline", 12: "Make sure users succeed first time",
			13: "Make the user experience consistent with GOV.UK", 14: "Encourage everyone to use the digital service",
			15: "Collect performance data", 16: "Identify performance indicators",
			17: "Report performance data on the Performance Platform", 18: "Test with the minister",
		}, "https://www.gov.uk/service-manual/service-assessments/pre-july-2019-digital-service-standard#"},
		{"nhs", 17, map[int]string{
			1: "Understand users and their needs in the context of health and care", 2: "Work towards solving a whole problem for users",
			3: "Provide a joined up experience across all channels", 4: "Make the service simple to use",
			5: "Make sure everyone can use the service", 6: "Create a team that includes multidisciplinary skills and perspectives",
			7: "Use agile ways of working", 8: "Iterate and improve frequently",
			9: "Create a secure service which protects people's privacy", 10: "Define what success looks like and be open about how your service is performing",
			11: "Choose the right tools and technology", 12: "Make new source code open",
			13: "Use and contribute to open standards, common components and patterns", 14: "Operate a reliable service",
			15: "Support a culture of care", 16: "Make your service clinically safe", 17: "Make your service interoperable",
		}, "https://service-manual.nhs.uk/standards-and-technology/service-standard-points/"},
		{"tcop", 13, map[int]string{
			1: "Define user needs", 2: "Make things accessible and inclusive", 3: "Be open and use open source",
			4: "Make use of open standards", 5: "Use cloud first", 6: "Make things secure",
			7: "Make privacy integral", 8: "Share, reuse and collaborate", 9: "Integrate and adapt technology",
			10: "Make better use of data", 11: "Define your purchasing strategy",
			12: "Make your technology sustainable", 13: "Meet the Service Standard",
		}, "https://www.gov.uk/guidance/the-technology-code-of-practice#"},
		{"wales", 12, map[int]string{
			1: "Focus on current and future wellbeing of people in Wales", 2: "Promote the Welsh language",
			3: "Understand users and their needs", 4: "Provide a joined up experience",
			5: "Make sure everyone can use the service", 6: "Have an empowered service owner",
			7: "Have a multidisciplinary team", 8: "Iterate and improve frequently", 9: "Work in the open",
			10: "Use scalable technology", 11: "Consider ethics, privacy and security throughout",
			12: "Use data to make decisions",
		}, "https://www.digitalpublicservices.gov.wales/resources/digital-service-standards#"},
	}
	if len(stds) != len(want) {
		t.Fatalf("got %d built-in standards, want %d", len(stds), len(want))
	}
	for i, w := range want {
		s := stds[i]
		t.Run(w.id, func(t *testing.T) {
			if s.ID != w.id || !s.Builtin {
				t.Fatalf("standard %d is %q (builtin %v), want built-in %q", i, s.ID, s.Builtin, w.id)
			}
			if len(s.Points) != w.points {
				t.Fatalf("%s has %d points, want %d", s.ID, len(s.Points), w.points)
			}
			for j, p := range s.Points {
				if p.Number != j+1 {
					t.Errorf("point at %d is numbered %d", j, p.Number)
				}
				if title, ok := w.titles[p.Number]; ok && p.Title != title {
					t.Errorf("point %d title %q, want %q", p.Number, p.Title, title)
				}
				if !strings.HasPrefix(p.URL, w.urlBase) {
					t.Errorf("point %d url %q does not start with %q", p.Number, p.URL, w.urlBase)
				}
				if _, err := url.ParseRequestURI(p.URL); err != nil {
					t.Errorf("point %d url %q: %v", p.Number, p.URL, err)
				}
				checkPointText(t, p)
			}
			// A standard the mapping does not name yet (a new pack lands
			// before its mapping groups) is not checked; once named, every
			// point must be covered.
			if !mapped(mapping, s.ID) {
				t.Logf("mapping does not name %s yet", s.ID)
			} else if missing := uncovered(mapping, s); len(missing) > 0 {
				t.Errorf("mapping leaves out %s points %v", s.ID, missing)
			}
		})
	}
	t.Run("govuk point slugs", func(t *testing.T) {
		if got := stds[0].Points[4].URL; got != "https://www.gov.uk/service-manual/service-standard/point-5-make-sure-everyone-can-use-the-service" {
			t.Errorf("govuk point 5 url = %s", got)
		}
	})
}

// checkPointText holds every point to the pack format: a summary, guidance,
// keywords, and for alpha, beta and live (or, for a standard without
// phases, its review) what a panel looks for and 3 to 6 prompts.
func checkPointText(t *testing.T, p Point) {
	t.Helper()
	if len(strings.Fields(p.Summary)) < 15 {
		t.Errorf("point %d summary is too short: %q", p.Number, p.Summary)
	}
	if len(strings.Fields(p.Guidance)) < 100 {
		t.Errorf("point %d guidance has %d words, want at least 100", p.Number, len(strings.Fields(p.Guidance)))
	}
	if len(p.Keywords) < 8 {
		t.Errorf("point %d has %d keywords, want at least 8", p.Number, len(p.Keywords))
	}
	guides := map[string]PhaseGuide{}
	if p.Review != nil {
		guides["review"] = *p.Review
	} else {
		for _, ph := range AssessedPhases {
			g, ok := p.Phases[ph]
			if !ok {
				t.Errorf("point %d has no %s guidance", p.Number, ph)
				continue
			}
			guides[string(ph)] = g
		}
	}
	for name, g := range guides {
		if strings.TrimSpace(g.LooksFor) == "" {
			t.Errorf("point %d %s: nothing on what the panel looks for", p.Number, name)
		}
		if n := len(g.Prompts); n < 3 || n > 6 {
			t.Errorf("point %d %s has %d prompts, want 3 to 6", p.Number, name, n)
		}
	}
}

func TestMappingEquivalents(t *testing.T) {
	_, m, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		from string
		n    int
		to   string
		want int // one of the equivalents
	}{
		{"localgov", 9, "govuk", 14},  // offline plan -> operate a reliable service
		{"dss2015", 12, "govuk", 5},   // succeed first time covered accessibility
		{"dss2015", 16, "govuk", 10},  // KPIs -> define success, publish data
		{"govuk", 6, "localgov", 2},   // multidisciplinary team
		{"dss2015", 8, "govuk", 12},   // open source code
		{"localgov", 1, "dss2015", 1}, // user needs
	}
	for _, tt := range tests {
		got := m.Equivalents(tt.from, tt.n, tt.to)
		found := false
		for _, g := range got {
			found = found || g.Point == tt.want
			if len(g.Topics) == 0 {
				t.Errorf("%s %d -> %s %d has no topic", tt.from, tt.n, tt.to, g.Point)
			}
		}
		if !found {
			t.Errorf("Equivalents(%s %d, %s) = %v, want it to include %d", tt.from, tt.n, tt.to, got, tt.want)
		}
	}
}

// mapped says whether any group of the mapping names standard id.
func mapped(m *Mapping, id string) bool {
	for _, g := range m.Groups {
		if len(g.Points[id]) > 0 {
			return true
		}
	}
	return false
}

// TestNHSBuildsOnGOVUK checks that NHS points 1 to 14 each build on the
// GOV.UK point of the same number, that 15 to 17 (specific to health and
// care) build on nothing, and that every builds_on names a real point.
func TestNHSBuildsOnGOVUK(t *testing.T) {
	stds, _, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Standard{}
	for _, s := range stds {
		byID[s.ID] = s
	}
	nhs, govuk := byID["nhs"], byID["govuk"]
	if nhs == nil || govuk == nil {
		t.Fatal("nhs or govuk is not built in")
	}
	for _, p := range nhs.Points {
		if p.Number > 14 {
			if len(p.BuildsOn) != 0 {
				t.Errorf("nhs point %d builds on %v, want nothing", p.Number, p.BuildsOn)
			}
			continue
		}
		if len(p.BuildsOn) != 1 || p.BuildsOn[0].Standard != "govuk" || p.BuildsOn[0].Point != p.Number {
			t.Errorf("nhs point %d builds on %v, want govuk %d", p.Number, p.BuildsOn, p.Number)
			continue
		}
		g, ok := govuk.Point(p.Number)
		if !ok {
			t.Errorf("nhs point %d builds on a govuk point that does not exist", p.Number)
		}
		if p.Guidance == g.Guidance || p.Summary == g.Summary {
			t.Errorf("nhs point %d repeats the govuk text; it should be written for health and care", p.Number)
		}
	}
}

// uncovered lists the points of a standard that no group of the mapping
// holds and no "none" entry explains.
func uncovered(m *Mapping, s *Standard) []int {
	var missing []int
	for _, p := range s.Points {
		ok := slices.ContainsFunc(m.None, func(u Unmatched) bool { return u.Standard == s.ID && u.Point == p.Number })
		for _, g := range m.Groups {
			if slices.Contains(g.Points[s.ID], p.Number) {
				ok = true
				break
			}
		}
		if !ok {
			missing = append(missing, p.Number)
		}
	}
	return missing
}
