package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/standardbot/standardbot/checklist"
)

// confirmExpiry is how long a question waits for its yes.
const confirmExpiry = 30 * time.Minute

// confirmation is something shown and waiting for the same person's yes
// in the same conversation: an import to record, a project to delete, a
// person to forget. It waits in the store (checklist.Confirmations), one
// per person and conversation (walkKey), the latest asked, as data rather
// than a closure: the yes may reach another replica, or this one after a
// restart, and either must be able to do what was asked.
type confirmation struct {
	// kind names the handler in yesHandlers that does it; payload is
	// everything that handler needs, stored as JSON.
	kind    string
	payload any
	// no is the reply to no; dropped goes before the reply to anything
	// else, which cancels it too.
	no, dropped string
}

// yesHandler does what a kind of confirmation waited for, from its
// payload as stored.
type yesHandler func(b *Bot, ctx context.Context, req *request, payload json.RawMessage) ([]Reply, error)

// The kinds of confirmation. A stored kind must keep its name and its
// payload's shape, or the yes to one asked before an upgrade does nothing
// (errStaleConfirmation).
const (
	kindImport = "assessment import"
	kindDelete = "project delete"
	kindForget = "forget me"
)

// yesHandlers rebuild each kind's action from its payload.
var yesHandlers = map[string]yesHandler{
	kindImport: yesWith((*Bot).importYes),
	kindDelete: yesWith((*Bot).deleteYes),
	kindForget: yesWith((*Bot).forgetYes),
}

// yesWith makes the handler of a kind whose payload is a P: a payload that
// no longer decodes into one (a field renamed or gone since it was
// stored) is errStaleConfirmation, and nothing is done.
func yesWith[P any](do func(b *Bot, ctx context.Context, req *request, p P) ([]Reply, error)) yesHandler {
	return func(b *Bot, ctx context.Context, req *request, payload json.RawMessage) ([]Reply, error) {
		var p P
		dec := json.NewDecoder(bytes.NewReader(payload))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return nil, fmt.Errorf("%w: %w", errStaleConfirmation, err)
		}
		return do(b, ctx, req, p)
	}
}

// errStaleConfirmation is a yes to something this version cannot read: of
// an unknown kind, or with a payload that does not decode, as after an
// upgrade.
var errStaleConfirmation = usage("Nothing was done: I could not read what was waiting for your yes, perhaps because I was updated since. Please ask again.")

// awaitYes makes c wait for the yes of the person who sent req.
func (b *Bot) awaitYes(ctx context.Context, req *request, c confirmation) error {
	payload, err := json.Marshal(c.payload)
	if err != nil {
		return fmt.Errorf("await yes: %w", err)
	}
	now := b.now()
	return b.Store.PutConfirmation(ctx, &checklist.Confirmation{
		Key: walkKey(req), Kind: c.kind, Payload: payload,
		No: c.no, Dropped: c.dropped, Expires: now.Add(confirmExpiry),
	}, now)
}

// confirmAnswer takes the answer to what waits for this person here: yes
// does it, no cancels it, and anything else cancels it and is then
// handled as usual. Taking it deletes it, so of two replicas given one
// yes (a retried event), only one acts.
func (b *Bot) confirmAnswer(ctx context.Context, req *request) ([]Reply, bool, error) {
	if b.Store == nil {
		return nil, false, nil
	}
	c, err := b.Store.TakeConfirmation(ctx, walkKey(req), b.now())
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		return nil, false, nil
	} else if err != nil {
		return nil, true, err
	}
	switch {
	case req.word == "yes" && req.args == "":
		replies, err := b.doYes(ctx, req, c)
		return replies, true, err
	case req.word == "no" && req.args == "":
		return Text(ReplyInfo, c.No).one(), true, nil
	}
	replies, err := b.route(ctx, req)
	return append([]Reply{Text(ReplyInfo, c.Dropped)}, replies...), true, err
}

// doYes does what c waited for, by its kind.
func (b *Bot) doYes(ctx context.Context, req *request, c *checklist.Confirmation) ([]Reply, error) {
	yes, ok := yesHandlers[c.Kind]
	if !ok {
		b.log().Warn("confirmation of an unknown kind", "kind", c.Kind)
		return nil, errStaleConfirmation
	}
	replies, err := yes(b, ctx, req, c.Payload)
	if errors.Is(err, errStaleConfirmation) {
		b.log().Warn("confirmation unreadable", "kind", c.Kind, "err", err)
		return nil, errStaleConfirmation
	}
	return replies, err
}
