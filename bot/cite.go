package bot

import (
	"regexp"
	"strconv"
	"strings"
)

// citeMarker is a citation in a generated answer: [1].
var citeMarker = regexp.MustCompile(`\[(\d+)\]`)

// LinkCitations rewrites each [n] marker in text whose source has a web
// address with link(marker, address), leaving the rest of the text, and
// markers of sources without one (a local file), as they are. Adapters
// call it after escaping text for their markup: markers hold no
// characters any markup escapes.
func LinkCitations(text string, links []string, link func(marker, url string) string) string {
	if len(links) == 0 {
		return text
	}
	return citeMarker.ReplaceAllStringFunc(text, func(m string) string {
		n, err := strconv.Atoi(m[1 : len(m)-1])
		if err != nil || n < 1 || n > len(links) {
			return m
		}
		u := links[n-1]
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return m
		}
		return link(m, u)
	})
}
