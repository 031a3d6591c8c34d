package work

import (
	"context"

	"github.com/standardbot/standardbot/bot"
)

// Handler answers one message: the conversation core (bot.Bot) as an
// adapter drives it, or a Handler wrapping it.
type Handler interface {
	Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error)
}

// HeavyText is the length from which a message is heavy work.
const HeavyText = 2000

// Slot wraps h, as net/http middleware wraps a handler, so that each
// message is answered in one of s's slots: an adapter wraps the core once
// and every message it hands on waits its turn there. A very long message
// (HeavyText or more, a pasted essay) is heavy: it takes a slot only when
// no ordinary question is waiting for one. When ctx ends before a slot
// comes, h is not called and the error is ErrNoSlot.
func Slot(s *Slots, h Handler) Handler { return slotHandler{s: s, h: h} }

type slotHandler struct {
	s *Slots
	h Handler
}

func (sh slotHandler) Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	return slotted(ctx, sh.s, len(msg.Text) >= HeavyText, func(ctx context.Context) ([]bot.Reply, error) {
		return sh.h.Handle(ctx, msg)
	})
}
