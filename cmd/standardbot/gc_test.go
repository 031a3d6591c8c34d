package main

import (
	"errors"
	"math"
	"testing"

	"github.com/KimMachineGun/automemlimit/memlimit"
)

const mib = 1 << 20

func TestGCBudget(t *testing.T) {
	tests := []struct {
		name            string
		live, container int64
		want            int64
	}{
		{"small heap, no container limit", 10 * mib, 0, memoryBudget},
		{"large heap, no container limit", 100 * mib, 0, 400 * mib},
		{"a roomy container leaves the budget alone", 10 * mib, 1024 * mib, memoryBudget},
		{"a tight container caps it", 10 * mib, 50 * mib, 45 * mib},
		{"a container caps a large heap's budget too", 100 * mib, 200 * mib, 180 * mib},
	}
	for _, tt := range tests {
		if got := gcBudget(tt.live, tt.container); got != tt.want {
			t.Errorf("%s: %d MiB, want %d MiB", tt.name, got/mib, tt.want/mib)
		}
	}
}

// The cgroup is read through automemlimit, which tells "no limit" and "no
// cgroup" apart by error; either way the budget still bounds the heap, and
// with GOGC set only a container's limit is kept.
func TestBudgetProviders(t *testing.T) {
	live := func() int64 { return 10 * mib }
	for _, tt := range []struct {
		name            string
		cgroup          memlimit.Provider
		budget          uint64
		container       uint64
		containerNoneOK bool
	}{
		{"limit", memlimit.Limit(50 * mib), 45 * mib, 45 * mib, false},
		{"no limit", func() (uint64, error) { return 0, memlimit.ErrNoLimit }, memoryBudget, 0, true},
		{"not in a cgroup", func() (uint64, error) { return 0, memlimit.ErrNoCgroup }, memoryBudget, 0, true},
		{"unreadable", func() (uint64, error) { return 0, errors.New("permission denied") }, memoryBudget, 0, true},
		{"cgroup v1's no limit", memlimit.Limit(math.MaxUint64), memoryBudget, 0, true},
	} {
		got, err := budgetProvider(tt.cgroup, live)()
		if err != nil || got != tt.budget {
			t.Errorf("%s: budget %d MiB, %v; want %d MiB", tt.name, got/mib, err, tt.budget/mib)
		}
		got, err = containerProvider(tt.cgroup)()
		if tt.containerNoneOK {
			if !errors.Is(err, memlimit.ErrNoLimit) {
				t.Errorf("%s: container share %d, %v; want no limit", tt.name, got, err)
			}
		} else if err != nil || got != tt.container {
			t.Errorf("%s: container share %d MiB, %v; want %d MiB", tt.name, got/mib, err, tt.container/mib)
		}
	}
}
