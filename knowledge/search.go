package knowledge

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// fieldBoosts weight where a question's words are found. Keywords and
// prompts are written in the words teams and assessors use, so they match
// questions best; a title is short, so one common word in it ("test")
// would otherwise outweigh a point that is about the whole question.
var fieldBoosts = []struct {
	field string
	boost float64
}{
	{"title", 1.0},
	{"heading", 1.5},
	{"keywords", 2.0},
	{"summary", 1.0},
	{"prompts", 2.0},
	{"body", 1.0},
}

// SearchOptions narrows a search.
type SearchOptions struct {
	// Standard, when set, keeps only that standard's points (guidance
	// sections still count): questions in a project prefer its standard.
	Standard string
	// PointsOnly leaves guidance out, for ranking points (eval).
	PointsOnly bool
	// Sources, when set, keeps only the documents of these sources
	// (Index.SourceNames): a channel's sources setting. The filter is
	// part of the search, shortlist included, so a restricted channel
	// gets the best of its own sources rather than what is left of the
	// best of all.
	Sources []string
	// Limit is the number of hits; 0 means 10.
	Limit int
}

// Hit is one search result.
type Hit struct {
	Doc   *Doc
	Score float64
}

// Search ranks the documents for a question.
func (ix *Index) Search(ctx context.Context, question string, opt SearchOptions) ([]Hit, error) {
	a, err := ix.ask(question, opt.Standard)
	if err != nil {
		return nil, err
	}
	hits, _, err := ix.ranked(ctx, question, a, opt)
	return hits, err
}

// ranked is the ranking an answer cites from, and Search returns: the
// search's hits reordered by the question's word pairs they hold
// (proximity.go), then the point the question names first
// (namedpoint.go), and where that point is.
func (ix *Index) ranked(ctx context.Context, question string, a *asked, opt SearchOptions) ([]Hit, named, error) {
	hits, err := ix.search(ctx, a.terms, opt)
	if err != nil {
		return nil, named{}, err
	}
	hits = ix.byProximity(hits, a.pairs)
	hits, nm := ix.promoteNamed(question, opt.Standard, a.terms, hits, len(opt.Sources) > 0)
	return hits, nm, nil
}

// search ranks the documents for a question's terms.
func (ix *Index) search(ctx context.Context, terms []queryTerm, opt SearchOptions) ([]Hit, error) {
	if len(terms) == 0 {
		return nil, nil
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	scoped := ix.scopedTo(r, opt.Standard)
	q, limit, err := ix.searchQuery(ctx, scoped, terms, opt)
	if err != nil || q == nil {
		return nil, err
	}
	syns, err := ix.synonymsOf(ctx, r, terms, searchedFields)
	if err != nil {
		return nil, err
	}
	res, err := ix.runQuery(ctx, scoped, q, limit, syns)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, len(res))
	for _, h := range res {
		d, ok := ix.docs[h.ID]
		if !ok {
			continue
		}
		hits = append(hits, Hit{Doc: d, Score: h.Score})
	}
	return hits, nil
}

// searchedFields are the fields of fieldBoosts.
var searchedFields = func() []string {
	out := make([]string, len(fieldBoosts))
	for i, fb := range fieldBoosts {
		out[i] = fb.field
	}
	return out
}()

// searchQuery is the query that ranks the documents for a question's
// terms, and how many hits to keep; nil when the shortlist is empty.
func (ix *Index) searchQuery(ctx context.Context, r indexReader, terms []queryTerm, opt SearchOptions) (query.Query, int, error) {
	// What a match query per field would build, from one analysis rather
	// than one per field: a search allocates a sixth less (the Slack load
	// benchmark is bound by garbage collection).
	fields := make([]query.Query, 0, len(fieldBoosts))
	for _, fb := range fieldBoosts {
		tqs := make([]query.Query, len(terms))
		for i, t := range terms {
			tq := bleve.NewTermQuery(t.term)
			tq.SetField(fb.field)
			tq.SetBoost(fb.boost * t.boost())
			tqs[i] = tq
		}
		dq := bleve.NewDisjunctionQuery(tqs...)
		dq.SetMin(1)
		dq.SetBoost(fb.boost)
		fields = append(fields, dq)
	}
	var q query.Query = bleve.NewDisjunctionQuery(fields...)
	filter := ix.filter(opt)
	limit := opt.Limit
	if limit <= 0 {
		limit = 10
	}
	only := ix.sourcesFilter(opt.Sources)
	if only != nil {
		filter = bothOf(filter, only)
	}
	if len(ix.docs) > shortlistFrom {
		ids, err := ix.shortlist(ctx, r, terms, max(shortlistSize, limit), only)
		if err != nil || len(ids) == 0 {
			return nil, 0, err
		}
		// The shortlist holds every document that could rank; scoring
		// only those, rather than the whole index, keeps a question's
		// cost flat however much guidance is loaded.
		filter = bothOf(bleve.NewDocIDQuery(ids), filter)
	}
	if filter != nil {
		q = bleve.NewConjunctionQuery(q, filter)
	}
	return q, limit, nil
}

