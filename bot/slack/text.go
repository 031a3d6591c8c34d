package slack

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// mentionRE matches a user mention as Slack encodes it: <@U123> or
// <@U123|name>.
var mentionRE = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)

// stripMention removes mentions of the bot (self) from text. While the
// bot's id is unknown it removes one leading mention, which in an
// app_mention is the bot's.
func stripMention(text, self string) string {
	text = strings.TrimSpace(text)
	if self == "" {
		if loc := mentionRE.FindStringIndex(text); loc != nil && loc[0] == 0 {
			text = text[loc[1]:]
		}
		return strings.TrimSpace(text)
	}
	text = mentionRE.ReplaceAllStringFunc(text, func(m string) string {
		if mentionRE.FindStringSubmatch(m)[1] == self {
			return ""
		}
		return m
	})
	return strings.TrimSpace(text)
}

// linkRE matches Slack's link markup: <https://x>, <https://x|label>,
// <mailto:a@b|a@b> and <#C123|channel>.
var linkRE = regexp.MustCompile(`<((?:https?://|mailto:)[^|>]+)(?:\|[^>]*)?>|<#[A-Z0-9]+\|([^>]*)>`)

// plainText turns a message's Slack markup back into what the person
// typed: links become their URLs (so evidence keeps the link), channel
// references their names, and the three escaped characters themselves.
func plainText(text string) string {
	text = linkRE.ReplaceAllStringFunc(text, func(m string) string {
		sub := linkRE.FindStringSubmatch(m)
		if sub[1] != "" {
			return strings.TrimPrefix(sub[1], "mailto:")
		}
		return "#" + sub[2]
	})
	return unescaper.Replace(text)
}

var (
	escaper   = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	unescaper = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&")
)

// escape makes text safe inside mrkdwn: Slack reads &, < and > as markup.
func escape(s string) string { return escaper.Replace(s) }

// ellipsis marks text cut to fit one of Slack's limits.
const ellipsis = "…"

// truncate shortens s to at most limit characters (Slack counts
// characters, not bytes), ending in an ellipsis when cut. It never splits a
// character or an escaped entity such as &amp;.
func truncate(s string, limit int) string {
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	if limit <= 0 {
		return ""
	}
	cut := cutAt(s, limit-1)
	return strings.TrimRight(s[:cut], " \n") + ellipsis
}

// cutAt is the byte offset after at most n characters of s, moved back so
// as not to end inside an entity (&amp; &lt; &gt;).
func cutAt(s string, n int) int {
	i := 0
	for c := 0; c < n && i < len(s); c++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	if amp := strings.LastIndexByte(s[:i], '&'); amp >= 0 && amp > i-5 && !strings.Contains(s[amp:i], ";") {
		if semi := strings.IndexByte(s[amp:], ';'); semi >= 0 && semi <= 4 {
			i = amp
		}
	}
	return i
}

// chunks splits s into pieces of at most limit characters, at line breaks
// where it can, else at spaces, else anywhere (but not inside an entity),
// so a long text becomes several blocks instead of an error.
func chunks(s string, limit int) []string {
	var out []string
	for utf8.RuneCountInString(s) > limit {
		cut := cutAt(s, limit)
		if i := strings.LastIndexByte(s[:cut], '\n'); i > 0 {
			cut = i
		} else if i := strings.LastIndexByte(s[:cut], ' '); i > 0 {
			cut = i
		}
		if cut == 0 { // limit smaller than an entity: take one character
			_, cut = utf8.DecodeRuneInString(s)
		}
		out = append(out, s[:cut])
		s = strings.TrimLeft(s[cut:], " \n")
	}
	if s != "" || len(out) == 0 {
		out = append(out, s)
	}
	return out
}
