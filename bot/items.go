package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// correctItem is `note edit ID TEXT`, `note delete ID` and the same for
// evidence; ok is false when args start with a point number instead (an
// item to add).
func (b *Bot) correctItem(ctx context.Context, req *request, p *checklist.Project, kind, args string) ([]Reply, bool, error) {
	verb, rest := cutWord(args)
	switch strings.ToLower(verb) {
	case "edit", "change":
		replies, err := b.editItem(ctx, req, p, kind, rest)
		return replies, true, err
	case "delete", "remove":
		replies, err := b.deleteItem(ctx, req, p, kind, rest)
		return replies, true, err
	}
	return nil, false, nil
}

// editItem replaces a note's or evidence's text.
func (b *Bot) editItem(ctx context.Context, req *request, p *checklist.Project, kind, args string) ([]Reply, error) {
	num, text := cutWord(args)
	it, err := b.ownItem(ctx, req, p, kind, num, "edit")
	if err != nil {
		return nil, err
	}
	if text == "" {
		return nil, usage(fmt.Sprintf("Give the new text. Try: %s edit %d NEW TEXT", kind, it.ID))
	}
	if text, err = checklist.ValidItem(kind, it.Point, text); err != nil {
		return nil, err
	}
	if _, err := b.Store.EditItem(ctx, p.ID, it.ID, text, who(req.msg)); err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Changed %s #%d on point %s (%s). The history keeps what it said before.", kind, it.ID, b.pointNum(p, it.Point), b.pointTitle(p, it.Point))).one(), nil
}

// deleteItem deletes a note or evidence, and its text from the history.
func (b *Bot) deleteItem(ctx context.Context, req *request, p *checklist.Project, kind, args string) ([]Reply, error) {
	num, rest := cutWord(args)
	if rest != "" {
		return nil, usage(fmt.Sprintf("Delete one at a time. Try: %s delete %s", kind, num))
	}
	it, err := b.ownItem(ctx, req, p, kind, num, "delete")
	if err != nil {
		return nil, err
	}
	if _, err := b.Store.DeleteItem(ctx, p.ID, it.ID, who(req.msg)); err != nil {
		return nil, err
	}
	return Text(ReplyInfo, fmt.Sprintf("Deleted %s #%d from point %s (%s), and its text from the history, which records only that it was deleted.", kind, it.ID, b.pointNum(p, it.Point), b.pointTitle(p, it.Point))).one(), nil
}

// ownItem reads the item an edit or deletion names, if it is of kind and
// the person may change it: its author, or an admin.
func (b *Bot) ownItem(ctx context.Context, req *request, p *checklist.Project, kind, num, verb string) (*checklist.ItemRef, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(num, "#"), 10, 64)
	if err != nil || id <= 0 {
		return nil, usage(fmt.Sprintf("Give the %s's number, shown as #ID in status N. Try: %s %s 12", kind, kind, verb))
	}
	it, err := b.Store.Item(ctx, p.ID, id)
	if err != nil {
		return nil, err
	}
	if it.Kind != kind {
		return nil, usage(fmt.Sprintf("#%d is %s, not %s. Try: %s %s %d", id, article(it.Kind), article(kind), it.Kind, verb, id))
	}
	if !isAuthor(req.msg, it.Author()) && !b.isAdmin(req.msg) {
		return nil, usage(fmt.Sprintf("Only whoever added %s #%d (%s) or an admin can %s it. Ask them, or add a note of your own: note %s TEXT", kind, id, it.By, verb, b.pointNum(p, it.Point)))
	}
	return it, nil
}

// isAuthor reports whether the message's sender is by, as the store
// recorded them (see who): by their platform user id, which a colleague
// cannot take as they can a display name. A row recorded before the
// stores kept ids has only a name, and checklist.Person.Is falls back to
// comparing it, so for those old rows the check is only as good as names.
func isAuthor(msg Message, by checklist.Person) bool {
	return who(msg).Is(by.ID, by.Name)
}

// article is "a note" or "evidence".
func article(kind string) string {
	if kind == "note" {
		return "a note"
	}
	return kind
}
