package checklist

import (
	"context"
	"encoding/json"
	"time"
)

// Confirmations keeps what the bot showed a person and waits for their
// yes (an import to record, a project to delete, a person to forget), one
// per person and conversation. Stored rather than held in a process, so
// the yes may reach any replica sharing the store, and a restart keeps it.
type Confirmations interface {
	// PutConfirmation stores c under c.Key, replacing what waited there,
	// and deletes every confirmation expired by now. EINVALID for one
	// without its key or kind.
	PutConfirmation(ctx context.Context, c *Confirmation, now time.Time) error
	// TakeConfirmation deletes and returns the confirmation under key, in
	// one step: of callers racing for one key, across every process
	// sharing the store, exactly one gets it. ENOTFOUND when nothing waits
	// there, or only what expired by now (which goes too).
	TakeConfirmation(ctx context.Context, key string, now time.Time) (*Confirmation, error)
	// A person's confirmations go when they are forgotten
	// (Corrections.ForgetPerson), with their walks.
}

// Confirmation is one question waiting for a person's yes: data only, so
// any process can act on it. Kind names what yes does and Payload (JSON)
// carries what it needs; the bot decides both.
type Confirmation struct {
	Key     string // see WalkKey
	Kind    string
	Payload json.RawMessage
	// No is the reply to no; Dropped goes before the reply to anything
	// else, which cancels it too.
	No, Dropped string
	// Expires is when it stops waiting.
	Expires time.Time
}

// ErrNoConfirmation is ENOTFOUND for a confirmation that is not waiting.
func ErrNoConfirmation() error {
	return Errorf(ENOTFOUND, "Nothing waits for your yes here: ask again for what you meant.")
}

// ErrNoConfirmationKind is EINVALID for a confirmation without its kind.
func ErrNoConfirmationKind() error {
	return Errorf(EINVALID, "A confirmation needs a kind, the thing its yes does.")
}
