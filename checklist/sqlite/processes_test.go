package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Environment of the child processes TestProcessesShareAFile runs.
const (
	childPathEnv  = "STANDARDBOT_SQLITE_SHARE_TEST"
	childIndexEnv = "STANDARDBOT_SQLITE_SHARE_INDEX"
	childStartEnv = "STANDARDBOT_SQLITE_SHARE_START"
)

// Each child process opens the file (migrating it, if it is the first)
// rounds times, and in each round makes marks writes of each kind.
const (
	shareProcesses = 8
	shareRounds    = 5
	shareMarks     = 30
)

// TestProcessesShareAFile runs several processes that start together on a
// fresh file (each one migrating it if nobody has yet) and then write it
// at once, closing and opening it again between rounds, as `chat` and
// `serve` processes beside each other do. Every open and every write must
// succeed: waiting for another process's lock is the store's business, not
// the user's. The test runs itself as the processes, each with a busy
// timeout of 20 ms rather than 5 s, so that locks outlast it often and
// the store's own retrying is what keeps every write from failing.
func TestProcessesShareAFile(t *testing.T) {
	if path := os.Getenv(childPathEnv); path != "" {
		shareChild(t, path)
		return
	}
	if testing.Short() {
		t.Skip("runs 8 processes; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "shared.db")
	// Every child waits for the same moment before opening the file, so
	// they race for its creation and migration.
	start := time.Now().Add(time.Second).UnixNano()
	var wg sync.WaitGroup
	outs := make([][]byte, shareProcesses)
	errs := make([]error, shareProcesses)
	for i := range shareProcesses {
		wg.Go(func() {
			cmd := exec.Command(os.Args[0], "-test.run=^TestProcessesShareAFile$", "-test.count=1")
			cmd.Env = append(os.Environ(), childPathEnv+"="+path, childIndexEnv+"="+strconv.Itoa(i),
				childStartEnv+"="+strconv.FormatInt(start, 10))
			outs[i], errs[i] = cmd.CombinedOutput()
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("process %d: %v\n%s", i, err, outs[i])
		}
	}
	if t.Failed() {
		return
	}
	s := open(t, path)
	wantVersions(t, s)
	for i := range shareProcesses {
		p, err := s.ProjectByChannel(t.Context(), shareChannel(i))
		if err != nil {
			t.Fatalf("process %d's project: %v", i, err)
		}
		var status, notes int
		for _, c := range history(t, s, p.ID) {
			switch c.Field {
			case "status":
				status++
			case "note":
				notes++
			}
		}
		if want := shareRounds * shareMarks; status != want || notes != want {
			t.Errorf("process %d: %d status changes and %d notes stored, want %d of each", i, status, notes, want)
		}
	}
}

func shareChannel(i int) checklist.Binding {
	return checklist.Binding{Platform: "slack", Team: "T1", Channel: fmt.Sprintf("C%d", i)}
}

func history(t *testing.T, s *Store, id int64) []checklist.Change {
	t.Helper()
	hs, err := s.History(t.Context(), id, 0, 0)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	return hs
}

// shareChild is one process of TestProcessesShareAFile: it fails on the
// first error, which fails the parent.
func shareChild(t *testing.T, path string) {
	busyTimeout = 20 * time.Millisecond
	i, _ := strconv.Atoi(os.Getenv(childIndexEnv))
	start, _ := strconv.ParseInt(os.Getenv(childStartEnv), 10, 64)
	time.Sleep(time.Until(time.Unix(0, start)))
	ctx := context.Background()
	b := shareChannel(i)
	statuses := []checklist.Status{checklist.Met, checklist.Partly, checklist.NotMet, checklist.NA}
	for round := range shareRounds {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: open: %v", round, err)
		}
		p, err := s.ProjectByChannel(ctx, b)
		if checklist.ErrorCode(err) == checklist.ENOTFOUND {
			p = &checklist.Project{Name: "Project " + b.Channel, Standard: "govuk", Points: 14, Phase: checklist.Alpha,
				TimeZone: "Europe/London", Bindings: []checklist.Binding{b}, CreatedBy: "alice"}
			err = s.CreateProject(ctx, p)
		}
		if err != nil {
			t.Fatalf("round %d: project: %v", round, err)
		}
		for n := range shareMarks {
			point := n%14 + 1
			// A transaction, then single statements, as the bot makes
			// for a mark, a claimed event and a remembered thread.
			if _, err := s.SetStatus(ctx, p.ID, point, statuses[n%len(statuses)], "", checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
				t.Fatalf("round %d: set status: %v", round, err)
			}
			if _, err := s.AddNote(ctx, p.ID, point, fmt.Sprintf("note %d", n), checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
				t.Fatalf("round %d: add note: %v", round, err)
			}
			key := fmt.Sprintf("slack:event:%d:%d:%d", i, round, n)
			if first, err := s.Claim(ctx, key, time.Now()); err != nil || !first {
				t.Fatalf("round %d: claim %s: %v, %v", round, key, first, err)
			}
			c := &checklist.Conversation{Key: checklist.ConversationKey(b, strconv.Itoa(n)), Standard: "govuk"}
			if err := s.SaveConversation(ctx, c); err != nil {
				t.Fatalf("round %d: save conversation: %v", round, err)
			}
			if _, err := s.PointStates(ctx, p.ID); err != nil {
				t.Fatalf("round %d: point states: %v", round, err)
			}
		}
		if err := s.Close(); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatalf("round %d: close: %v", round, err)
		}
	}
}
