package knowledge

import (
	"slices"
	"strings"
)

// pointWords introduce a point's number in a question: "point 16",
// "pt 5", "standard 2.1".
var pointWords = []string{"point", "pt", "standard", "criterion"}

// bareRefLead are the words that may come before a bare reference ("what
// is 2.1") for it to be read as one: anything else before it ("wcag 2.1",
// "version 2.1") names something else.
var bareRefLead = []string{"", "what", "whats", "what's", "is", "about", "explain", "show", "me", "tell"}

// namedPoint finds the one point a question names outright ("whats point
// 16 about", "tcop 5?", "what's 2.1 in the welsh standards"), of the
// standard asked (std, "" for any). A question naming points of two
// standards, or two points, names none: it compares them, and the mapping
// answers it. The point named is the answer whatever the question's other
// words score.
//
// rest is the question without the words that name the point, for telling
// a question about the point ("what is point 5 about") from one about
// something else that mentions it ("we got a red on point 5").
func (l *Library) namedPoint(question, std string) (ref PointRef, rest string, ok bool) {
	words := strings.Fields(strings.ToLower(question))
	for i := range words {
		words[i] = strings.Trim(words[i], "?!,;:()\"'")
	}
	var found []PointRef
	naming := map[int]bool{}
	for i, w := range words {
		if !LooksLikePoint(w) {
			continue
		}
		for _, ref := range l.readPointAt(words, i, std) {
			naming[i], naming[i-1] = true, true
			if i > 1 && slices.Contains(pointWords, words[i-1]) && l.isStandardWord(words[i-2]) {
				naming[i-2] = true
			}
			if !slices.Contains(found, ref) {
				found = append(found, ref)
			}
		}
	}
	if len(found) != 1 || found[0].Point < 0 {
		return PointRef{}, "", false
	}
	var others []string
	for i, w := range words {
		if !naming[i] {
			others = append(others, w)
		}
	}
	return found[0], strings.Join(others, " "), true
}

// readPointAt reads the number at words[i] as a point, from the words
// before it: a standard's name ("nhs 16", "nhs point 16"), a point word
// ("point 16"), or, for a standard with references, a bare reference in
// a short question ("3.2?").
func (l *Library) readPointAt(words []string, i int, std string) []PointRef {
	prev, prev2 := "", ""
	if i > 0 {
		prev = words[i-1]
	}
	if i > 1 {
		prev2 = words[i-2]
	}
	named := ""
	switch {
	case l.isStandardWord(prev):
		named = prev
	case slices.Contains(pointWords, prev) && l.isStandardWord(prev2):
		named = prev2
	}
	if named != "" {
		s, _ := l.Standard(named)
		if std != "" && s.ID != std {
			// Another standard's point: a mapping question, or a
			// comparison; the other standard's ranking decides.
			return []PointRef{{Standard: s.ID, Point: -1}}
		}
		return pointOf(s, words[i])
	}
	s, ok := l.Standard(std)
	if !ok {
		return nil
	}
	if slices.Contains(pointWords, prev) {
		return pointOf(s, words[i])
	}
	if strings.Contains(words[i], ".") && s.HasRefs() && slices.Contains(bareRefLead, prev) && len(words) <= 8 {
		return pointOf(s, words[i])
	}
	return nil
}

func (l *Library) isStandardWord(w string) bool {
	if w == "" || w == "standard" {
		return false
	}
	_, ok := l.Standard(w)
	return ok
}

func pointOf(s *Standard, word string) []PointRef {
	n, err := s.ParsePoint(word)
	if err != nil {
		return nil
	}
	return []PointRef{{Standard: s.ID, Point: n}}
}

// named is where the point a question names went in its hits.
type named struct {
	// at is its index, -1 when the question names no point.
	at int
	// only is set when the question asks nothing besides naming it
	// ("what is point 5 about"): the point is the answer and is cited
	// first.
	only bool
}

// promoteNamed puts the point a question names first in its hits, or
// second when the question asks more than the point and guidance ranked
// above it ("we got a red on point 5": what happens after a red comes
// first). With a channel's sources setting (restricted), only a point
// already found is moved, so the setting still decides what may be cited.
func (ix *Index) promoteNamed(question, std string, qterms []queryTerm, hits []Hit, restricted bool) ([]Hit, named) {
	none := named{at: -1}
	ref, rest, ok := ix.lib.namedPoint(question, std)
	if !ok {
		return hits, none
	}
	d, ok := ix.docs[pointDocID(ref.Standard, ref.Point)]
	if !ok {
		return hits, none
	}
	top := Hit{Doc: d}
	out := make([]Hit, 0, len(hits)+1)
	found, own := false, 0.0
	for _, h := range hits {
		if h.Doc == d {
			found, own = true, h.Score
			continue
		}
		top.Score = max(top.Score, h.Score)
		out = append(out, h)
	}
	top.Score = max(top.Score, own, 1e-9)
	if restricted && !found {
		return hits, none
	}
	n := named{only: len(ix.restTerms(rest, qterms)) == 0}
	if !n.only && len(out) > 0 && out[0].Doc.Type == GuidanceDoc && out[0].Score > own {
		n.at = 1
	}
	return slices.Insert(out, n.at, top), n
}

// restTerms are the question's terms among the words it asks besides
// naming a point.
func (ix *Index) restTerms(rest string, qterms []queryTerm) []queryTerm {
	words := setOf(ix.terms(rest))
	var terms []queryTerm
	for _, t := range qterms {
		if _, ok := words[t.term]; ok && !t.added {
			terms = append(terms, t)
		}
	}
	return terms
}
