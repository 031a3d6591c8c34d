package knowledge

import (
	"context"
	"fmt"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
)

// scopeLibrary is a standard of three points, and, with others, a second
// standard whose every point uses the word that picks the first standard's
// point 1 out.
func scopeLibrary(t *testing.T, others int) *Library {
	t.Helper()
	home := &Standard{ID: "home", Name: "Home standard", Points: []Point{
		{Number: 1, Title: "Keep a widget register", Summary: "List what you hold."},
		{Number: 2, Title: "Plan gadget repairs", Summary: "Fix what breaks."},
		{Number: 3, Title: "Run gadget stores", Summary: "Hold spares."},
	}}
	stds := []*Standard{home}
	if others > 0 {
		other := &Standard{ID: "other", Name: "Other standard"}
		for i := 1; i <= others; i++ {
			other.Points = append(other.Points, Point{Number: i, Title: fmt.Sprintf("Widget rule %d", i), Summary: "Widgets everywhere."})
		}
		stds = append(stds, other)
	}
	lib, err := NewLibrary(nil, stds...)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func rankedPoints(t *testing.T, ix *Index, question, standard string) []int {
	t.Helper()
	hits, err := ix.Search(context.Background(), question, SearchOptions{Standard: standard, PointsOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, h := range hits {
		out = append(out, h.Doc.Point)
	}
	return out
}

// A standard's points rank the same whatever other standards the index
// holds: "widget" is rare in the home standard (one point of three), so
// its point 1 comes first, though the other standard uses the word in
// every point.
func TestSearchScoresAStandardByItsOwnPoints(t *testing.T) {
	alone := rankedPoints(t, testIndex(t, scopeLibrary(t, 0), nil), "widget gadget", "home")
	if len(alone) == 0 || alone[0] != 1 {
		t.Fatalf("home standard alone ranks %v, want point 1 first", alone)
	}
	ix := testIndex(t, scopeLibrary(t, 8), nil)
	beside := rankedPoints(t, ix, "widget gadget", "home")
	if len(beside) != len(alone) || beside[0] != 1 {
		t.Fatalf("beside another standard the home standard ranks %v, alone %v", beside, alone)
	}
	// The other standard is scored by its own points too: every one of
	// them holds "widget", so the word does not pick one out.
	if got := rankedPoints(t, ix, "widget", "other"); len(got) != 8 {
		t.Fatalf("other standard ranks %v for a word in all 8 points", got)
	}
	// Without a standard the whole index counts.
	if ix.scopedTo(nil, "") != nil {
		t.Fatal("a search across standards should read the index unscoped")
	}
}

// A reader scoped to a standard counts only its points and the rest of
// the index: documents, holders of a term, and a field's average length.
func TestScopedReaderCounts(t *testing.T) {
	ix := testIndex(t, scopeLibrary(t, 8), nil)
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	total, _ := r.DocCount()
	scoped := ix.scopedTo(r, "home")
	n, err := scoped.DocCount()
	if err != nil || n != total-8 {
		t.Fatalf("scoped DocCount = %d, %v; want %d (the other standard's 8 points left out)", n, err, total-8)
	}
	tfr, err := scoped.TermFieldReader(context.Background(), []byte("widget"), "title", false, false, false)
	if err != nil {
		t.Fatal(err)
	}
	defer tfr.Close()
	if tfr.Count() != 1 {
		t.Fatalf("scoped count of 'widget' in titles = %d, want 1", tfr.Count())
	}
	// The title words only the other standard uses ("rule" and the
	// numbers) leave the field's dictionary.
	whole, err := r.(index.BM25Reader).FieldCardinality("title")
	if err != nil {
		t.Fatal(err)
	}
	card, err := scoped.(index.BM25Reader).FieldCardinality("title")
	if err != nil {
		t.Fatal(err)
	}
	onlyOther := setOf(ix.terms("rule 1 2 3 4 5 6 7 8"))
	if card != whole-len(onlyOther) {
		t.Fatalf("scoped title cardinality = %d, want %d (%d less %d words only the other standard uses)", card, whole-len(onlyOther), whole, len(onlyOther))
	}
	if ix.scopedTo(r, "nowhere") == r {
		t.Fatal("a standard with no points should still leave the others' points out")
	}
}

// A question's words are weighed by the standard asked of too: "widget",
// in every point of the other standard, weighs more asked of the home
// standard, where one point holds it.
func TestAskWeighsWordsByTheStandard(t *testing.T) {
	ix := testIndex(t, scopeLibrary(t, 8), nil)
	idf := func(standard string) float64 {
		a, err := ix.ask("widget", standard)
		if err != nil {
			t.Fatal(err)
		}
		if len(a.terms) != 1 {
			t.Fatalf("terms = %+v, want widget alone", a.terms)
		}
		return a.terms[0].idf
	}
	if home, all := idf("home"), idf(""); home <= all {
		t.Fatalf("idf of widget asked of home = %.3f, across the index %.3f; want it weightier in home", home, all)
	}
}
