package knowledge

import "testing"

// Of two points that use the same words, the one that says them side by
// side ranks first: "performance data" is what point 2 says, while point
// 1 has the two words apart.
func TestProximityRanksWordsSideBySideFirst(t *testing.T) {
	s := &Standard{ID: "prox", Name: "Proximity test", Points: []Point{
		{Number: 1, Title: "Know the service", Summary: "Performance matters, and so does the service's data."},
		{Number: 2, Title: "Know the service", Summary: "The service's performance data matters, and so does it."},
		{Number: 3, Title: "Hire a team", Summary: "Bring the right people in."},
	}}
	lib, err := NewLibrary(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	ix := testIndex(t, lib, nil)
	for _, q := range []string{"performance data", "what performance data do we need"} {
		got := rankedPoints(t, ix, q, "prox")
		if len(got) < 2 || got[0] != 2 {
			t.Errorf("%q ranks %v, want point 2 (which says the words together) first", q, got)
		}
	}
}

// heldPairs finds a pair in a field no passage quotes (keywords) as well
// as in a passage, and not across fields.
func TestHeldPairs(t *testing.T) {
	ix := testIndex(t, scopeLibrary(t, 0), nil)
	d := &Doc{ID: "t", Type: PointDoc, Title: "Widget register", Keywords: "spare parts, gadget stores", Summary: "Keep a widget list."}
	pairs := termPairs(ix.terms("widget register spare parts gadget stores widget list register gadget"))
	// Held: widget register (title), spare part and gadget store
	// (keywords), widget list (a passage). Not: register spare (across
	// fields), part gadget (across a comma of the keywords), and the rest.
	if got := d.heldPairs(ix, pairs); got != 4 {
		t.Fatalf("held %d of %v, want 4", got, pairs)
	}
}
