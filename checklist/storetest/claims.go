package storetest

import (
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/checklist/internal/storeutil"
)

// RunClaimRetention checks that s forgets claims older than
// storeutil.ClaimRetention, so the table does not grow without end, and
// keeps younger ones. pruneNext makes s prune at its next Claim, as if an
// hour had passed since it last did; s must be over a fresh database.
func RunClaimRetention(t *testing.T, s checklist.Store, pruneNext func()) {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	wantClaim(t, s, "old", start, true)
	wantClaim(t, s, "recent", start.Add(storeutil.ClaimRetention-time.Hour), true)
	pruneNext()
	later := start.Add(storeutil.ClaimRetention + time.Hour)
	wantClaim(t, s, "new", later, true)
	wantClaim(t, s, "old", later, true)
	wantClaim(t, s, "recent", later, false)
}

// RunThreadRetention checks that s forgets a thread's conversation left
// alone for longer than storeutil.ThreadRetention, and keeps younger ones
// and channels' own. pruneNext makes s prune at its next SaveConversation;
// backdate sets a stored conversation's last save to at, as time passing
// would.
func RunThreadRetention(t *testing.T, s checklist.Store, pruneNext func(), backdate func(key string, at time.Time)) {
	ctx := t.Context()
	b := checklist.Binding{Platform: "slack", Team: "T1", Channel: "C1"}
	oldThread := checklist.ConversationKey(b, "1700000000.000100")
	youngThread := checklist.ConversationKey(b, "1700000000.000200")
	channel := checklist.ConversationKey(b, "")
	for _, k := range []string{oldThread, youngThread, channel} {
		saveConversation(t, s, &checklist.Conversation{Key: k, Standard: "localgov", Question: "q", Answer: "a"})
	}
	now := time.Now().UTC()
	backdate(oldThread, now.Add(-storeutil.ThreadRetention-time.Hour))
	backdate(youngThread, now.Add(-storeutil.ThreadRetention+time.Hour))
	backdate(channel, now.Add(-3*storeutil.ThreadRetention))
	pruneNext()
	saveConversation(t, s, &checklist.Conversation{Key: checklist.ConversationKey(b, "1700000000.000300"), Standard: "govuk"})
	if _, err := s.Conversation(ctx, oldThread); checklist.ErrorCode(err) != checklist.ENOTFOUND {
		t.Errorf("a thread idle past the retention: %v; want it forgotten", err)
	}
	for _, k := range []string{youngThread, channel} {
		if c, err := s.Conversation(ctx, k); err != nil || c.Standard != "localgov" {
			t.Errorf("%s: %+v, %v; want it kept", k, c, err)
		}
	}
}
