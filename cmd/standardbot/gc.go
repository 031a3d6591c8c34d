package main

import (
	"context"
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"time"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

// serve's live heap is small (the search index is memory-mapped, the
// checklist is in the database: about 5 MB with the built-in knowledge)
// while answering allocates quickly, about 150 KB an event under Slack
// load. Collecting whenever the heap doubles would run a cycle every few
// megabytes of answers, and each cycle competes with acknowledging Slack
// within its deadline. So serve collects against a memory budget instead:
// GOGC off and GOMEMLIMIT the budget, so a cycle runs only when the heap
// reaches it. The budget keeps serve under 100 MB resident at 500 events
// a second (a third of that is the binary's own code, mapped from its
// file), with a collection about twice a second (docs/BENCHMARKS.md).
const (
	memoryBudget = 60 << 20
	// liveMultiple raises the budget for a larger live heap (more
	// guidance loaded, more of it analysed): collections would otherwise
	// come ever more often.
	liveMultiple = 4
	// containerShare of a container's memory limit is the most the budget
	// may be, leaving the rest for what the Go runtime does not count
	// (SQLite's own memory, the binary's mapped code). It is
	// automemlimit's default.
	containerShare = 0.9
	// budgetRefresh is how often the budget is worked out again: the
	// live heap grows as guidance is analysed, and a container's limit
	// can change while it runs.
	budgetRefresh = time.Minute
)

// tuneGC sets serve's garbage collection and logs what it chose. GOGC or
// GOMEMLIMIT in the environment override it: with GOMEMLIMIT set nothing
// is changed; with only GOGC set, collection is by growth as it says, and
// the memory limit only keeps within a container's. Call it once the index
// is open, so the live heap it measures is the one serve keeps; the budget
// is refreshed until ctx ends.
func tuneGC(ctx context.Context, log *slog.Logger) {
	if v := os.Getenv("GOMEMLIMIT"); v != "" {
		log.Info("garbage collection as the environment sets it", "GOGC", os.Getenv("GOGC"), "GOMEMLIMIT", v)
		return
	}
	runtime.GC()
	provider := budgetProvider(memlimit.FromCgroup, liveHeap)
	if os.Getenv("GOGC") != "" {
		provider = containerProvider(memlimit.FromCgroup)
	}
	limit, err := memlimit.Set(
		memlimit.WithProvider(provider),
		memlimit.WithRatio(1),
		memlimit.WithRefreshInterval(ctx, budgetRefresh),
		memlimit.WithLogger(log),
	)
	if err != nil {
		// AUTOMEMLIMIT set to something it cannot use: still keep the
		// heap bounded before turning collection by growth off.
		log.Warn("memory budget", "err", err)
		limit = memoryBudget
		debug.SetMemoryLimit(limit)
	}
	// With no limit (AUTOMEMLIMIT=off), collection by growth is all
	// there is.
	if os.Getenv("GOGC") == "" && limit < math.MaxInt64 {
		debug.SetGCPercent(-1)
	}
	memory := any("none")
	if limit < math.MaxInt64 {
		memory = limit >> 20
	}
	log.Info("garbage collection", "live_heap_mib", liveHeap()>>20, "memory_limit_mib", memory, "gogc", gcPercent())
}

// gcBudget is GOMEMLIMIT for a live heap under a container's memory limit
// (0: none).
func gcBudget(live, container int64) int64 {
	budget := max(memoryBudget, live*liveMultiple)
	if container > 0 {
		budget = min(budget, int64(float64(container)*containerShare))
	}
	return budget
}

// budgetProvider gives gcBudget for the live heap now and the container's
// limit as cgroup reads it. A limit that cannot be read is taken as none:
// the budget still bounds the heap.
func budgetProvider(cgroup memlimit.Provider, live func() int64) memlimit.Provider {
	return func() (uint64, error) {
		return uint64(gcBudget(live(), containerLimit(cgroup))), nil
	}
}

// containerProvider gives containerShare of the container's limit, or no
// limit outside one.
func containerProvider(cgroup memlimit.Provider) memlimit.Provider {
	return func() (uint64, error) {
		c := containerLimit(cgroup)
		if c == 0 {
			return 0, memlimit.ErrNoLimit
		}
		return uint64(float64(c) * containerShare), nil
	}
}

// containerLimit is the container's memory limit in bytes: 0 when there is
// none, the process is in no cgroup or it cannot be read.
func containerLimit(cgroup memlimit.Provider) int64 {
	c, err := cgroup()
	if err != nil || c > math.MaxInt64 {
		return 0
	}
	return int64(c)
}

// liveHeap is the heap the last collection found reachable.
func liveHeap() int64 { return readMetric("/gc/heap/live:bytes") }

// gcPercent is GOGC as the runtime has it now, "off" or a number.
func gcPercent() string {
	p := readMetric("/gc/gogc:percent")
	if p < 0 || p > math.MaxInt32 {
		return "off"
	}
	return strconv.FormatInt(p, 10)
}

// readMetric reads one of the runtime's integer metrics.
func readMetric(name string) int64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