// With more documents than shortlistFrom, a search first ranks them on
// their whole text alone (one field, not six) and then scores the best
// shortlistSize in full.
const (
	shortlistFrom = 400
	shortlistSize = 40
)

// shortlist ranks documents on their whole text and returns the ids of
// the best n. It does not filter by standard: a filter costs more than
// the few other standards' points it would leave out. It does keep to a
// channel's sources (only, nil for all): those may be a small part of the
// index, which an unfiltered shortlist could leave out altogether.
func (ix *Index) shortlist(ctx context.Context, r indexReader, terms []queryTerm, n int, only query.Query) ([]string, error) {
	q := bothOf(wholeTextQuery(terms), only)
	syns, err := ix.synonymsOf(ctx, r, terms, []string{"all"})
	if err != nil {
		return nil, err
	}
	res, err := ix.runQuery(ctx, r, q, n, syns)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res))
	for i, h := range res {
		ids[i] = h.ID
	}
	return ids, nil
}

// wholeTextQuery ranks documents by a question's terms in their whole
// text, for the shortlist.
func wholeTextQuery(terms []queryTerm) query.Query {
	tqs := make([]query.Query, len(terms))
	for i, t := range terms {
		tq := bleve.NewTermQuery(t.term)
		tq.SetField("all")
		tq.SetBoost(t.boost())
		tqs[i] = tq
	}
	return bleve.NewDisjunctionQuery(tqs...)
}

// bothOf is the conjunction of a and b, either of which may be nil.
func bothOf(a, b query.Query) query.Query {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return bleve.NewConjunctionQuery(a, b)
}

// filter restricts points to the preferred standard and, for point
// rankings, drops guidance.
func (ix *Index) filter(opt SearchOptions) query.Query {
	kind := func(k DocType) query.Query {
		tq := bleve.NewTermQuery(string(k))
		tq.SetField("type")
		return tq
	}
	var pointQ query.Query = kind(PointDoc)
	if opt.Standard != "" {
		sq := bleve.NewTermQuery(opt.Standard)
		sq.SetField("standard")
		pointQ = sq
	}
	switch {
	case opt.PointsOnly:
		return pointQ
	case opt.Standard != "":
		return bleve.NewDisjunctionQuery(pointQ, kind(GuidanceDoc))
	}
	return nil
}

// fieldDocFreq is the number of documents holding a term in one field.
func (ix *Index) fieldDocFreq(r indexReader, term, field string) (float64, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("read term %q: %w", term, err)
	}
	defer tfr.Close()
	return float64(tfr.Count()), nil
}

// setOf makes a set of strings.
func setOf(items []string) termSet {
	set := make(termSet, len(items))
	for _, t := range items {
		set[t] = struct{}{}
	}
	return set
}

// docCoverage is the share of a question's weight a document holds.
func (ix *Index) docCoverage(qterms []queryTerm, d *Doc) float64 {
	d.analyse(ix)
	return ix.coverage(qterms, d.vocab)
}

// coverage is the share of a question's weight that a document's terms
// hold, counting a synonym as the word itself.
func (ix *Index) coverage(qterms []queryTerm, have *vocabulary) float64 {
	var got, all float64
	for _, qt := range qterms {
		w := qt.weight()
		all += w
		if ix.holds(have, qt.term) {
			got += w
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// holds reports whether a document's own text has a term or a synonym
// of it.
func (ix *Index) holds(have *vocabulary, term string) bool {
	if have.has(term) {
		return true
	}
	for _, s := range ix.synonyms[term] {
		if have.has(s) {
			return true
		}
	}
	return false
}

// specificCoverage is the share of a question's words a document's terms
// hold, each weighed by how rare it is in everyday English (a word no
// document holds counts against it), and the weight held.
func (ix *Index) specificCoverage(qterms []queryTerm, have *vocabulary) (share, held float64) {
	var all float64
	for _, qt := range qterms {
		w := qt.specificity()
		all += w
		if ix.holds(have, qt.term) {
			held += w
		}
	}
	if all == 0 {
		return 0, 0
	}
	return held / all, held
}
