package govuk

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/standardbot/standardbot/knowledge"
	"github.com/standardbot/standardbot/knowledge/source"
)

// Collection leads every citation of the manual.
const Collection = "GOV.UK Service Manual"

// SourceName is the Service Manual's name in a channel's sources setting.
const SourceName = "manual"

// standardID is the standard the manual's points belong to.
const standardID = "govuk"

// points is how many points the Service Standard has.
const points = 14

// pointPath finds the point a link to a point page names.
var pointPath = regexp.MustCompile(`/service-manual/service-standard/point-(\d+)-`)

// pointTitle finds the number in a point page's title ("9. Create a
// secure service...").
var pointTitle = regexp.MustCompile(`^(\d+)\.\s`)

// guideSections splits a guide's body into sections at its level-2 headings (its
// header_links), cited at www.gov.uk with each heading's anchor. Every
// section supports the points the guide's "Meeting the Service Standard"
// section (any section whose heading names the Service Standard) links
// to, and a point page its own point. The guide's description is left
// out: it summarises rather than answers, and would be quoted for it.
func guideSections(it *contentItem, body string) ([]knowledge.Section, error) {
	parts, err := source.SplitHTML(body, 2)
	if err != nil {
		return nil, err
	}
	links := linksByHeading(body)
	var supports []int
	if n := ownPoint(it); n > 0 {
		supports = append(supports, n)
	}
	for _, p := range parts {
		if strings.Contains(fold(p.Heading), "service standard") {
			supports = append(supports, pointsLinked(links[key(p.Heading)])...)
		}
	}
	slices.Sort(supports)
	supports = slices.Compact(supports)
	var refs []knowledge.PointRef
	for _, n := range supports {
		refs = append(refs, knowledge.PointRef{Standard: standardID, Point: n})
	}

	page := wwwGOVUK + it.BasePath
	anchors := anchorsFor(parts, it.Details.HeaderLinks)
	ids := map[string]int{}
	var out []knowledge.Section
	for i, p := range parts {
		if navigation(p.Heading) {
			continue
		}
		url := page
		if anchors[i] != "" {
			url += "#" + anchors[i]
		}
		id := page + "#" + anchors[i]
		if ids[id]++; ids[id] > 1 {
			id += "-" + strconv.Itoa(ids[id])
		}
		out = append(out, knowledge.Section{
			ID: id, Source: page, Title: it.Title, Heading: p.Heading, URL: url, Text: p.Text,
			Supports: refs, Collection: Collection, SourceName: SourceName,
		})
	}
	return out, nil
}

// anchorsFor gives each part the anchor its heading has on GOV.UK: its id
// when the contents (header_links) name it; else the contents entry with
// the same title; else the entry in the same place when the counts agree;
// else its id, or a slug of its text as GOV.UK makes them. The text before
// the first heading has none.
func anchorsFor(parts []source.HTMLPart, hl []headerLink) []string {
	byHref := map[string]bool{}
	byTitle := map[string]string{}
	for _, l := range hl {
		a := strings.TrimPrefix(l.Href, "#")
		byHref[a] = true
		byTitle[fold(l.Title)] = a
	}
	headed := 0
	for _, p := range parts {
		if p.Level > 0 {
			headed++
		}
	}
	out := make([]string, len(parts))
	n := 0
	for i, p := range parts {
		if p.Level == 0 {
			continue
		}
		a, ok := byTitle[fold(p.Heading)]
		switch {
		case p.ID != "" && byHref[p.ID]:
			out[i] = p.ID
		case ok:
			out[i] = a
		case headed == len(hl):
			out[i] = strings.TrimPrefix(hl[n].Href, "#")
		case p.ID != "":
			out[i] = p.ID
		default:
			out[i] = slug(p.Heading)
		}
		n++
	}
	return out
}

// fold is a heading's text for comparison: lower case, one space.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// slug makes an anchor of a heading the way GOV.UK's renderer does:
// lower case letters, digits and hyphens, spaces made hyphens.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}

// navigation reports whether a section only points elsewhere: "Meeting
// the Service Standard" (its points become Supports) and "Related
// guides". Such sections are left out of the index.
func navigation(heading string) bool {
	h := fold(heading)
	return strings.HasPrefix(h, "meeting the service standard") || h == "related guides"
}

// key is a heading's text for matching the two readings of a body: lower
// case, no spaces.
func key(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), "") }

// ownPoint is the point a point page is about, or 0 for other guides.
func ownPoint(it *contentItem) int {
	if !strings.HasPrefix(it.BasePath, standardPath+"/") {
		return 0
	}
	for _, m := range [][]string{pointPath.FindStringSubmatch(it.BasePath + "-"), pointTitle.FindStringSubmatch(it.Title)} {
		if m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= 1 && n <= points {
				return n
			}
		}
	}
	return 0
}

// pointsLinked are the points the links name.
func pointsLinked(hrefs []string) []int {
	var out []int
	for _, h := range hrefs {
		if m := pointPath.FindStringSubmatch(h); m != nil {
			if n, _ := strconv.Atoi(m[1]); n >= 1 && n <= points {
				out = append(out, n)
			}
		}
	}
	return out
}

// linksByHeading lists the links under each level-1 or level-2 heading of
// an HTML body, by the key of the heading's text.
func linksByHeading(body string) map[string][]string {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return nil
	}
	out := map[string][]string{}
	heading := ""
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.H1, atom.H2:
				heading = key(textOf(n))
				return
			case atom.A:
				for _, a := range n.Attr {
					if a.Key == "href" {
						out[heading] = append(out[heading], a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}
