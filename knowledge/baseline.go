package knowledge

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// Baseline is a plain bleve index over a standard's points: the standard
// analyser, one text field, default scoring. Eval reports it beside the
// tuned index so the benefit of analysis, synonyms and weights is measured,
// not assumed.
type Baseline struct {
	idx bleve.Index
	std *Standard
}

// NewBaseline indexes every point of the standard under dir, which must not
// exist yet.
func NewBaseline(dir string, std *Standard) (*Baseline, error) {
	m := bleve.NewIndexMapping()
	idx, err := bleve.New(dir, m)
	if err != nil {
		return nil, fmt.Errorf("create baseline index: %w", err)
	}
	for _, p := range std.Points {
		d := pointDoc(std, p)
		text := strings.Join([]string{d.Title, d.Keywords, d.Summary, d.Prompts, d.Body}, "\n")
		if err := idx.Index(strconv.Itoa(p.Number), map[string]any{"text": text}); err != nil {
			idx.Close()
			return nil, fmt.Errorf("baseline index: %w", err)
		}
	}
	return &Baseline{idx: idx, std: std}, nil
}

// RankPoints implements Ranker; the standard is fixed at construction.
func (b *Baseline) RankPoints(ctx context.Context, question, _ string) ([]int, error) {
	q := bleve.NewMatchQuery(question)
	q.SetField("text")
	res, err := b.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 100, 0, false))
	if err != nil {
		return nil, fmt.Errorf("baseline search: %w", err)
	}
	out := make([]int, 0, len(res.Hits))
	for _, h := range res.Hits {
		n, _ := strconv.Atoi(h.ID)
		out = append(out, n)
	}
	return out, nil
}

// Answer implements Asker the way a plain search box would: the three
// best points, always, quoted by their summaries. It never declines.
func (b *Baseline) Answer(ctx context.Context, q Question) (*Answer, error) {
	ranked, err := b.RankPoints(ctx, q.Text, b.std.ID)
	if err != nil {
		return nil, err
	}
	ans := &Answer{Status: StatusNoAnswer, Question: q.Text, Standard: b.std.ID}
	for _, n := range ranked[:min(3, len(ranked))] {
		p, _ := b.std.Point(n)
		ans.Sources = append(ans.Sources, Source{Standard: b.std.ID, Point: n, Ref: p.Ref, Title: p.Title, Label: b.std.Label(p), Snippet: p.Summary})
	}
	if len(ans.Sources) > 0 {
		ans.Status = StatusAnswered
	}
	return ans, nil
}

// Close releases the index.
func (b *Baseline) Close() error { return b.idx.Close() }
