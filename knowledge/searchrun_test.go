package knowledge

import (
	"context"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// runQuery stands in for bleve's SearchInContext to allocate less: it must
// rank the same documents with the same scores, on the built-in index and
// on one large enough to be shortlisted, with and without a standard.
func TestRunQueryMatchesBleve(t *testing.T) {
	questions := append([]string{
		"KPIs??",
		"a11y",
		"what does the panel want to see about accessibility at beta?",
		"do we need a DPIA and a pen test before private beta",
		"how do we run a show and tell?",
	}, benchQuestions...)
	lib := testLibrary(t)
	for _, tc := range []struct {
		name   string
		corpus *Corpus
	}{
		{"built-in", nil},
		{"shortlisted", syntheticCorpus(t, shortlistFrom+100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ix := testIndex(t, lib, tc.corpus)
			ctx := context.Background()
			r, err := ix.reader()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			compared := 0
			for _, question := range questions {
				a, err := ix.ask(question, "")
				if err != nil {
					t.Fatal(err)
				}
				for _, opt := range []SearchOptions{{}, {Standard: "govuk"}, {Standard: "localgov", Limit: 3}, {PointsOnly: true}} {
					q, limit, err := ix.searchQuery(ctx, r, a.terms, opt)
					if err != nil || q == nil {
						t.Fatalf("%q: query %v, %v", question, q, err)
					}
					compared += compareWithBleve(t, ix, r, question, q, limit, searchedFields, a.terms)
					compared += compareWithBleve(t, ix, r, question, wholeTextQuery(a.terms), shortlistSize, []string{"all"}, a.terms)
				}
			}
			if compared < 500 {
				t.Errorf("only %d hits compared", compared)
			}
		})
	}
}

func compareWithBleve(t *testing.T, ix *Index, r indexReader, question string, q query.Query, n int, fields []string, terms []queryTerm) int {
	t.Helper()
	ctx := context.Background()
	want, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, n, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	syns, err := ix.synonymsOf(ctx, r, terms, fields)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ix.runQuery(ctx, r, q, n, syns)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want.Hits) {
		t.Fatalf("%q: %d hits, bleve %d", question, len(got), len(want.Hits))
	}
	for i := range got {
		if got[i].ID != want.Hits[i].ID || got[i].Score != want.Hits[i].Score {
			t.Errorf("%q: hit %d is %s %v, bleve's %s %v", question, i, got[i].ID, got[i].Score, want.Hits[i].ID, want.Hits[i].Score)
		}
	}
	return len(got)
}
