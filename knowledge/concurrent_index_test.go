package knowledge

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Processes starting together on an empty data folder all open the same
// index: one builds it in a private folder, the others wait for it.
// (Separate processes are exercised by cmd's tests; here, several
// openers at once, which share nothing but the folder.)
func TestIndexOpenedTogether(t *testing.T) {
	lib := testLibrary(t)
	dir := t.TempDir()
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	built := make([]bool, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix, err := OpenIndex(context.Background(), dir, lib, nil, IndexOptions{})
			if err != nil {
				errs[i] = err
				return
			}
			built[i] = ix.Stats().Built
			a := &Answerer{Index: ix}
			ans, err := a.Answer(context.Background(), Question{Text: "how do we make our service accessible?", Standard: "govuk"})
			if err == nil && ans.Status != StatusAnswered {
				err = os.ErrInvalid
			}
			errs[i] = err
			ix.Close()
		}()
	}
	wg.Wait()
	builds := 0
	for i := range n {
		if errs[i] != nil {
			t.Errorf("opener %d: %v", i, errs[i])
		}
		if built[i] {
			builds++
		}
	}
	if builds != 1 {
		t.Errorf("%d openers built the index, want exactly 1", builds)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), tmpInfix) {
			t.Errorf("temporary folder left behind: %s", filepath.Join(dir, e.Name()))
		}
	}
}

// A build that crashed leaves a temporary folder; the next build removes it.
func TestCrashedBuildIsCleanedUp(t *testing.T) {
	lib := testLibrary(t)
	dir := t.TempDir()
	stale := filepath.Join(dir, indexPrefix+"0123456789abcdef"+tmpInfix+"42")
	if err := os.MkdirAll(filepath.Join(stale, "store"), 0o755); err != nil {
		t.Fatal(err)
	}
	ix, err := OpenIndex(context.Background(), dir, lib, nil, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("crashed build's folder still there: %v", err)
	}
}

// Cancelling stops a build promptly and leaves nothing half-written.
func TestIndexBuildCancelled(t *testing.T) {
	corpus := &Corpus{Hash: "big"}
	for i := range 20000 {
		corpus.Sections = append(corpus.Sections, Section{
			ID: fmt.Sprintf("big.md#same-heading-%d", i), Source: "big.md", Title: "Big", Heading: "Same heading",
			URL: "big.md", Text: "Some words about section " + strings.Repeat("x", i%7) + " here.",
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	dir := t.TempDir()
	_, err := OpenIndex(ctx, dir, testLibrary(t), corpus, IndexOptions{Progress: func(done, total int) {
		if done >= 500 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("a cancelled build succeeded")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("cancelled build left %s", e.Name())
		}
	}
}
