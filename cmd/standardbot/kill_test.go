package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// buildBinary compiles standardbot once for tests that run it as a user would.
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "standardbot")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// TestKillLosesNoAcknowledgedUpdate streams status changes into the real
// binary, kills it with SIGKILL part way, and checks that every change it
// had acknowledged is in the database when reopened.
func TestKillLosesNoAcknowledgedUpdate(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	cmd := exec.Command(bin, "chat", "--user", "tester")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "STANDARDBOT_DATA_DIR="+filepath.Join(dir, "data"), "STANDARDBOT_SOURCES=", "OPENAI_API_KEY=", "OPENAI_BASE_URL=")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })

	statuses := []string{"met", "partly", "not-met", "n/a"}
	type update struct {
		point  int
		status string
	}
	sent := make([]update, 2000)
	for i := range sent {
		sent[i] = update{point: i%14 + 1, status: statuses[i%len(statuses)]}
	}
	go func() {
		fmt.Fprintln(stdin, "project new Kill test")
		for _, u := range sent {
			if _, err := fmt.Fprintf(stdin, "mark %d %s\n", u.point, u.status); err != nil {
				return
			}
		}
	}()

	// Count acknowledgements; kill the process without warning after 150.
	acked := 0
	sc := bufio.NewScanner(stdout)
	deadline := time.Now().Add(60 * time.Second)
	for sc.Scan() && time.Now().Before(deadline) {
		if strings.Contains(sc.Text(), " is now ") {
			acked++
			if acked == 150 {
				if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
	}
	io.Copy(io.Discard, stdout)
	cmd.Wait()
	if acked < 150 {
		t.Fatalf("only %d updates acknowledged before the deadline", acked)
	}

	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "data", "standardbot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p, err := store.ProjectByName(context.Background(), "", "Kill test")
	if err != nil {
		t.Fatal(err)
	}
	history, err := store.History(context.Background(), p.ID, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var changes []checklist.Change
	for _, c := range history {
		if c.Field == "status" {
			changes = append(changes, c)
		}
	}
	if len(changes) < acked {
		t.Fatalf("%d status changes stored, but %d were acknowledged", len(changes), acked)
	}
	for i := 0; i < acked; i++ {
		if changes[i].Point != sent[i].point || changes[i].New != sent[i].status {
			t.Fatalf("acknowledged update %d (point %d %s) stored as point %d %s", i, sent[i].point, sent[i].status, changes[i].Point, changes[i].New)
		}
	}
}
