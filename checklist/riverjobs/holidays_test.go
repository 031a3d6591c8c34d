package riverjobs_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/riverjobs"
	"github.com/standardbot/standardbot/checklist/sqlite"
)

// TestStandupFollowsTheProjectsHolidays: on a day that is a bank holiday
// in Scotland alone (GOV.UK's list, as the keeper gives it, naming today),
// a Scottish project gets its reminder and action reminder but no
// stand-up, and a project in England and Wales gets all three, through
// the scheduler and a real store.
func TestStandupFollowsTheProjectsHolidays(t *testing.T) {
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "sched.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	scottish := dueProjectIn(t, store, "Scottish", "CS")
	today := checklist.DateOf(time.Now().In(scottish.Location()))
	checklist.SetBankHolidays(map[checklist.Division]map[checklist.Date]string{checklist.Scotland: {today: "St Andrew's Day"}})
	t.Cleanup(func() { checklist.SetBankHolidays(nil) })
	div := checklist.Scotland
	if _, err := store.UpdateProject(ctx, scottish.ID, checklist.ProjectUpdate{Holidays: &div}, checklist.Person{ID: "U-ALICE", Name: "alice"}); err != nil {
		t.Fatal(err)
	}
	english := dueProjectIn(t, store, "English", "CE")
	rec := &recorder{}
	sch, err := riverjobs.NewSQLite(ctx, store.WriteDB(), riverjobs.Config{Store: store, Notifier: rec, Tick: 200 * time.Millisecond, Log: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	run(t, sch, sentAtLeast(rec, 5), 20*time.Second, time.Second)
	keys := rec.keys()
	slices.Sort(keys)
	want := []string{
		fmt.Sprintf("actions:%d:", english.ID), fmt.Sprintf("actions:%d:", scottish.ID),
		fmt.Sprintf("reminder:%d:", english.ID), fmt.Sprintf("reminder:%d:", scottish.ID),
		fmt.Sprintf("standup:%d:%s", english.ID, today),
	}
	slices.Sort(want)
	if len(keys) != len(want) {
		t.Fatalf("sent %v, want %v", keys, want)
	}
	for i := range want {
		if !strings.HasPrefix(keys[i], want[i]) {
			t.Errorf("sent %v, want %v", keys, want)
			break
		}
	}
}
