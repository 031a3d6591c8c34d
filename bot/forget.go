package bot

import (
	"context"
	"fmt"
	"strings"

	"github.com/standardbot/standardbot/checklist"
)

// cmdForget is `forget me`: it says what forgetting does and waits for
// the person's yes (checklist.Person says what changes). Other words
// after forget are a question.
func (b *Bot) cmdForget(ctx context.Context, req *request) ([]Reply, error) {
	if !strings.EqualFold(req.args, "me") {
		return nil, errNotCommand
	}
	if b.Store == nil {
		return nil, errNoStore
	}
	if req.msg.User == "" {
		return nil, usage("I cannot tell who you are here, so there is nothing I could forget. Ask again from your own account.")
	}
	name := req.msg.UserName
	if name == "" {
		name = req.msg.User
	}
	r := Reply{Type: ReplyInfo, Title: "Forget you?", Blocks: []Block{
		{Type: Paragraph, Text: fmt.Sprintf("This removes your name (%s) and your user id (%s) from everything I keep, in every project. Wherever I recorded you as creating a project, setting a status, writing a note or evidence, recording an assessment, adding or closing an action or making any other change, it will say %q instead, and so will any note, evidence, action or history entry that mentions your name or id, whoever wrote it.",
			name, req.msg.User, checklist.FormerMember)},
		{Type: Paragraph, Text: "Your feedback on my answers, and your checklist walks and practice panels in progress, are deleted. What you wrote about a service (notes, evidence, practice answers) stays, as the team's record, by a former member. It cannot be undone."},
		{Type: Paragraph, Text: "The messages in this conversation are kept by the chat platform, not by me: ask its admins about those."},
		{Type: Paragraph, Text: "Nothing is changed yet. Reply yes to be forgotten, or no to keep everything as it is."},
	}}
	r.Buttons = []Button{{Label: "Forget me", Command: "yes", Style: "danger"}, {Label: "Cancel", Command: "no"}}
	err := b.awaitYes(ctx, req, confirmation{
		kind:    kindForget,
		payload: struct{}{},
		no:      "Cancelled: nothing was changed.",
		dropped: "Not forgotten: nothing was changed. Ask again with: forget me",
	})
	if err != nil {
		return nil, err
	}
	return r.one(), nil
}

// forgetYes forgets the person who said yes: the confirmation is keyed by
// them, so its payload needs nothing.
func (b *Bot) forgetYes(ctx context.Context, req *request, _ struct{}) ([]Reply, error) {
	return b.forgetMe(ctx, req)
}

// forgetMe forgets the person who said yes, and whatever else of theirs
// waits for a yes (ForgetPerson deletes it with the rest, in one
// transaction).
func (b *Bot) forgetMe(ctx context.Context, req *request) ([]Reply, error) {
	f, err := b.Store.ForgetPerson(ctx, checklist.Person{ID: req.msg.User, Name: req.msg.UserName})
	if err != nil {
		return nil, err
	}
	if f.Rows == 0 {
		return Text(ReplyInfo, "Done: I had nothing that named you, and keep nothing now.").one(), nil
	}
	return Text(ReplyInfo, fmt.Sprintf("Done: your name and id are gone from what I keep (%s changed, in %s). The projects' history says a former member was forgotten, not who.",
		countText(f.Rows, "record"), countText(f.Projects, "project"))).one(), nil
}
