package knowledge

import (
	"fmt"
	"sort"
	"strings"
)

// Phase is a stage of a service's life. Assessments happen at the end of
// alpha, before public beta and before live.
type Phase string

// The phases of a service, in order.
const (
	Discovery Phase = "discovery"
	Alpha     Phase = "alpha"
	Beta      Phase = "beta"
	Live      Phase = "live"
)

// AssessedPhases are the phases that end in an assessment and carry what a
// panel looks for.
var AssessedPhases = []Phase{Alpha, Beta, Live}

// Standard is a numbered list of points a service is assessed against.
type Standard struct {
	ID        string  `yaml:"id" json:"id"`
	Name      string  `yaml:"name" json:"name"`
	ShortName string  `yaml:"short_name" json:"short_name,omitempty"`
	URL       string  `yaml:"url" json:"url,omitempty"`
	About     string  `yaml:"about" json:"about,omitempty"`
	Points    []Point `yaml:"points" json:"points"`
	// Reviewed is set for a standard whose services are looked at in
	// reviews and self-assessment rather than by an assessment panel (the
	// Digital Service Standards for Wales): the bot says "a review looks
	// for" and "reviewers", not "the panel".
	Reviewed bool `yaml:"reviewed" json:"reviewed,omitempty"`
	// Builtin is true for the standards embedded in the binary.
	Builtin bool `yaml:"-" json:"builtin"`
	// Path is the file a standard was loaded from, when it came from a source.
	Path string `yaml:"-" json:"path,omitempty"`
}

// Point is one numbered point of a standard, with the project's own plain
// English guidance on it.
type Point struct {
	Number  int    `yaml:"number" json:"number"`
	Title   string `yaml:"title" json:"title"`
	URL     string `yaml:"url" json:"url,omitempty"`
	Summary string `yaml:"summary" json:"summary"`
	// Duty, when set, is the law the point carries out, in a sentence:
	// marking it n/a then takes a reason, and the bot says why panels will
	// not accept that lightly.
	Duty string `yaml:"duty" json:"duty,omitempty"`
	// Guidance is longer text: what the point means in practice. For a
	// standard imported from Markdown it is the section's body.
	Guidance string `yaml:"guidance" json:"guidance,omitempty"`
	// Phases says, for alpha, beta and live, what a panel looks for and the
	// checklist prompts a team answers.
	Phases map[Phase]PhaseGuide `yaml:"phases" json:"phases,omitempty"`
	// Keywords are the everyday words people use for the point's subject
	// (a11y, WCAG, screen reader...), indexed with a boost.
	Keywords []string `yaml:"keywords" json:"keywords,omitempty"`
	// Practices are the specific practices, artefacts, roles and rules
	// teams ask about under the point (a DPIA, a penetration test, cookie
	// consent), each quotable on its own.
	Practices []Practice `yaml:"practices" json:"practices,omitempty"`
	// Ref is the point's official number when the standard numbers its
	// points within groups ("2.1" for the second group's first standard
	// in Wales); empty when the plain number is the official one.
	Ref string `yaml:"ref" json:"ref,omitempty"`
	// Group is the named group the point sits in, when the standard
	// groups its points ("Creating good digital teams").
	Group string `yaml:"group" json:"group,omitempty"`
	// BuildsOn lists points of other standards this point's official
	// text says apply as they are (NHS points 1 to 14 are the GOV.UK
	// points in a health and care context), so answers can cite them too.
	BuildsOn []PointRef `yaml:"builds_on" json:"builds_on,omitempty"`
	// Review, for a standard without phases (the Technology Code of
	// Practice), is what a spend control or technology review looks for
	// and the prompts a team answers; Guide returns it for every phase.
	Review *PhaseGuide `yaml:"review" json:"review,omitempty"`
}

// Practice is one specific practice under a point, in the project's own
// words.
type Practice struct {
	// Topic names the practice as people say it: "Data protection impact
	// assessment (DPIA)".
	Topic string `yaml:"topic" json:"topic"`
	// Keywords are other words and abbreviations for it.
	Keywords []string `yaml:"keywords" json:"keywords,omitempty"`
	// Text says what it is, when it is expected and what a panel looks
	// for, in two to four sentences that stand on their own as a quote.
	Text string `yaml:"text" json:"text"`
}

// PhaseGuide is what an assessment panel looks for in one phase, and the
// questions a team should be able to answer.
type PhaseGuide struct {
	LooksFor string   `yaml:"looks_for" json:"looks_for"`
	Prompts  []string `yaml:"prompts" json:"prompts"`
}

// Point returns point n, or false when the standard has no such point.
func (s *Standard) Point(n int) (Point, bool) {
	for _, p := range s.Points {
		if p.Number == n {
			return p, true
		}
	}
	return Point{}, false
}

// Label is how a point is cited: "GOV.UK Service Standard, point 5: Make sure
// everyone can use the service", or with the official reference and group
// where the standard has them: "Digital Service Standards for Wales, point
// 2.1 (Creating good digital teams): Have an empowered service owner".
func (s *Standard) Label(p Point) string {
	name := s.ShortName
	if name == "" {
		name = s.Name
	}
	return fmt.Sprintf("%s, point %s: %s", name, p.Heading(), p.Title)
}

// Heading is the point's number as people see it, with its group where
// the standard groups its points: "2.1 (Creating good digital teams)", or
// just "5".
func (p Point) Heading() string {
	if p.Group != "" {
		return p.Shown() + " (" + p.Group + ")"
	}
	return p.Shown()
}

// Guide returns the phase guidance of a point, falling back to the nearest
// assessed phase (discovery uses alpha's). A point without phases gives its
// review guidance whatever the phase.
func (p Point) Guide(ph Phase) (PhaseGuide, bool) {
	if len(p.Phases) == 0 && p.Review != nil {
		return *p.Review, true
	}
	if ph == Discovery || ph == "" {
		ph = Alpha
	}
	g, ok := p.Phases[ph]
	return g, ok
}

// validate checks a standard's shape: an id, a name, points numbered 1..N.
func (s *Standard) validate() error {
	if s.ID == "" {
		return fmt.Errorf("standard has no id")
	}
	if s.Name == "" {
		return fmt.Errorf("standard %s has no name", s.ID)
	}
	if len(s.Points) == 0 {
		return fmt.Errorf("standard %s has no points", s.ID)
	}
	sort.SliceStable(s.Points, func(i, j int) bool { return s.Points[i].Number < s.Points[j].Number })
	for i, p := range s.Points {
		if p.Number != i+1 {
			return fmt.Errorf("standard %s: points must be numbered 1 to %d, found %d at position %d", s.ID, len(s.Points), p.Number, i+1)
		}
		if strings.TrimSpace(p.Title) == "" {
			return fmt.Errorf("standard %s: point %d has no title", s.ID, p.Number)
		}
		if p.Review != nil && len(p.Phases) > 0 {
			return fmt.Errorf("standard %s: point %d has both phases and review; give one", s.ID, p.Number)
		}
	}
	return nil
}

// Assessor is who looks at a service against the standard, as a phrase
// for "At beta, ___ looks for": "the panel", or "a review" for a reviewed
// standard.
func (s *Standard) Assessor() string {
	if s.Reviewed {
		return "a review"
	}
	return "the panel"
}

// Assessors is who will judge a team's evidence, as the subject of a
// sentence: "Panels", or "Reviewers" for a reviewed standard.
func (s *Standard) Assessors() string {
	if s.Reviewed {
		return "Reviewers"
	}
	return "Panels"
}
