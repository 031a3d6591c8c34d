package source

import "fmt"

// HTMLPart is the visible text under one heading of an HTML document.
type HTMLPart struct {
	// Level is the heading's level (1 to 6), 0 for the text before the
	// first heading.
	Level int
	// Heading is the heading's text, empty for the text before it.
	Heading string
	// ID is the heading's id attribute as written, or empty: the caller
	// decides the anchor a citation uses.
	ID string
	// Text is the part's visible text: paragraphs separated by a blank
	// line, list items and table rows by a line break, deeper headings
	// kept as paragraphs.
	Text string
}

// SplitHTML splits an HTML document or fragment (a content API's body
// field, say) into its parts at headings of level maxLevel or above, with
// the same reading of visible text as HTML sources get. Parts with no text
// are left out.
func SplitHTML(html string, maxLevel int) ([]HTMLPart, error) {
	_, bs, err := parseHTML(html)
	if err != nil {
		return nil, fmt.Errorf("read HTML: %w", err)
	}
	var out []HTMLPart
	for _, p := range splitParts(bs, maxLevel) {
		text := joinBlocks(p.body)
		if text == "" {
			continue
		}
		out = append(out, HTMLPart{Level: p.heading.level, Heading: p.heading.text, ID: p.heading.id, Text: text})
	}
	return out, nil
}
