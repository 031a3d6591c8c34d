package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
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

// background is a unigram model of general English over stems.
type background struct {
	counts map[string]float64
	total  float64
}

// english is the background model, read once on first use.
var english = sync.OnceValue(func() *background {
	b := &background{counts: make(map[string]float64, 41000)}
	zr, err := gzip.NewReader(bytes.NewReader(englishBackgroundGz))
	if err != nil {
		panic("embedded English background unreadable: " + err.Error())
	}
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
		b.counts[stem] = c
		b.total += c
	}
	return b
})

// count is how often a stem is used in the background corpus.
func (b *background) count(stem string) float64 { return b.counts[stem] }

// surprisal is how much a stem says in general English: -log2 of its
// probability, with an unseen stem counted as half an occurrence. "the"
// is about 5 bits, "job" 11, "password" 17, "accessibility" 24.
func (b *background) surprisal(stem string) float64 {
	return -math.Log2((b.counts[stem] + 0.5) / b.total)
}
