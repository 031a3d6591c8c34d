package storetest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

// testConcurrentMarks has two writers, on stores a and b (which may be one
// store), mark overlapping points of one project at once and add evidence,
// then checks nothing was lost and every history entry's old status is the
// status the previous entry for that point set: each read-modify-write was
// atomic.
func testConcurrentMarks(t *testing.T, a, b checklist.Store) {
	ctx := t.Context()
	p := create(t, a, "Apply for a licence", chanT1C1)
	const marks, evidenceEvery = 50, 5
	statuses := []checklist.Status{checklist.Met, checklist.Partly, checklist.NotMet, checklist.NA}
	errs := make(chan error, 2*(marks+marks/evidenceEvery))
	var wg sync.WaitGroup
	for w, s := range []checklist.Store{a, b} {
		wg.Go(func() {
			by := fmt.Sprintf("writer%d", w)
			for i := range marks {
				point := (i+w)%4 + 1 // both writers on points 1 to 4
				if _, err := s.SetStatus(ctx, p.ID, point, statuses[(i+w)%len(statuses)], fmt.Sprintf("%s mark %d", by, i), as(by)); err != nil {
					errs <- fmt.Errorf("%s: set status: %w", by, err)
				}
				if i%evidenceEvery == 0 {
					if _, err := s.AddEvidence(ctx, p.ID, point, fmt.Sprintf("%s evidence %d", by, i), as(by)); err != nil {
						errs <- fmt.Errorf("%s: add evidence: %w", by, err)
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	hs := history(t, a, p.ID)
	if want := 1 + 2*marks + 2*marks/evidenceEvery; len(hs) != want {
		t.Fatalf("history has %d entries, want %d", len(hs), want)
	}
	status := map[int]string{}
	count := map[string]int{}
	for i, c := range hs {
		if i > 0 && c.ID <= hs[i-1].ID {
			t.Fatalf("history ids out of order: %d after %d", c.ID, hs[i-1].ID)
		}
		count[c.Field]++
		if c.Field != "status" {
			continue
		}
		old, ok := status[c.Point]
		if !ok {
			old = string(checklist.NotStarted)
		}
		if c.Old != old {
			t.Errorf("history %d: point %d %s -> %s, but the point was %s: a lost update", c.ID, c.Point, c.Old, c.New, old)
		}
		status[c.Point] = c.New
	}
	if count["status"] != 2*marks || count["evidence"] != 2*marks/evidenceEvery {
		t.Errorf("history counts %v, want %d status and %d evidence", count, 2*marks, 2*marks/evidenceEvery)
	}
	states, err := b.PointStates(ctx, p.ID)
	if err != nil {
		t.Fatalf("point states: %v", err)
	}
	var notes, evidence int
	for _, st := range states {
		if string(st.Status) != status[st.Point] {
			t.Errorf("point %d is %s, but its last history entry set %s", st.Point, st.Status, status[st.Point])
		}
		notes, evidence = notes+len(st.Notes), evidence+len(st.Evidence)
	}
	if len(states) != 4 || notes != 2*marks || evidence != 2*marks/evidenceEvery {
		t.Errorf("%d points with %d notes and %d evidence, want 4 with %d and %d", len(states), notes, evidence, 2*marks, 2*marks/evidenceEvery)
	}
}
