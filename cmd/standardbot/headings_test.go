package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestManyRepeatedHeadingsIndexAndStopOnSIGTERM: a source repeating one
// heading 300,000 times is read in linear time (its anchors once took
// quadratic time), and indexing it stops promptly on SIGTERM.
func TestManyRepeatedHeadingsIndexAndStopOnSIGTERM(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "repeated.md")
	var b strings.Builder
	b.WriteString("# Repeated\n\n")
	for range 300000 {
		b.WriteString("## Same\n\nA line.\n\n")
	}
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "index", "--source", src)
	cmd.Env = append(os.Environ(), "STANDARDBOT_DATA_DIR="+filepath.Join(dir, "data"), "STANDARDBOT_SOURCES=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// The first progress line comes once the source is read and indexing
	// has begun.
	lines := bufio.NewScanner(stderr)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "Indexing") {
	}
	read := time.Since(started)
	go func() {
		for lines.Scan() {
		}
	}()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	signalled := time.Now()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		t.Logf("read and split in %s; stopped %s after SIGTERM", read.Round(time.Millisecond), time.Since(signalled).Round(time.Millisecond))
	case <-time.After(5 * time.Second):
		t.Fatalf("index still running 5 s after SIGTERM")
	}
	if read > 60*time.Second {
		t.Errorf("reading took %s: quadratic again?", read)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "data", "index"))
	for _, e := range entries {
		if e.IsDir() {
			t.Errorf("the stopped build left %s", e.Name())
		}
	}
}
