package source

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
)

func TestHTMLPage(t *testing.T) {
	path := filepath.Join("testdata", "sources", "page.html")
	c := mustLoad(t, path)
	const title = "Cookies guidance – Example"
	want := []knowledge.Section{
		{
			ID: path + "#top", Source: path, Title: title, Heading: "Cookies", URL: path,
			Text: "Only set essential cookies without consent.",
		},
		{
			ID: path + "#analytics-cookies", Source: path, Title: title, Heading: "Analytics cookies", URL: path,
			Text: "Ask first.\n\nExplain what they do\nLet users say no",
		},
		{
			ID: path + "#records", Source: path, Title: title, Heading: "Records", URL: path,
			Text: "Cookie; Expires\n_ga; 2 years\n\nSmall print\n\nKeep a log.",
		},
		{
			ID: path + "#analytics-cookies-2", Source: path, Title: title, Heading: "Analytics cookies", URL: path,
			Text: "Again.",
		},
	}
	for i := range want {
		want[i].SourceName = SourceName(path) // named after the spec
	}
	if !reflect.DeepEqual(c.Sections, want) {
		t.Errorf("sections:\n got %#v\nwant %#v", c.Sections, want)
	}
	for _, s := range c.Sections {
		for _, hidden := range []string{"banner", "Home", "script text", "tracking", "Enable JavaScript", "Footer", "color"} {
			if strings.Contains(s.Text, hidden) {
				t.Errorf("section %s shows invisible text %q", s.ID, hidden)
			}
		}
	}
}

func TestHTMLVariants(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantTitle string
		wantURL   string // of the first section; empty: the file path
		wantHead  string // a heading some section must have
		wantText  []string
		notText   []string
	}{
		{
			name:      "title from first h1 when there is no title element",
			body:      "<body><p>Opening words.</p><h1>Main heading</h1><p>Body.</p></body>",
			wantTitle: "Main heading",
			wantText:  []string{"Opening words.", "Body."},
		},
		{
			name:      "without main, the body is read but its site header is not",
			body:      "<title>T</title><header>Banner</header><article><header><h1>Article title</h1></header><p>Words.</p></article>",
			wantTitle: "T",
			wantHead:  "Article title",
			wantText:  []string{"Words."},
			notText:   []string{"Banner"},
		},
		{
			name:      "hidden elements and svg dropped",
			body:      "<title>T</title><p>Shown.</p><p hidden>Secret.</p><svg><text>Icon</text></svg><template><p>Later.</p></template>",
			wantTitle: "T",
			wantText:  []string{"Shown."},
			notText:   []string{"Secret.", "Icon", "Later."},
		},
		{
			name:      "canonical link becomes the citation URL",
			body:      `<head><title>T</title><link rel="canonical" href="https://example.org/page"></head><h2 id="Intro_1">Intro</h2><p>Words.</p>`,
			wantTitle: "T",
			wantURL:   "https://example.org/page#Intro_1",
			wantText:  []string{"Words."},
		},
		{
			name:      "only main when the page marks it",
			body:      `<title>T</title><div class="cookie-banner">We use cookies.</div><div role="main"><p>Content.</p></div>`,
			wantTitle: "T",
			wantText:  []string{"Content."},
			notText:   []string{"We use cookies."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"page.htm": tt.body})
			path := filepath.Join(dir, "page.htm")
			c := mustLoad(t, path)
			if len(c.Sections) == 0 {
				t.Fatal("no sections")
			}
			wantURL := tt.wantURL
			if wantURL == "" {
				wantURL = path
			}
			if s := c.Sections[0]; s.Title != tt.wantTitle || s.URL != wantURL {
				t.Errorf("title %q, url %q; want %q, %q", s.Title, s.URL, tt.wantTitle, wantURL)
			}
			var all []string
			headed := tt.wantHead == ""
			for _, s := range c.Sections {
				all = append(all, s.Text)
				headed = headed || s.Heading == tt.wantHead
			}
			if !headed {
				t.Errorf("no section has the heading %q", tt.wantHead)
			}
			text := strings.Join(all, "\n\n")
			for _, w := range tt.wantText {
				if !strings.Contains(text, w) {
					t.Errorf("text %q lacks %q", text, w)
				}
			}
			for _, n := range tt.notText {
				if strings.Contains(text, n) {
					t.Errorf("text %q shows %q", text, n)
				}
			}
		})
	}
}
