package main

import (
	"os"
	"strings"
	"sync"
	"time"
)

// testClockEnv names a file whose content, an RFC 3339 time, is what the
// clock read when the file was written; from then it runs on at the
// real rate. For tests through the binary only: a stand-up round's moments
// are hours apart in several zones, and a test moves the clock to each by
// writing the file rather than waiting for it. Unset, the clock is the
// system's.
const testClockEnv = "STANDARDBOT_TEST_CLOCK_FILE"

// testRiverClockEnv, set to 1 beside testClockEnv, makes River's own timing
// follow the test clock too, for a test of a job River schedules for later
// (standup now's summary). Only such a test sets it: River's leader steps
// down when the clock jumps hours ahead ("reelection deadline elapsed"),
// and until one is elected again no tick runs, which made the round tests
// that move the clock by hours miss their 30 seconds now and then.
const testRiverClockEnv = "STANDARDBOT_TEST_RIVER_CLOCK"

// clockFromEnv is the process's clock: the system's, or the test clock
// testClockEnv names.
func clockFromEnv() func() time.Time {
	path := os.Getenv(testClockEnv)
	if path == "" {
		return time.Now
	}
	c := &fileClock{path: path}
	return c.now
}

// fileClock reads its file again only when it changes.
type fileClock struct {
	path string
	mu   sync.Mutex
	mod  time.Time
	base time.Time
}

func (c *fileClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if fi, err := os.Stat(c.path); err == nil && !fi.ModTime().Equal(c.mod) {
		if b, err := os.ReadFile(c.path); err == nil {
			if t, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(string(b))); err == nil {
				c.mod, c.base = fi.ModTime(), t
			}
		}
	}
	if c.base.IsZero() {
		return time.Now()
	}
	return c.base.Add(time.Since(c.mod))
}
