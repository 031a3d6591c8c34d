package storetest

import (
	"bytes"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

func install(t *testing.T, s checklist.Store, in *checklist.Installation) {
	t.Helper()
	if err := s.SaveInstallation(t.Context(), in); err != nil {
		t.Fatalf("save installation %s/%s: %v", in.Enterprise, in.Team, err)
	}
	if in.UpdatedAt.IsZero() {
		t.Errorf("save installation %s/%s left UpdatedAt zero", in.Enterprise, in.Team)
	}
}

func wantInstallation(t *testing.T, s checklist.Store, enterprise, team string, token []byte) *checklist.Installation {
	t.Helper()
	got, err := s.Installation(t.Context(), enterprise, team)
	if token == nil {
		if checklist.ErrorCode(err) != checklist.ENOTFOUND {
			t.Errorf("installation %s/%s: %+v, %v; want ENOTFOUND", enterprise, team, got, err)
		}
		return nil
	}
	if err != nil {
		t.Fatalf("installation %s/%s: %v", enterprise, team, err)
	}
	if !bytes.Equal(got.BotToken, token) {
		t.Errorf("installation %s/%s token %q, want %q", enterprise, team, got.BotToken, token)
	}
	return got
}

// testInstallations: installs kept per workspace and per organisation,
// the workspace's own preferred, replaced on reinstall, deleted.
func testInstallations(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	exp := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	a := &checklist.Installation{Team: "T1", AppID: "A1", BotUserID: "U0", Scope: "chat:write", InstalledBy: "U1",
		BotToken: []byte{1, 2, 3}, RefreshToken: []byte{4, 5}, ExpiresAt: exp}
	install(t, s, a)
	install(t, s, &checklist.Installation{Enterprise: "E1", Team: "T2", BotToken: []byte("b")})
	install(t, s, &checklist.Installation{Enterprise: "E1", OrgWide: true, Team: "T9", BotToken: []byte("org")})

	got := wantInstallation(t, s, "", "T1", []byte{1, 2, 3})
	if got != nil && (got.AppID != "A1" || got.BotUserID != "U0" || got.Scope != "chat:write" || got.InstalledBy != "U1" ||
		!bytes.Equal(got.RefreshToken, []byte{4, 5}) || !got.ExpiresAt.Equal(exp) || got.OrgWide || got.UpdatedAt.IsZero()) {
		t.Errorf("installation T1 = %+v, want what was saved", got)
	}
	wantInstallation(t, s, "E1", "T2", []byte("b"))
	wantInstallation(t, s, "", "T2", []byte("b"))
	// A workspace of the organisation without its own install is served
	// by the organisation-wide one, kept without a workspace.
	if org := wantInstallation(t, s, "E1", "T3", []byte("org")); org != nil && (!org.OrgWide || org.Team != "" || org.Enterprise != "E1") {
		t.Errorf("organisation-wide installation = %+v", org)
	}
	wantInstallation(t, s, "E2", "T4", nil)
	wantInstallation(t, s, "", "", nil)

	// Reinstalling replaces, without a refresh token this time.
	install(t, s, &checklist.Installation{Team: "T1", BotToken: []byte("new")})
	if got := wantInstallation(t, s, "", "T1", []byte("new")); got != nil && (len(got.RefreshToken) != 0 || !got.ExpiresAt.IsZero()) {
		t.Errorf("reinstalled T1 = %+v, want no refresh token or expiry", got)
	}

	if err := s.DeleteInstallation(ctx, "E1", "T2"); err != nil {
		t.Fatalf("delete T2: %v", err)
	}
	wantInstallation(t, s, "E1", "T2", []byte("org"))
	if err := s.DeleteInstallation(ctx, "E1", ""); err != nil {
		t.Fatalf("delete E1's organisation-wide install: %v", err)
	}
	wantInstallation(t, s, "E1", "T2", nil)
	wantInstallation(t, s, "", "T1", []byte("new"))
	if err := s.DeleteInstallation(ctx, "", "T404"); err != nil {
		t.Errorf("delete an unknown install: %v", err)
	}
}

func testInstallationInvalid(t *testing.T, s checklist.Store) {
	for _, in := range []*checklist.Installation{
		{BotToken: []byte("x")},
		{OrgWide: true, Team: "T1", BotToken: []byte("x")},
		{Team: "T1"},
	} {
		if err := s.SaveInstallation(t.Context(), in); checklist.ErrorCode(err) != checklist.EINVALID {
			t.Errorf("save %+v: %v, want EINVALID", in, err)
		}
	}
	wantInstallation(t, s, "", "T1", nil)
}

func testDueForRefresh(t *testing.T, s checklist.Store) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	install(t, s, &checklist.Installation{Team: "T1", BotToken: []byte("1"), RefreshToken: []byte("r1"), ExpiresAt: now.Add(2 * time.Hour)})
	install(t, s, &checklist.Installation{Team: "T2", BotToken: []byte("2"), RefreshToken: []byte("r2"), ExpiresAt: now.Add(30 * time.Minute)})
	install(t, s, &checklist.Installation{Team: "T3", BotToken: []byte("3"), RefreshToken: []byte("r3"), ExpiresAt: now.Add(10 * time.Minute)})
	install(t, s, &checklist.Installation{Team: "T4", BotToken: []byte("4"), ExpiresAt: now.Add(time.Minute)})
	install(t, s, &checklist.Installation{Team: "T5", BotToken: []byte("5")})
	due, err := s.DueForRefresh(t.Context(), now.Add(time.Hour), 10)
	if err != nil {
		t.Fatalf("due for refresh: %v", err)
	}
	var teams []string
	for _, in := range due {
		teams = append(teams, in.Team)
	}
	if len(teams) != 2 || teams[0] != "T3" || teams[1] != "T2" {
		t.Errorf("due for refresh %v, want [T3 T2]", teams)
	}
	if due, err := s.DueForRefresh(t.Context(), now.Add(3*time.Hour), 1); err != nil || len(due) != 1 || due[0].Team != "T3" {
		t.Errorf("due for refresh, limit 1: %v, %v; want T3", due, err)
	}
}

