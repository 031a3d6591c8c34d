package storeutil

import "github.com/standardbot/standardbot/checklist"

// CheckInboxItem refuses an item a store cannot keep or hand back to its
// adapter (checklist.ErrBadInboxItem).
func CheckInboxItem(it *checklist.InboxItem) error {
	if it.Source == "" || it.Type == "" || it.Owner == "" {
		return checklist.ErrBadInboxItem()
	}
	return nil
}
