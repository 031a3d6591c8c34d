package knowledge

import (
	"bufio"
	"bytes"
	"strings"
)

// abbreviation is one line of standards/abbreviations.txt.
type abbreviation struct {
	// exact is set for a key written with capitals: it matches only as
	// written, because in lower case it is an ordinary word ("ur", "pa").
	exact     bool
	key       string
	expansion string
}

// abbreviations maps a lower-case key to its abbreviation.
type abbreviations map[string]abbreviation

func parseAbbreviations(data []byte) abbreviations {
	out := abbreviations{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, exp, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		a := abbreviation{key: key, exact: key != strings.ToLower(key), expansion: strings.TrimSpace(exp)}
		out[strings.ToLower(key)] = a
	}
	return out
}

// expand returns the words the abbreviations in a question stand for:
// "do we need a DPIA?" gains "data protection impact assessment privacy".
// Each is added once, however often it is used.
func (as abbreviations) expand(question string) string {
	var add []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(question, func(r rune) bool { return !isWordRune(r) && r != '/' }) {
		w = strings.ReplaceAll(w, "/", "")
		a, ok := as.lookup(w)
		if !ok || seen[a.key] {
			continue
		}
		seen[a.key] = true
		add = append(add, a.expansion)
	}
	return strings.Join(add, " ")
}

// lookup finds a word's abbreviation, allowing a plural "s".
func (as abbreviations) lookup(w string) (abbreviation, bool) {
	for _, cand := range []string{w, strings.TrimSuffix(w, "s")} {
		if cand == "" {
			continue
		}
		a, ok := as[strings.ToLower(cand)]
		if !ok {
			continue
		}
		if a.exact && cand != a.key {
			// "ur" or "Ur" is a word; only "UR" is the abbreviation.
			continue
		}
		return a, true
	}
	return abbreviation{}, false
}
