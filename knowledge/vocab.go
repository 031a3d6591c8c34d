package knowledge

import (
	"slices"
	"strings"
)

// vocabulary is one document's analysed terms, numbered, so its passages
// can keep their terms as short sorted lists of numbers rather than as a
// map of strings each: a point has a hundred passages and more, every
// analysed document is kept for the life of the index, and the maps were
// most of serve's live heap (docs/BENCHMARKS.md).
type vocabulary struct {
	// words holds the document's own terms, sorted (words[:own]), then,
	// sorted, any term only a passage's analysis gave: a passage is a
	// span of the text, and analysed alone it might in principle tokenise
	// differently at its edges.
	words []string
	own   int
}

// termID is a term's number in its document's vocabulary.
type termID = uint32

// newVocabulary numbers the terms of a document (own) and of its passages.
// The terms' text is packed in one string, so a document's vocabulary is
// two allocations however many terms it has.
func newVocabulary(own []string, passages [][]string) *vocabulary {
	ownSorted := slices.Compact(slices.Sorted(slices.Values(own)))
	var extra []string
	for _, terms := range passages {
		for _, t := range terms {
			if _, found := slices.BinarySearch(ownSorted, t); !found {
				extra = append(extra, t)
			}
		}
	}
	slices.Sort(extra)
	extra = slices.Compact(extra)
	all := append(ownSorted, extra...)
	n := 0
	for _, t := range all {
		n += len(t)
	}
	var b strings.Builder
	b.Grow(n)
	for _, t := range all {
		b.WriteString(t)
	}
	packed := b.String()
	words := make([]string, len(all))
	at := 0
	for i, t := range all {
		words[i] = packed[at : at+len(t)]
		at += len(t)
	}
	return &vocabulary{words: words, own: len(ownSorted)}
}

// has reports whether the document's own text holds the term.
func (v *vocabulary) has(term string) bool {
	_, ok := slices.BinarySearch(v.words[:v.own], term)
	return ok
}

// id is a term's number, if the document or one of its passages has it.
func (v *vocabulary) id(term string) (termID, bool) {
	if i, ok := slices.BinarySearch(v.words[:v.own], term); ok {
		return termID(i), true
	}
	if i, ok := slices.BinarySearch(v.words[v.own:], term); ok {
		return termID(v.own + i), true
	}
	return 0, false
}

// encode turns a passage's analysed terms into its sorted distinct term
// numbers and its sorted distinct neighbouring pairs (termPairs). Every
// term must be in the vocabulary.
func (v *vocabulary) encode(terms []string) (ids []termID, pairs []uint64) {
	ids = make([]termID, len(terms))
	for i, t := range terms {
		ids[i], _ = v.id(t)
	}
	for i := 1; i < len(terms); i++ {
		if terms[i] != terms[i-1] {
			pairs = append(pairs, pairKey(ids[i-1], ids[i]))
		}
	}
	slices.Sort(ids)
	slices.Sort(pairs)
	return slices.Clip(slices.Compact(ids)), slices.Clip(slices.Compact(pairs))
}

// pairKey numbers a pair of neighbouring terms, "a b".
func pairKey(a, b termID) uint64 { return uint64(a)<<32 | uint64(b) }

// holdsID reports whether a sorted list of term numbers holds one.
func holdsID[T termID | uint64](sorted []T, x T) bool {
	_, ok := slices.BinarySearch(sorted, x)
	return ok
}
