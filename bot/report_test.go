package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestFullReport: a project worked on over a week through chat, on a
// store whose clock moves, gives a report that says who set each status
// and how many points were met each day, with the assessment held.
func TestFullReport(t *testing.T) {
	ctx := context.Background()
	clock := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), sqlite.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	b := bottest.NewBotWithStore(t, store)
	b.Expect("project new Apply for a blue badge", "Created project")
	b.Expect("phase alpha", "alpha")
	clock = clock.AddDate(0, 0, 1)
	b.Expect("mark 1 partly", "partly")
	b.Expect("assessment 2026-11-21", "2026-11-21")
	b.Expect("assessment result amber 2026-11-21", "amber")
	clock = clock.AddDate(0, 0, 2)
	b.As("bob", "C1").Expect("mark 1 met", "met")
	b.As("bob", "C1").Expect("mark 2 n/a", "n/a")
	clock = clock.AddDate(0, 0, 1)
	b.As("carol", "C1").Expect("note 1 see https://example.gov.uk/research.", "note")

	p, err := store.ProjectByName(ctx, "", "Apply for a blue badge")
	if err != nil {
		t.Fatal(err)
	}
	r, err := bot.FullReport(ctx, store, p, bottest.Library(t), bottest.Now)
	if err != nil {
		t.Fatal(err)
	}
	pt := r.Points[0]
	if pt.StatusBy != "bob" || pt.StatusAt == nil || !pt.StatusAt.Equal(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)) || pt.UpdatedBy != "carol" {
		t.Errorf("point 1: status set by %q at %v, updated by %q", pt.StatusBy, pt.StatusAt, pt.UpdatedBy)
	}
	var rows []string
	for _, row := range r.BurnUp.Rows {
		rows = append(rows, fmt.Sprintf("%s %d/%d/%d", row.Date, row.Met, row.Partly, row.Applicable))
	}
	want := "2026-11-20 0/0/14, 2026-11-21 0/1/14, 2026-11-22 0/1/14, 2026-11-23 1/0/13, 2026-11-24 1/0/13, 2026-11-25 1/0/13, 2026-11-26 1/0/13, 2026-11-27 1/0/13"
	if got := strings.Join(rows, ", "); got != want {
		t.Errorf("burn-up:\n got %s\nwant %s", got, want)
	}
	if len(r.BurnUp.Past) != 1 || r.BurnUp.Past[0].Date != "2026-11-21" || r.BurnUp.Past[0].Label != "alpha amber" {
		t.Errorf("past assessments = %+v", r.BurnUp.Past)
	}
	var page strings.Builder
	if err := r.HTML(&page); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Status set by bob on 23 November 2026", "Last updated by carol on 24 November 2026",
		`see <a href="https://example.gov.uk/research" rel="noopener noreferrer">https://example.gov.uk/research</a>.`,
		"Assessed on 21 November 2026 (alpha amber)."} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if id := pt.Notes[0].ID; id == 0 || !strings.Contains(page.String(), fmt.Sprintf(`<span class="id">#%d</span> see`, id)) {
		t.Errorf("the note's id (%d) is not shown before it", id)
	}
}
