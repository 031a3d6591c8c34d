package knowledge

import "strings"

// jargonWeight is what a term of art made of everyday words ("show and
// tell", "completion rate", "screen reader") weighs when a question and a
// passage both use it: as much as a word rare in everyday English, though
// its own words are common.
const jargonWeight = 2.0

// jargonPairs lists the neighbouring-word pairs of the documents'
// multi-word keywords: the field's terms of art, as the index analyses
// them.
func (ix *Index) jargonPairs(docs []*Doc) termSet {
	set := termSet{}
	for _, d := range docs {
		for _, k := range strings.Split(d.Keywords, ",") {
			for _, p := range termPairs(ix.terms(k)) {
				set[p] = struct{}{}
			}
		}
	}
	for _, g := range ix.phrases {
		for _, t := range append(append([]string(nil), g.Terms...), g.Targets...) {
			for _, p := range termPairs(ix.terms(t)) {
				set[p] = struct{}{}
			}
		}
	}
	return set
}
