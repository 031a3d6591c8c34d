package main

import "testing"

func TestGCBudget(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name            string
		live, container int64
		limit           int64
		gogc            int
	}{
		{"small heap, no container limit", 6 * mib, 0, 256 * mib, -1},
		{"large heap, no container limit", 100 * mib, 0, 800 * mib, -1},
		{"container limit caps the budget at half", 6 * mib, 400 * mib, 200 * mib, -1},
		{"container too tight for a budget", 60 * mib, 400 * mib, 360 * mib, fallbackGOGC},
	}
	for _, tt := range tests {
		limit, gogc := gcBudget(tt.live, tt.container)
		if limit != tt.limit || gogc != tt.gogc {
			t.Errorf("%s: limit %d MiB, GOGC %d; want %d MiB, %d", tt.name, limit/mib, gogc, tt.limit/mib, tt.gogc)
		}
	}
}
