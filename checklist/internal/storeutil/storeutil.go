// Package storeutil is what the checklist stores share below the domain:
// the stored forms of values, the stores' clock, error wrapping, claim
// pruning and the migration files. The rules a store applies before it
// writes, and the messages users see, are the checklist package's; this
// package holds only what is about storing, so that checklist/sqlite and
// checklist/postgres keep data alike.
package storeutil

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// Clock is a store's clock: every time it stamps on what it writes
// (creation, changes, history, conversations, migrations) is read from
// it. nil is the wall clock. cmd gives a store the clock the rest of the
// process uses (sqlite.WithClock, postgres.WithClock), tests a fixed one.
type Clock func() time.Time

// Now is the clock's time as stored: UTC to the microsecond, the precision
// both databases keep, so a time a store hands back equals the one it
// reads later.
func (c Clock) Now() time.Time {
	if c == nil {
		return time.Now().UTC().Truncate(time.Microsecond)
	}
	return c().UTC().Truncate(time.Microsecond)
}

// At is a caller's time as stored, like Now, and Now itself when t is
// zero, so a caller without a clock stores no year 1.
func (c Clock) At(t time.Time) time.Time {
	if t.IsZero() {
		return c.Now()
	}
	return t.UTC().Truncate(time.Microsecond)
}

// NameKey is what makes project names unique case-insensitively. It is
// computed in Go rather than with SQL lower() so both databases fold
// Unicode the same.
func NameKey(name string) string { return strings.ToLower(name) }

// Wrap adds context to an internal error and leaves domain errors as they
// are, so their message reaches the user unchanged. Wrap of nil is nil.
func Wrap(op string, err error) error {
	var e *checklist.Error
	if err == nil || errors.As(err, &e) {
		return err
	}
	return fmt.Errorf("%s: %w", op, err)
}

// CheckRef refuses a conversation reference a store cannot key or a
// platform cannot post with (checklist.ErrBadRef).
func CheckRef(r *checklist.ConversationRef) error {
	b := r.Binding
	if b.Platform == "" || b.Team == "" || b.Channel == "" || r.ServiceURL == "" {
		return checklist.ErrBadRef()
	}
	return nil
}
