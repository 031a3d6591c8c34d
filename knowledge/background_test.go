package knowledge

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
	"testing"
)

// The packed model gives every stem the count a map of the embedded file
// gives it (a repeated stem its last), and the same total.
func TestBackgroundIsTheEmbeddedCounts(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(englishBackgroundGz))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	var total float64
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		stem, n, ok := strings.Cut(sc.Text(), " ")
		if strings.HasPrefix(stem, "#") || !ok {
			continue
		}
		c, err := strconv.ParseFloat(n, 64)
		if err != nil {
			continue
		}
		want[stem] = c
		total += c
	}
	b := english()
	if len(want) < 40000 || len(b.counts) != len(want) || b.total != total {
		t.Fatalf("%d stems, total %v; the file has %d, total %v", len(b.counts), b.total, len(want), total)
	}
	for stem, c := range want {
		if got := b.count(stem); got != c {
			t.Fatalf("count(%q) = %v, want %v", stem, got, c)
		}
	}
	for _, unseen := range []string{"", "zzzzzzzzq", "accessibilityy", "\xff"} {
		if got := b.count(unseen); got != want[unseen] {
			t.Errorf("count(%q) = %v, want %v", unseen, got, want[unseen])
		}
	}
}
