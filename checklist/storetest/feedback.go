package storetest

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// A time with nanoseconds, which stores keep to the microsecond.
var clickAt = time.Date(2026, 11, 27, 9, 30, 0, 123456789, time.FixedZone("CET", 3600))

func testFeedbackLastClickWins(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	yes := checklist.Feedback{Ref: "a1", User: "alice", Helpful: true, Question: "what is point 3", Platform: "slack", At: clickAt}
	saveFeedback(t, s, yes)
	no := yes
	no.Helpful, no.Question, no.At = false, "what is point 3?", clickAt.Add(time.Minute)
	saveFeedback(t, s, no)
	no.At = no.At.UTC().Truncate(time.Microsecond)
	wantFeedback(t, s, "a1", no)

	if err := s.SaveFeedback(ctx, checklist.Feedback{Ref: "a2", User: "alice", Helpful: true}); err != nil {
		t.Fatalf("save feedback without a time: %v", err)
	}
	if got := feedbackOn(t, s, "a2"); len(got) != 1 || got[0].At.IsZero() {
		t.Errorf("feedback saved without a time: %+v; want it stamped with the store's clock", got)
	}
}

func testFeedbackTiesByUser(t *testing.T, s checklist.Store) {
	// Clicks at one moment come by answer, then by user in byte order,
	// whatever the database's locale: upper case first.
	var want []checklist.Feedback
	for i, user := range []string{"Bob", "U02", "alice"} {
		want = append(want, checklist.Feedback{Ref: "a1", User: user, Helpful: i%2 == 0, Platform: "teams",
			At: clickAt.UTC().Truncate(time.Microsecond)})
	}
	want = append(want, checklist.Feedback{Ref: "b2", User: "Bob", Platform: "teams", At: want[0].At})
	for _, i := range []int{3, 2, 0, 1} {
		saveFeedback(t, s, want[i])
	}
	got, err := s.RecentFeedback(t.Context(), want[0].At, 10)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("clicks at one moment:\n got %+v\nwant %+v", got, want)
	}
}

func testRecentFeedback(t *testing.T, s checklist.Store) {
	at := func(min int) time.Time {
		return clickAt.Add(time.Duration(min) * time.Minute).UTC().Truncate(time.Microsecond)
	}
	old := checklist.Feedback{Ref: "a0", User: "alice", Helpful: false, Question: "old question", Platform: "slack", At: at(-60)}
	a := checklist.Feedback{Ref: "a1", User: "bob", Helpful: false, Question: "what about cookies?", Platform: "slack", At: at(0)}
	b := checklist.Feedback{Ref: "a1", User: "alice", Helpful: true, Question: "what about cookies?", Platform: "slack", At: at(0)}
	c := checklist.Feedback{Ref: "a2", User: "alice", Helpful: true, Question: "point 5", Platform: "teams", At: at(5)}
	for _, f := range []checklist.Feedback{b, old, c, a} {
		saveFeedback(t, s, f)
	}
	got, err := s.RecentFeedback(t.Context(), at(-1), 10)
	if err != nil {
		t.Fatal(err)
	}
	// Newest first; at the same moment by answer, then user.
	if want := []checklist.Feedback{c, b, a}; !reflect.DeepEqual(got, want) {
		t.Errorf("recent feedback:\n got %+v\nwant %+v", got, want)
	}
	if got, err := s.RecentFeedback(t.Context(), at(-1), 1); err != nil || len(got) != 1 || got[0] != c {
		t.Errorf("limit 1: %+v, %v", got, err)
	}
	if got, err := s.RecentFeedback(t.Context(), at(60), 10); err != nil || got == nil || len(got) != 0 {
		t.Errorf("none since: %+v, %v; want an empty list", got, err)
	}
}

func testFeedbackInvalid(t *testing.T, s checklist.Store) {
	for _, f := range []checklist.Feedback{{User: "alice", Helpful: true}, {Ref: "a1", Helpful: true}} {
		wantCode(t, "feedback without a ref or user", s.SaveFeedback(t.Context(), f), checklist.EINVALID)
	}
	wantFeedback(t, s, "a1")
}

func saveFeedback(t *testing.T, s checklist.Store, f checklist.Feedback) {
	t.Helper()
	if err := s.SaveFeedback(t.Context(), f); err != nil {
		t.Fatalf("save feedback %+v: %v", f, err)
	}
}

