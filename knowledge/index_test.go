package knowledge

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	builtinOnce sync.Once
	builtinLib  *Library
	builtinErr  error
)

// testLibrary is the built-in standards, parsed once for the package's tests.
func testLibrary(t testing.TB) *Library {
	t.Helper()
	builtinOnce.Do(func() {
		stds, m, err := Builtin()
		if err != nil {
			builtinErr = err
			return
		}
		builtinLib, builtinErr = NewLibrary(m, stds...)
	})
	if builtinErr != nil {
		t.Fatal(builtinErr)
	}
	return builtinLib
}

// builtinPoints is the number of points of the built-in standards, so
// counts in tests follow the packs as standards are added.
func builtinPoints(lib *Library) int {
	n := 0
	for _, s := range lib.Standards() {
		n += len(s.Points)
	}
	return n
}

// testIndex builds an index over the built-in standards and the corpus in a
// temporary folder.
func testIndex(t testing.TB, lib *Library, corpus *Corpus) *Index {
	t.Helper()
	ix, err := OpenIndex(context.Background(), t.TempDir(), lib, corpus, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func TestIndexReopenAndRebuild(t *testing.T) {
	lib := testLibrary(t)
	dir := t.TempDir()
	ctx := context.Background()
	open := func(corpus *Corpus) IndexStats {
		t.Helper()
		ix, err := OpenIndex(ctx, dir, lib, corpus, IndexOptions{})
		if err != nil {
			t.Fatal(err)
		}
		st := ix.Stats()
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st, want := open(nil), builtinPoints(lib); !st.Built || st.Points != want {
		t.Fatalf("first open: built=%v points=%d, want a fresh index of %d points", st.Built, st.Points, want)
	}
	if st := open(nil); st.Built {
		t.Fatal("second open with the same content rebuilt the index")
	}
	corpus := &Corpus{Hash: "guidance", Sections: []Section{{
		ID: "runbook.md#failover", Source: "runbook.md", Title: "Hosting runbook", Heading: "Failover",
		URL: "runbook.md#failover", Text: "Fail over to the second region when the first is down.",
	}}}
	st := open(corpus)
	if !st.Built || st.Sections == 0 {
		t.Fatalf("new sources: built=%v sections=%d, want a rebuild with sections", st.Built, st.Sections)
	}
	entries, _ := os.ReadDir(dir)
	var folders []string
	for _, e := range entries {
		if e.IsDir() {
			folders = append(folders, e.Name())
		}
	}
	if len(folders) != 1 {
		t.Errorf("old index folders left behind: %v in %s", folders, dir)
	}
	// A damaged index is rebuilt rather than trusted.
	if err := os.WriteFile(filepath.Join(st.Dir, "index_meta.json"), []byte("{broken"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := open(corpus); !st.Built {
		t.Error("a damaged index was reopened instead of rebuilt")
	}
}

func TestIndexProgress(t *testing.T) {
	var calls, last int
	ix, err := OpenIndex(context.Background(), t.TempDir(), testLibrary(t), nil, IndexOptions{
		Progress: func(done, total int) { calls++; last = done },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want := builtinPoints(testLibrary(t)) + len(processSections())
	if calls == 0 || last != want {
		t.Errorf("progress called %d times, last done=%d; want calls ending at %d (the points and the built-in guidance)", calls, last, want)
	}
}
