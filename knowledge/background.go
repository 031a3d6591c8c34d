package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// englishBackgroundGz holds how often each word stem is used in everyday
// spoken English (SUBTLEX-US; see internal/genbackground for its source
// and how it is made). Questions are weighed against it: a word common in
// everyday English ("job", "password", "leave") says little about whether
// a question is about the service standard, however rarely the guidance
// uses it; a word rare in English but used in the guidance
// ("accessibility", "prototype") says a lot.
//
//go:embed data/english-background.gz
var englishBackgroundGz []byte

// background is a unigram model of general English over stems. Its 41,000
// stems are packed in one string, sorted, with their counts beside them,
// rather than kept in a map: serve holds the model for its whole life, a
// map of that many strings was about half of serve's live heap, and every
// garbage collection scanned each of its pointers (docs/BENCHMARKS.md).
// Packed, it is three pointers and a sixth of the size.
type background struct {
	stems  string   // every stem, sorted, end to end
	ends   []uint32 // where each stem ends in stems
	counts []float64
	total  float64
}

// english is the background model, read once on first use.
var english = sync.OnceValue(func() *background {
	zr, err := gzip.NewReader(bytes.NewReader(englishBackgroundGz))
	if err != nil {
		panic("embedded English background unreadable: " + err.Error())
	}
	type entry struct {
		stem  string
		count float64
	}
	entries := make([]entry, 0, 41000)
	var total float64
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		stem, n, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		c, err := strconv.ParseFloat(n, 64)
		if err != nil {
			continue
		}
		entries = append(entries, entry{stem, c})
		total += c
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return strings.Compare(a.stem, b.stem) })
	// A stem listed twice keeps its last count, as a map would; every
	// line's count is in the total all the same.
	kept := entries[:0]
	for i, e := range entries {
		if i+1 < len(entries) && entries[i+1].stem == e.stem {
			continue
		}
		kept = append(kept, e)
	}
	b := &background{ends: make([]uint32, len(kept)), counts: make([]float64, len(kept)), total: total}
	var packed strings.Builder
	for i, e := range kept {
		packed.WriteString(e.stem)
		b.ends[i] = uint32(packed.Len())
		b.counts[i] = e.count
	}
	b.stems = packed.String()
	return b
})

// stem is the i-th stem in sorted order.
func (b *background) stem(i int) string {
	start := uint32(0)
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.stems[start:b.ends[i]]
}

// count is how often a stem is used in the background corpus.
func (b *background) count(stem string) float64 {
	i, ok := sort.Find(len(b.ends), func(i int) int { return strings.Compare(stem, b.stem(i)) })
	if !ok {
		return 0
	}
	return b.counts[i]
}

// surprisal is how much a stem says in general English: -log2 of its
// probability, with an unseen stem counted as half an occurrence. "the"
// is about 5 bits, "job" 11, "password" 17, "accessibility" 24.
func (b *background) surprisal(stem string) float64 {
	return -math.Log2((b.count(stem) + 0.5) / b.total)
}
