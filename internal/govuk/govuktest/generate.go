package govuktest

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// The real manual's size, about: guides, and sections in each.
const (
	ManualGuides   = 200
	GuideSections  = 10
	generatedTopic = 20
)

// Generate makes the documents of a manual of n guides with sections
// sections each, spread over 20 topics; every guide supports one or two
// points, and the 14 point pages are among the guides. The text
// recombines the sentences given (the built-in standards' guidance, say),
// so words are distributed as in real guidance; the same arguments give
// the same documents. Serve them with Serve.
func Generate(n, sections int, sentences []string) (map[string][]byte, error) {
	if len(sentences) == 0 {
		return nil, fmt.Errorf("generate: no sentences to write guides with")
	}
	pool := sentences
	r := rand.New(rand.NewPCG(uint64(n), uint64(sections)))
	docs := map[string][]byte{}
	put := func(basePath string, v any) {
		data, _ := json.Marshal(v)
		docs["/api/content"+basePath] = data
	}
	date := "2026-04-01T09:00:00.000+00:00"
	var topics []map[string]any
	listed := make([][]map[string]any, generatedTopic)
	var points []map[string]any
	for i := range n {
		title := titleFrom(pool[r.IntN(len(pool))])
		bp := fmt.Sprintf("%s/guide-%03d", topicPath(i%generatedTopic), i)
		supports := []int{1 + r.IntN(14)}
		if r.IntN(2) == 0 {
			supports = append(supports, 1+r.IntN(14))
		}
		if i < 14 {
			bp = fmt.Sprintf("/service-manual/service-standard/point-%d-generated-point", i+1)
			title = fmt.Sprintf("%d. %s", i+1, title)
			supports = nil
		}
		put(bp, generatedGuide(r, pool, bp, title, date, sections, supports))
		item := map[string]any{"title": title, "base_path": bp, "public_updated_at": date}
		if i < 14 {
			points = append(points, item)
		} else {
			listed[i%generatedTopic] = append(listed[i%generatedTopic], item)
		}
	}
	for t := range generatedTopic {
		tp := topicPath(t)
		topics = append(topics, map[string]any{"title": fmt.Sprintf("Topic %d", t), "base_path": tp})
		put(tp, map[string]any{"base_path": tp, "title": fmt.Sprintf("Topic %d", t), "schema_name": "service_manual_topic",
			"public_updated_at": date, "details": map[string]any{}, "links": map[string]any{"linked_items": listed[t]}})
	}
	put(standardPath, map[string]any{"base_path": standardPath, "title": "The Service Standard", "schema_name": "service_manual_service_standard",
		"public_updated_at": date, "details": map[string]any{"body": "<p>Generated.</p>"}, "links": map[string]any{"children": points}})
	put("/service-manual", map[string]any{"base_path": "/service-manual", "title": "Service Manual", "schema_name": "service_manual_homepage",
		"public_updated_at": date, "details": map[string]any{}, "links": map[string]any{"children": topics}})
	return docs, nil
}

const standardPath = "/service-manual/service-standard"

func generatedGuide(r *rand.Rand, pool []string, bp, title, date string, sections int, supports []int) map[string]any {
	var body strings.Builder
	var links []map[string]string
	for s := range sections {
		head := titleFrom(pool[r.IntN(len(pool))])
		anchor := fmt.Sprintf("section-%d", s+1)
		fmt.Fprintf(&body, "<h2 id=%q>%s</h2>\n", anchor, html.EscapeString(head))
		for range 2 + r.IntN(3) {
			body.WriteString("<p>")
			for k := range 2 + r.IntN(3) {
				if k > 0 {
					body.WriteByte(' ')
				}
				body.WriteString(html.EscapeString(pool[r.IntN(len(pool))]))
			}
			body.WriteString("</p>\n")
		}
		links = append(links, map[string]string{"title": head, "href": "#" + anchor})
	}
	if len(supports) > 0 {
		body.WriteString(`<h2 id="meeting-the-service-standard">Meeting the Service Standard</h2><p>This guidance helps you meet `)
		for i, p := range supports {
			if i > 0 {
				body.WriteString(" and ")
			}
			fmt.Fprintf(&body, `<a href="/service-manual/service-standard/point-%d-generated-point">point %d</a>`, p, p)
		}
		body.WriteString(" of the Service Standard.</p>\n")
		links = append(links, map[string]string{"title": "Meeting the Service Standard", "href": "#meeting-the-service-standard"})
	}
	return map[string]any{
		"base_path": bp, "title": title, "description": "Generated guide.", "schema_name": "service_manual_guide",
		"document_type": "service_manual_guide", "public_updated_at": date,
		"details": map[string]any{"body": body.String(), "header_links": links}, "links": map[string]any{},
	}
}

// titleFrom makes a heading of a sentence's first words.
func titleFrom(sentence string) string {
	words := strings.Fields(strings.Trim(sentence, ".:;, "))
	return strings.Join(words[:min(6, len(words))], " ")
}
