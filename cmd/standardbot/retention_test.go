package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestAnswersChore: the hourly chore deletes stand-up answers asked more
// than 90 days ago, as the README's privacy note says, and keeps newer
// ones.
func TestAnswersChore(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2027, 7, 1, 9, 0, 0, 0, time.UTC)
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"), sqlite.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	p := &checklist.Project{Name: "Keep it short", Workspace: "slack:T1", Standard: "govuk", Points: 14, Phase: checklist.Alpha,
		TimeZone: "Europe/London", Bindings: []checklist.Binding{{Platform: "slack", Team: "T1", Channel: "C1"}}}
	if err := store.CreateProject(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, days := range []int{91, 89} {
		asked := now.AddDate(0, 0, -days)
		if err := store.SaveAnswer(ctx, &checklist.Answer{ProjectID: p.ID, Round: checklist.DateOf(asked), Workspace: "slack:T1", User: "U1", Name: "ana",
			Direct: checklist.Binding{Platform: "slack", Team: "T1", Channel: "DU1"}, AskedAt: asked, ClosesAt: asked.Add(2 * time.Hour), Moved: "x", AnsweredAt: asked}); err != nil {
			t.Fatal(err)
		}
	}
	var logs bytes.Buffer
	chore := answersChore(store, func() time.Time { return now }, slog.New(slog.NewTextHandler(&logs, nil)))
	if err := chore.Run(ctx); err != nil {
		t.Fatal(err)
	}
	for days, want := range map[int]int{91: 0, 89: 1} {
		got, err := store.RoundAnswers(ctx, p.ID, checklist.DateOf(now.AddDate(0, 0, -days)))
		if err != nil || len(got) != want {
			t.Errorf("answers of %d days ago: %d, %v; want %d", days, len(got), err, want)
		}
	}
	if !strings.Contains(logs.String(), "count=1") {
		t.Errorf("log: %s", logs.String())
	}
}
