package checklist

import (
	"io"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reports carry what people typed (project names, notes, evidence) and
// what sources said (titles) into files that others open in spreadsheets,
// Markdown renderers, browsers and terminals. Every writer first cleans
// the report (cleaned), then makes each text safe for its format: CSV
// cells cannot start a formula (csvCell), Markdown carries no raw HTML and
// no link that is not http(s) (mdText), and HTML links only to http(s)
// (webURL, in the template).

// cleaned is a copy of the report with control characters and escape
// sequences removed from every text (CleanText), and names and titles kept
// to one line.
func (r *Report) cleaned() *Report {
	c := *r
	c.Project, c.Standard, c.StandardName = CleanLine(r.Project), CleanLine(r.Standard), CleanLine(r.StandardName)
	c.Phase, c.Assessment = Phase(CleanLine(string(r.Phase))), CleanLine(r.Assessment)
	c.Counts = make(map[Status]int, len(r.Counts))
	for s, n := range r.Counts {
		c.Counts[Status(CleanLine(string(s)))] += n
	}
	c.Points = make([]ReportPoint, len(r.Points))
	for i, p := range r.Points {
		p.Title, p.URL, p.UpdatedBy, p.StatusBy = CleanLine(p.Title), CleanLine(p.URL), CleanLine(p.UpdatedBy), CleanLine(p.StatusBy)
		p.Ref = CleanLine(p.Ref)
		p.Status = Status(CleanLine(string(p.Status)))
		p.Notes, p.Evidence = cleanItems(p.Notes), cleanItems(p.Evidence)
		c.Points[i] = p
	}
	c.Actions = make([]ReportAction, len(r.Actions))
	for i, a := range r.Actions {
		a.Text, a.By, a.Due = CleanText(a.Text), CleanLine(a.By), CleanLine(a.Due)
		c.Actions[i] = a
	}
	c.BurnUp = r.BurnUp.cleaned()
	return &c
}

func cleanItems(items []ItemView) []ItemView {
	out := make([]ItemView, len(items))
	for i, it := range items {
		out[i] = ItemView{ID: it.ID, Text: CleanText(it.Text), By: CleanLine(it.By), At: it.At}
	}
	return out
}

// formulaStarts are the characters that make a spreadsheet read a cell as
// a formula (OWASP, CSV injection), with the full-width forms some
// spreadsheets also accept.
const formulaStarts = "=+-@\t\r＝＋－＠"

// csvCell neutralises a cell that would start a formula, after any
// leading white space, by putting a single quote before it: the
// spreadsheet shows it as text.
func csvCell(s string) string {
	t := strings.TrimLeftFunc(s, unicode.IsSpace)
	if r, _ := utf8.DecodeRuneInString(t); t != "" && strings.ContainsRune(formulaStarts, r) {
		return "'" + s
	}
	return s
}

// writeCSVRow writes one record with every cell quoted (RFC 4180), as
// OWASP advises: a spreadsheet that splits on another separator (a
// semicolon, in many European locales) still cannot start a new cell, and
// so a formula, inside one.
func writeCSVRow(w *strings.Builder, cells []string) {
	for i, c := range cells {
		if i > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(csvCell(c), `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteByte('\n')
}

// writeString writes the whole of s.
func writeString(w io.Writer, s string) error {
	_, err := io.WriteString(w, s)
	return err
}

// mdLink matches an inline Markdown link or image: [text](target) or
// ![alt](target), with an optional title after the target, and a target
// that may hold one level of parentheses, as javascript:alert(1) does.
var mdLink = regexp.MustCompile(`!?\[([^\[\]]*)\]\(\s*<?((?:[^()<>\s]|\([^()<>\s]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)`)

// mdText makes text safe inline in the Markdown report, on one line and in
// a table cell: HTML is escaped as entities, so no tag or autolink can
// form; a link or image whose target is a web address stays a link (an
// image becomes a link, so opening the report fetches nothing), any other
// target (javascript:, data:, a relative path) is dropped and its text
// kept; every other bracket, backslash, backtick and pipe is escaped, so
// no link, code span or table cell can be made from pieces.
func mdText(s string) string {
	s = CleanLine(s)
	var b strings.Builder
	last := 0
	for _, m := range mdLink.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(mdEscape(s[last:m[0]]))
		text, target := s[m[2]:m[3]], s[m[4]:m[5]]
		if mdURL(target) {
			// Entities are read in a link's target too: & is written as
			// &amp; there as everywhere, and reads back as &.
			b.WriteString("[" + mdEscape(text) + "](" + strings.ReplaceAll(target, "&", "&amp;") + ")")
		} else {
			b.WriteString(mdEscape(text))
		}
		last = m[1]
	}
	b.WriteString(mdEscape(s[last:]))
	return b.String()
}

var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "&", "&amp;", "<", "&lt;", ">", "&gt;",
	"[", `\[`, "]", `\]`, "`", "\\`", "|", `\|`,
)

func mdEscape(s string) string { return mdEscaper.Replace(s) }

// webURL reports whether s is an absolute http or https address with a
// host and no white space or control character in it.
func webURL(s string) bool {
	if s == "" || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return true
	}
	return false
}

// mdURL is a web address that can stand as a Markdown link's target:
// nothing in it could end the link early or start other markup.
func mdURL(s string) bool {
	return webURL(s) && !strings.ContainsAny(s, `<>()[]"'\|`+"`")
}

// textPart is a piece of a note, evidence or action: plain text, or a web
// address to link (URL set, Text the address as written).
type textPart struct {
	Text string
	URL  string
}

// bareURL finds web addresses in text; links trims what follows them.
var bareURL = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"]+`)

// links splits s into plain text and the web addresses in it, each an
// absolute http or https address (webURL) without the punctuation that
// ends a sentence or closes a bracket it did not open. The template
// escapes every part; nothing else becomes a link, so a javascript: or
// data: address stays text.
func links(s string) []textPart {
	var parts []textPart
	last := 0
	for _, m := range bareURL.FindAllStringIndex(s, -1) {
		u := trimURL(s[m[0]:m[1]])
		if !webURL(u) {
			continue
		}
		if m[0] > last {
			parts = append(parts, textPart{Text: s[last:m[0]]})
		}
		parts = append(parts, textPart{Text: u, URL: u})
		last = m[0] + len(u)
	}
	if last < len(s) {
		parts = append(parts, textPart{Text: s[last:]})
	}
	return parts
}

// trimURL takes from the end of an address found in text the punctuation
// that is more likely the sentence's: a full stop, comma and the like,
// quotes, and a closing bracket with no opening one in the address.
func trimURL(u string) string {
	for u != "" {
		last := u[len(u)-1]
		switch {
		case strings.IndexByte(".,;:!?'*_", last) >= 0:
		case last == ')' && strings.Count(u, "(") < strings.Count(u, ")"):
		case last == ']' && strings.Count(u, "[") < strings.Count(u, "]"):
		case last == '}' && strings.Count(u, "{") < strings.Count(u, "}"):
		default:
			return u
		}
		u = u[:len(u)-1]
	}
	return u
}
