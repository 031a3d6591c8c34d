package source

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/knowledge"
)

var (
	// mdRefDef matches a link reference definition: "[id]: https://...".
	mdRefDef = regexp.MustCompile(`^\[[^\]]+\]:\s*\S`)
	// numberedPoint matches a point's heading text: "5. Make sure everyone
	// can use the service" (white space is already normalised).
	numberedPoint = regexp.MustCompile(`^(\d{1,3})\.\s+(\S.*)$`)
)

// parseMarkdown parses a Markdown document into its front matter and its
// blocks of visible text. It is a line scanner, not a full CommonMark
// parser: it knows what guidance documents use (headings, paragraphs,
// lists, tables, quotes, fences, inline links and emphasis) and keeps the
// text of anything else.
func parseMarkdown(s string) (docInfo, []textBlock) {
	info, body := splitFrontMatter(s)
	p := mdParser{}
	for _, ln := range strings.Split(body, "\n") {
		p.line(ln)
	}
	p.flush()
	return info, p.blocks
}

// mdParser holds the state of the line scanner between lines.
type mdParser struct {
	blocks    textBlocks
	para      []string // lines of the open paragraph or list item
	paraItem  bool     // the open paragraph is a list item
	fence     string   // the fence of an open code block
	htmlLines []string // an open block of raw HTML, read as HTML when it ends
	inComment bool     // inside an HTML comment spanning lines
	inTable   bool
	inQuote   bool
}

func (p *mdParser) line(ln string) {
	if p.fence != "" {
		if strings.HasPrefix(strings.TrimSpace(ln), p.fence) {
			p.fence = ""
		} else {
			p.blocks.add(textBlock{text: ln, line: codeLine})
		}
		return
	}
	ln = p.dropComments(ln)
	t := strings.TrimSpace(ln)
	if len(p.htmlLines) > 0 && t != "" {
		p.htmlLines = append(p.htmlLines, t)
		return
	}
	indent := len(ln) - len(strings.TrimLeft(ln, " \t"))
	quote := strings.HasPrefix(t, ">")
	if t == "" || quote != p.inQuote {
		p.flush()
		p.inTable = false
		p.inQuote = quote
	}
	if quote {
		t = strings.TrimSpace(strings.TrimLeft(t, "> \t"))
	}
	switch {
	case t == "":
	case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
		p.flush()
		p.fence = t[:3]
	case indent < 4 && atxLevel(t) > 0:
		p.flush()
		p.blocks.add(textBlock{text: stripInline(atxText(t)), level: atxLevel(t)})
	case indent < 4 && len(p.para) > 0 && !p.paraItem && setextLevel(t) > 0:
		p.blocks.add(textBlock{text: stripInline(strings.Join(p.para, " ")), level: setextLevel(t)})
		p.para = p.para[:0]
	case thematicBreak(t):
		p.flush()
	case htmlBlockStart(t):
		p.flush()
		p.htmlLines = append(p.htmlLines, t)
	case p.tableLine(t):
	case t[0] == '[' && mdRefDef.MatchString(t):
		// A link reference definition is not visible text.
	default:
		if item, ok := mdListItem(t); ok {
			p.flush()
			p.paraItem = true
			t = item
		}
		p.para = append(p.para, t)
	}
}

// flush ends the open paragraph, list item or HTML block.
func (p *mdParser) flush() {
	if len(p.htmlLines) > 0 {
		// Raw HTML (a table, a details element) is read as HTML, so its rows
		// and paragraphs keep their shape; it ends at a blank line.
		_, bs, err := parseHTML(strings.Join(p.htmlLines, "\n"))
		if err != nil {
			bs = []textBlock{{text: stripInline(strings.Join(p.htmlLines, " "))}}
		}
		for _, b := range bs {
			p.blocks.add(b)
		}
		p.htmlLines = p.htmlLines[:0]
	}
	if len(p.para) > 0 {
		kind := notLine
		if p.paraItem {
			kind = itemLine
		}
		p.blocks.add(textBlock{text: stripInline(strings.Join(p.para, " ")), line: kind})
	}
	p.para = p.para[:0]
	p.paraItem = false
}

// tableLine handles a table row, reducing it to its cells' text, and
// reports whether t was part of a table.
func (p *mdParser) tableLine(t string) bool {
	delim := tableDelimiter(t)
	switch {
	case strings.HasPrefix(t, "|") || (p.inTable && strings.Contains(t, "|")):
		if !delim {
			p.flush()
			p.blocks.add(textBlock{text: mdTableRow(t), line: rowLine})
		}
	case delim && len(p.para) > 0 && !p.paraItem && strings.Contains(p.para[len(p.para)-1], "|"):
		// A table without outer pipes shows itself only by its delimiter row.
		header := p.para[len(p.para)-1]
		p.para = p.para[:len(p.para)-1]
		p.flush()
		p.blocks.add(textBlock{text: mdTableRow(header), line: rowLine})
	default:
		return false
	}
	p.inTable = true
	return true
}

