package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	index "github.com/blevesearch/bleve_index_api"
)

// wordsField indexes every document's words as written (lower case, not
// stemmed). Nothing searches it: its dictionary is what a typo is
// corrected against, because a stem ("accesibl" for "accesibility") is
// too far from the word's own stem ("access") to be found.
const wordsField = "words"

// A word is taken for a typo only when the index does not know it and
// everyday English hardly uses it (films' subtitles use a typo too, now
// and then); then it is replaced by the nearest word the guidance uses.
const (
	typoMaxEnglish = 10 // uses in the background corpus
	typoMinLen     = 4  // letters; shorter words have too many neighbours
	typoMaxLen     = 20 // letters; longer "words" are codes or pasted junk
	// typoMaxLookups bounds the dictionary searches one question costs: a
	// question has a typo or two, and a pasted page of unknown words
	// must not hold up everyone else's answers.
	typoMaxLookups = 6
)

// typoFix is a word taken for a typo and its correction.
type typoFix struct{ from, to string }

// fixTypos corrects the words of a question that look like typos of the
// guidance's words, returning the corrected question and the fixes.
func (ix *Index) fixTypos(r indexReader, question string) (string, []typoFix, error) {
	fr, ok := r.(index.IndexReaderFuzzy)
	if !ok {
		return question, nil, nil
	}
	var fixes []typoFix
	seen := map[string]bool{}
	lookups := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(question), func(r rune) bool { return !isWordRune(r) }) {
		n := utf8.RuneCountInString(w)
		if seen[w] || n < typoMinLen || n > typoMaxLen || !allLetters(w) {
			continue
		}
		seen[w] = true
		to, looked, err := ix.correction(r, fr, w)
		if looked {
			lookups++
		}
		if err != nil {
			return question, nil, err
		}
		if to != "" {
			fixes = append(fixes, typoFix{from: w, to: to})
		}
		if lookups == typoMaxLookups {
			break
		}
	}
	if len(fixes) == 0 {
		return question, nil, nil
	}
	return replaceWords(question, fixes), fixes, nil
}

// correction is the word a typo w stands for, or "" when w is a word the
// index or English knows, or nothing is near enough; looked says whether
// the dictionary was searched.
func (ix *Index) correction(r indexReader, fr index.IndexReaderFuzzy, w string) (to string, looked bool, err error) {
	terms := ix.terms(w)
	if len(terms) != 1 {
		return "", false, nil // a stop word, or not one word
	}
	if english().count(terms[0]) >= typoMaxEnglish {
		return "", false, nil
	}
	if df, err := ix.docFreq(r, terms[0]); err != nil || df > 0 {
		return "", false, err
	}
	fuzziness := 1
	if utf8.RuneCountInString(w) >= 7 {
		fuzziness = 2
	}
	dict, err := fr.FieldDictFuzzy(wordsField, w, fuzziness, "")
	if err != nil {
		return "", true, fmt.Errorf("look up words near %q: %w", w, err)
	}
	defer dict.Close()
	var best candidate
	for {
		e, err := dict.Next()
		if err != nil {
			return "", true, fmt.Errorf("look up words near %q: %w", w, err)
		}
		if e == nil {
			break
		}
		c := candidate{word: e.Term, dist: levenshtein(w, e.Term), sameFirst: e.Term[0] == w[0], keepsTyped: isSubsequence(w, e.Term)}
		if best.word != "" && c.dist > best.dist {
			continue
		}
		if c.df, err = ix.fieldDocFreq(r, e.Term, wordsField); err != nil {
			return "", true, err
		}
		if best.word == "" || c.better(best) {
			best = c
		}
	}
	return best.word, true, nil
}

// candidate is a word a typo may stand for.
type candidate struct {
	word      string
	dist      int
	sameFirst bool // a typo seldom changes the first letter
	// keepsTyped is set when every letter typed is in the word, in order:
	// the typist left letters out ("hazrd" for hazard) rather than added
	// ones, so no key they pressed has to be explained away ("hard").
	keepsTyped bool
	df         float64
}

// better orders candidates: nearest, then keeping the first letter, then
// keeping every letter typed, then the word more documents use.
func (c candidate) better(o candidate) bool {
	if c.dist != o.dist {
		return c.dist < o.dist
	}
	if c.sameFirst != o.sameFirst {
		return c.sameFirst
	}
	if c.keepsTyped != o.keepsTyped {
		return c.keepsTyped
	}
	return c.df > o.df
}

// isSubsequence reports whether every rune of typed appears in word, in
// order.
func isSubsequence(typed, word string) bool {
	rest := []rune(word)
	for _, r := range typed {
		i := slices.Index(rest, r)
		if i < 0 {
			return false
		}
		rest = rest[i+1:]
	}
	return true
}

// replaceWords replaces whole words, whatever their case.
func replaceWords(text string, fixes []typoFix) string {
	var b strings.Builder
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := text[start:end]
		for _, f := range fixes {
			if strings.EqualFold(w, f.from) {
				w = f.to
				break
			}
		}
		b.WriteString(w)
		start = -1
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		b.WriteRune(r)
	}
	flush(len(text))
	return b.String()
}

// levenshtein is the edit distance between two short words, in runes.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func allLetters(s string) bool {
	for _, r := range s {
		if !('a' <= r && r <= 'z') && r < utf8.RuneSelf {
			return false
		}
	}
	return true
}
