package checklist_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/standardbot/standardbot/checklist"
)

// anchor is a link as the page has it.
type anchor struct{ Href, Rel, Text string }

// itemLinks are the links in the report page's notes and evidence lists,
// and the text of each list item.
func itemLinks(t *testing.T, page string) ([]anchor, []string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var links []anchor
	var items []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "ul" || attrOf(n, "class") != "items" {
			continue
		}
		for li := range n.ChildNodes() {
			items = append(items, textOf(li))
			for a := range li.Descendants() {
				if a.Type == html.ElementNode && a.Data == "a" {
					links = append(links, anchor{attrOf(a, "href"), attrOf(a, "rel"), textOf(a)})
				}
			}
		}
	}
	return links, items
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// TestReportLinksInNotes: web addresses in notes and evidence become
// links, without the sentence's punctuation, telling the browser to send
// no referrer; nothing else becomes a link, and every text is escaped.
func TestReportLinksInNotes(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []anchor // Text is Href unless given; Rel is always "noopener noreferrer"
	}{
		{"see https://example.gov.uk/research.", []anchor{{Href: "https://example.gov.uk/research", Text: "https://example.gov.uk/research"}}},
		{"Research (https://example.gov.uk/r), then https://example.gov.uk/s, and https://example.gov.uk/t!",
			[]anchor{{Href: "https://example.gov.uk/r"}, {Href: "https://example.gov.uk/s"}, {Href: "https://example.gov.uk/t"}}},
		// html/template writes brackets in an address percent-encoded, the
		// same address.
		{"https://en.wikipedia.org/wiki/Bus_(computing)", []anchor{{Href: "https://en.wikipedia.org/wiki/Bus_%28computing%29", Text: "https://en.wikipedia.org/wiki/Bus_(computing)"}}},
		{"HTTP://EXAMPLE.GOV.UK/UPPER", []anchor{{Href: "HTTP://EXAMPLE.GOV.UK/UPPER"}}},
		{"https://example.gov.uk/apply?a=1&b=2#top", []anchor{{Href: "https://example.gov.uk/apply?a=1&b=2#top"}}},
		{`"https://example.gov.uk/quoted"`, []anchor{{Href: "https://example.gov.uk/quoted"}}},
		{`https://evil.example/"onmouseover="alert(1)`, []anchor{{Href: "https://evil.example/"}}},
		{"https://evil.example/<script>alert(1)</script>", []anchor{{Href: "https://evil.example/"}}},
		{"javascript:alert(1)", nil},
		{"javascript:alert('https://x.example')", []anchor{{Href: "https://x.example"}}},
		{"data:text/html;base64,PHNjcmlwdD4= and ftp://files.example/a and //example.gov.uk/b", nil},
		{"https:// and http://", nil},
		{"mailto:team@example.gov.uk", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
			p := &checklist.Project{Name: "Links", Standard: "govuk", Points: 1, Phase: checklist.Alpha}
			stored := []checklist.PointState{{Point: 1, Status: checklist.Met, Notes: []checklist.Item{{ID: 41, Text: tc.text, By: "amy", At: at}},
				Evidence: []checklist.Item{{ID: 42, Text: tc.text, By: "amy", At: at}}}}
			page := render(t, checklist.NewReport(checklist.NewProgress(p, stored), "Standard", nil, at), "html")
			links, items := itemLinks(t, page)
			if len(links) != 2*len(tc.want) {
				t.Fatalf("links = %+v, want %+v in the note and the evidence", links, tc.want)
			}
			for i, a := range links {
				want := tc.want[i%len(tc.want)]
				if want.Text == "" {
					want.Text = want.Href
				}
				want.Rel = "noopener noreferrer"
				if a != want {
					t.Errorf("link %d = %+v, want %+v", i, a, want)
				}
			}
			// The text reads as typed, the links inside it, with its id.
			for i, item := range items {
				want := fmt.Sprintf("#%d %s (amy, 20 November 2026)", 41+i, tc.text)
				if item != want {
					t.Errorf("item %d reads %q, want %q", i, item, want)
				}
			}
			for _, p := range checkHTML(page) {
				t.Error(p)
			}
		})
	}
}
