package source

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRepeatedHeadings reads a source repeating one heading n times:
// its anchors (same-2, same-3...) once took quadratic time. Linear: the
// time per heading stays flat as n grows.
func BenchmarkRepeatedHeadings(b *testing.B) {
	for _, n := range []int{30000, 100000, 300000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString("# Repeated\n\n")
			for range n {
				sb.WriteString("## Same\n\nA line.\n\n")
			}
			src := filepath.Join(b.TempDir(), "repeated.md")
			if err := os.WriteFile(src, []byte(sb.String()), 0o644); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c, err := Load(context.Background(), []string{src}, Options{})
				if err != nil || len(c.Sections) != n {
					b.Fatalf("%v, %d sections", err, len(c.Sections))
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/heading")
		})
	}
}
