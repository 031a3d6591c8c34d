package postgres

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
)

func openShelf(t *testing.T, url string) *Shelf {
	t.Helper()
	pool, err := pgxpool.New(t.Context(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	s, err := New(t.Context(), pool)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestShelf(t *testing.T) {
	url := pgtest.FreshSchema(t)
	// Two replicas start together and both create the table.
	var shelves [2]*Shelf
	var wg sync.WaitGroup
	for i := range shelves {
		wg.Add(1)
		go func() { defer wg.Done(); shelves[i] = openShelf(t, url) }()
	}
	wg.Wait()
	a, b := shelves[0], shelves[1]
	if a == nil || b == nil {
		t.FailNow()
	}
	ctx := context.Background()
	if st, err := b.Stamp(ctx); err != nil || !st.IsZero() {
		t.Fatalf("empty shelf stamp = %+v, %v", st, err)
	}
	day1 := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	st, err := a.Put(ctx, []byte("copy one"), day1)
	if err != nil || st.Version != 1 || !st.FetchedAt.Equal(day1) {
		t.Fatalf("first put = %+v, %v", st, err)
	}
	got, data, err := b.Get(ctx)
	if err != nil || string(data) != "copy one" || got.SHA256 != st.SHA256 {
		t.Fatalf("get = %+v %q %v", got, data, err)
	}

	// The same content a day later: same version, later time.
	st, _ = a.Put(ctx, []byte("copy one"), day1.Add(24*time.Hour))
	if st.Version != 1 || !st.FetchedAt.Equal(day1.Add(24*time.Hour)) {
		t.Errorf("unchanged put = %+v, want version 1 fetched a day later", st)
	}
	// New content: the next version.
	st, _ = a.Put(ctx, []byte("copy two"), day1.Add(48*time.Hour))
	if st.Version != 2 {
		t.Errorf("changed put = %+v, want version 2", st)
	}
	// A copy fetched earlier than the one on the shelf does not replace it.
	st, _ = b.Put(ctx, []byte("stale copy"), day1)
	if _, data, _ := b.Get(ctx); string(data) != "copy two" || st.Version != 2 {
		t.Errorf("a stale put replaced the shelf: %q, %+v", data, st)
	}
}
