package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Teams channels the reference tests post into: a tenant's two
// conversations.
var (
	teamsC1 = checklist.Binding{Platform: "teams", Team: "tenant-1", Channel: "19:general@thread.tacv2"}
	teamsC2 = checklist.Binding{Platform: "teams", Team: "tenant-1", Channel: "19:alpha@thread.tacv2"}
	// teamsDirect is a personal chat with the bot.
	teamsDirect = checklist.Binding{Platform: "teams", Team: "tenant-1", Channel: "a:1zora-personal"}
)

// newRef is a reference to b as a Teams message would leave it.
func newRef(b checklist.Binding) *checklist.ConversationRef {
	return &checklist.ConversationRef{Binding: b, ServiceURL: "https://smba.trafficmanager.net/uk/",
		BotID: "28:bot", BotName: "standardbot", UserID: "29:alice", UserName: "Alice"}
}

func testRefs(t *testing.T, s checklist.Store) {
	r := newRef(teamsC1)
	saveRef(t, s, r)
	if r.UpdatedAt.IsZero() {
		t.Error("SaveRef left UpdatedAt zero")
	}
	wantRef(t, s, r)
	other := newRef(teamsC2)
	saveRef(t, s, other)

	markStale(t, s, teamsC1)
	r.Stale = true // and UpdatedAt stays
	wantRef(t, s, r)
	wantRef(t, s, other)

	before := r.UpdatedAt
	r.ServiceURL, r.UserID, r.UserName = "https://smba.trafficmanager.net/emea/", "29:bob", "Bob"
	saveRef(t, s, r)
	if r.Stale {
		t.Error("SaveRef left Stale set")
	}
	if r.UpdatedAt.Before(before) {
		t.Errorf("replacing a reference moved UpdatedAt back, from %v to %v", before, r.UpdatedAt)
	}
	wantRef(t, s, r)
	wantRef(t, s, other)
}

// testDirectRef finds a person's one-to-one conversation by their id, in
// their team and platform only, and not a shared conversation they spoke
// in last.
func testDirectRef(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	shared := newRef(teamsC1)
	shared.UserID = "aad-alice"
	saveRef(t, s, shared)
	_, err := s.DirectRef(ctx, "teams", "tenant-1", "aad-alice")
	wantCode(t, "direct reference before any", err, checklist.ENOTFOUND)

	direct := newRef(teamsDirect)
	direct.DirectUser = "aad-alice"
	saveRef(t, s, direct)
	got, err := s.DirectRef(ctx, "teams", "tenant-1", "aad-alice")
	if err != nil || got.Binding != teamsDirect || got.DirectUser != "aad-alice" || got.ServiceURL != direct.ServiceURL || got.BotID != direct.BotID {
		t.Fatalf("direct reference = %+v, %v; want %+v", got, err, direct)
	}
	wantRef(t, s, direct)
	for _, k := range [][3]string{{"slack", "tenant-1", "aad-alice"}, {"teams", "tenant-2", "aad-alice"}, {"teams", "tenant-1", "aad-bob"}, {"teams", "tenant-1", ""}} {
		_, err := s.DirectRef(ctx, k[0], k[1], k[2])
		wantCode(t, "direct reference "+k[0]+"/"+k[1]+"/"+k[2], err, checklist.ENOTFOUND)
	}
	markStale(t, s, teamsDirect)
	if got, err := s.DirectRef(ctx, "teams", "tenant-1", "aad-alice"); err != nil || !got.Stale {
		t.Errorf("direct reference after a refusal = %+v, %v; want it stale", got, err)
	}
}

