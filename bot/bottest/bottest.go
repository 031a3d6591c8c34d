// Package bottest drives the real conversation core through the console
// adapter, for conversation tests: b := bottest.NewBot(t); b.Say("help").
package bottest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist/sqlite"
	"github.com/standardbot/standardbot/internal/govuk/reports"
	"github.com/standardbot/standardbot/knowledge"
)

// Bot is a conversation under test.
type Bot struct {
	t       *testing.T
	Core    *bot.Bot
	Adapter *console.Adapter
}

var (
	shared     sync.Once
	sharedDir  string
	sharedErr  error
	sharedLib  *knowledge.Library
	sharedLock sync.Mutex
)

// Library returns the built-in standards, loaded once per test binary.
func Library(t testing.TB) *knowledge.Library {
	t.Helper()
	index(t)
	return sharedLib
}

// index returns the folder of an index over the built-in standards, built
// once per test binary: every test opens it read-only.
func index(t testing.TB) string {
	t.Helper()
	shared.Do(func() {
		sharedDir, sharedErr = os.MkdirTemp("", "standardbot-bottest-")
		if sharedErr != nil {
			return
		}
		stds, m, err := knowledge.Builtin()
		if err != nil {
			sharedErr = err
			return
		}
		sharedLib, sharedErr = knowledge.NewLibrary(m, stds...)
		if sharedErr != nil {
			return
		}
		var ix *knowledge.Index
		ix, sharedErr = knowledge.OpenIndex(context.Background(), filepath.Join(sharedDir, "index"), sharedLib, nil, knowledge.IndexOptions{})
		if sharedErr == nil {
			sharedErr = ix.Close()
		}
	})
	if sharedErr != nil {
		t.Fatalf("bottest: build index: %v", sharedErr)
	}
	return filepath.Join(sharedDir, "index")
}

// NewIndex opens the shared index over the built-in standards.
func NewIndex(t testing.TB) *knowledge.Index {
	t.Helper()
	dir := index(t)
	sharedLock.Lock()
	defer sharedLock.Unlock()
	ix, err := knowledge.OpenIndex(context.Background(), dir, sharedLib, nil, knowledge.IndexOptions{})
	if err != nil {
		t.Fatalf("bottest: open index: %v", err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// NewStore opens a fresh SQLite store in a temporary folder, closed when
// the test ends. Its clock is NewBot's: what it stamps is Now.
func NewStore(t testing.TB) *sqlite.Store {
	t.Helper()
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), sqlite.WithClock(func() time.Time { return Now }))
	if err != nil {
		t.Fatalf("bottest: open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// NewBot returns a bot over the built-in standards with a fresh SQLite
// store, talking through the console adapter as user "alice" in channel
// "C1". The clock is fixed at 2026-11-27 09:00 UTC.
func NewBot(t *testing.T) *Bot {
	t.Helper()
	return NewBotWithStore(t, NewStore(t))
}

// Now is the fixed time NewBot's clock shows.
var Now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// NewBotWithStore is NewBot on a given store, for tests that reopen one.
func NewBotWithStore(t *testing.T, store bot.Store) *Bot {
	t.Helper()
	ix := NewIndex(t)
	core := &bot.Bot{
		Answerer:        &knowledge.Answerer{Index: ix},
		Library:         ix.Library(),
		Store:           store,
		DefaultStandard: "govuk",
		DefaultTimeZone: "Europe/London",
		Now:             func() time.Time { return Now },
		ReportText:      reports.FromText,
	}
	return &Bot{t: t, Core: core, Adapter: &console.Adapter{Handler: core, User: "alice", Channel: "C1"}}
}

// As returns a view of the same conversation typed by another user in
// another or the same channel.
func (b *Bot) As(user, channel string) *Bot {
	return &Bot{t: b.t, Core: b.Core, Adapter: &console.Adapter{Handler: b.Core, User: user, Channel: channel}}
}

// Say sends one line and returns what the terminal shows.
func (b *Bot) Say(line string) string {
	b.t.Helper()
	return b.Adapter.Line(context.Background(), line)
}

// Expect sends a line and fails the test unless the reply contains every
// one of the wanted strings (case-insensitive).
func (b *Bot) Expect(line string, want ...string) string {
	b.t.Helper()
	got := b.Say(line)
	for _, w := range want {
		if !strings.Contains(strings.ToLower(got), strings.ToLower(w)) {
			b.t.Errorf("%q: reply lacks %q; got:\n%s", line, w, got)
		}
	}
	return got
}

// Main runs a package's tests and removes the shared index afterwards; call
// it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if sharedDir != "" {
		os.RemoveAll(sharedDir)
	}
	os.Exit(code)
}
