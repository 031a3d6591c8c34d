package checklist_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/standardbot/standardbot/checklist"
)

// The checks here say what "safe" means for each report format. The
// injection tests and the fuzz test both hold every report to them.

// checkReport renders r in every format and returns what is wrong with
// each, if anything.
func checkReport(r *checklist.Report) []string {
	var problems []string
	for _, format := range checklist.Formats {
		var b bytes.Buffer
		if err := r.Write(&b, format); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", format, err))
			continue
		}
		out := b.String()
		check := map[string]func(string) []string{"csv": checkCSV, "json": checkJSON, "markdown": checkMarkdown, "html": checkHTML}[format]
		for _, p := range append(checkNoControl(out), check(out)...) {
			problems = append(problems, format+": "+p)
		}
	}
	return problems
}

// checkNoControl: valid UTF-8, and no control character but newline and
// tab, no escape sequence, no bidirectional override.
func checkNoControl(out string) []string {
	if !utf8.ValidString(out) {
		return []string{"not valid UTF-8"}
	}
	for _, r := range out {
		if (unicode.IsControl(r) && r != '\n' && r != '\t') || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			return []string{fmt.Sprintf("control character %U", r)}
		}
	}
	return nil
}

// formulaStart is what a spreadsheet reads as the start of a formula.
const formulaStart = "=+-@\t\r＝＋－＠"

// checkCSV: parses with encoding/csv, every row as wide as the header,
// every cell quoted, and no cell that starts (after white space) with a
// formula character.
func checkCSV(out string) []string {
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	if len(rows) == 0 || len(rows[0]) != 14 {
		return []string{fmt.Sprintf("no 14-column header: %q", rows)}
	}
	for _, row := range rows {
		for _, cell := range row {
			t := strings.TrimLeftFunc(cell, unicode.IsSpace)
			if r, _ := utf8.DecodeRuneInString(t); t != "" && strings.ContainsRune(formulaStart, r) {
				problems = append(problems, fmt.Sprintf("cell %q starts a formula", cell))
			}
		}
	}
	// Quoted throughout: the rows written back with every cell quoted are
	// the output itself.
	var again strings.Builder
	for _, row := range rows {
		for i, cell := range row {
			if i > 0 {
				again.WriteByte(',')
			}
			again.WriteString(`"` + strings.ReplaceAll(cell, `"`, `""`) + `"`)
		}
		again.WriteByte('\n')
	}
	if again.String() != out {
		problems = append(problems, "a cell is not quoted")
	}
	return problems
}

// checkJSON: one well-formed object with the report's fields.
func checkJSON(out string) []string {
	var v struct {
		Project *string
		Points  []map[string]any
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	if v.Project == nil {
		return []string{"no project"}
	}
	return nil
}

// mdEntity is an entity the report writes; any other & is escaped.
var mdEntity = regexp.MustCompile(`^&(amp|lt|gt);`)

// checkMarkdown: no raw HTML (no < at all: tags, comments and autolinks
// all need one), no & but the three escapes, and every link's target an
// http(s) address. Backslash escapes are followed, so an escaped "\["
// cannot open a link.
func checkMarkdown(out string) []string {
	var problems []string
	if strings.Contains(out, "<") {
		problems = append(problems, "raw < (HTML or an autolink)")
	}
	for i := strings.IndexByte(out, '&'); i >= 0; i = nextByte(out, '&', i) {
		if !mdEntity.MatchString(out[i:]) {
			problems = append(problems, fmt.Sprintf("raw & at %d: %.20q", i, out[i:]))
		}
	}
	// Walk the text, skipping escaped characters, and look at every
	// unescaped [ that is closed by ]( : its target must be a web address.
	open := -1
	for i := 0; i < len(out); i++ {
		switch out[i] {
		case '\\':
			i++
		case '[':
			open = i
		case '\n':
			open = -1
		case ']':
			if open >= 0 && i+1 < len(out) && out[i+1] == '(' {
				rest := out[i+2:]
				if !strings.HasPrefix(rest, "http://") && !strings.HasPrefix(rest, "https://") {
					problems = append(problems, fmt.Sprintf("link to %.30q", rest))
				}
			}
			open = -1
		}
	}
	return problems
}

func nextByte(s string, c byte, after int) int {
	j := strings.IndexByte(s[after+1:], c)
	if j < 0 {
		return -1
	}
	return after + 1 + j
}

// svgDrawing are the SVG elements the burn-up chart draws with: no
// script, link, image, animation or foreign content among them.
var svgDrawing = map[string]bool{"svg": true, "title": true, "desc": true, "g": true, "line": true, "polyline": true,
	"polygon": true, "circle": true, "text": true}

// svgStyle is the one style the chart's svg element carries.
const svgStyle = "max-width: 100%; height: auto"

// checkHTML: parses with golang.org/x/net/html into the report's page, and
// holds nothing executable: no script or embedding element, no event
// handler attribute, no link or source but http(s), SVG only of the
// chart's drawing elements, and style only where the template puts it.
func checkHTML(out string) []string {
	doc, err := html.Parse(strings.NewReader(out))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var problems []string
	styles := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Namespace != "" && (n.Namespace != "svg" || !svgDrawing[n.Data]) {
			problems = append(problems, "element <"+n.Data+"> in namespace "+n.Namespace)
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "iframe", "object", "embed", "link", "base", "form", "img", "math":
				problems = append(problems, "element <"+n.Data+">")
			case "style":
				styles++
			case "meta":
				for _, a := range n.Attr {
					if a.Key == "http-equiv" {
						problems = append(problems, "meta http-equiv")
					}
				}
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"):
					problems = append(problems, "event handler "+key)
				case key == "href" || key == "src" || key == "action" || key == "formaction":
					v := strings.ToLower(a.Val)
					if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
						problems = append(problems, fmt.Sprintf("%s=%q", key, a.Val))
					}
				case key == "style" && !(n.Data == "span" && strings.HasPrefix(a.Val, "width: ")) && !(n.Data == "svg" && a.Val == svgStyle):
					problems = append(problems, fmt.Sprintf("style on <%s>", n.Data))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if styles != 1 {
		problems = append(problems, fmt.Sprintf("%d style elements, want the template's one", styles))
	}
	return problems
}