// testPurgeWorkspace: a purge scheduled for an uninstalled workspace is
// due at its time, and deletes that workspace's projects, conversations,
// walks and references and nothing of another workspace's.
func testPurgeWorkspace(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	gone := create(t, s, "Apply for a licence", chanT1C1)
	kept := create(t, s, "Register to vote", chanT2C1)
	for _, b := range []checklist.Binding{chanT1C1, chanT2C1} {
		saveConversation(t, s, &checklist.Conversation{Key: checklist.ConversationKey(b, "1700000000.000100"), Standard: "govuk", Question: "q", Answer: "a"})
		saveRef(t, s, newRef(b))
		putConfirmation(t, s, newConfirmation(checklist.WalkKey(b, "", "alice"), "assessment import"), askedAt)
	}
	w := &checklist.Walk{Key: checklist.WalkKey(chanT1C1, "", "alice"), ProjectID: gone.ID, Current: 2}
	if err := s.SaveWalk(ctx, w); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 31, 9, 0, 0, 0, time.UTC)
	for _, team := range []string{"T1", "T9"} {
		if err := s.SchedulePurge(ctx, "slack", team, at); err != nil {
			t.Fatalf("schedule purge: %v", err)
		}
	}
	if err := s.CancelPurge(ctx, "slack", "T9"); err != nil {
		t.Fatalf("cancel purge: %v", err)
	}
	if due, err := s.DuePurges(ctx, at.Add(-time.Second), 10); err != nil || len(due) != 0 {
		t.Errorf("purges due before their time: %v, %v", due, err)
	}
	due, err := s.DuePurges(ctx, at, 10)
	if err != nil || len(due) != 1 || due[0].Platform != "slack" || due[0].Team != "T1" {
		t.Fatalf("purges due: %v, %v; want slack T1", due, err)
	}
	if err := s.PurgeWorkspace(ctx, "slack", "T1"); err != nil {
		t.Fatalf("purge: %v", err)
	}
	if _, err := s.Project(ctx, gone.ID); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("T1's project after the purge: %v", err)
	}
	if _, err := s.Project(ctx, kept.ID); err != nil {
		t.Errorf("T2's project after T1's purge: %v", err)
	}
	if _, err := s.Conversation(ctx, checklist.ConversationKey(chanT1C1, "1700000000.000100")); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("T1's conversation after the purge: %v", err)
	}
	if _, err := s.Conversation(ctx, checklist.ConversationKey(chanT2C1, "1700000000.000100")); err != nil {
		t.Errorf("T2's conversation after T1's purge: %v", err)
	}
	if _, err := s.Ref(ctx, chanT1C1); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("T1's reference after the purge: %v", err)
	}
	if _, err := s.Ref(ctx, chanT2C1); err != nil {
		t.Errorf("T2's reference after T1's purge: %v", err)
	}
	if _, err := s.Walk(ctx, w.Key); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("T1's walk after the purge: %v", err)
	}
	wantNotWaiting(t, s, "T1's confirmation after the purge", checklist.WalkKey(chanT1C1, "", "alice"), askedAt)
	kc := newConfirmation(checklist.WalkKey(chanT2C1, "", "alice"), "assessment import")
	wantConfirmation(t, s, kc.Key, askedAt, kc)
	if due, err := s.DuePurges(ctx, at.Add(time.Hour), 10); err != nil || len(due) != 0 {
		t.Errorf("purges due after purging: %v, %v", due, err)
	}
}

// testWorkspaceOrganisations: a workspace recorded as one of an
// organisation's is served by that organisation's install when asked
// without the organisation (a scheduled send knows only the workspace);
// its own install still comes first, an organisation given explicitly
// wins, and a new record replaces the old.
func testWorkspaceOrganisations(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	install(t, s, &checklist.Installation{Enterprise: "E1", OrgWide: true, BotToken: []byte("org1")})
	install(t, s, &checklist.Installation{Enterprise: "E2", OrgWide: true, BotToken: []byte("org2")})
	install(t, s, &checklist.Installation{Enterprise: "E1", Team: "T2", BotToken: []byte("own")})
	wantInstallation(t, s, "", "T1", nil)
	for _, team := range []string{"T1", "T2"} {
		if err := s.SaveWorkspaceOrganisation(ctx, "E1", team); err != nil {
			t.Fatalf("save %s's organisation: %v", team, err)
		}
	}
	wantInstallation(t, s, "", "T1", []byte("org1"))
	wantInstallation(t, s, "", "T2", []byte("own"))
	wantInstallation(t, s, "E2", "T1", []byte("org2"))
	wantInstallation(t, s, "", "T3", nil)

	if err := s.SaveWorkspaceOrganisation(ctx, "E2", "T1"); err != nil {
		t.Fatalf("save T1's new organisation: %v", err)
	}
	wantInstallation(t, s, "", "T1", []byte("org2"))
	if err := s.DeleteInstallation(ctx, "E2", ""); err != nil {
		t.Fatal(err)
	}
	wantInstallation(t, s, "", "T1", nil)

	for _, w := range [][2]string{{"E1", ""}, {"", "T1"}} {
		if err := s.SaveWorkspaceOrganisation(ctx, w[0], w[1]); checklist.ErrorCode(err) != checklist.EINVALID {
			t.Errorf("save organisation %q of workspace %q: %v, want EINVALID", w[0], w[1], err)
		}
	}
}
