package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestCorrectionsInBothStores speaks the correcting words to the core
// over SQLite and over PostgreSQL: link, ids, edit and delete, rename,
// archive, forget me and delete.
func TestCorrectionsInBothStores(t *testing.T) {
	stores := bothStores()
	for name, open := range stores {
		t.Run(name, func(t *testing.T) { correctionsConversation(t, bottest.NewBotWithStore(t, open(t))) })
		t.Run(name+"/Namesakes", func(t *testing.T) { namesakes(t, bottest.NewBotWithStore(t, open(t)).Core) })
	}
}

// namesakes: a colleague who takes alice's display name (Slack lets
// anyone change theirs) is not alice, whose user id the store keeps: they
// cannot edit or delete her note or delete her project, and their forget
// me leaves her records hers.
func namesakes(t *testing.T, core *bot.Bot) {
	alice := person{t, core, "UALICE", "Alice Ash"}
	fake := person{t, core, "UFAKE", "Alice Ash"}
	alice.expect("project new Apply for a permit", "Created project")
	alice.expect("note 2 call Zed", "Added note")
	notes, _ := pointItems(t, core, 2)
	note := notes[0].ID
	fake.expect(fmt.Sprintf("note delete %d", note), fmt.Sprintf("Only whoever added note #%d (Alice Ash) or an admin", note))
	fake.expect(fmt.Sprintf("note edit %d mine now", note), "Only whoever added note", "can edit it")
	fake.expect("project delete", "Only whoever created Apply for a permit (Alice Ash) or an admin")
	fake.expect("note 3 the namesake's note", "Added note")
	fake.expect("forget me", "Forget you?")
	fake.expect("yes", "Done: your name and id are gone")
	aliceP := checklist.Person{ID: "UALICE", Name: "Alice Ash"}
	if notes, _ := pointItems(t, core, 2); len(notes) != 1 || notes[0].Author() != aliceP || notes[0].Text != "call Zed" {
		t.Errorf("alice's note after her namesake was forgotten: %+v", notes)
	}
	if notes, _ := pointItems(t, core, 3); len(notes) != 1 || notes[0].By != checklist.FormerMember {
		t.Errorf("the namesake's note after forgetting them: %+v", notes)
	}
	if p := channelProject(t, core); p == nil || p.Creator() != aliceP {
		t.Errorf("project after forgetting the namesake: %+v, want alice its creator", p)
	}
	alice.expect(fmt.Sprintf("note edit %d call Zed today", note), fmt.Sprintf("Changed note #%d", note))
	alice.expect(fmt.Sprintf("note delete %d", note), fmt.Sprintf("Deleted note #%d", note))
}

// bothStores opens a fresh store of each kind, on bottest's clock.
func bothStores() map[string]func(t *testing.T) bot.Store {
	clock := sqlite.WithClock(func() time.Time { return bottest.Now })
	return map[string]func(t *testing.T) bot.Store{
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
