package knowledge

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQuote bounds a quoted passage; longer passages are cut at a sentence
// end so the quote stays exact.
const maxQuote = 420

// passage is an exact span of a document's text that may be quoted.
type passage struct {
	text  string
	field string // "summary", "body", or "phase" for what a panel looks for in one
	phase Phase  // the phase a "phase" passage is about
	// terms are the passage's distinct terms and pairs its neighbouring
	// terms ("screen reader", for phrases), as sorted numbers in the
	// document's vocabulary.
	terms []termID
	pairs []uint64
}

// splitPassages splits a document into quotable spans: its summary whole;
// each paragraph of its text whole when it is short enough to quote, and
// each sentence with the sentence after it, so a quote reads as a thought
// rather than a fragment; and, for a point, what a panel looks for in
// each phase, or what a review looks for.
func (d *Doc) splitPassages() []passage {
	var out []passage
	if s := strings.TrimSpace(d.Summary); s != "" {
		out = append(out, passage{text: clip(s), field: "summary"})
	}
	for _, para := range paragraphs(d.Body) {
		sents := sentences(para)
		if len(sents) > 2 && len(para) <= maxQuote && !strings.Contains(para, "\n") {
			out = append(out, passage{text: para, field: "body"})
		}
		for i := range sents {
			end := min(i+2, len(sents))
			out = append(out, passage{text: clip(strings.Join(sents[i:end], " ")), field: "body"})
		}
	}
	for _, ph := range AssessedPhases {
		if t := d.LooksFor[ph]; t != "" {
			out = append(out, passage{text: clip(t), field: "phase", phase: ph})
		}
	}
	if d.Review != "" {
		// Whatever the phase: a review looks for the same at any stage.
		out = append(out, passage{text: clip(d.Review), field: "review"})
	}
	return out
}

// bestPassage picks the passage that holds most of what the question
// asks, weighing its specific words most ("DPIA", "penetration") and its
// everyday ones least ("need", "team"); on a near tie the summary, then the
// shorter passage. A question that names a phase, or comes from a project
// in one, prefers what a panel looks for in that phase. It returns the
// passage and its score.
func (ix *Index) bestPassage(d *Doc, asked *asked, phase Phase) (string, float64) {
	qterms := asked.terms
	d.analyse(ix)
	for _, qt := range qterms {
		for _, ph := range AssessedPhases {
			if qt.term == string(ph) {
				phase = ph
			}
		}
	}
	q := ix.passageQuestion(d, asked)
	best, bestScore := "", -1.0
	for _, p := range d.passageCache {
		score, _ := q.score(p, phase)
		if score > bestScore {
			best, bestScore = p.text, score
		}
	}
	if best == "" {
		return clip(strings.TrimSpace(d.Body)), 0
	}
	return best, bestScore
}

// passageQuestion is a question made ready to rate one document's
// passages: what each word weighs and which of the document's term
// numbers stand for it and its synonyms, and what each pair of its words
// found together adds. Worked out once a document rather than once a
// passage, it leaves rating a passage to a few searches of short sorted
// lists.
type passageQuestion struct {
	words []passageWord
	pairs []passagePair
	all   float64 // the weight of every word
}

// passageWord is one of a question's words, as a document numbers it.
type passageWord struct {
	weight float64
	id     termID
	known  bool     // the document has the word itself
	syns   []termID // the synonyms of it the document has
}

// passagePair is a pair of the asker's words used together ("completion
// rate"), as a document numbers it, with what finding it adds.
type passagePair struct {
	key    uint64
	weight float64
}

