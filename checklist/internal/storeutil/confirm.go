package storeutil

import (
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// CheckConfirmation refuses a confirmation a store cannot key or the bot
// could not act on, and brings its expiry to what a store keeps: UTC, to
// the microsecond.
func CheckConfirmation(c *checklist.Confirmation) error {
	if c.Key == "" {
		return checklist.ErrEmptyKey("confirmation", "checklist.WalkKey(binding, thread, user)")
	}
	if c.Kind == "" {
		return checklist.ErrNoConfirmationKind()
	}
	c.Expires = c.Expires.UTC().Truncate(time.Microsecond)
	return nil
}
