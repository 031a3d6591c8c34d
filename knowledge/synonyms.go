package knowledge

import (
	"bufio"
	"bytes"
	"strings"
	"unicode"
)

// synonymGroup is one line of standards/synonyms.txt. Terms are equivalent
// to each other unless Targets is set, in which case Terms map one way to
// Targets ("screen reader => accessibility").
type synonymGroup struct {
	Terms   []string
	Targets []string
}

// parseSynonyms reads the embedded synonym list. Phrases stay whole here;
// the index splits single words (which bleve expands itself) from phrases
// (which query expansion handles, since bleve's synonyms are single tokens).
func parseSynonyms(data []byte) []synonymGroup {
	var out []synonymGroup
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var g synonymGroup
		left, right, directed := strings.Cut(line, "=>")
		g.Terms = splitTerms(left)
		if directed {
			g.Targets = splitTerms(right)
		}
		if len(g.Terms) > 0 {
			out = append(out, g)
		}
	}
	return out
}

func splitTerms(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// expandPhrases returns words to add to a question for each multi-word
// synonym phrase it contains: "is it ok for a screen reader" gains
// "accessibility assistive".
func expandPhrases(question string, groups []synonymGroup) string {
	q := " " + normaliseWords(question) + " "
	var add []string
	for _, g := range groups {
		for _, t := range g.Terms {
			if !strings.Contains(t, " ") || !(strings.Contains(q, " "+t+" ") || strings.Contains(q, " "+t+"s ")) {
				continue
			}
			targets := g.Targets
			if targets == nil {
				targets = g.Terms
			}
			for _, w := range targets {
				if !strings.Contains(w, " ") {
					add = append(add, w)
				}
			}
			break
		}
	}
	return strings.Join(add, " ")
}

// normaliseWords lower-cases s and turns everything but letters, digits,
// hyphens and dots inside words ("gov.uk") into single spaces, so phrases
// match whatever the punctuation around them.
func normaliseWords(s string) string {
	rs := []rune(strings.ToLower(s))
	var b strings.Builder
	space := true
	for i, r := range rs {
		inner := (r == '.' || r == '-') && i > 0 && i+1 < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[i+1])
		if isWordRune(r) || inner {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
