// Package storetest is the contract every checklist.Store passes: one suite
// that each store's tests run against a real database, so the SQLite and
// PostgreSQL stores behave the same to the bot. After litestream's
// replica_client_test.go.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Run runs the contract. open returns a new store over a fresh, empty
// database each time it is called; it closes the store in t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) checklist.Store) {
	tests := []struct {
		name string
		run  func(t *testing.T, s checklist.Store)
	}{
		{"CreateAndGet", testCreateAndGet},
		{"CreateWithSettings", testCreateWithSettings},
		{"CreateInvalid", testCreateInvalid},
		{"DuplicateNameConflicts", testDuplicateName},
		{"SameNameInAnotherWorkspace", testSameNameOtherWorkspace},
		{"ChannelAlreadyBound", testChannelAlreadyBound},
		{"ProjectByNameAnyWorkspace", testProjectByNameAnyWorkspace},
		{"ProjectsFilter", testProjectsFilter},
		{"BindChannel", testBindChannel},
		{"UpdateProject", testUpdateProject},
		{"UpdateProjectInvalid", testUpdateProjectInvalid},
		{"ClearAssessment", testClearAssessment},
		{"SetStatus", testSetStatus},
		{"SetStatusInvalid", testSetStatusInvalid},
		{"PointOutOfRange", testPointOutOfRange},
		{"UnknownProject", testUnknownProject},
		{"NotesAndEvidence", testNotesAndEvidence},
		{"PointStatesInOrder", testPointStatesInOrder},
		{"History", testHistory},
		{"MarkNotStarted", testMarkNotStarted},
		{"Item", testItem},
		{"ItemAuthor", testItemAuthor},
		{"ForgetNamesake", testForgetNamesake},
		{"EditItem", testEditItem},
		{"DeleteItem", testDeleteItem},
		{"DeleteActionEvidence", testDeleteActionEvidence},
		{"RenameProject", testRenameProject},
		{"ArchiveProject", testArchiveProject},
		{"DeleteProject", testDeleteProject},
		{"Walks", testWalks},
		{"Confirmations", testConfirmations},
		{"ConfirmationExpiry", testConfirmationExpiry},
		{"ForgetDropsConfirmations", testForgetDropsConfirmations},
		{"ConfirmationRace", func(t *testing.T, s checklist.Store) { testConfirmationRace(t, s, s) }},
		{"SaveAssessment", testSaveAssessment},
		{"SaveAssessmentAtomic", testSaveAssessmentAtomic},
		{"RatePointAndActions", testRatePointAndActions},
		{"CloseAction", testCloseAction},
		{"ActionsScheduled", testActionsScheduled},
		{"Practice", testPractice},
		{"PracticeAnswers", testPracticeAnswers},
		{"Claim", testClaim},
		{"Release", testRelease},
		{"Installations", testInstallations},
		{"InstallationInvalid", testInstallationInvalid},
		{"WorkspaceOrganisations", testWorkspaceOrganisations},
		{"DueForRefresh", testDueForRefresh},
		{"PurgeWorkspace", testPurgeWorkspace},
		{"DueStandupJustPassed", testDueStandupJustPassed},
		{"DueLimitAndOrder", testDueLimitAndOrder},
		{"NextDueFollowsUpdates", testNextDueFollowsUpdates},
		{"StaleNextDueIgnored", testStaleNextDueIgnored},
		{"FeedbackLastClickWins", testFeedbackLastClickWins},
		{"FeedbackTiesByUser", testFeedbackTiesByUser},
		{"RecentFeedback", testRecentFeedback},
		{"FeedbackInvalid", testFeedbackInvalid},
		{"Conversations", testConversations},
		{"ConversationRefs", testRefs},
		{"ConversationRefUnknown", testRefUnknown},
		{"DirectRef", testDirectRef},
		{"TeamRef", testTeamRef},
		{"ConversationRefInvalid", testRefInvalid},
		{"ConcurrentWriters", func(t *testing.T, s checklist.Store) { testConcurrentMarks(t, s, s) }},
		{"Ping", testPing},
		{"Members", testMembers},
		{"MembersScheduled", testMembersScheduled},
		{"Answers", testAnswers},
		{"ChannelSettings", testChannelSettings},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, open(t)) })
	}
}

