package metrics

import (
	"runtime"
	"strings"
	"testing"
)

// The memory budget is watched through these series (cmd/standardbot/gc.go):
// the heap and the collector's work, GOMEMLIMIT itself, and the resident
// memory the kernel counts.
func TestRuntimeSeries(t *testing.T) {
	r := NewRegistry()
	r.NewCounter("standardbot_events_total", "Events received.").Inc()
	if err := r.AddRuntime(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var b strings.Builder
	r.Write(&b)
	out := b.String()
	want := []string{
		"# TYPE go_gc_duration_seconds summary",
		"go_gc_duration_seconds_count ",
		"# TYPE go_memstats_heap_alloc_bytes gauge",
		"go_memstats_heap_alloc_bytes ",
		"go_gc_gomemlimit_bytes ",
		"go_goroutines ",
		"standardbot_events_total 1",
	}
	if runtime.GOOS == "linux" {
		want = append(want, "# TYPE process_resident_memory_bytes gauge", "process_resident_memory_bytes ", "process_cpu_seconds_total ")
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("exposition lacks %q", w)
		}
	}
	if strings.Contains(out, "# gathering runtime metrics") {
		t.Errorf("a collector failed:\n%s", out)
	}
	// One exposition, sorted by name: the runtime's series sit among the
	// registry's own rather than after them.
	if strings.Index(out, "go_goroutines") > strings.Index(out, "standardbot_events_total") ||
		strings.Index(out, "process_resident_memory_bytes") > strings.Index(out, "standardbot_events_total") {
		t.Errorf("families out of order:\n%s", out)
	}
}