// testTeamRef finds a reference the bot can still post with in a team:
// the one refreshed last, never a stale one, never another team's.
func testTeamRef(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	_, err := s.TeamRef(ctx, "teams", "tenant-1")
	wantCode(t, "team reference before any", err, checklist.ENOTFOUND)
	first := newRef(teamsC1)
	saveRef(t, s, first)
	second := newRef(teamsC2)
	second.ServiceURL = "https://smba.trafficmanager.net/emea/"
	saveRef(t, s, second)
	got, err := s.TeamRef(ctx, "teams", "tenant-1")
	if err != nil || got.Binding != teamsC2 || got.ServiceURL != second.ServiceURL {
		t.Fatalf("team reference = %+v, %v; want the one refreshed last, %+v", got, err, second)
	}
	markStale(t, s, teamsC2)
	if got, err := s.TeamRef(ctx, "teams", "tenant-1"); err != nil || got.Binding != teamsC1 {
		t.Errorf("team reference with the last one stale = %+v, %v; want %+v", got, err, teamsC1)
	}
	markStale(t, s, teamsC1)
	_, err = s.TeamRef(ctx, "teams", "tenant-1")
	wantCode(t, "team reference with every one stale", err, checklist.ENOTFOUND)
	for _, k := range [][2]string{{"slack", "tenant-1"}, {"teams", "tenant-2"}} {
		_, err := s.TeamRef(ctx, k[0], k[1])
		wantCode(t, "team reference "+k[0]+"/"+k[1], err, checklist.ENOTFOUND)
	}
}

func testRefUnknown(t *testing.T, s checklist.Store) {
	saveRef(t, s, newRef(teamsC1))
	// Each part of the channel is part of the key.
	for _, b := range []checklist.Binding{
		teamsC2,
		{Platform: "slack", Team: teamsC1.Team, Channel: teamsC1.Channel},
		{Platform: teamsC1.Platform, Team: "tenant-2", Channel: teamsC1.Channel},
	} {
		_, err := s.Ref(t.Context(), b)
		wantCode(t, "reference to "+b.Workspace()+"/"+b.Channel, err, checklist.ENOTFOUND)
		wantCode(t, "marking stale "+b.Workspace()+"/"+b.Channel, s.MarkRefStale(t.Context(), b), checklist.ENOTFOUND)
	}
}

func testRefInvalid(t *testing.T, s checklist.Store) {
	tests := []struct {
		name   string
		change func(r *checklist.ConversationRef)
	}{
		{"no platform", func(r *checklist.ConversationRef) { r.Binding.Platform = "" }},
		{"no team", func(r *checklist.ConversationRef) { r.Binding.Team = "" }},
		{"no channel", func(r *checklist.ConversationRef) { r.Binding.Channel = "" }},
		{"no service URL", func(r *checklist.ConversationRef) { r.ServiceURL = "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRef(teamsC1)
			tt.change(r)
			wantCode(t, "save a reference with "+tt.name, s.SaveRef(t.Context(), r), checklist.EINVALID)
			_, err := s.Ref(t.Context(), r.Binding)
			wantCode(t, "reference after saving one with "+tt.name, err, checklist.ENOTFOUND)
		})
	}
}

// testRefAcrossStores saves, marks and refreshes a reference through one
// store and reads each step through the other.
func testRefAcrossStores(t *testing.T, a, b checklist.Store) {
	r := newRef(teamsC1)
	saveRef(t, a, r)
	wantRef(t, b, r)
	markStale(t, b, teamsC1)
	r.Stale = true
	wantRef(t, a, r)
	r.UserID, r.UserName = "29:bob", "Bob"
	saveRef(t, a, r)
	wantRef(t, b, r)
}

func saveRef(t *testing.T, s checklist.Store, r *checklist.ConversationRef) {
	t.Helper()
	if err := s.SaveRef(t.Context(), r); err != nil {
		t.Fatalf("save reference to %+v: %v", r.Binding, err)
	}
}

func markStale(t *testing.T, s checklist.Store, b checklist.Binding) {
	t.Helper()
	if err := s.MarkRefStale(t.Context(), b); err != nil {
		t.Fatalf("mark reference to %+v stale: %v", b, err)
	}
}

// wantRef fails the test unless the stored reference to r's channel is r,
// its time in UTC.
func wantRef(t *testing.T, s checklist.Store, r *checklist.ConversationRef) {
	t.Helper()
	got, err := s.Ref(t.Context(), r.Binding)
	if err != nil {
		t.Fatalf("reference to %+v: %v", r.Binding, err)
	}
	if got.UpdatedAt.Location() != time.UTC || !got.UpdatedAt.Equal(r.UpdatedAt) {
		t.Errorf("reference to %+v: updated %v, want %v in UTC", r.Binding, got.UpdatedAt, r.UpdatedAt)
	}
	g, w := *got, *r
	g.UpdatedAt, w.UpdatedAt = time.Time{}, time.Time{}
	if g != w {
		t.Errorf("reference:\n got %+v\nwant %+v", g, w)
	}
}
