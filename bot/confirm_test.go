package bot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// replicaStores opens two stores of each kind over one fresh database,
// each with its own connections, as two replicas of the bot have.
func replicaStores() map[string]func(t *testing.T) (a, b bot.Store) {
	return map[string]func(t *testing.T) (a, b bot.Store){
		"SQLite": func(t *testing.T) (a, b bot.Store) {
			path := filepath.Join(t.TempDir(), "bot.db")
			return openSQLite(t, path), openSQLite(t, path)
		},
		"PostgreSQL": func(t *testing.T) (a, b bot.Store) {
			url := pgtest.FreshSchema(t)
			open := func() bot.Store {
				s, err := postgres.Open(context.Background(), url, postgres.WithClock(func() time.Time { return bottest.Now }))
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
			return open(), open()
		},
	}
}

// openSQLite opens the SQLite file at path on bottest's clock, closed
// when the test ends.
func openSQLite(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path, sqlite.WithClock(func() time.Time { return bottest.Now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestYesOnAnotherReplica: a question asked of one replica is answered,
// and done, by the yes another replica receives; the first, given the
// same yes after (a retried event), does nothing more.
func TestYesOnAnotherReplica(t *testing.T) {
	report, err := os.ReadFile("../internal/govuk/reports/testdata/text/today-reassessment.txt")
	if err != nil {
		t.Fatal(err)
	}
	for name, open := range replicaStores() {
		t.Run(name, func(t *testing.T) {
			sa, sb := open(t)
			one, two := bottest.NewBotWithStore(t, sa), bottest.NewBotWithStore(t, sb)
			one.Expect("project new Renew a canal licence", "Created project")

			one.Expect("assessment import\n"+string(report), "Nothing is stored yet")
			two.Expect("yes", "Recorded the beta reassessment assessment on Wednesday 2 April 2025")
			if got := one.Say("yes"); strings.Contains(got, "Recorded") {
				t.Errorf("the first replica recorded the import again: %s", got)
			}
			if rec := latest(t, one); rec == nil || rec.Rating(5) != checklist.RatingGreen {
				t.Errorf("stored %+v", rec)
			}

			two.Expect("forget me", "Forget you?")
			one.Expect("no", "Cancelled: nothing was changed.")
			two.Expect("yes") // nothing waits: the no took it

			one.Expect("project delete", "Delete Renew a canal licence?")
			two.Expect("status", "Not deleted: the project is as it was.", "Renew a canal licence")
			one.Expect("project delete", "Delete Renew a canal licence?")
			two.Expect("yes", "Deleted Renew a canal licence and everything in it.")
			one.Expect("status", "There is no project in this channel yet")
		})
	}
}

// TestConfirmationSurvivesRestart: a yes to a bot started again on the
// same SQLite file does what was asked before the restart.
func TestConfirmationSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bot.db")
	before := openSQLite(t, path)
	b := bottest.NewBotWithStore(t, before)
	b.Expect("project new Apply for a permit", "Created project")
	b.Expect("project delete", "Delete Apply for a permit?")
	if err := before.Close(); err != nil {
		t.Fatal(err)
	}

	after := bottest.NewBotWithStore(t, openSQLite(t, path))
	after.Expect("yes", "Deleted Apply for a permit and everything in it.")
	after.Expect("status", "There is no project in this channel yet")
}

// TestStaleConfirmation: a yes to a confirmation this version cannot read
// (a kind it does not know, a payload whose shape changed) does nothing
// and says to ask again, in one line.
func TestStaleConfirmation(t *testing.T) {
	for _, tt := range []struct{ name, kind, payload string }{
		{"UnknownKind", "project teleport", `{}`},
		{"RenamedField", "project delete", `{"projectID":1,"name":"Apply for a permit"}`},
		{"NotJSONOfItsShape", "project delete", `[1]`},
		{"MissingReport", "assessment import", `{"project":1}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := bottest.NewBot(t)
			b.Expect("project new Apply for a permit", "Created project")
			key := checklist.WalkKey(checklist.Binding{Platform: "console", Team: "local", Channel: "C1"}, "", "alice")
			err := b.Core.Store.PutConfirmation(context.Background(), &checklist.Confirmation{
				Key: key, Kind: tt.kind, Payload: []byte(tt.payload), No: "Kept.", Dropped: "Dropped.",
				Expires: bottest.Now.Add(time.Minute),
			}, bottest.Now)
			if err != nil {
				t.Fatal(err)
			}
			got := b.Expect("yes", "Nothing was done", "Please ask again.")
			if strings.Contains(strings.TrimSpace(got), "\n") {
				t.Errorf("more than one line:\n%s", got)
			}
			b.Expect("status", "Apply for a permit")
		})
	}
}
