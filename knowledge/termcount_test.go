package knowledge

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
	"weak"
)

func TestDocFreqIsRememberedForItsIndexAlone(t *testing.T) {
	lib := testLibrary(t)
	ix := testIndex(t, lib, nil)
	r, err := ix.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, term := range []string{"access", "servic", "nosuchterm"} {
		want, err := ix.fieldDocFreq(r, term, "all")
		if err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if got, err := ix.docFreq(r, term); err != nil || got != want {
				t.Errorf("docFreq(%q) = %v, %v; want %v", term, got, err, want)
			}
		}
	}
	if n := len(ix.termCounts().n); n != 3 {
		t.Errorf("%d terms remembered, want 3", n)
	}

	// An index dropped, as a refreshed one replaces it, takes its counts
	// with it.
	other, err := OpenIndex(context.Background(), t.TempDir(), lib, nil, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	other.Warm()
	if _, err := other.Search(context.Background(), "accessibility", SearchOptions{}); err != nil {
		t.Fatal(err)
	}
	key := weak.Make(other)
	if _, ok := countsByIndex.Load(key); !ok {
		t.Fatal("the other index's counts are not kept")
	}
	other.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		if _, ok := countsByIndex.Load(key); !ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a collected index's counts were kept")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, ok := countsByIndex.Load(weak.Make(ix)); !ok {
		t.Error("the open index's counts went with the other's")
	}
}

// Answers share an index's counts, synonyms and analysed documents:
// answered at once from several goroutines they are what they are one at a
// time (run with -race).
func TestAnswersInParallelMatchOneAtATime(t *testing.T) {
	ctx := context.Background()
	a := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	want := map[string]string{}
	for _, q := range benchQuestions {
		ans, err := a.Answer(ctx, Question{Text: q, Standard: "govuk"})
		if err != nil {
			t.Fatal(err)
		}
		want[q] = ans.Answer
	}
	fresh := &Answerer{Index: testIndex(t, testLibrary(t), nil)}
	errs := make(chan error, 4*len(benchQuestions))
	for w := range 4 {
		go func() {
			for i := range benchQuestions {
				q := benchQuestions[(i+w)%len(benchQuestions)]
				ans, err := fresh.Answer(ctx, Question{Text: q, Standard: "govuk"})
				if err == nil && ans.Answer != want[q] {
					err = fmt.Errorf("%q answered differently in parallel:\n%s\nwant:\n%s", q, ans.Answer, want[q])
				}
				errs <- err
			}
		}()
	}
	for range 4 * len(benchQuestions) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
