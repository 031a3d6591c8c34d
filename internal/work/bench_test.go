package work

import (
	"context"
	"testing"

	"github.com/standardbot/standardbot/bot"
)

// BenchmarkSlot is what a slot adds to answering a message: taking it,
// handing the work to a worker thread and back, and giving it up.
func BenchmarkSlot(b *testing.B) {
	h := Slot(NewSlots(1, discard), handlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) { return nil, nil }))
	ctx, msg := context.Background(), bot.Message{Text: "help"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := h.Handle(ctx, msg); err != nil {
			b.Fatal(err)
		}
	}
}
