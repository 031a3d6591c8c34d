package source

import (
	"fmt"
	"net/url"
	"strings"

	"go.yaml.in/yaml/v3"
)

// splitFrontMatter separates YAML front matter (between "---" lines at the
// very start) from a Markdown document's body.
func splitFrontMatter(s string) (docInfo, string) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimSpace(first) != "---" {
		return docInfo{}, s
	}
	for off := 0; off < len(rest); {
		ln, _, _ := strings.Cut(rest[off:], "\n")
		if t := strings.TrimRight(ln, " \t"); t == "---" || t == "..." {
			body := ""
			if end := off + len(ln) + 1; end < len(rest) {
				body = rest[end:]
			}
			return frontMatterInfo(rest[:off]), body
		}
		off += len(ln) + 1
	}
	return docInfo{}, s
}

// frontMatterInfo reads the title and url from front matter and ignores
// the rest. Site generators put template code in front matter that is not
// valid YAML, so a document whose front matter does not parse still gets
// its title from a plain "key: value" reading.
func frontMatterInfo(y string) docInfo {
	var m map[string]any
	if err := yaml.Unmarshal([]byte(y), &m); err != nil {
		m = looseFrontMatter(y)
	}
	info := docInfo{title: frontMatterValue(m["title"])}
	if isTemplated(info.title) {
		info.title = ""
	}
	for _, k := range []string{"url", "permalink"} {
		if u := frontMatterValue(m[k]); isWebURL(u) {
			info.url = u
			break
		}
	}
	return info
}

// looseFrontMatter reads top-level "key: value" lines.
func looseFrontMatter(y string) map[string]any {
	m := map[string]any{}
	for _, ln := range strings.Split(y, "\n") {
		k, v, ok := strings.Cut(ln, ":")
		if !ok || k == "" || k[0] == ' ' || k[0] == '\t' {
			continue
		}
		m[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"'`)
	}
	return m
}

// frontMatterValue is a front matter value as text, empty for lists and maps.
func frontMatterValue(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case int, float64, bool:
		return fmt.Sprint(v)
	}
	return ""
}

func isTemplated(s string) bool { return strings.Contains(s, "{{") || strings.Contains(s, "{%") }

// isWebURL reports whether s is an absolute http(s) URL a reader can open.
func isWebURL(s string) bool {
	if s == "" || isTemplated(s) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}
