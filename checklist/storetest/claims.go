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
