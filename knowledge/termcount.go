package knowledge

import (
	"runtime"
	"sync"
	"weak"
)

// termCounts remembers, for one open index, how many documents hold each
// term asked about in their whole text, and each term's synonyms. An open
// index never changes, and bleve allocates a reader of the term in every
// segment for each count (about 2 KB) and a thesaurus reader for each
// synonym lookup: a fifth of what answering a question allocated, since
// every word of every question and each of its synonyms is counted.
type termCounts struct {
	mu   sync.Mutex
	n    map[string]float64
	syns map[string]map[string][]string // synonym collection -> term -> synonyms
}

// maxCountedTerms bounds what is remembered: questions bring any words at
// all, and a few thousand cover the words teams ask with.
const maxCountedTerms = 4096

// countsByIndex holds each open index's termCounts. The Index type lives
// in a file this cache does not change, so it is kept beside it, keyed by a
// weak pointer: an index replaced by a refreshed one (Answerer.SetIndex)
// takes its counts with it when it is collected.
var countsByIndex sync.Map // weak.Pointer[Index] -> *termCounts

func (ix *Index) termCounts() *termCounts {
	key := weak.Make(ix)
	if c, ok := countsByIndex.Load(key); ok {
		return c.(*termCounts)
	}
	c, loaded := countsByIndex.LoadOrStore(key, &termCounts{n: map[string]float64{}, syns: map[string]map[string][]string{}})
	if !loaded {
		runtime.AddCleanup(ix, func(k weak.Pointer[Index]) { countsByIndex.Delete(k) }, key)
	}
	return c.(*termCounts)
}

// docFreq is the number of documents holding an analysed term.
func (ix *Index) docFreq(r indexReader, term string) (float64, error) {
	c := ix.termCounts()
	c.mu.Lock()
	n, ok := c.n[term]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := ix.fieldDocFreq(r, term, "all")
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if len(c.n) >= maxCountedTerms {
		clear(c.n)
	}
	c.n[term] = n
	c.mu.Unlock()
	return n, nil
}

// synonyms are a term's synonyms in a synonym collection, from memory
// when it has been looked up before. The slice is shared: callers must not
// change it.
func (c *termCounts) synonyms(src, term string, lookUp func() ([]string, error)) ([]string, error) {
	c.mu.Lock()
	syns, ok := c.syns[src][term]
	c.mu.Unlock()
	if ok {
		return syns, nil
	}
	syns, err := lookUp()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	bySrc := c.syns[src]
	if bySrc == nil || len(bySrc) >= maxCountedTerms {
		bySrc = map[string][]string{}
		c.syns[src] = bySrc
	}
	bySrc[term] = syns
	c.mu.Unlock()
	return syns, nil
}
