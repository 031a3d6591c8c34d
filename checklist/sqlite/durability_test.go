package sqlite

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/storetest"
)

// TestConnectionSettings checks the pragmas the package comment promises
// reach every connection, and that writes have one connection.
func TestConnectionSettings(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "test.db"))
	want := map[string]string{"journal_mode": "wal", "synchronous": "1", "foreign_keys": "1", "busy_timeout": "5000"}
	for name, db := range map[string]*sql.DB{"writer": s.write, "reader": s.read} {
		for pragma, value := range want {
			var got string
			if err := db.QueryRowContext(t.Context(), "PRAGMA "+pragma).Scan(&got); err != nil || got != value {
				t.Errorf("%s: PRAGMA %s = %q (%v), want %q", name, pragma, got, err, value)
			}
		}
	}
	// The checkpointer, not a commit, moves the WAL into the file.
	var auto int
	if err := s.write.QueryRowContext(t.Context(), "PRAGMA wal_autocheckpoint").Scan(&auto); err != nil || auto != 0 {
		t.Errorf("writer: wal_autocheckpoint = %d (%v), want 0", auto, err)
	}
	if n := s.write.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer allows %d connections, want 1", n)
	}
	if _, err := s.read.ExecContext(t.Context(), `DELETE FROM claims`); err == nil {
		t.Error("a reader connection could write")
	}
}

// TestSurvivesKill checks the durability synchronous=NORMAL is chosen for:
// a write the store has returned from survives the process being killed
// at once, with no Close. The test runs itself as the process to kill.
func TestSurvivesKill(t *testing.T) {
	if path := os.Getenv("STANDARDBOT_SQLITE_KILL_TEST"); path != "" {
		markThenDie(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "test.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestSurvivesKill$")
	cmd.Env = append(os.Environ(), "STANDARDBOT_SQLITE_KILL_TEST="+path)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Exited() {
		t.Fatalf("child: %v, want killed by a signal; output:\n%s", err, out)
	}
	s := open(t, path)
	p, err := s.ProjectByChannel(t.Context(), checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"})
	if err != nil {
		t.Fatalf("project after the kill: %v", err)
	}
	states, err := s.PointStates(t.Context(), p.ID)
	if err != nil || len(states) != 1 || states[0].Status != checklist.Met {
		t.Errorf("point states after the kill: %+v, %v; want point 1 met", states, err)
	}
}

// markThenDie stores a project and a mark, then kills its own process.
func markThenDie(t *testing.T, path string) {
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	p := &checklist.Project{Name: "Killed", Standard: "govuk", Points: 14, Phase: checklist.Alpha, TimeZone: "Europe/London",
		Bindings: []checklist.Binding{{Platform: "slack", Team: "T1", Channel: "C1"}}, CreatedBy: "alice"}
	if err := s.CreateProject(t.Context(), p); err != nil {
		t.Fatalf("create project: %v", err)
	}
	if _, err := s.SetStatus(t.Context(), p.ID, 1, checklist.Met, "", checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
		t.Fatalf("set status: %v", err)
	}
	self, err := os.FindProcess(os.Getpid())
	if err != nil {
		t.Fatalf("find self: %v", err)
	}
	self.Kill() // SIGKILL: no deferred function, no Close, no checkpoint
	time.Sleep(time.Minute)
	t.Fatal("still alive after SIGKILL")
}

// TestClaimsAreForgottenAfterRetention checks old claims are pruned, so
// the table does not grow without end.
func TestClaimsAreForgottenAfterRetention(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "test.db"))
	storetest.RunClaimRetention(t, s, s.pruner.Reset)
}

// TestThreadsAreForgottenAfterRetention checks idle threads' conversations
// are pruned and channels' kept.
func TestThreadsAreForgottenAfterRetention(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "test.db"))
	storetest.RunThreadRetention(t, s, s.threadPruner.Reset, func(key string, at time.Time) {
		if _, err := s.write.Exec(`UPDATE conversations SET updated_at = ? WHERE key = ?`, ts(at), key); err != nil {
			t.Fatal(err)
		}
	})
}

// TestCheckpointsInTheBackground: with commits no longer checkpointing,
// what they write still reaches the database file, within a few seconds,
// and the WAL is used again from its start rather than growing for ever.
func TestCheckpointsInTheBackground(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	s := open(t, path)
	size := func(name string) int64 {
		fi, err := os.Stat(name)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size(path)
	for i := range 300 {
		if _, err := s.Claim(t.Context(), fmt.Sprintf("slack:event:%d:%s", i, strings.Repeat("x", 500)), time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for size(path) <= before {
		if time.Now().After(deadline) {
			t.Fatalf("database file still %d bytes 10 s after the writes: nothing checkpointed", size(path))
		}
		time.Sleep(50 * time.Millisecond)
	}
	wal := size(path + "-wal")
	for i := range 300 {
		if _, err := s.Claim(t.Context(), fmt.Sprintf("slack:event:again:%d:%s", i, strings.Repeat("x", 500)), time.Now()); err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			time.Sleep(checkpointEvery / 2)
		}
	}
	if grown := size(path + "-wal"); grown > 2*wal+(1<<20) {
		t.Errorf("WAL grew from %d to %d bytes over two rounds of the same writes", wal, grown)
	}
}
