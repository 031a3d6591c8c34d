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
	field string // summary, body, prompts
	terms termSet
}

// passages splits a document into quotable spans: its summary whole, then
// each sentence of its text with the sentence after it, so a quote reads as
// a thought rather than a fragment.
func (d *Doc) splitPassages() []passage {
	var out []passage
	if s := strings.TrimSpace(d.Summary); s != "" {
		out = append(out, passage{text: clip(s), field: "summary"})
	}
	for _, para := range paragraphs(d.Body) {
		sents := sentences(para)
		for i := range sents {
			end := min(i+2, len(sents))
			out = append(out, passage{text: clip(strings.Join(sents[i:end], " ")), field: "body"})
		}
	}
	return out
}

// bestPassage picks the passage holding most of the question's weight,
// preferring shorter passages on a tie, and returns it with its coverage.
func (ix *Index) bestPassage(d *Doc, qterms []queryTerm) (string, float64) {
	d.analyse(ix)
	best, bestScore, bestCov := "", -1.0, 0.0
	for _, p := range d.passageCache {
		cov := ix.coverage(qterms, p.terms)
		score := cov
		if p.field == "summary" {
			// A summary is written to stand alone; prefer it when it is
			// about as relevant as a sentence from the body.
			score += 0.15
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