// passageQuestion rates passages for a question asked of a document. Each
// word weighs by how rare it is in everyday English and in the guidance,
// so the words that name a practice decide the passage. A synonym counts
// for less than the word itself, because the passage that uses the
// asker's own word ("personas") answers better than one that only shares
// its subject ("users"); the asker's words used together, in order
// ("completion rate", "show and tell"), count again, because the passage
// is then about what was asked rather than only touching its words.
func (ix *Index) passageQuestion(d *Doc, asked *asked) *passageQuestion {
	q := &passageQuestion{words: make([]passageWord, 0, len(asked.terms))}
	weights := make(map[string]float64, len(asked.terms))
	for _, qt := range asked.terms {
		if qt.unseen {
			continue
		}
		w := passageWord{weight: passageWeight(qt)}
		weights[qt.term] = w.weight
		q.all += w.weight
		w.id, w.known = d.vocab.id(qt.term)
		for _, s := range ix.synonyms[qt.term] {
			if id, ok := d.vocab.id(s); ok {
				w.syns = append(w.syns, id)
			}
		}
		q.words = append(q.words, w)
	}
	for _, pair := range asked.pairs {
		a, b, _ := strings.Cut(pair, " ")
		ida, oka := d.vocab.id(a)
		idb, okb := d.vocab.id(b)
		if !oka || !okb {
			continue // no passage of the document holds the pair
		}
		p := passagePair{key: pairKey(ida, idb), weight: weights[a] + weights[b]}
		if _, ok := ix.jargon[pair]; ok {
			p.weight = jargonWeight
		}
		q.pairs = append(q.pairs, p)
	}
	return q
}

// score rates a passage for the question asked in a phase, and gives the
// share of the question's weight it holds.
func (q *passageQuestion) score(p passage, phase Phase) (score, cov float64) {
	if q.all == 0 {
		return 0, 0
	}
	got, phrases := 0.0, 0.0
	for _, w := range q.words {
		if w.known && holdsID(p.terms, w.id) {
			got += w.weight
		} else if holdsAnyID(p.terms, w.syns) {
			got += w.weight * synonymCredit
		}
	}
	for _, pair := range q.pairs {
		if holdsID(p.pairs, pair.key) {
			phrases += pair.weight
		}
	}
	cov = got / q.all
	score = cov + phraseCredit*phrases/q.all
	switch {
	case p.field == "summary":
		score += 0.03
	case p.field == "phase" && p.phase == phase:
		score += 0.15
	case p.field == "phase":
		score -= 0.15
	}
	return score - float64(len(p.text))/20000, cov
}

// holdsAnyID reports whether a sorted list of term numbers holds any of
// some.
func holdsAnyID(sorted, some []termID) bool {
	for _, id := range some {
		if holdsID(sorted, id) {
			return true
		}
	}
	return false
}

// passageWeight is how much a question's word decides its passage; a
// word the question only stands for (an abbreviation's expansion) counts
// for less.
func passageWeight(qt queryTerm) float64 {
	w := math.Sqrt(qt.idf) * qt.specificity()
	if qt.added {
		w *= addedCredit
	}
	return w
}

// phraseCredit is what a pair of the asker's words found together adds,
// against the words' own weight.
const phraseCredit = 1.0

// termPairs lists the neighbouring pairs of analysed terms, "a b".
func termPairs(terms []string) []string {
	var out []string
	for i := 1; i < len(terms); i++ {
		if terms[i] != terms[i-1] {
			out = append(out, terms[i-1]+" "+terms[i])
		}
	}
	return out
}

// addedCredit is what a word the question stands for but did not use
// (an abbreviation's expansion) weighs, against the words it used.
const addedCredit = 0.25

// synonymCredit is what a synonym of a question's word is worth in a
// passage, against the word itself.
const synonymCredit = 0.3

func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sentences splits a paragraph after '.', '!' or '?' followed by a space
// and an upper-case letter or digit, and at line breaks (list items).
func sentences(para string) []string {
	var out []string
	for _, line := range strings.Split(para, "\n") {
		line = strings.TrimSpace(line)
		start := 0
		for i := 0; i < len(line); i++ {
			c := line[i]
			if (c == '.' || c == '!' || c == '?') && i+2 < len(line) && line[i+1] == ' ' {
				r, _ := utf8.DecodeRuneInString(line[i+2:])
				if unicode.IsUpper(r) || unicode.IsDigit(r) {
					out = append(out, line[start:i+1])
					start = i + 2
				}
			}
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// clip shortens text to maxQuote at the last sentence or word end, so the
// result is still an exact prefix of the original.
func clip(s string) string {
	if len(s) <= maxQuote {
		return s
	}
	cut := s[:maxQuote]
	if i := strings.LastIndexAny(cut, ".!?"); i > maxQuote/2 {
		return cut[:i+1]
	}
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:") + "…"
}
