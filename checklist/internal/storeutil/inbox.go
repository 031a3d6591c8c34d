package storeutil

import "github.com/standardbot/standardbot/checklist"

// CheckInboxItem is EINVALID for an item a store cannot keep or hand
// back to its adapter: one without its source, type or owner. Like
// ErrEmptyKey it is a caller's mistake, so the hint is for the log.
func CheckInboxItem(it *checklist.InboxItem) error {
	if it.Source == "" || it.Type == "" || it.Owner == "" {
		return checklist.Errorf(checklist.EINVALID, "An inbox item needs a source, a type and an owner, such as slack, event and the process's name.")
	}
	return nil
}
