package main

import (
	"strings"
	"testing"
)

// TestChatLongLine: in standardbot chat a line over 1 MiB gets a clear
// error and the session goes on to the next line; an over-long note is
// refused and the session goes on too.
func TestChatLongLine(t *testing.T) {
	c := newCLI(t)
	in := strings.Repeat("how accessible ", 1<<20/15+1) + "\nstandards\nproject new Bins\nnote 1 " + strings.Repeat("x", 2001) + "\nhistory\n"
	code, out, errOut := c.run(in, "chat")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"That line is longer than 1 MiB, the most I read at once, so I did not read it.",
		"dss2015", // the next line was answered
		"That note is 2,001 characters; the most is 2,000, so nothing was saved.",
		"created the project Bins",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("chat output lacks %q:\n%.2000s", want, out)
		}
	}
	if strings.Contains(out, "added note") || strings.Contains(out, "xxxxxxxxxxxxxxxxxxxx") {
		t.Errorf("the over-long note was kept or echoed:\n%.2000s", out)
	}
}
