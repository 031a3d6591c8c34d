package knowledge

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// processFile is the built-in guidance on the assessment process itself:
// booking, the day, ratings, the report. The standards' points say what a
// service must do; this says how it is checked.
const processFile = "guidance/assessments.yaml"

// guidePack is the shape of a built-in guidance file.
type guidePack struct {
	Title string `yaml:"title"`
	// About describes the pack for people reading the file.
	About    string         `yaml:"about"`
	Sections []guideSection `yaml:"sections"`
}

// guideSection is one section of a built-in guidance file, cited on its own.
type guideSection struct {
	ID       string   `yaml:"id"`
	Heading  string   `yaml:"heading"`
	URL      string   `yaml:"url"`
	Keywords []string `yaml:"keywords"`
	Text     string   `yaml:"text"`
}

// ProcessSections parses the built-in assessment guidance into sections with
// Source ProcessOrigin, in file order.
func ProcessSections() ([]Section, error) {
	return parseGuide(ProcessOrigin, embedded(processFile))
}

// processSections is ProcessSections parsed once, for every index. The file
// is embedded and checked by the tests, so an error is a build mistake, as a
// missing embedded file is.
var processSections = sync.OnceValue(func() []Section {
	secs, err := ProcessSections()
	if err != nil {
		panic("built-in assessment guidance: " + err.Error())
	}
	return secs
})

// parseGuide reads a built-in guidance file; origin prefixes the section ids
// and is each section's Source.
func parseGuide(origin string, data []byte) ([]Section, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var g guidePack
	if err := dec.Decode(&g); err != nil {
		return nil, fmt.Errorf("parse %s: %w", origin, err)
	}
	if strings.TrimSpace(g.Title) == "" || len(g.Sections) == 0 {
		return nil, fmt.Errorf("%s: needs a title and sections", origin)
	}
	seen := map[string]bool{}
	out := make([]Section, 0, len(g.Sections))
	for i, s := range g.Sections {
		switch {
		case s.ID == "" || seen[s.ID]:
			return nil, fmt.Errorf("%s: section %d: missing or repeated id %q", origin, i+1, s.ID)
		case strings.TrimSpace(s.Heading) == "" || strings.TrimSpace(s.Text) == "":
			return nil, fmt.Errorf("%s#%s: needs a heading and text", origin, s.ID)
		case !strings.HasPrefix(s.URL, "https://"):
			return nil, fmt.Errorf("%s#%s: url %q is not https", origin, s.ID, s.URL)
		}
		seen[s.ID] = true
		out = append(out, Section{
			ID:       origin + "#" + s.ID,
			Source:   origin,
			Title:    g.Title,
			Heading:  s.Heading,
			URL:      s.URL,
			Text:     strings.TrimSpace(s.Text),
			Keywords: strings.Join(s.Keywords, ", "),
		})
	}
	return out, nil
}
