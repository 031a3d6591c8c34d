package work

import (
	"context"
	"fmt"

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

// call is one message answered in a slot: what the worker is handed and
// what it hands back, in one allocation.
type call struct {
	slot
	msg      bot.Message
	replies  []bot.Reply
	err      error
	panicked any
	done     chan struct{}
}

// Handle waits for a slot, then hands msg to h on a worker thread and
// waits for it there. A panic in h is raised again on the caller's
// goroutine, where the adapter's work recovers it.
func (sh slotHandler) Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error) {
	c := &call{slot: slot{s: sh.s, heavy: len(msg.Text) >= HeavyText}, msg: msg, done: make(chan struct{})}
	if err := sh.s.sem.acquire(ctx, c.heavy); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNoSlot, err)
	}
	c.held = true
	sctx := context.WithValue(ctx, slotKey{}, &c.slot)
	h := sh.h
	sh.s.run(func() {
		defer close(c.done)
		defer func() { c.panicked = recover() }()
		c.replies, c.err = h.Handle(sctx, c.msg)
	})
	<-c.done
	if c.held {
		sh.s.sem.release()
	}
	if c.panicked != nil {
		panic(c.panicked)
	}
	return c.replies, c.err
}
