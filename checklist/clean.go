package checklist

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxItemLength is the longest note or evidence, in characters: a
// paragraph or two and a link. Longer material belongs in a document that
// the evidence links to. The Slack modal and the Teams note box stop at
// the same length.
const MaxItemLength = 2000

// MaxNameLength is the longest project name, in characters.
const MaxNameLength = 100

// ValidItem cleans a note or evidence (see CleanText) and checks its
// length; kind ("note" or "evidence") and point only shape the message.
// An empty result or one over MaxItemLength is EINVALID.
func ValidItem(kind string, point int, text string) (string, error) {
	text = strings.TrimSpace(CleanText(text))
	if text == "" {
		return "", Errorf(EINVALID, "Give the %s some text (control characters do not count). Try: %s %d TEXT", kind, kind, point)
	}
	if n := utf8.RuneCountInString(text); n > MaxItemLength {
		return "", Errorf(EINVALID, "That %s is %s characters; the most is %s, so nothing was saved. Shorten it, or put it in a document and add its link: evidence %d LINK",
			kind, thousands(n), thousands(MaxItemLength), point)
	}
	return text, nil
}

// thousands writes n with commas, as people read numbers: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// CleanText removes from text what a terminal, a spreadsheet or a page
// could act on instead of showing: ANSI escape sequences whole (colours,
// cursor moves, window titles, hyperlinks), the other C0 control
// characters except newline and tab, DEL, the C1 controls, and the
// bidirectional overrides and isolates that make text read differently
// from how it is stored ("Trojan Source"). A carriage return becomes a
// newline (CRLF one newline), and invalid UTF-8 becomes U+FFFD. Clean text
// comes back unchanged, without copying.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	// noEnd is where a search for a string terminator last failed: no
	// terminator follows it, so later searches stop there and the whole
	// clean stays linear whatever the input.
	noEnd := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == 0x1b || (r >= 0x80 && r <= 0x9f):
			i += escapeLength(s, i, &noEnd)
			continue
		case unsafeRune(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether CleanText would leave s as it is.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || (r >= 0x80 && r <= 0x9f) || unsafeRune(r) {
			return false
		}
		i += size
	}
	return true
}

// unsafeRune reports the single characters CleanText drops: C0 controls
// other than newline and tab, DEL, and the bidirectional embeddings,
// overrides and isolates (U+202A to U+202E, U+2066 to U+2069).
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n' && r != '\t'
	case r == 0x7f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// escapeLength is how many bytes of s, from i, an escape sequence or C1
// control takes (at least the introducer). It follows ECMA-48: ESC [ and
// CSI take parameters to a final byte; ESC ], ESC P, ESC X, ESC ^, ESC _
// and their C1 forms take a string to BEL or ST, or only the introducer
// when no terminator follows; ESC with intermediates takes them and a final
// byte; any other ESC takes the next character if it is printable ASCII.
func escapeLength(s string, i int, noEnd *int) int {
	r, size := utf8.DecodeRuneInString(s[i:])
	j := i + size
	kind := rune(0)
	if r == 0x1b {
		if j >= len(s) || s[j] < 0x20 || s[j] > 0x7e {
			return size
		}
		switch c := s[j]; {
		case c == '[', c == ']', c == 'P', c == 'X', c == '^', c == '_':
			kind = rune(c) + 0x40 // the C1 form: '[' is 0x5b, CSI 0x9b
			j++
		case c >= 0x20 && c <= 0x2f:
			for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
				j++
			}
			if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
				j++
			}
			return j - i
		default:
			return j + 1 - i
		}
	} else {
		kind = r
	}
	switch kind {
	case 0x9b: // CSI: parameters and intermediates, then a final byte
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
			j++
		}
		if j < len(s) && s[j] >= 0x40 && s[j] <= 0x7e {
			j++
		}
		return j - i
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f: // OSC, DCS, SOS, PM, APC: a string to its terminator
		if end, n := stringEnd(s, j, noEnd); end >= 0 {
			return end + n - i
		}
		return j - i
	}
	return j - i
}

// stringEnd finds the terminator of a control string from j: BEL, ESC \
// or ST. It returns the terminator's offset and length, or -1.
func stringEnd(s string, j int, noEnd *int) (int, int) {
	if *noEnd >= 0 && j >= *noEnd {
		return -1, 0
	}
	for k := j; k < len(s); k++ {
		switch {
		case s[k] == 0x07:
			return k, 1
		case s[k] == 0x1b && k+1 < len(s) && s[k+1] == '\\':
			return k, 2
		case s[k] == 0xc2 && k+1 < len(s) && s[k+1] == 0x9c: // U+009C, ST
			return k, 2
		}
	}
	*noEnd = j
	return -1, 0
}

// CleanLine is CleanText for text shown on one line: newlines and tabs
// become spaces.
func CleanLine(s string) string {
	s = CleanText(s)
	if strings.ContainsAny(s, "\n\t") {
		s = strings.NewReplacer("\n", " ", "\t", " ").Replace(s)
	}
	return s
}
