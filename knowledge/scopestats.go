package knowledge

import (
	"context"
	"fmt"

	index "github.com/blevesearch/bleve_index_api"
)

// Every standard's points share one index, so without scoping, the words
// of one standard's points change how every other standard's points are
// scored: BM25 weighs a word by how many documents hold it, and adding the
// NHS standard (which repeats GOV.UK's words) made "user" and "research"
// count for less in a question asked of the 2015 standard. A question
// asked of one standard is weighed and scored as if the index held that
// standard's points and everything that is not a point (the guidance), so
// each standard ranks the same however many others are built in or loaded.

// scoredFields are the fields a search scores, with "all" (the shortlist).
var scoredFields = append(append([]string(nil), searchedFields...), "all")

// pointCounts is how many points hold each term in each scored field, for
// one standard or for all of them.
type pointCounts struct {
	points int
	df     map[string]map[string]int // field -> term -> points
}

// pointStats is the points' share of the index's term statistics. It
// depends on the library alone, so every index opened over a library
// (tests open many) counts it once.
type pointStats struct {
	all         pointCounts
	perStandard map[string]*pointCounts
}

// pointStats is the library's point statistics, counted on first use.
func (ix *Index) pointStats() *pointStats {
	l := ix.lib
	l.countOnce.Do(func() { l.counted = countPoints(l, ix.terms) })
	return l.counted
}

// countPoints counts every point's terms, field by field, with the
// index's analyser.
func countPoints(l *Library, analyse func(string) []string) *pointStats {
	ps := &pointStats{all: newPointCounts(), perStandard: map[string]*pointCounts{}}
	for _, s := range l.Standards() {
		own := newPointCounts()
		ps.perStandard[s.ID] = &own
		for _, p := range s.Points {
			d := pointDoc(s, p)
			ps.all.points++
			own.points++
			// "all" is the other fields joined: its terms are theirs.
			every := termSet{}
			for _, f := range searchedFields {
				for t := range setOf(analyse(d.fieldText(f))) {
					ps.all.df[f][t]++
					own.df[f][t]++
					every[t] = struct{}{}
				}
			}
			for t := range every {
				ps.all.df["all"][t]++
				own.df["all"][t]++
			}
		}
	}
	return ps
}

// outsideTerms is, for a standard, how many distinct terms of each field
// only other standards' points hold: the words the field's dictionary
// loses when scoped to it. Counted once an index, on its first scoped
// search: it reads the index, which the background warm-up must not (the
// index may be closed under it).
func (ix *Index) outsideTerms(ps *pointStats, r indexReader, standard string) map[string]int {
	ix.outsideOnce.Do(func() { ix.outside = countOutside(ix, ps, r) })
	return ix.outside[standard]
}

// countOutside counts each standard's outside terms. On a read error it
// counts none: fields keep the whole index's length, which costs a little
// accuracy and nothing else.
func countOutside(ix *Index, ps *pointStats, r indexReader) map[string]map[string]int {
	out := make(map[string]map[string]int, len(ps.perStandard))
	for id := range ps.perStandard {
		out[id] = map[string]int{}
	}
	for _, f := range scoredFields {
		for t, n := range ps.all.df[f] {
			total, err := ix.fieldDocFreq(r, t, f)
			if err != nil {
				return nil
			}
			for id, own := range ps.perStandard {
				if others := n - own.df[f][t]; others > 0 && float64(others) == total {
					out[id][f]++
				}
			}
		}
	}
	return out
}

func newPointCounts() pointCounts {
	c := pointCounts{df: make(map[string]map[string]int, len(scoredFields))}
	for _, f := range scoredFields {
		c.df[f] = map[string]int{}
	}
	return c
}

// fieldText is the text a document indexes in a scored field.
func (d *Doc) fieldText(field string) string {
	switch field {
	case "title":
		return d.Title
	case "heading":
		return d.Heading
	case "keywords":
		return d.Keywords
	case "summary":
		return d.Summary
	case "prompts":
		return d.Prompts
	case "body":
		return d.Body
	}
	return ""
}

// scopedTo is a reader that scores as if the index held only one
// standard's points besides everything that is not a point; r itself when
// the index holds no other standard's points.
func (ix *Index) scopedTo(r indexReader, standard string) indexReader {
	if standard == "" {
		return r
	}
	ps := ix.pointStats()
	own := ps.perStandard[standard]
	if own == nil {
		own = &pointCounts{}
	}
	if own.points == ps.all.points {
		return r
	}
	return &scopedReader{IndexReader: r, all: &ps.all, own: own, outside: ix.outsideTerms(ps, r, standard)}
}

// scopedReader answers the statistics BM25 asks of an index reader (how
// many documents, how many hold a term, how long a field is on average)
// for one standard's points and the rest of the index, leaving out the
// other standards' points; postings are read from the index unchanged.
type scopedReader struct {
	index.IndexReader
	all, own *pointCounts
	outside  map[string]int // field -> terms only other standards hold
}

// TermFieldReader reads a term's postings, counting as holders only the
// documents in scope.
func (r *scopedReader) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (index.TermFieldReader, error) {
	tfr, err := r.IndexReader.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	if err != nil {
		return nil, err
	}
	others := r.all.df[field][string(term)] - r.own.df[field][string(term)]
	if others == 0 {
		return tfr, nil
	}
	return scopedTermReader{TermFieldReader: tfr, count: tfr.Count() - uint64(min(others, int(tfr.Count())))}, nil
}

// DocCount is the number of documents in scope.
func (r *scopedReader) DocCount() (uint64, error) {
	n, err := r.IndexReader.DocCount()
	if err != nil {
		return 0, err
	}
	others := uint64(r.all.points - r.own.points)
	return n - min(others, n), nil
}

// FieldCardinality is the number of distinct terms the field holds in
// scope: BM25 divides it by DocCount for the field's average length.
func (r *scopedReader) FieldCardinality(field string) (int, error) {
	br, ok := r.IndexReader.(index.BM25Reader)
	if !ok {
		return 0, fmt.Errorf("field %s: index reader has no field statistics", field)
	}
	card, err := br.FieldCardinality(field)
	if err != nil {
		return 0, err
	}
	if scoped := card - r.outside[field]; scoped > 0 {
		return scoped, nil
	}
	return card, nil
}

// scopedTermReader is a term's postings with the count of documents in
// scope holding it.
type scopedTermReader struct {
	index.TermFieldReader
	count uint64
}

// Count is the number of documents in scope holding the term.
func (t scopedTermReader) Count() uint64 { return t.count }

// scopedOut is how many of the documents holding a term anywhere in their
// text a scoped reader leaves out: 0 for the index itself.
func scopedOut(r indexReader, term string) float64 {
	s, ok := r.(*scopedReader)
	if !ok {
		return 0
	}
	return float64(s.all.df["all"][term] - s.own.df["all"][term])
}
