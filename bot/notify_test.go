package bot_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist"
)

// TestNotifier: a due message is written by the core and sent by the
// adapter of the channel's platform; what can never be sent says so.
func TestNotifier(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	ctx := context.Background()
	var out bytes.Buffer
	terminal := &console.Adapter{Out: &out}
	n := bot.NewNotifier(b.Core, terminal)
	here := checklist.Binding{Platform: terminal.Platform(), Team: "local", Channel: "C1"}
	p, err := b.Core.Store.ProjectByChannel(ctx, here)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("sent through the adapter of the channel's platform", func(t *testing.T) {
		if err := n.Notify(ctx, here, p, checklist.Due{Kind: checklist.KindStandup}); err != nil {
			t.Fatal(err)
		}
		if got := out.String(); !strings.Contains(got, "Stand-up: Renew a licence") {
			t.Errorf("the terminal shows %q, want the stand-up", got)
		}
	})
	t.Run("a platform with no adapter here is worth retrying", func(t *testing.T) {
		elsewhere := checklist.Binding{Platform: "elsewhere", Team: "T", Channel: "C1"}
		err := n.Notify(ctx, elsewhere, p, checklist.Due{Kind: checklist.KindStandup})
		if err == nil || errors.Is(err, checklist.ErrUndeliverable) {
			t.Errorf("Notify = %v, want an error worth retrying (another replica may run that adapter)", err)
		}
	})
	t.Run("a notice that cannot be written is undeliverable", func(t *testing.T) {
		unloaded := *p
		unloaded.Standard = "not-loaded"
		err := n.Notify(ctx, here, &unloaded, checklist.Due{Kind: checklist.KindReminder})
		if !errors.Is(err, checklist.ErrUndeliverable) {
			t.Errorf("Notify = %v, want it undeliverable", err)
		}
	})
	t.Run("one sender a platform", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("a second sender for the terminal was registered")
			}
		}()
		n.Register(&console.Adapter{})
	})
}