// RunShared runs the part of the contract about several processes sharing
// one database. open returns two stores, opened separately (two
// connection pools, as two processes or replicas would have), over one
// fresh, empty database; it closes them in t.Cleanup.
func RunShared(t *testing.T, open func(t *testing.T) (a, b checklist.Store)) {
	t.Run("SeesOtherStoresWrites", func(t *testing.T) {
		a, b := open(t)
		p := create(t, a, "Register to vote", chanT1C1)
		got, err := b.ProjectByChannel(t.Context(), chanT1C1)
		if err != nil {
			t.Fatalf("second store: project by channel: %v", err)
		}
		sameProject(t, got, p)
	})
	t.Run("ClaimAcrossStores", func(t *testing.T) {
		a, b := open(t)
		at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		wantClaim(t, a, "slack:Ev1", at, true)
		wantClaim(t, b, "slack:Ev1", at, false)
		wantClaim(t, b, "slack:Ev2", at, true)
		wantClaim(t, a, "slack:Ev2", at, false)
	})
	t.Run("FeedbackAcrossStores", func(t *testing.T) {
		a, b := open(t)
		f := checklist.Feedback{Ref: "a1", User: "alice", Helpful: true, Platform: "slack", At: clickAt}
		saveFeedback(t, a, f)
		f.Helpful = false
		saveFeedback(t, b, f)
		f.At = f.At.UTC().Truncate(time.Microsecond)
		wantFeedback(t, a, "a1", f)
	})
	t.Run("ConversationAcrossStores", func(t *testing.T) {
		a, b := open(t)
		c := &checklist.Conversation{Key: checklist.ConversationKey(chanT1C1, "1700000000.000100"), Standard: "localgov"}
		saveConversation(t, a, c)
		wantConversation(t, b, c)
		c.Standard = "govuk"
		saveConversation(t, b, c)
		wantConversation(t, a, c)
	})
	t.Run("ConversationRefAcrossStores", func(t *testing.T) {
		a, b := open(t)
		testRefAcrossStores(t, a, b)
	})
	t.Run("DueAcrossStores", func(t *testing.T) {
		a, b := open(t)
		testDueAcrossStores(t, a, b)
	})
	t.Run("ReleaseAcrossStores", func(t *testing.T) {
		a, b := open(t)
		testReleaseAcrossStores(t, a, b)
	})
	t.Run("ConfirmationAcrossStores", func(t *testing.T) {
		a, b := open(t)
		c := newConfirmation(checklist.WalkKey(chanT1C1, "", "alice"), "project delete")
		putConfirmation(t, a, c, askedAt)
		wantConfirmation(t, b, c.Key, askedAt, c)
		wantNotWaiting(t, a, "taken by the other store", c.Key, askedAt)
		testConfirmationRace(t, a, b)
	})
	t.Run("ConcurrentStores", func(t *testing.T) {
		a, b := open(t)
		testConcurrentMarks(t, a, b)
	})
}

// Channels the tests bind projects to: two workspaces, T1 and T2.
var (
	chanT1C1 = checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"}
	chanT1C2 = checklist.Binding{Platform: "slack", Team: "T1", Channel: "C2"}
	chanT1C3 = checklist.Binding{Platform: "slack", Team: "T1", Channel: "C3"}
	chanT2C1 = checklist.Binding{Platform: "slack", Team: "T2", Channel: "C1"}
)

// newProject is a valid project, not yet stored.
func newProject(name string, b checklist.Binding) *checklist.Project {
	return &checklist.Project{
		Name: name, Workspace: b.Workspace(), Standard: "govuk", Points: 14,
		Phase: checklist.Discovery, TimeZone: "Europe/London",
		Bindings: []checklist.Binding{b}, CreatedBy: "alice", CreatedByID: as("alice").ID,
	}
}

// create stores newProject(name, b) or fails the test.
func create(t testing.TB, s checklist.Store, name string, b checklist.Binding) *checklist.Project {
	t.Helper()
	p := newProject(name, b)
	if err := s.CreateProject(t.Context(), p); err != nil {
		t.Fatalf("create project %q: %v", name, err)
	}
	return p
}

// wantCode fails the test unless err has the code and, when it is a domain
// error, a message for the user.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := checklist.ErrorCode(err); got != code {
		t.Fatalf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
	var e *checklist.Error
	if errors.As(err, &e) && e.Message == "" {
		t.Errorf("%s: %s error without a message", what, code)
	}
}

// sameProject compares projects field by field, times by instant, and
// checks times come back in UTC.
func sameProject(t *testing.T, got, want *checklist.Project) {
	t.Helper()
	for _, tm := range []time.Time{got.CreatedAt, got.UpdatedAt} {
		if tm.Location() != time.UTC {
			t.Errorf("project %q: time %v is not in UTC", got.Name, tm)
		}
	}
	if !got.CreatedAt.Equal(want.CreatedAt) || !got.UpdatedAt.Equal(want.UpdatedAt) {
		t.Errorf("project %q: created/updated %v/%v, want %v/%v", got.Name, got.CreatedAt, got.UpdatedAt, want.CreatedAt, want.UpdatedAt)
	}
	g, w := *got, *want
	g.CreatedAt, g.UpdatedAt, w.CreatedAt, w.UpdatedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("project:\n got %+v\nwant %+v", g, w)
	}
}

// names lists the projects' names, to compare lists in order.
func names(ps []*checklist.Project) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// history reads a project's whole history or fails the test.
func history(t *testing.T, s checklist.Store, id int64) []checklist.Change {
	t.Helper()
	hs, err := s.History(t.Context(), id, 0, 0)
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	return hs
}

// lastChange is the newest history entry.
func lastChange(t *testing.T, s checklist.Store, id int64) checklist.Change {
	t.Helper()
	hs, err := s.History(t.Context(), id, 0, 1)
	if err != nil || len(hs) != 1 {
		t.Fatalf("latest history entry: %v, %d entries", err, len(hs))
	}
	return hs[0]
}

// claimer is the part of a store wantClaim needs.
type claimer interface {
	Claim(ctx context.Context, key string, at time.Time) (bool, error)
}

func wantClaim(t *testing.T, s claimer, key string, at time.Time, want bool) {
	t.Helper()
	got, err := s.Claim(t.Context(), key, at)
	if err != nil || got != want {
		t.Fatalf("claim %q = %v, %v; want %v", key, got, err, want)
	}
}

func testPing(t *testing.T, s checklist.Store) {
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("ping: %v", err)
	}
}

// as is the person of a display name in the tests: their platform user id
// made from the name, so two names are two people.
func as(name string) checklist.Person {
	return checklist.Person{ID: "U-" + strings.ToUpper(strings.ReplaceAll(name, " ", "")), Name: name}
}