// feedbackOn is the feedback on ref, newest first, read the way the
// feedback report reads it.
func feedbackOn(t *testing.T, s checklist.Store, ref string) []checklist.Feedback {
	t.Helper()
	all, err := s.RecentFeedback(t.Context(), time.Time{}, 1000)
	if err != nil {
		t.Fatalf("recent feedback: %v", err)
	}
	var out []checklist.Feedback
	for _, f := range all {
		if f.Ref == ref {
			out = append(out, f)
		}
	}
	return out
}

// wantFeedback fails the test unless the feedback on ref is want, in order,
// with times in UTC.
func wantFeedback(t *testing.T, s checklist.Store, ref string, want ...checklist.Feedback) {
	t.Helper()
	got := feedbackOn(t, s, ref)
	if len(got) != len(want) {
		t.Fatalf("feedback on %q:\n got %+v\nwant %+v", ref, got, want)
	}
	for i, g := range got {
		w := want[i]
		if g.At.Location() != time.UTC || !g.At.Equal(w.At) {
			t.Errorf("feedback on %q by %q: time %v, want %v in UTC", ref, g.User, g.At, w.At)
		}
		g.At, w.At = time.Time{}, time.Time{}
		if g != w {
			t.Errorf("feedback on %q, row %d:\n got %+v\nwant %+v", ref, i, g, w)
		}
	}
}

func testConversations(t *testing.T, s checklist.Store) {
	ctx := t.Context()
	thread := checklist.ConversationKey(chanT1C1, "1700000000.000100")
	channel := checklist.ConversationKey(chanT1C1, "")
	c := &checklist.Conversation{Key: thread, Standard: "localgov"}
	saveConversation(t, s, c)
	if c.UpdatedAt.IsZero() {
		t.Error("SaveConversation left UpdatedAt zero")
	}
	wantConversation(t, s, c)
	saveConversation(t, s, &checklist.Conversation{Key: channel, Standard: "govuk"})

	before := c.UpdatedAt
	c.Standard = "" // back to the project's or the default
	saveConversation(t, s, c)
	if c.UpdatedAt.Before(before) {
		t.Errorf("replacing a conversation moved UpdatedAt back, from %v to %v", before, c.UpdatedAt)
	}
	wantConversation(t, s, c)
	wantConversation(t, s, &checklist.Conversation{Key: channel, Standard: "govuk"})

	// The last exchange, long and with quotes, replaces the one before.
	c.Question, c.Answer = "what does point 5 ask?", "That “everyone” can use it [1].\n"+strings.Repeat("Research with disabled people. ", 200)
	saveConversation(t, s, c)
	wantConversation(t, s, c)
	c.Question, c.Answer = "and in beta?", "Test with assistive technology [1]."
	saveConversation(t, s, c)
	wantConversation(t, s, c)

	_, err := s.Conversation(ctx, checklist.ConversationKey(chanT1C2, ""))
	wantCode(t, "conversation never saved", err, checklist.ENOTFOUND)
	wantCode(t, "conversation without a key", s.SaveConversation(ctx, &checklist.Conversation{Standard: "govuk"}), checklist.EINVALID)
}

func saveConversation(t *testing.T, s checklist.Store, c *checklist.Conversation) {
	t.Helper()
	if err := s.SaveConversation(t.Context(), c); err != nil {
		t.Fatalf("save conversation %q: %v", c.Key, err)
	}
}

// wantConversation fails the test unless the stored conversation matches c
// (UpdatedAt is only checked when c has one).
func wantConversation(t *testing.T, s checklist.Store, c *checklist.Conversation) {
	t.Helper()
	got, err := s.Conversation(t.Context(), c.Key)
	if err != nil {
		t.Fatalf("conversation %q: %v", c.Key, err)
	}
	if got.Key != c.Key || got.Standard != c.Standard || got.Question != c.Question || got.Answer != c.Answer || got.UpdatedAt.Location() != time.UTC ||
		(!c.UpdatedAt.IsZero() && !got.UpdatedAt.Equal(c.UpdatedAt)) {
		t.Errorf("conversation %+v, want %+v", got, c)
	}
}
