package bot_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestCorrectionsInBothStores speaks the correcting words to the core
// over SQLite and over PostgreSQL: link, ids, edit and delete, rename,
// archive, forget me and delete.
func TestCorrectionsInBothStores(t *testing.T) {
	clock := sqlite.WithClock(func() time.Time { return bottest.Now })
	stores := map[string]func(t *testing.T) bot.Store{
		"SQLite": func(t *testing.T) bot.Store {
			s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "bot.db"), clock)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
		"PostgreSQL": func(t *testing.T) bot.Store {
			s, err := postgres.Open(context.Background(), pgtest.FreshSchema(t), postgres.WithClock(func() time.Time { return bottest.Now }))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) { correctionsConversation(t, bottest.NewBotWithStore(t, open(t))) })
	}
}

func correctionsConversation(t *testing.T, b *bottest.Bot) {
	b.Expect("project new Apply for a permit", "Created project")
	devs := b.As("alice", "C2")
	devs.Expect("project link apply for a PERMIT", `Linked this channel to project "Apply for a permit"`)
	devs.Expect("note 2 call Zed on 07700 900123", "as #1")
	b.Expect("evidence 2 https://example.org/plan", "as #2")
	b.Expect("status 2", "#1 alice", "#2 alice")
	b.Expect("note edit 1 call Zed", "Changed note #1")
	b.Expect("note delete 1", "Deleted note #1")
	b.Expect("history 2", "deleted note #1", `edited note #1 (since deleted) → (since deleted)`)
	b.Expect("mark 2 met", "now met")
	b.Expect("mark 2 not-started", "now not-started")
	b.Expect("project rename Apply for a river permit", "Renamed")
	devs.Expect("project", "Project: Apply for a river permit")
	b.Expect("project archive", "Archived")
	devs.Expect("status", "(archived)")
	b.Expect("project unarchive", "back from the archive")
	b.Expect("forget me", "Forget you?")
	b.Expect("yes", "Done: your name and id are gone")
	b.Expect("status 2", "#2 a former member")
	b.Expect("project delete", "Delete Apply for a river permit?", "C1, C2")
	b.Expect("yes", "Deleted Apply for a river permit")
	devs.Expect("status", "There is no project in this channel yet")
}
