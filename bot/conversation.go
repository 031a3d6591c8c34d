package bot

import (
	"context"
	"fmt"

	"github.com/standardbot/standardbot/checklist"
)

// conversationKey is the key of the thread a message is in, or of its
// channel when it is not in a thread.
func conversationKey(msg Message) string {
	return checklist.ConversationKey(binding(msg), msg.Address.Thread)
}

// rememberStandard keeps the standard a conversation turned to, so a
// follow-up in the same thread stays on it. Failing to remember is logged,
// not shown: the answer itself was given.
func (b *Bot) rememberStandard(ctx context.Context, req *request, std string) {
	err := b.updateConversation(ctx, req, func(c *checklist.Conversation) { c.Standard = std })
	if err != nil {
		b.log().Warn("remember conversation standard", "err", err)
	}
}

// updateConversation changes what the bot remembers of the message's
// conversation, keeping the rest.
func (b *Bot) updateConversation(ctx context.Context, req *request, change func(*checklist.Conversation)) error {
	if b.Store == nil {
		return errNoStore
	}
	key := conversationKey(req.msg)
	c, err := b.Store.Conversation(ctx, key)
	if checklist.ErrorCode(err) == checklist.ENOTFOUND {
		c, err = &checklist.Conversation{Key: key}, nil
	}
	if err != nil {
		return err
	}
	change(c)
	return b.Store.SaveConversation(ctx, c)
}

// rememberedStandard is the standard a thread (or, outside a thread, the
// channel) was set to, if it is still loaded, and the message's own
// conversation as read on the way (nil, with the error, when it could
// not be).
func (b *Bot) rememberedStandard(ctx context.Context, req *request) (std string, own *checklist.Conversation, ownErr error) {
	if b.Store == nil {
		return "", nil, nil
	}
	keys := []string{conversationKey(req.msg)}
	if req.msg.Address.Thread != "" {
		keys = append(keys, checklist.ConversationKey(binding(req.msg), ""))
	}
	for i, k := range keys {
		c, err := b.Store.Conversation(ctx, k)
		if i == 0 {
			own, ownErr = c, err
		}
		if err != nil {
			continue
		}
		if _, ok := b.Library.Standard(c.Standard); ok {
			return c.Standard, own, ownErr
		}
	}
	return "", own, ownErr
}

// cmdUse sets the standard this conversation's questions use: use localgov.
func (b *Bot) cmdUse(ctx context.Context, req *request) ([]Reply, error) {
	if req.args == "" {
		return Text(ReplyInfo, fmt.Sprintf("Questions here use %s. Change it with: use STANDARD (see: standards)", b.standardFor(ctx, req))).one(), nil
	}
	std, err := b.Library.Lookup(req.args)
	if err != nil {
		return nil, usage(err.Error() + ". Try: standards")
	}
	if b.Store == nil {
		return nil, errNoStore
	}
	if err := b.updateConversation(ctx, req, func(c *checklist.Conversation) { c.Standard = std.ID }); err != nil {
		return nil, err
	}
	where := "this conversation"
	if req.msg.Address.Thread != "" {
		where = "this thread"
	}
	return Text(ReplyInfo, fmt.Sprintf("Questions in %s now use the %s. Point numbers refer to it too.", where, std.Name)).one(), nil
}
