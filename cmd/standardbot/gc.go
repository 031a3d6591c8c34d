package main

import (
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
)

// serve's live heap is small and steady (the search index is memory-mapped,
// the checklist is in the database: a few megabytes) while answering
// allocates quickly, about 150 KB a question. Collecting whenever the heap
// doubles would run a cycle every few megabytes of answers, and each cycle
// competes with acknowledging Slack within its deadline. So serve collects
// against a memory budget instead: GOGC off, GOMEMLIMIT the budget, so a
// cycle runs every few hundred megabytes (docs/BENCHMARKS.md).
const (
	minGCBudget = 256 << 20
	// liveMultiple is the budget as a multiple of the live heap: room
	// enough that collections stay rare.
	liveMultiple = 8
	// When the container's memory limit leaves less than this multiple of
	// the live heap, a budget would collect constantly: fall back to
	// collecting by growth.
	minLiveMultiple = 4
	fallbackGOGC    = 400
)

// tuneGC sets serve's garbage collection, unless GOGC or GOMEMLIMIT is set,
// and logs what it chose. Call it once the index is open, so the live
// heap it measures is the one serve keeps.
func tuneGC(log *slog.Logger) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		log.Info("garbage collection as the environment sets it", "GOGC", os.Getenv("GOGC"), "GOMEMLIMIT", os.Getenv("GOMEMLIMIT"))
		return
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := int64(ms.HeapAlloc)
	budget, gogc := gcBudget(live, containerMemoryLimit())
	debug.SetMemoryLimit(budget)
	debug.SetGCPercent(gogc)
	log.Info("garbage collection", "live_heap_mib", live>>20, "memory_limit_mib", budget>>20, "gogc", gogc)
}

// gcBudget chooses the memory limit and GOGC (-1: off) for a live heap,
// under a container limit (0: none).
func gcBudget(live, container int64) (limit int64, gogc int) {
	budget := max(live*liveMultiple, minGCBudget)
	if container > 0 {
		half := container / 2
		if half < live*minLiveMultiple {
			// Too tight for a budget: collect by growth, and let the
			// runtime work harder only near the container's limit.
			return container * 9 / 10, fallbackGOGC
		}
		budget = min(budget, half)
	}
	return budget, -1
}

// containerMemoryLimit is the cgroup's memory limit in bytes (v2, then v1),
// or 0 when there is none or it cannot be read.
func containerMemoryLimit() int64 {
	for _, f := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		v := strings.TrimSpace(string(b))
		if v == "max" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		// cgroup v1 says "no limit" with a number near MaxInt64.
		if err != nil || n <= 0 || n > math.MaxInt64/2 {
			return 0
		}
		return n
	}
	return 0
}