// dropComments removes HTML comments, which may span lines.
func (p *mdParser) dropComments(ln string) string {
	if !p.inComment && !strings.Contains(ln, "<!--") {
		return ln
	}
	var b strings.Builder
	for ln != "" {
		if p.inComment {
			i := strings.Index(ln, "-->")
			if i < 0 {
				break
			}
			ln, p.inComment = ln[i+3:], false
			continue
		}
		i := strings.Index(ln, "<!--")
		if i < 0 {
			b.WriteString(ln)
			break
		}
		b.WriteString(ln[:i])
		ln, p.inComment = ln[i+4:], true
	}
	return b.String()
}

// htmlBlockStart reports whether a line opens a block of raw HTML: it
// starts with a block-level tag.
func htmlBlockStart(t string) bool {
	if len(t) < 3 || t[0] != '<' {
		return false
	}
	name := strings.TrimPrefix(t[1:], "/")
	end := strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') })
	if end <= 0 {
		return false
	}
	return htmlBlockTags[strings.ToLower(name[:end])]
}

// atxLevel returns the level of a "# Heading" line, 0 if it is not one.
func atxLevel(t string) int {
	n := 0
	for n < len(t) && t[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(t) && t[n] != ' ' && t[n] != '\t') {
		return 0
	}
	return n
}

// atxText is a heading line's text without its opening and closing hashes.
func atxText(t string) string {
	t = strings.TrimSpace(strings.TrimLeft(t, "#"))
	if trimmed := strings.TrimRight(t, "#"); trimmed == "" || strings.HasSuffix(trimmed, " ") {
		t = trimmed
	}
	return t
}

// setextLevel returns 1 for a "===" underline, 2 for "---", else 0.
func setextLevel(t string) int {
	switch {
	case strings.Trim(t, "=") == "":
		return 1
	case strings.Trim(t, "-") == "":
		return 2
	}
	return 0
}

// thematicBreak reports whether t is a "---", "***" or "___" rule.
func thematicBreak(t string) bool {
	t = strings.ReplaceAll(t, " ", "")
	return len(t) >= 3 && strings.Trim(t, t[:1]) == "" && strings.ContainsAny(t[:1], "-*_")
}

// tableDelimiter reports whether t is a table's "|---|:--:|" row.
func tableDelimiter(t string) bool {
	return strings.Contains(t, "-") && strings.Trim(t, "|-: \t") == "" && strings.ContainsAny(t, "|")
}

// mdTableRow reduces a table row to its non-empty cells, separated by "; ".
func mdTableRow(t string) string {
	t = strings.TrimSuffix(strings.TrimPrefix(t, "|"), "|")
	var cells []string
	for _, c := range strings.Split(strings.ReplaceAll(t, `\|`, "\x00"), "|") {
		if c = collapseSpace(stripInline(strings.ReplaceAll(c, "\x00", "|"))); c != "" {
			cells = append(cells, c)
		}
	}
	return strings.Join(cells, "; ")
}

// mdListItem returns the text of a list item line without its bullet. An
// ordered item keeps its number, which readers may refer to ("step 3").
func mdListItem(t string) (string, bool) {
	n := 0
	if strings.ContainsAny(t[:1], "-*+") {
		n = 1
	} else {
		for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(t) || (t[n] != '.' && t[n] != ')') {
			return "", false
		}
		n++
	}
	if n < len(t) && t[n] != ' ' && t[n] != '\t' {
		return "", false
	}
	rest := strings.TrimSpace(t[n:])
	for _, box := range []string{"[ ] ", "[x] ", "[X] "} {
		rest = strings.TrimPrefix(rest, box)
	}
	if t[0] >= '0' && t[0] <= '9' {
		return t[:n] + " " + rest, true
	}
	return rest, true
}

// markdownStandard returns the document as a standard when its level-2
// headings are points numbered 1 to N, N at least 2, and nil when it is
// guidance. An unnumbered heading stays inside the point before it, like a
// sub-heading, so no text is lost.
func markdownStandard(bs []textBlock, title, id, docURL string) *knowledge.Standard {
	type start struct {
		at            int
		title, anchor string
	}
	var starts []start
	assignAnchors(bs)
	name := ""
	for i, b := range bs {
		if b.level == 0 {
			continue
		}
		if b.level == 1 && name == "" {
			name = b.text
		}
		m := numberedPoint.FindStringSubmatch(b.text)
		if b.level != 2 || m == nil {
			continue
		}
		if n, _ := strconv.Atoi(m[1]); n != len(starts)+1 {
			return nil
		}
		starts = append(starts, start{at: i, title: m[2], anchor: b.id})
	}
	if len(starts) < 2 {
		return nil
	}
	s := &knowledge.Standard{ID: id, Name: firstText(name, title, id), URL: docURL}
	var about []textBlock
	for _, b := range bs[:starts[0].at] {
		if b.level != 1 {
			about = append(about, b)
		}
	}
	s.About = joinBlocks(about)
	for k, st := range starts {
		end := len(bs)
		if k+1 < len(starts) {
			end = starts[k+1].at
		}
		body := bs[st.at+1 : end]
		p := knowledge.Point{Number: k + 1, Title: st.title, Guidance: joinBlocks(body)}
		for _, b := range body {
			if b.level == 0 {
				p.Summary = b.text
				break
			}
		}
		if docURL != "" {
			p.URL = docURL + "#" + st.anchor
		}
		s.Points = append(s.Points, p)
	}
	return s
}
