package source

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// invisibleElements are elements whose text a reader of the page does not
// see as content: code, styling, site navigation and chrome.
var invisibleElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Nav: true,
	atom.Footer: true, atom.Template: true, atom.Svg: true, atom.Head: true,
	atom.Iframe: true,
}

// blockElements separate paragraphs; other elements flow into the text
// around them.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Caption: true, atom.Details: true, atom.Dialog: true, atom.Div: true,
	atom.Dl: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Form: true, atom.Header: true, atom.Hr: true, atom.Legend: true, atom.Main: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Ul: true,
}

// lineElements are list items: each is a line of its list.
var lineElements = map[atom.Atom]bool{atom.Li: true, atom.Dt: true, atom.Dd: true}

// parseHTML reads a page's title, canonical URL and visible text. When the
// page marks its <main> content, only that is read, which leaves out
// banners, breadcrumbs and cookie notices that nav and footer do not cover.
func parseHTML(s string) (docInfo, []textBlock, error) {
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return docInfo{}, nil, err
	}
	var info docInfo
	var main, body *html.Node
	eachElement(doc, func(n *html.Node) {
		switch {
		case n.DataAtom == atom.Title && info.title == "":
			info.title = collapseSpace(visibleText(n))
		case n.DataAtom == atom.Link && strings.EqualFold(htmlAttr(n, "rel"), "canonical") && isWebURL(htmlAttr(n, "href")):
			info.url = htmlAttr(n, "href")
		case main == nil && (n.DataAtom == atom.Main || htmlAttr(n, "role") == "main"):
			main = n
		case n.DataAtom == atom.Body && body == nil:
			body = n
		}
	})
	w := htmlWalker{}
	switch {
	case main != nil:
		w.walk(main, true)
	case body != nil:
		w.walk(body, false)
	default:
		w.walk(doc, false)
	}
	w.flush()
	return info, w.blocks, nil
}

// eachElement calls fn for every element of the tree, in document order.
func eachElement(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		eachElement(c, fn)
	}
}

// htmlWalker turns an element tree into blocks.
type htmlWalker struct {
	blocks textBlocks
	inline strings.Builder // text of the open paragraph
	lines  int             // depth of list items, whose text is a line
}

func (w *htmlWalker) flush() {
	kind := notLine
	if w.lines > 0 {
		kind = itemLine
	}
	w.blocks.add(textBlock{text: w.inline.String(), line: kind})
	w.inline.Reset()
}

// walk adds n's visible text. inContent is true inside <main> or
// <article>, where a <header> holds the title rather than the site banner.
func (w *htmlWalker) walk(n *html.Node, inContent bool) {
	switch n.Type {
	case html.TextNode:
		w.inline.WriteString(n.Data)
		return
	case html.ElementNode:
		if htmlHidden(n, inContent) {
			return
		}
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			w.flush()
			w.blocks.add(textBlock{text: visibleText(n), level: int(n.Data[1] - '0'), id: strings.TrimSpace(htmlAttr(n, "id"))})
			return
		case atom.Tr:
			w.flush()
			w.blocks.add(textBlock{text: htmlRowText(n), line: rowLine})
			return
		case atom.Br:
			w.inline.WriteByte(' ')
			return
		case atom.Main, atom.Article:
			inContent = true
		}
	default:
		w.children(n, inContent)
		return
	}
	switch {
	case lineElements[n.DataAtom]:
		w.flush()
		w.lines++
		w.children(n, inContent)
		w.flush()
		w.lines--
	case blockElements[n.DataAtom]:
		w.flush()
		w.children(n, inContent)
		w.flush()
	default:
		w.children(n, inContent)
	}
}

func (w *htmlWalker) children(n *html.Node, inContent bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inContent)
	}
}

// htmlHidden reports whether an element's text is not shown as content.
func htmlHidden(n *html.Node, inContent bool) bool {
	if invisibleElements[n.DataAtom] || (n.DataAtom == atom.Header && !inContent) {
		return true
	}
	_, ok := htmlAttrOK(n, "hidden")
	return ok
}

// visibleText is the text of n and its descendants, hidden ones left out.
func visibleText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && htmlHidden(n, true):
			return
		case n.DataAtom == atom.Br || blockElements[n.DataAtom] || lineElements[n.DataAtom]:
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if blockElements[n.DataAtom] || lineElements[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapseSpace(b.String())
}

// htmlRowText reduces a table row to its non-empty cells, separated by "; ",
// as Markdown tables are.
func htmlRowText(tr *html.Node) string {
	var cells []string
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom != atom.Td && c.DataAtom != atom.Th {
			continue
		}
		if t := visibleText(c); t != "" {
			cells = append(cells, t)
		}
	}
	return strings.Join(cells, "; ")
}

func htmlAttr(n *html.Node, key string) string {
	v, _ := htmlAttrOK(n, key)
	return v
}

func htmlAttrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}
