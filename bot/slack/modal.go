package slack

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/slack-go/slack"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// The note modal's ids.
const (
	noteCallback = "standardbot_note"
	noteBlockID  = "note"
	noteActionID = "text"
	// maxModalTitle and maxMetadata are Slack's limits on a modal.
	maxModalTitle = 24
	maxMetadata   = 3000
	// maxNoteLength stops the box where the bot would refuse the note.
	maxNoteLength = checklist.MaxItemLength
)

// noteMeta travels through the modal in private_metadata: what the note
// is for and where the conversation is, which a view_submission does not
// otherwise say.
type noteMeta struct {
	Command string `json:"command"`
	Team    string `json:"team"`
	Channel string `json:"channel"`
	Thread  string `json:"thread,omitempty"`
	Ref     string `json:"ts,omitempty"`
}

// askNote opens a modal asking for a note for an AsksNote button (its
// command, e.g. "note 5", is run with the note when it is submitted).
func (a *Adapter) askNote(ctx context.Context, cb slack.InteractionCallback, msg bot.Message, act *slack.BlockAction) {
	meta, err := json.Marshal(noteMeta{
		Command: msg.Action.Command, Team: msg.Address.Team, Channel: msg.Address.Channel,
		Thread: msg.Address.Thread, Ref: msg.Action.Ref,
	})
	if err == nil && len(meta) > maxMetadata {
		a.log.Warn("note button's command too long for a modal", "channel", msg.Address.Channel)
		return
	}
	if err := a.openView(ctx, cb.TriggerID, noteView(act.Text.Text, act.Value, string(meta))); err != nil {
		a.log.Error("open note modal", "channel", msg.Address.Channel, "err", err)
		r := bot.Errorf("I could not open the note form. Type it instead: " + act.Value + " TEXT")
		a.deliver(msg, cb.ResponseURL, []bot.Reply{r}, nil)
	}
}

// noteView is the modal: one multi-line text box.
func noteView(label, command, meta string) slack.ModalViewRequest {
	plain := func(s string) *slack.TextBlockObject {
		return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
	}
	input := slack.NewPlainTextInputBlockElement(plain("What should the team and the assessors know?"), noteActionID)
	input.Multiline = true
	input.MaxLength = maxNoteLength
	block := slack.NewInputBlock(noteBlockID, plain("Note"), plain(truncate("The same as typing: "+command+" TEXT", maxFieldText)), input)
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      noteCallback,
		Title:           plain(truncate(firstNonEmpty(label, "Add note"), maxModalTitle)),
		Submit:          plain("Save"),
		Close:           plain("Cancel"),
		Blocks:          slack.Blocks{BlockSet: []slack.Block{block}},
		PrivateMetadata: meta,
	}
}

// submitNote runs the note button's command with the note typed in the
// modal and posts the replies where the button was.
func (a *Adapter) submitNote(ctx context.Context, cb slack.InteractionCallback) {
	var meta noteMeta
	if err := json.Unmarshal([]byte(cb.View.PrivateMetadata), &meta); err != nil || meta.Channel == "" || meta.Command == "" {
		a.log.Warn("note modal without its metadata", "err", err)
		return
	}
	var note string
	if cb.View.State != nil {
		note = strings.TrimSpace(cb.View.State.Values[noteBlockID][noteActionID].Value)
	}
	if note == "" {
		return
	}
	msg := bot.Message{
		Address:  bot.Address{Platform: Platform, Team: meta.Team, Channel: meta.Channel, Thread: meta.Thread},
		User:     cb.User.ID,
		UserName: a.userName(ctx, cb.User.ID),
		Action:   &bot.Action{Command: meta.Command, Note: note, Ref: meta.Ref},
		Direct:   isDirect(meta.Channel),
	}
	replies, _ := a.handle(ctx, msg) // a failure is logged, its apology in replies
	a.deliver(msg, "", replies, nil)
}
