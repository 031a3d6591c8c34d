package knowledge

import (
	"sort"
	"strings"
)

// proximityWeight is how much more a document scores when it holds every
// neighbouring pair of a question's words side by side ("user research",
// "assisted digital", "start page"), in proportion to the pairs it holds.
// BM25 scores words one at a time, so a point that uses both words of
// "performance data" in different sentences scores as one that says
// "performance data"; the pairs tell them apart. Any weight from 0.3 to 1
// ranked the development sets (eval/) alike, better than none; 0.3 moves
// the fewest answers.
const proximityWeight = 0.3

// byProximity reorders hits by their scores grown by the share of the
// question's neighbouring pairs (asked.pairs) each document holds.
func (ix *Index) byProximity(hits []Hit, pairs []string) []Hit {
	if len(pairs) == 0 || len(hits) < 2 {
		return hits
	}
	for i := range hits {
		held := hits[i].Doc.heldPairs(ix, pairs)
		hits[i].Score *= 1 + proximityWeight*float64(held)/float64(len(pairs))
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits
}

// heldPairs counts the pairs ("a b", analysed terms) the document holds
// side by side in one of its fields or passages.
func (d *Doc) heldPairs(ix *Index, pairs []string) int {
	d.analyse(ix)
	n := 0
	for _, p := range pairs {
		a, b, _ := strings.Cut(p, " ")
		ia, okA := d.vocab.id(a)
		ib, okB := d.vocab.id(b)
		if okA && okB && d.holdsPair(pairKey(ia, ib)) {
			n++
		}
	}
	return n
}

// holdsPair reports whether a field or a passage holds the pair.
func (d *Doc) holdsPair(key uint64) bool {
	if holdsID(d.fieldPairs, key) {
		return true
	}
	for i := range d.passageCache {
		if holdsID(d.passageCache[i].pairs, key) {
			return true
		}
	}
	return false
}
