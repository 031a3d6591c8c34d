package bot

import (
	"strings"

	"github.com/standardbot/standardbot/knowledge"
)

// LinkCitations rewrites each [n] marker in text whose source has a web
// address with link(marker, address), leaving the rest of the text, and
// markers of sources without one (a local file), as they are. Adapters
// call it after escaping text for their markup: markers hold no
// characters any markup escapes.
func LinkCitations(text string, links []string, link func(marker, url string) string) string {
	if len(links) == 0 {
		return text
	}
	return knowledge.MapCitations(text, func(n int, m string) string {
		if n < 1 || n > len(links) {
			return m
		}
		u := links[n-1]
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return m
		}
		return link(m, u)
	})
}
