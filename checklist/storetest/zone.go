package storetest

import (
	"fmt"
	"testing"
	"time"
)

// DaytimeZone returns a fixed-offset IANA zone where the local time now is
// between 10:00 and 22:59, so a reminder due at 09:00 local has fallen due
// today whenever the test runs, and a stand-up a minute from now is still
// today.
func DaytimeZone(t testing.TB) string {
	t.Helper()
	for off := -12; off <= 14; off++ {
		name := "Etc/GMT"
		if off != 0 {
			name = fmt.Sprintf("Etc/GMT%+d", -off) // Etc/GMT-3 is UTC+3
		}
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue
		}
		if h := time.Now().In(loc).Hour(); h >= 10 && h <= 22 {
			return name
		}
	}
	t.Fatal("no zone has daytime now")
	return ""
}
