package knowledge

import (
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
	terms termSet
}

// splitPassages splits a document into quotable spans: its summary whole;
// each paragraph of its text whole when it is short enough to quote, and
// each sentence with the sentence after it, so a quote reads as a thought
// rather than a fragment; and, for a point, what a panel looks for in
// each phase.
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
	return out
}

// bestPassage picks the passage that holds most of what the question
// asks, weighing its specific words most ("DPIA", "penetration") and its
// everyday ones least ("need", "team"); on a near tie the summary, then the
// shorter passage. A question that names a phase, or comes from a project
// in one, prefers what a panel looks for in that phase. It returns the
// passage and the share of the question's weight it holds.
func (ix *Index) bestPassage(d *Doc, qterms []queryTerm, phase Phase) (string, float64) {
	d.analyse(ix)
	asked := phase
	for _, qt := range qterms {
		for _, ph := range AssessedPhases {
			if qt.term == string(ph) {
				asked = ph
			}
		}
	}
	best, bestScore, bestCov := "", -1.0, 0.0
	for _, p := range d.passageCache {
		cov := ix.passageCoverage(qterms, p.terms)
		score := cov
		switch {
		case p.field == "summary":
			score += 0.03
		case p.field == "phase" && p.phase == asked:
			score += 0.15
		case p.field == "phase":
			score -= 0.15
		}
		score -= float64(len(p.text)) / 20000
		if score > bestScore {
			best, bestScore, bestCov = p.text, score, cov
		}
	}
	if best == "" {
		return clip(strings.TrimSpace(d.Body)), 0
	}
	return best, bestCov
}

// passageCoverage is the share of a question's weight a passage holds.
// Each word weighs by how rare it is in everyday English, so the words
// that name a practice decide the passage; a synonym counts for less than
// the word itself, because the passage that uses the asker's own word
// ("personas") answers better than one that only shares its subject
// ("users").
func (ix *Index) passageCoverage(qterms []queryTerm, have termSet) float64 {
	var got, all float64
	for _, qt := range qterms {
		if qt.unseen {
			continue
		}
		w := qt.specificity()
		all += w
		if _, ok := have[qt.term]; ok {
			got += w
		} else if ix.holds(have, qt.term) {
			got += w * synonymCredit
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

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
