package source

import (
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/standardbot/standardbot/knowledge"
)

// textBlock is one unit of a parsed document's visible text: a heading, a
// paragraph or a line (list item, table row, code line). Markdown, HTML and
// plain text all parse to blocks, so sectioning and joining are shared.
type textBlock struct {
	text  string
	level int // 1 to 6 for a heading, 0 otherwise
	line  lineKind
	id    string // a heading's anchor: its HTML id attribute, then assignAnchors
}

// lineKind says whether a block is a line of a list, a table or code.
// Neighbouring lines of one kind are joined by a line break rather than a
// blank line, so a list reads as one list even when its source was loose.
type lineKind uint8

const (
	notLine lineKind = iota
	itemLine
	rowLine
	codeLine
)

// textBlocks collects blocks, dropping those with no visible text.
type textBlocks []textBlock

func (l *textBlocks) add(b textBlock) {
	b.text = collapseSpace(b.text)
	if b.text != "" {
		*l = append(*l, b)
	}
}

// joinBlocks renders blocks as text: paragraphs separated by a blank line,
// neighbouring lines of one kind by a line break, so a list or table stays
// together and the answerer can split paragraphs on "\n\n".
func joinBlocks(bs []textBlock) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			if bl.line != notLine && bl.line == bs[i-1].line {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(bl.text)
	}
	return b.String()
}

// collapseSpace collapses every run of white space (including no-break
// spaces) to one space and trims the ends.
func collapseSpace(s string) string {
	if !needsSpaceFix(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// needsSpaceFix is the fast path of collapseSpace: most text is already
// clean, and strings.Fields allocates.
func needsSpaceFix(s string) bool {
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && s != ""
}

// textPart is a stretch of a document under one heading.
type textPart struct {
	heading textBlock // zero for the text before the first heading
	body    []textBlock
}

// splitParts splits blocks at headings of level maxLevel or above. Deeper
// headings stay in their parent's body as paragraphs.
func splitParts(bs []textBlock, maxLevel int) []textPart {
	parts := []textPart{{}}
	for _, b := range bs {
		if b.level > 0 && b.level <= maxLevel {
			parts = append(parts, textPart{heading: b})
			continue
		}
		b.level = 0
		last := &parts[len(parts)-1]
		last.body = append(last.body, b)
	}
	return parts
}

// docInfo is what a parser learns about a document besides its blocks.
type docInfo struct {
	title string // front matter title, <title>, or empty
	url   string // front matter url or canonical link, if a real http(s) URL
}

// sectionsOf turns a guidance document's blocks into sections cited as
// source, splitting at headings of levels 1 to 3. docURL, when set, is
// where citations point; otherwise they point at the source itself.
func sectionsOf(bs []textBlock, title, source, docURL string) []knowledge.Section {
	assignAnchors(bs)
	var out []knowledge.Section
	for _, p := range splitParts(bs, 3) {
		anchor := p.heading.id
		text := joinBlocks(p.body)
		if text == "" {
			continue
		}
		u := source
		if docURL != "" {
			u = docURL
			if anchor != "" {
				u += "#" + anchor
			}
		}
		out = append(out, knowledge.Section{
			ID:      source + "#" + anchor,
			Source:  source,
			Title:   title,
			Heading: p.heading.text,
			URL:     u,
			Text:    text,
		})
	}
	return out
}

// assignAnchors sets the id of every heading: its own (HTML id attribute)
// or a slug of its text, made unique. Every heading takes one, even a deep
// one or one with no text under it, so the numbering of repeated anchors
// matches the page they link to.
func assignAnchors(bs []textBlock) {
	anchors := anchorSet{used: map[string]bool{}, next: map[string]int{}}
	for i, b := range bs {
		if b.level == 0 {
			continue
		}
		a := b.id
		if a == "" {
			a = anchorSlug(b.text)
		}
		bs[i].id = anchors.unique(a)
	}
}

// anchorSet makes anchors unique within a document the way most renderers
// do: a repeated anchor gets -2, -3... It remembers, for each anchor, the
// next number to try, so a page that repeats one heading 300,000 times
// takes linear time, not quadratic.
type anchorSet struct {
	used map[string]bool
	next map[string]int
}

func (s anchorSet) unique(a string) string {
	if !s.used[a] {
		s.used[a] = true
		return a
	}
	i := max(s.next[a], 2)
	c := a + "-" + strconv.Itoa(i)
	for s.used[c] {
		i++
		c = a + "-" + strconv.Itoa(i)
	}
	s.used[c] = true
	s.next[a] = i + 1
	return c
}

// anchorSlug makes a heading into an anchor: lower case ASCII letters,
// digits and hyphens. Punctuation is dropped rather than hyphenated ("Why
// it's important" gives why-its-important), as GitHub and most site
// generators do.
func anchorSlug(s string) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToLower(s) {
		if f, ok := asciiFold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(r)
		case r == '-', r == '_', unicode.IsSpace(r):
			gap = true
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// asciiFold maps the accented letters of English and Welsh text to ASCII,
// so "Caffi â gwasanaeth" keeps its letters in the anchor.
var asciiFold = func() map[rune]rune {
	m := map[rune]rune{}
	for _, pair := range []string{
		"aàáâãäåā", "cç", "eèéêëē", "iìíîïī", "nñ", "oòóôõöøō", "uùúûüū", "wŵẁẃẅ", "yýÿŷỳ",
	} {
		base, size := utf8.DecodeRuneInString(pair)
		for _, r := range pair[size:] {
			m[r] = base
		}
	}
	return m
}()

// prettyName makes a title from a file name or URL path when a document
// has none: "how-to_write-APIs.md" gives "How to write APIs".
func prettyName(name string) string {
	base := stripDocExt(path.Base(strings.ReplaceAll(name, "\\", "/")))
	base = collapseSpace(strings.NewReplacer("-", " ", "_", " ").Replace(base))
	r, size := utf8.DecodeRuneInString(base)
	if size == 0 {
		return name
	}
	return string(unicode.ToUpper(r)) + base[size:]
}

// cleanSourceText makes raw bytes into text the parsers can trust: valid
// UTF-8, no byte order mark, "\n" line ends.
func cleanSourceText(data []byte) string {
	s := strings.ToValidUTF8(string(data), "\uFFFD")
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}

// parsePlain reads a text file: paragraphs at blank lines, lines within a
// paragraph joined, except lines that look like list items, which keep
// their own line so a list reads as a list.
func parsePlain(s string) []textBlock {
	var bs textBlocks
	var para []string
	inItem := false // the previous line was a list item, so a wrapped line continues it
	flush := func() {
		if len(para) > 0 {
			bs.add(textBlock{text: strings.Join(para, " ")})
			para = para[:0]
		}
	}
	for _, ln := range strings.Split(s, "\n") {
		t := strings.TrimSpace(ln)
		switch {
		case t == "":
			flush()
			inItem = false
		case plainItem(t):
			flush()
			bs.add(textBlock{text: t, line: itemLine})
			inItem = true
		case inItem:
			bs[len(bs)-1].text += " " + collapseSpace(t)
		default:
			para = append(para, t)
		}
	}
	flush()
	return bs
}

// plainItem reports whether a line of plain text starts a list item:
// "- ", "* ", "• " or "1. ".
func plainItem(t string) bool {
	if strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "• ") {
		return true
	}
	i := 0
	for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(t[i:], ". ")
}

// firstText returns the first non-empty string: a title falls back from
// front matter to a heading to the file name.
func firstText(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
