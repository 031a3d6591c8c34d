package govuk

import (
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

func TestLoadCitesWWWGOVUKWithAnchorsAndSupports(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	sync(t, site, dir)
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.Guides != len(site.Guides()) || c.FetchedAt.IsZero() || c.Hash == "" {
		t.Fatalf("copy = %d guides, fetched %s, hash %q", c.Guides, c.FetchedAt, c.Hash)
	}
	byURL := map[string]knowledge.Section{}
	for _, s := range c.Sections {
		if !strings.HasPrefix(s.URL, "https://www.gov.uk/service-manual/") {
			t.Errorf("section cited at %s, want www.gov.uk whatever server it came from", s.URL)
		}
		if strings.Contains(s.Heading, "Meeting the Service Standard") {
			t.Errorf("the navigation section %q was indexed", s.Heading)
		}
		byURL[s.URL] = s
	}
	nine := []knowledge.PointRef{{Standard: "govuk", Point: 9}}
	tests := []struct {
		url, title, heading string
		supports            []knowledge.PointRef
	}{
		{govuktest.GuideURL(pentest) + "#commissioning-an-it-health-check", "Vulnerability and penetration testing", "Commissioning an IT health check", nine},
		{govuktest.GuideURL(hosting) + "#avoiding-lock-in", "Choosing how to host your service", "Avoiding lock-in",
			[]knowledge.PointRef{{Standard: "govuk", Point: 11}, {Standard: "govuk", Point: 14}}},
		// A point page whose headings have no ids takes its anchors from
		// its contents (header_links), and supports its own point.
		{govuktest.GuideURL(point1) + "#what-it-means", "1. Understand users and their needs", "What it means", []knowledge.PointRef{{Standard: "govuk", Point: 1}}},
	}
	for _, tc := range tests {
		s, ok := byURL[tc.url]
		if !ok {
			t.Errorf("no section cited at %s", tc.url)
			continue
		}
		if s.Title != tc.title || s.Heading != tc.heading || !reflect.DeepEqual(s.Supports, tc.supports) || s.Text == "" {
			t.Errorf("section at %s = %+v", tc.url, s)
		}
	}
	first := byURL[govuktest.GuideURL(pentest)+"#why-test-for-vulnerabilities"]
	if !strings.HasPrefix(first.Text, "Every service has weaknesses") {
		t.Errorf("the first section = %q, want its own text", first.Text)
	}

	again, _ := Load(dir)
	if again.Hash != c.Hash {
		t.Error("the same copy loaded twice has two hashes")
	}
	site.Revise(pentest, "Fixture revision.")
	sync(t, site, dir)
	if after, _ := Load(dir); after.Hash == c.Hash {
		t.Error("a revised guide left the hash unchanged")
	}
}

func TestLoadNothingKept(t *testing.T) {
	c, err := Load(t.TempDir())
	if err != nil || c.Guides != 0 || len(c.Sections) != 0 || !c.FetchedAt.IsZero() {
		t.Errorf("Load of an empty folder = %+v, %v", c, err)
	}
}

func TestAnchorsFor(t *testing.T) {
	hl := []headerLink{{Title: "Plan it", Href: "#plan-it"}, {Title: "Do it", Href: "#do-it-now"}}
	tests := []struct {
		name  string
		parts []source.HTMLPart
		want  []string
	}{
		{"ids named by the contents", []source.HTMLPart{{Text: "lead"}, {Level: 2, Heading: "Plan it", ID: "plan-it"}, {Level: 2, Heading: "Do it", ID: "do-it-now"}}, []string{"", "plan-it", "do-it-now"}},
		{"no ids: by title", []source.HTMLPart{{Level: 2, Heading: "Do it"}, {Level: 2, Heading: "plan  IT"}}, []string{"do-it-now", "plan-it"}},
		{"ids the contents do not name, titles differ: by place", []source.HTMLPart{{Level: 2, Heading: "Planning", ID: "x"}, {Level: 2, Heading: "Doing", ID: "y"}}, []string{"plan-it", "do-it-now"}},
		{"counts differ: own id, else a slug", []source.HTMLPart{{Level: 2, Heading: "Other", ID: "other-id"}, {Level: 2, Heading: "Why it’s here?"}, {Level: 2, Heading: "Plan it"}}, []string{"other-id", "why-its-here", "plan-it"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := anchorsFor(tc.parts, hl); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("anchors = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestOwnPointAndPointsLinked(t *testing.T) {
	if n := ownPoint(&contentItem{BasePath: "/service-manual/service-standard/point-14-operate-a-reliable-service"}); n != 14 {
		t.Errorf("point page by path = %d", n)
	}
	if n := ownPoint(&contentItem{BasePath: "/service-manual/service-standard/understand-user-needs", Title: "1. Understand user needs"}); n != 1 {
		t.Errorf("point page by title = %d", n)
	}
	if n := ownPoint(&contentItem{BasePath: "/service-manual/agile-delivery/point-3-of-view"}); n != 0 {
		t.Errorf("a guide outside the standard = %d", n)
	}
	got := pointsLinked([]string{"https://www.gov.uk/service-manual/service-standard/point-9-create-a-secure-service",
		"/service-manual/service-standard/point-15-no-such-point", "/service-manual/agile-delivery", "/service-manual/service-standard/point-2-solve-a-whole-problem#x"})
	if !reflect.DeepEqual(got, []int{9, 2}) {
		t.Errorf("points linked = %v", got)
	}
}
