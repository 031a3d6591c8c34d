package source

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/standardbot/standardbot/knowledge"
)

// FuzzMarkdownSource and FuzzHTMLSource read fuzzed documents as sources,
// the way --source reads a file: through Load, so the whole reader
// runs (front matter, the parser, a standard's points, sections and their
// anchors). Whatever the document: no panic, no error, and every section
// well formed (checkCorpus).
func FuzzMarkdownSource(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: Our playbook\nurl: https://intranet.example.gov.uk/playbook\n---\n# Playbook\n\nIntro.\n\n## Hosting\n\nWe use **GOV.UK PaaS** and [the cloud](https://example.gov.uk).\n",
		"# Team standard\n\nAbout it.\n\n## 1. Know your users\n\nResearch.\n\n## 2. Iterate\n\n- often\n- in small steps\n",
		"## Same\n\na\n\n## Same\n\nb\n\n## Same\n\nc\n",
		"| a | b |\n| --- | --- |\n| 1 | 2 |\n\n> quoted\n\n```go\ncode\n```\n\n<div>\n<p>raw <b>html</b></p>\n</div>\n\n<!-- a\ncomment -->\ntext [ref]\n\n[ref]: https://example.gov.uk\n",
		"Setext heading\n==============\n\ntext\n\n#### Deep heading\n\n###### deeper\n\n* * *\n",
		"---\ntitle: [unclosed\n---\n\n## \n\n##\n\n#no space\n",
		"\ufeff\r\n# CRLF\r\n\r\ntext\r\n",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, doc string) {
		checkSource(t, filepath.Join(dir, "playbook.md"), doc)
	})
}

func FuzzHTMLSource(f *testing.F) {
	for _, s := range []string{
		`<!doctype html><html><head><title>Hosting</title><link rel="canonical" href="https://intranet.example.gov.uk/hosting"></head>` +
			`<body><nav>menu</nav><main><h1>Hosting</h1><p>We use <a href="https://example.gov.uk">PaaS</a>.</p><h2 id="costs">Costs</h2><ul><li>one</li><li>two</li></ul></main><footer>f</footer></body></html>`,
		"<h2>Same</h2><p>a</p><h2>Same</h2><p>b</p><h2 id=same>Same</h2><p>c</p>",
		"<script>alert(1)</script><style>p{}</style><noscript>n</noscript><template><p>t</p></template><p>visible</p>",
		"<div role=main><h3>Deep</h3><table><tr><td>a<td>b</table><pre>  code\n  more</pre></div>",
		"<p>unclosed <b>bold <i>italic</p><h1></h1><h2>   </h2><svg><text>x</text></svg>&amp;&lt;&#0;&#x110000;",
		"<html><body><main><main><h1>nested</h1></main></main><iframe src=x></iframe></body></html>",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, doc string) {
		checkSource(t, filepath.Join(dir, "hosting.html"), doc)
	})
}

// checkSource writes doc to path, loads it as a source and checks what
// came of it.
func checkSource(t *testing.T, path, doc string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(context.Background(), []string{path}, Options{})
	if err != nil {
		t.Fatalf("a readable document failed to load: %v", err)
	}
	for _, p := range checkCorpus(c, path) {
		t.Error(p)
	}
}

// checkCorpus: a document is read as one standard or as guidance
// sections; every text is valid UTF-8; sections come from the file, each
// with its own id, text and a link to the file or a web address (never
// javascript: and the like); a standard's points are numbered from 1 with
// titles, and it links to the web or nowhere.
func checkCorpus(c *knowledge.Corpus, path string) []string {
	var problems []string
	if len(c.Standards) > 0 && len(c.Sections) > 0 {
		problems = append(problems, "read both as a standard and as guidance")
	}
	ids := map[string]bool{}
	for _, s := range c.Sections {
		for _, txt := range []string{s.Title, s.Heading, s.Text, s.URL, s.ID} {
			if !utf8.ValidString(txt) {
				problems = append(problems, "invalid UTF-8 in section "+s.ID)
			}
		}
		if s.Source != path || !strings.HasPrefix(s.ID, path+"#") {
			problems = append(problems, "section "+s.ID+" is not from "+path)
		}
		if ids[s.ID] {
			problems = append(problems, "two sections have the id "+s.ID)
		}
		ids[s.ID] = true
		if s.URL != path && !strings.HasPrefix(s.URL, path+"#") && !isWebURL(strings.Split(s.URL, "#")[0]) {
			problems = append(problems, "section "+s.ID+" links to "+s.URL)
		}
		if strings.TrimSpace(s.Text) == "" {
			problems = append(problems, "section "+s.ID+" has no text")
		}
		if s.Title == "" {
			problems = append(problems, "section "+s.ID+" has no title")
		}
	}
	for _, std := range c.Standards {
		if std.URL != "" && !isWebURL(std.URL) {
			problems = append(problems, "the standard links to "+std.URL)
		}
		for i, p := range std.Points {
			if p.Number != i+1 || strings.TrimSpace(p.Title) == "" || !utf8.ValidString(p.Title+p.Guidance) {
				problems = append(problems, "a standard's point is malformed")
			}
		}
	}
	return problems
}
