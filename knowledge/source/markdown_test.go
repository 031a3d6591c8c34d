package source

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/knowledge"
)

func TestMarkdownStandard(t *testing.T) {
	path := filepath.Join("testdata", "sources", "team-standard.md")
	c := mustLoad(t, path)
	if len(c.Standards) != 1 || len(c.Sections) != 0 {
		t.Fatalf("got %d standards and %d sections, want 1 standard only", len(c.Standards), len(c.Sections))
	}
	want := &knowledge.Standard{
		ID:    "team-standard",
		Name:  "Team Service Standard",
		URL:   "https://example.org/team-standard",
		About: "Our own standard, in two points.",
		Path:  path,
		Points: []knowledge.Point{
			{
				Number:   1,
				Title:    "Know your users",
				URL:      "https://example.org/team-standard#1-know-your-users",
				Summary:  "Spend time with the people who use the service.",
				Guidance: "Spend time with the people who use the service.\n\nWatch them use it, and listen.\n\nWhy it matters\n\nYou learn what they really need.",
			},
			{
				Number:   2,
				Title:    "Ship often",
				URL:      "https://example.org/team-standard#2-ship-often",
				Summary:  "Release small changes every week.",
				Guidance: "Release small changes every week.\n\ndeploy on Tuesdays\nroll back fast",
			},
		},
	}
	if got := c.Standards[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("standard:\n got %#v\nwant %#v", got, want)
	}
	if _, err := knowledge.NewLibrary(nil, c.Standards[0]); err != nil {
		t.Errorf("loaded standard is not one a library takes: %v", err)
	}
}

func TestMarkdownStandardDetection(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		body     string
		wantID   string // empty: loaded as guidance
		wantName string
		wantN    int
	}{
		{
			name:     "name from front matter when there is no H1",
			file:     "ours.md",
			body:     "---\ntitle: Our Standard\n---\n## 1. One\n\nFirst.\n\n## 2. Two\n\nSecond.\n",
			wantID:   "ours",
			wantName: "Our Standard",
			wantN:    2,
		},
		{
			name:     "name from file when there is no title",
			file:     "plain-points.markdown",
			body:     "Intro.\n\n## 1. One\n\nFirst.\n\n##   2.    Two\n\nSecond.\n\n## Further reading\n\nStays in point 2.\n\n## 3. Three\n\nThird.\n",
			wantID:   "plain-points",
			wantName: "plain-points",
			wantN:    3,
		},
		{name: "one numbered heading is guidance", file: "one.md", body: "# One\n\n## 1. Only\n\nText.\n"},
		{name: "numbers out of order are guidance", file: "gaps.md", body: "## 1. One\n\nA.\n\n## 3. Three\n\nB.\n"},
		{name: "numbered level-3 headings are guidance", file: "h3.md", body: "### 1. One\n\nA.\n\n### 2. Two\n\nB.\n"},
		{name: "numbers without a dot are guidance", file: "nodot.md", body: "## 1 One\n\nA.\n\n## 2 Two\n\nB.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.body})
			c := mustLoad(t, filepath.Join(dir, tt.file))
			if tt.wantID == "" {
				if len(c.Standards) != 0 || len(c.Sections) == 0 {
					t.Fatalf("got %d standards and %d sections, want guidance", len(c.Standards), len(c.Sections))
				}
				return
			}
			if len(c.Standards) != 1 {
				t.Fatalf("got %d standards, want 1", len(c.Standards))
			}
			s := c.Standards[0]
			if s.ID != tt.wantID || s.Name != tt.wantName || len(s.Points) != tt.wantN {
				t.Errorf("got id %q, name %q, %d points; want %q, %q, %d", s.ID, s.Name, len(s.Points), tt.wantID, tt.wantName, tt.wantN)
			}
			if s.URL != "" || s.Points[0].URL != "" {
				t.Errorf("URLs %q and %q, want none without front matter url", s.URL, s.Points[0].URL)
			}
			if n := len(s.Points); n == 3 && s.Points[1].Guidance != "Second.\n\nFurther reading\n\nStays in point 2." {
				t.Errorf("point 2 guidance = %q, want the unnumbered section inside it", s.Points[1].Guidance)
			}
		})
	}
}

func TestMarkdownGuidance(t *testing.T) {
	path := filepath.Join("testdata", "sources", "guide.md")
	c := mustLoad(t, path)
	const title = "Accessibility: a team guide"
	want := []knowledge.Section{
		{
			ID: path + "#", Source: path, Title: title, URL: "https://example.org/guide",
			Text: "Read this before you start.",
		},
		{
			ID: path + "#test-with-users", Source: path, Title: title, Heading: "Test with users",
			URL: "https://example.org/guide#test-with-users",
			Text: "Test with disabled people and older people, using assistive tech.\n\n" +
				"screen readers such as NVDA\nmagnifiers\n\n" +
				"Tool; Use\nNVDA; screen reader\n\n" +
				"Deeper detail\n\nStays in the parent section.",
		},
		{
			ID: path + "#test-with-users-2", Source: path, Title: title, Heading: "Test with users",
			URL:  "https://example.org/guide#test-with-users-2",
			Text: "Again, a second time & more.\n\n## not a heading",
		},
	}
	for i := range want {
		want[i].SourceName = SourceName(path) // named after the spec
	}
	if !reflect.DeepEqual(c.Sections, want) {
		t.Errorf("sections:\n got %#v\nwant %#v", c.Sections, want)
	}
}

