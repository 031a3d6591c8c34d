package knowledge

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// runQuery finds a query's best n documents by score, as bleve's
// SearchInContext does for a request of n hits sorted by score, without
// what an answer never uses and bleve does for every search regardless:
// it loads no stored fields (the index stores none), looks each of the
// question's words up in the synonym collection once rather than once for
// each of the six fields it is searched in (syns, from synonymsOf), and
// sizes the pool of matches to what the search holds at once rather than
// twice that. Answering allocates a quarter less (docs/BENCHMARKS.md),
// ranks the same documents with the same scores, and is what serve's
// garbage collection has to keep up with under load.
func (ix *Index) runQuery(ctx context.Context, r indexReader, q query.Query, n int, syns search.FieldTermSynonymMap) (search.DocumentMatchCollection, error) {
	model := index.DefaultScoringModel
	if m, ok := ix.idx.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == index.BM25Scoring {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, search.GetScoringModelCallbackKey, search.GetScoringModelCallbackFn(func() string { return model }))
	if syns != nil {
		ctx = context.WithValue(ctx, search.FieldTermSynonymMapKey, syns)
	}
	s, err := q.Searcher(ctx, r, ix.idx.Mapping(), search.SearcherOptions{})
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer s.Close()
	coll := collector.NewTopNCollector(n, 0, search.SortOrder{&search.SortScore{Desc: true}})
	if err := coll.Collect(ctx, leanPool{s}, r); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return coll.Results(), nil
}

// leanPool asks the collector for half the pool of matches a searcher
// says it may need. A disjunction counts a match for each of its
// children on top of the children's own, so the pool it asks for is
// about twice what its searchers hold at once; a search that needs more
// gets them one at a time from the pool, as bleve provides for.
type leanPool struct{ search.Searcher }

func (p leanPool) DocumentMatchPoolSize() int { return p.Searcher.DocumentMatchPoolSize() / 2 }

// synonymsOf looks the terms up in the synonym collection of each field
// that has one, as bleve would for term queries on those fields, once a
// collection (the six searched fields share one) and once an index
// (termCounts). It returns nil when no term has a synonym.
func (ix *Index) synonymsOf(ctx context.Context, r indexReader, terms []queryTerm, fields []string) (search.FieldTermSynonymMap, error) {
	sm, ok := ix.idx.Mapping().(mapping.SynonymMapping)
	if !ok || sm.SynonymCount() == 0 {
		return nil, nil
	}
	if s, ok := r.(*scopedReader); ok {
		r = s.IndexReader // synonyms are the index's, whatever the scope
	}
	tr, ok := r.(index.ThesaurusReader)
	if !ok {
		return nil, nil
	}
	var out search.FieldTermSynonymMap
	bySource := map[string]map[string][]string{}
	for _, f := range fields {
		src := sm.SynonymSourceForPath(f)
		if src == "" {
			continue
		}
		found, done := bySource[src]
		if !done {
			var err error
			if found, err = ix.lookUpSynonyms(ctx, tr, src, terms); err != nil {
				return nil, err
			}
			bySource[src] = found
		}
		if len(found) == 0 {
			continue
		}
		if out == nil {
			out = search.FieldTermSynonymMap{}
		}
		out[f] = found
	}
	return out, nil
}

// lookUpSynonyms reads each term's synonyms from one synonym collection,
// keeping the terms that have some.
func (ix *Index) lookUpSynonyms(ctx context.Context, tr index.ThesaurusReader, src string, terms []queryTerm) (map[string][]string, error) {
	memo := ix.termCounts()
	found := map[string][]string{}
	for _, t := range terms {
		syns, err := memo.synonyms(src, t.term, func() ([]string, error) { return thesaurusEntry(ctx, tr, src, t.term) })
		if err != nil {
			return nil, err
		}
		if len(syns) > 0 {
			found[t.term] = syns
		}
	}
	return found, nil
}

// thesaurusEntry is one term's synonyms in a collection, in the order
// the collection gives them.
func thesaurusEntry(ctx context.Context, tr index.ThesaurusReader, src, term string) ([]string, error) {
	rd, err := tr.ThesaurusTermReader(ctx, src, []byte(term))
	if err != nil {
		return nil, fmt.Errorf("read synonyms of %q: %w", term, err)
	}
	defer rd.Close()
	var syns []string
	for {
		s, err := rd.Next()
		if err != nil {
			return nil, fmt.Errorf("read synonyms of %q: %w", term, err)
		}
		if s == "" {
			return slices.Clip(syns), nil
		}
		syns = append(syns, s)
	}
}
