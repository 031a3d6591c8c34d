package reports

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/standardbot/standardbot/checklist"
)

// kind is what a block of a report is.
type kind int

const (
	para    kind = iota // a paragraph or a line of text
	heading             // an HTML heading
	item                // a list item, or a bulleted line
	row                 // a table row
)

// block is one piece of a report in reading order, whichever form the
// report came in: the reader works on blocks, so the HTML of the Content
// API and text pasted from the page are read by the same rules.
type block struct {
	kind  kind
	level int    // a heading's level, 1 to 6
	text  string // one line, spaces collapsed
	cells []string
}

// skipped are elements whose text is not the report's.
var skipped = map[atom.Atom]bool{atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true, atom.Head: true}

// htmlBlocks reads an HTML body into blocks: headings, paragraphs (a <br>
// starts a new one), list items (a nested list's items follow their
// parent's) and table rows. Text outside any paragraph, such as inside a
// <div>, is a paragraph of its own.
func htmlBlocks(body string) ([]block, error) {
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	var out []block
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch a := n.DataAtom; {
		case skipped[a]:
			return
		case headingLevel(a) > 0:
			if t := oneLine(nodeText(n, false)); t != "" {
				out = append(out, block{kind: heading, level: headingLevel(a), text: t})
			}
			return
		case a == atom.P, a == atom.Dt, a == atom.Dd, a == atom.Caption, a == atom.Pre:
			out = appendParas(out, para, nodeText(n, false))
			return
		case a == atom.Li:
			out = appendParas(out, item, nodeText(n, false))
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.Ul || c.DataAtom == atom.Ol {
					walk(c)
				}
			}
			return
		case a == atom.Tr:
			out = append(out, rowOf(n))
			return
		}
		// A container: runs of inline content between its blocks are
		// paragraphs.
		var run strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode || (c.Type == html.ElementNode && !blockish(c)) {
				if c.Type == html.TextNode {
					run.WriteString(c.Data)
				} else if c.DataAtom == atom.Br {
					run.WriteByte('\n')
				} else if !skipped[c.DataAtom] {
					run.WriteString(nodeText(c, false))
				}
				continue
			}
			out = appendParas(out, para, run.String())
			run.Reset()
			if c.Type == html.ElementNode {
				walk(c)
			}
		}
		out = appendParas(out, para, run.String())
	}
	walk(doc)
	return out, nil
}

// blockish reports whether an element starts a block of its own rather
// than flowing into the text around it.
func blockish(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Body, atom.Caption, atom.Dd,
		atom.Details, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figure, atom.Footer, atom.Form,
		atom.Header, atom.Hr, atom.Html, atom.Li, atom.Main, atom.Nav, atom.Ol, atom.P, atom.Pre,
		atom.Section, atom.Summary, atom.Table, atom.Tbody, atom.Td, atom.Tfoot, atom.Th, atom.Thead,
		atom.Tr, atom.Ul:
		return true
	}
	return headingLevel(n.DataAtom) > 0
}

func headingLevel(a atom.Atom) int {
	switch a {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

// rowOf is a table row's cells, each on one line.
func rowOf(tr *html.Node) block {
	b := block{kind: row}
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			b.cells = append(b.cells, oneLine(nodeText(c, true)))
		}
	}
	b.text = strings.Join(b.cells, " ")
	return b
}

// nodeText is the text of n, a <br> or a block inside it a line break;
// nested lists are left out (they are read as items of their own) unless
// lists is set.
func nodeText(n *html.Node, lists bool) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			return
		case n.Type != html.ElementNode:
			return
		case skipped[n.DataAtom]:
			return
		case !lists && (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol):
			return
		case n.DataAtom == atom.Br:
			b.WriteByte('\n')
			return
		case n.DataAtom == atom.P || n.DataAtom == atom.Div || n.DataAtom == atom.Li:
			b.WriteByte('\n')
			defer b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// appendParas adds each non-empty line of text as a block of kind k.
func appendParas(out []block, k kind, text string) []block {
	for _, line := range strings.Split(text, "\n") {
		if t := oneLine(line); t != "" {
			out = append(out, block{kind: k, text: t})
		}
	}
	return out
}

// oneLine is s cleaned of what a terminal or page could act on, on one
// line with single spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(checklist.CleanLine(s)), " ")
}

// bullets are the marks a list item keeps when copied from a page or
// written in a chat message.
var bullets = []string{"•", "·", "◦", "▪", "‣", "●", "○", "–", "—", "-", "*", "+"}

// textBlocks reads pasted text into blocks: a bulleted line is an item, a
// line with tabs a table row (as a copied table pastes), any other line a
// paragraph. Chat emphasis around a whole line (*Decision*) is dropped.
func textBlocks(text string) []block {
	var out []block
	for _, line := range strings.Split(checklist.CleanText(text), "\n") {
		if strings.Contains(line, "\t") {
			var cells []string
			for _, c := range strings.Split(line, "\t") {
				if c = oneLine(c); c != "" {
					cells = append(cells, c)
				}
			}
			if len(cells) > 1 {
				out = append(out, block{kind: row, cells: cells, text: strings.Join(cells, " ")})
				continue
			}
		}
		t := unemphasise(oneLine(line))
		if t == "" {
			continue
		}
		if rest, ok := cutBullet(t); ok {
			if rest != "" {
				out = append(out, block{kind: item, text: rest})
			}
			continue
		}
		out = append(out, block{kind: para, text: t})
	}
	return out
}

// cutBullet removes a bullet mark and the space after it.
func cutBullet(t string) (string, bool) {
	for _, b := range bullets {
		if rest, ok := strings.CutPrefix(t, b); ok && (rest == "" || unicode.IsSpace(rune(rest[0]))) {
			// "**" or "--" is not a bullet: a rule, or emphasis left open.
			return strings.TrimSpace(rest), true
		}
	}
	return t, false
}

// unemphasise drops chat emphasis wrapping a whole line: *x*, _x_, **x**.
func unemphasise(t string) string {
	for _, m := range []string{"**", "*", "__", "_"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
			return strings.TrimSpace(t[len(m) : len(t)-len(m)])
		}
	}
	return t
}
