package knowledge

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// A question longer than this is cut: nobody types a question of more
// than a few hundred words, and a pasted document (Slack allows 40,000
// characters) must not hold up everyone else's answers.
const (
	maxQuestionBytes = 4000
	maxQuestionTerms = 48
)

// asked is a question made ready to search and to judge.
type asked struct {
	// text is what is searched: the question without its framing, its
	// typos corrected, and the words its abbreviations and synonym
	// phrases stand for added.
	text  string
	terms []queryTerm // distinct, in the order first used
	pairs []string    // neighbouring terms, for phrases
	fixes []typoFix
}

// queryTerm is one distinct analysed word of a question.
type queryTerm struct {
	term string
	// df is the number of documents holding the word; idf the
	// rarer-is-weightier weight that gives.
	df, idf float64
	// surprisal is how rare the word is in everyday English, in bits.
	surprisal float64
	unseen    bool // no document holds the word or a synonym of it
	// added is set for a word the question did not use but stands for:
	// an abbreviation's or a synonym phrase's expansion.
	added bool
}

// ask analyses a question once for everything answering needs; the
// words are weighed by the statistics of the standard asked of, when
// one is (scopestats.go).
func (ix *Index) ask(question, standard string) (*asked, error) {
	q := cutQuestion(question)
	q = cleanQuestion(q)
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	q, fixes, err := ix.fixTypos(r, q)
	if err != nil {
		return nil, err
	}
	text := q
	for _, extra := range []string{ix.abbrevs.expand(q), expandPhrases(q, ix.phrases)} {
		if extra != "" {
			text += " " + extra
		}
	}
	words := ix.terms(text)
	terms, err := ix.weigh(r, words, standard)
	if err != nil {
		return nil, err
	}
	typed := setOf(ix.terms(q))
	for i := range terms {
		_, ok := typed[terms[i].term]
		terms[i].added = !ok
	}
	return &asked{text: text, terms: terms, pairs: termPairs(words[:min(len(words), 2*maxQuestionTerms)]), fixes: fixes}, nil
}

// weigh makes distinct query terms of analysed words. A question with
// more than maxQuestionTerms distinct words keeps the most specific ones
// (rarest in the guidance and in everyday English), in the order asked.
func (ix *Index) weigh(r indexReader, words []string, standard string) ([]queryTerm, error) {
	scoped := ix.scopedTo(r, standard)
	total, err := scoped.DocCount()
	if err != nil {
		return nil, err
	}
	n := float64(total)
	bg := english()
	seen := map[string]bool{}
	var out []queryTerm
	for _, t := range words {
		if seen[t] {
			continue
		}
		seen[t] = true
		df, err := ix.docFreq(r, t)
		if err != nil {
			return nil, err
		}
		withSyns := df
		for _, syn := range ix.synonyms[t] {
			sdf, err := ix.docFreq(r, syn)
			if err != nil {
				return nil, err
			}
			withSyns = max(withSyns, sdf)
		}
		// A word no document holds is unseen whatever the scope; its
		// weight is the standard's.
		unseen := withSyns == 0
		df -= scopedOut(scoped, t)
		out = append(out, queryTerm{
			term: t, df: df, unseen: unseen,
			idf:       math.Log(1 + (n-df+0.5)/(df+0.5)),
			surprisal: bg.surprisal(t),
		})
	}
	if len(out) <= maxQuestionTerms {
		return out, nil
	}
	keep := byWeight(out, func(t queryTerm) float64 { return t.idf * t.specificity() })[:maxQuestionTerms]
	kept := map[string]bool{}
	for _, t := range keep {
		kept[t.term] = true
	}
	return slices.DeleteFunc(out, func(t queryTerm) bool { return !kept[t.term] }), nil
}

// byWeight sorts terms heaviest first by a weight function.
func byWeight(terms []queryTerm, w func(queryTerm) float64) []queryTerm {
	out := append([]queryTerm(nil), terms...)
	sort.SliceStable(out, func(i, j int) bool { return w(out[i]) > w(out[j]) })
	return out
}

// cutQuestion keeps the first maxQuestionBytes of a question, at a rune
// boundary.
func cutQuestion(q string) string {
	if len(q) <= maxQuestionBytes {
		return q
	}
	cut := maxQuestionBytes
	for cut > 0 && !utf8.RuneStart(q[cut]) {
		cut--
	}
	return strings.TrimSpace(q[:cut])
}

// weight is how much a term says about what is asked, for judging how
// much of a question a passage covers.
func (t queryTerm) weight() float64 { return t.idf }

// boost weighs a term in the search.
func (t queryTerm) boost() float64 { return 1 }

// specificity is how much rarer than an everyday word a term is, from
// 0.2 (as common as "need" or "team") to 2 (as rare as "accessibility").
func (t queryTerm) specificity() float64 {
	return min(2, max(0.2, (t.surprisal-10)/6))
}
