package storetest

import (
	"reflect"
	"testing"

	"github.com/standardbot/standardbot/checklist"
)

// testChannelSettings: a channel's settings start as the defaults, are
// replaced whole, are the channel's own, and a change in a channel with a
// project is in its history, field by field, by whoever made it.
func testChannelSettings(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	wantSettings(t, s, chanT1C1, checklist.ChannelSettings{})
	p := create(t, s, "Register to vote", chanT1C1)
	cs := checklist.ChannelSettings{Sources: []string{"govuk", "manual"}, Visibility: checklist.VisibleMeOnly}
	if err := s.SaveSettings(ctx, chanT1C1, cs, as("alice")); err != nil {
		t.Fatalf("save settings: %v", err)
	}
	wantSettings(t, s, chanT1C1, cs)
	wantSettings(t, s, chanT1C2, checklist.ChannelSettings{})
	wantSettings(t, s, chanT2C1, checklist.ChannelSettings{})

	cs2 := checklist.ChannelSettings{Replies: checklist.RepliesThreads, Visibility: checklist.VisibleMeOnly}
	if err := s.SaveSettings(ctx, chanT1C1, cs2, as("bob")); err != nil {
		t.Fatalf("save settings again: %v", err)
	}
	wantSettings(t, s, chanT1C1, cs2)
	hist, err := s.History(ctx, p.ID, 0, 0)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	var got []string
	for _, c := range hist {
		if c.Field == "sources" || c.Field == "replies" || c.Field == "visibility" {
			got = append(got, c.ByID+" "+c.Field+" "+c.Old+" -> "+c.New)
		}
	}
	want := map[string]bool{
		as("alice").ID + " sources all -> govuk,manual":    true,
		as("alice").ID + " visibility everyone -> me-only": true,
		as("bob").ID + " sources govuk,manual -> all":      true,
		as("bob").ID + " replies mentions -> threads":      true,
	}
	if len(got) != len(want) {
		t.Fatalf("history of settings %q, want the %d changes %v", got, len(want), want)
	}
	for _, g := range got {
		if !want[g] {
			t.Errorf("history has %q, want only %v", g, want)
		}
	}

	// A channel without a project keeps its settings, with no history.
	if err := s.SaveSettings(ctx, chanT1C3, cs, as("alice")); err != nil {
		t.Fatalf("save settings of a channel without a project: %v", err)
	}
	wantSettings(t, s, chanT1C3, cs)

	bad := checklist.ChannelSettings{Visibility: "secret"}
	wantCode(t, "save invalid settings", s.SaveSettings(ctx, chanT1C1, bad, as("alice")), checklist.EINVALID)
	wantSettings(t, s, chanT1C1, cs2)
}

func wantSettings(t *testing.T, s checklist.Store, b checklist.Binding, want checklist.ChannelSettings) {
	t.Helper()
	got, err := s.Settings(t.Context(), b)
	if err != nil {
		t.Fatalf("settings of %v: %v", b, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("settings of %v = %+v, want %+v", b, got, want)
	}
}
