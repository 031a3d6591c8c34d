package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Inline Markdown, matched once per paragraph and only when the paragraph
// holds the characters they need, so plain prose costs no regexp at all.
var (
	mdImage    = regexp.MustCompile(`!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])`)
	mdLink     = regexp.MustCompile(`\[([^\]]*)\](?:\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)|\[[^\]]*\])`)
	mdAutolink = regexp.MustCompile(`<((?:https?|mailto):[^>\s]+)>`)
	htmlTag    = regexp.MustCompile(`</?([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?/?>`)
)

// stripInline removes inline Markdown: images go, links keep their text,
// code spans keep their content verbatim, and emphasis, escapes, HTML tags
// and entities outside code are resolved to plain text.
func stripInline(s string) string {
	if strings.Contains(s, "](") || strings.Contains(s, "][") {
		s = mdImage.ReplaceAllString(s, "")
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = mdAutolink.ReplaceAllString(s, "$1")
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			b.WriteString(stripMarks(s))
			return b.String()
		}
		n := i + len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		fence := s[i:n]
		end := closingTicks(s[n:], fence)
		b.WriteString(stripMarks(s[:i]))
		if end < 0 {
			b.WriteString(fence)
			s = s[n:]
			continue
		}
		b.WriteString(strings.TrimSpace(s[n : n+end]))
		s = s[n+end+len(fence):]
	}
}

// closingTicks finds a run of exactly as many backticks as fence, which
// closes a code span, or returns -1.
func closingTicks(s, fence string) int {
	for off := 0; off < len(s); {
		i := strings.IndexByte(s[off:], '`')
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(s[i:]) - len(strings.TrimLeft(s[i:], "`"))
		if j-i == len(fence) {
			return i
		}
		off = j
	}
	return -1
}

// stripMarks resolves HTML tags, emphasis, backslash escapes and entities
// in text outside code spans.
func stripMarks(s string) string {
	if strings.IndexByte(s, '<') >= 0 {
		s = htmlTag.ReplaceAllStringFunc(s, func(tag string) string {
			// A block tag separates words; an inline one joins them.
			if htmlBlockTags[strings.ToLower(htmlTag.FindStringSubmatch(tag)[1])] {
				return " "
			}
			return ""
		})
	}
	if strings.ContainsAny(s, `*_~\`) {
		s = stripEmphasis(s)
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

// htmlBlockTags are the HTML elements whose tags stand between words, and
// which open a block of raw HTML at the start of a Markdown line.
var htmlBlockTags = map[string]bool{
	"article": true, "aside": true, "blockquote": true, "br": true, "details": true, "div": true,
	"dl": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "iframe": true, "li": true,
	"nav": true, "noscript": true, "ol": true, "p": true, "pre": true, "script": true,
	"section": true, "style": true, "summary": true, "table": true, "td": true, "th": true,
	"tr": true, "ul": true,
}

// stripEmphasis drops runs of *, _ and ~~ that open or close emphasis (a
// run with a word on one side and space or punctuation on the other) and
// resolves backslash escapes. "2*3", "snake_case" and "a * b" keep theirs.
func stripEmphasis(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\\' && i+1 < len(s) && isEscapable(s[i+1]) {
			b.WriteByte(s[i+1])
			i += 2
			continue
		}
		if c != '*' && c != '_' && c != '~' {
			b.WriteByte(c)
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		if !emphasisRun(s, i, j) || (c == '~' && j-i < 2) {
			b.WriteString(s[i:j])
		}
		i = j
	}
	return b.String()
}

// emphasisRun reports whether s[i:j] opens or closes emphasis.
func emphasisRun(s string, i, j int) bool {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if j < len(s) {
		after, _ = utf8.DecodeRuneInString(s[j:])
	}
	edge := func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) }
	word := func(r rune) bool { return !unicode.IsSpace(r) }
	opens := edge(before) && word(after)
	closes := word(before) && edge(after)
	return opens || closes
}

func isEscapable(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}
