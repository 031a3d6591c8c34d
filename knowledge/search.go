package knowledge

import (
	"context"
	"fmt"
	"math"
	"sort"

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
	return ix.search(ctx, ix.prepare(question), opt)
}

// prepare turns a question into the text searched: its framing removed and
// the words of any synonym phrase it holds added.
func (ix *Index) prepare(question string) string {
	text := cleanQuestion(question)
	if extra := expandPhrases(text, ix.phrases); extra != "" {
		text += " " + extra
	}
	return text
}

// search ranks the documents for prepared text.
func (ix *Index) search(ctx context.Context, text string, opt SearchOptions) ([]Hit, error) {
	terms := ix.terms(text)
	if len(terms) == 0 {
		return nil, nil
	}
	// What a match query per field would build, from one analysis rather
	// than one per field: a search allocates a sixth less (the Slack load
	// benchmark is bound by garbage collection).
	fields := make([]query.Query, 0, len(fieldBoosts))
	for _, fb := range fieldBoosts {
		tqs := make([]query.Query, len(terms))
		for i, t := range terms {
			tq := bleve.NewTermQuery(t)
			tq.SetField(fb.field)
			tq.SetBoost(fb.boost)
			tqs[i] = tq
		}
		dq := bleve.NewDisjunctionQuery(tqs...)
		dq.SetMin(1)
		dq.SetBoost(fb.boost)
		fields = append(fields, dq)
	}
	var q query.Query = bleve.NewDisjunctionQuery(fields...)
	if filter := ix.filter(opt); filter != nil {
		q = bleve.NewConjunctionQuery(q, filter)
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = 10
	}
	req := bleve.NewSearchRequestOptions(q, limit, 0, false)
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	hits := make([]Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		d, ok := ix.docs[h.ID]
		if !ok {
			continue
		}
		hits = append(hits, Hit{Doc: d, Score: h.Score})
	}
	return hits, nil
}

// filter restricts points to the preferred standard and, for point
// rankings, drops guidance.
func (ix *Index) filter(opt SearchOptions) query.Query {
	kind := func(k DocKind) query.Query {
		tq := bleve.NewTermQuery(string(k))
		tq.SetField("type")
		return tq
	}
	var pointQ query.Query = kind(KindPoint)
	if opt.Standard != "" {
		sq := bleve.NewTermQuery(opt.Standard)
		sq.SetField("standard")
		pointQ = sq
	}
	switch {
	case opt.PointsOnly:
		return pointQ
	case opt.Standard != "":
		return bleve.NewDisjunctionQuery(pointQ, kind(KindGuidance))
	}
	return nil
}

// queryTerm is one distinct analysed word of a question with its weight: the
// rarer the word in the index, the more it says about what is asked.
type queryTerm struct {
	term   string
	weight float64
	unseen bool // no document holds the word or a synonym of it
}

// questionTerms analyses a question into weighted distinct terms. A word the
// index has never seen weighs the most: a question about banana bread is
// mostly about words no document holds.
func (ix *Index) questionTerms(question string) ([]queryTerm, error) {
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	total, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("count documents: %w", err)
	}
	n := float64(total)
	seen := map[string]bool{}
	var out []queryTerm
	for _, t := range ix.terms(question) {
		if seen[t] {
			continue
		}
		seen[t] = true
		df, err := ix.docFreq(r, t)
		if err != nil {
			return nil, err
		}
		for _, syn := range ix.synonyms[t] {
			sdf, err := ix.docFreq(r, syn)
			if err != nil {
				return nil, err
			}
			df = max(df, sdf)
		}
		out = append(out, queryTerm{term: t, weight: math.Log(1 + (n-df+0.5)/(df+0.5)), unseen: df == 0})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].weight > out[j].weight })
	return out, nil
}

func (ix *Index) docFreq(r indexReader, term string) (float64, error) {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), "all", false, false, false)
	if err != nil {
		return 0, fmt.Errorf("read term %q: %w", term, err)
	}
	defer tfr.Close()
	return float64(tfr.Count()), nil
}

// termSetOf analyses text into a set of terms.
func (ix *Index) termSetOf(text string) termSet {
	set := termSet{}
	for _, t := range ix.terms(text) {
		set[t] = struct{}{}
	}
	return set
}

// docCoverage is the share of a question's weight a document holds.
func (ix *Index) docCoverage(qterms []queryTerm, d *Doc) float64 {
	d.analyse(ix)
	return ix.coverage(qterms, d.termSet)
}

// coverage is the share of a question's weight that a set of terms holds,
// counting a synonym as the word itself.
func (ix *Index) coverage(qterms []queryTerm, have termSet) float64 {
	var got, all float64
	for _, qt := range qterms {
		all += qt.weight
		if ix.holds(have, qt.term) {
			got += qt.weight
		}
	}
	if all == 0 {
		return 0
	}
	return got / all
}

func (ix *Index) holds(have termSet, term string) bool {
	if _, ok := have[term]; ok {
		return true
	}
	for _, s := range ix.synonyms[term] {
		if _, ok := have[s]; ok {
			return true
		}
	}
	return false
}