func TestMarkdownTitles(t *testing.T) {
	tests := []struct {
		name, file, body string
		wantTitle        string
		wantURL          string // of the first section
	}{
		{
			name: "first H1 without front matter", file: "g.md",
			body:      "Opening.\n\n# The Guide\n\nBody.\n\n# Second\n\nMore.",
			wantTitle: "The Guide", wantURL: "g.md",
		},
		{
			name: "file name when there is no H1", file: "how-to_write-APIs.md",
			body:      "## Start\n\nBody.",
			wantTitle: "How to write APIs", wantURL: "how-to_write-APIs.md",
		},
		{
			name: "templated and relative urls ignored", file: "t.md",
			body:      "---\ntitle: \"{{ page.title }}\"\nurl: /relative/page\npermalink: {{ page.url }}\n---\n# Real title\n\nBody.",
			wantTitle: "Real title", wantURL: "t.md",
		},
		{
			name: "permalink used when it is a real URL", file: "p.md",
			body:      "---\npermalink: https://example.org/p\n---\n# P\n\nBody.",
			wantTitle: "P", wantURL: "https://example.org/p#p",
		},
		{
			name: "setext headings", file: "s.md",
			body:      "Big title\n=========\n\nBody.\n\nSmaller\n-------\n\nMore.",
			wantTitle: "Big title", wantURL: "s.md",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.body})
			c := mustLoad(t, filepath.Join(dir, tt.file))
			if len(c.Sections) == 0 {
				t.Fatal("no sections")
			}
			s := c.Sections[0]
			wantURL := tt.wantURL
			if !strings.HasPrefix(wantURL, "https:") {
				wantURL = filepath.Join(dir, wantURL)
			}
			if s.Title != tt.wantTitle || s.URL != wantURL {
				t.Errorf("title %q, url %q; want %q, %q", s.Title, s.URL, tt.wantTitle, wantURL)
			}
			for _, s := range c.Sections {
				if strings.TrimSpace(s.Text) == "" {
					t.Errorf("empty section %q kept", s.ID)
				}
			}
		})
	}
}

func TestMarkdownStripInline(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"link keeps text", "See [the guide](https://x.org/a_(b)) now", "See the guide now"},
		{"link with title", `[guide](https://x.org "Title") here`, "guide here"},
		{"reference link", "Read [the manual][man].", "Read the manual."},
		{"image dropped", "Before ![alt text](i.png) after", "Before  after"},
		{"autolink keeps address", "Mail <mailto:a@b.org> or <https://x.org>", "Mail mailto:a@b.org or https://x.org"},
		{"emphasis dropped", "**bold**, *it*, __strong__, _em_ and ~~gone~~", "bold, it, strong, em and gone"},
		{"code keeps content verbatim", "Run `go test ./... **not bold**` now", "Run go test ./... **not bold** now"},
		{"double backtick code", "``a `tick` b``", "a `tick` b"},
		{"unmatched backtick kept", "it`s odd", "it`s odd"},
		{"html tags dropped", "a<br>b <span class=\"x\">c</span>", "a b c"},
		{"entities decoded", "Fish &amp; chips &ndash; &lt;tasty&gt;", "Fish & chips – <tasty>"},
		{"escapes resolved", `1\. not a list, \*not em\*`, "1. not a list, *not em*"},
		{"arithmetic and identifiers kept", "2*3 = 6, a * b, snake_case_name", "2*3 = 6, a * b, snake_case_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripInline(tt.in); got != tt.want {
				t.Errorf("stripInline(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMarkdownBlocks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"soft breaks joined", "one\ntwo\n\nthree", "one two\n\nthree"},
		{"ordered list keeps numbers", "1. first\n2) second\n   continued", "1. first\n2) second continued"},
		{"task list boxes dropped", "- [ ] todo\n- [x] done", "todo\ndone"},
		{"quote markers dropped", "> quoted\n> text\n\nafter", "quoted text\n\nafter"},
		{"rules and reference definitions dropped", "a\n\n---\n\n[x]: https://x.org\n\nb", "a\n\nb"},
		{"table without outer pipes", "A | B\n--|--\n1 | 2", "A; B\n1; 2"},
		{"comment across lines", "a <!-- one\ntwo --> b", "a b"},
		{"raw HTML block", "<details>\n<summary>More</summary>\n<p>Hidden &amp; shown</p>\n</details>\n\nafter", "More\n\nHidden & shown\n\nafter"},
		{"fenced code kept line by line", "~~~\nx := 1\ny := 2\n~~~", "x := 1\ny := 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, bs := parseMarkdown(tt.in)
			if got := joinBlocks(bs); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
