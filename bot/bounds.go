package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxEcho is the most of a user's own words an error message quotes back:
// enough to recognise them, however long what they typed.
const maxEcho = 60

// clipQuoted shortens every quoted string in a user message (the %q of
// what the user typed: "xyz" is not a phase) to maxEcho characters and an
// ellipsis, so a one-line error stays one line whatever was typed.
// Anything that does not unquote as a Go string is left as it is.
func clipQuoted(msg string) string {
	if len(msg) <= 2*maxEcho {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '"')
		if i < 0 {
			break
		}
		q, err := strconv.QuotedPrefix(msg[i:])
		if err != nil {
			b.WriteString(msg[:i+1])
			msg = msg[i+1:]
			continue
		}
		b.WriteString(msg[:i])
		msg = msg[i+len(q):]
		if s, _ := strconv.Unquote(q); utf8.RuneCountInString(s) > maxEcho {
			q = strconv.Quote(string([]rune(s)[:maxEcho-1]) + "…")
		}
		b.WriteString(q)
	}
	b.WriteString(msg)
	return b.String()
}
