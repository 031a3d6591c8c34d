package console_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/checklist"
)

// echo replies with what it was told, so the tests see the adapter alone.
type echo struct{ got []bot.Message }

func (e *echo) Handle(_ context.Context, m bot.Message) ([]bot.Reply, error) {
	e.got = append(e.got, m)
	return []bot.Reply{bot.Text(bot.ReplyInfo, "you said: "+m.Text)}, nil
}

func TestRun(t *testing.T) {
	tests := []struct {
		name, in string
		prompt   bool
		want     []string
		handled  int
	}{
		{"pipe: no prompt, EOF ends", "one\ntwo\n", false, []string{"you said: one\n\nyou said: two\n"}, 2},
		{"quit ends", "one\nquit\ntwo\n", false, []string{"you said: one"}, 1},
		{"exit ends, any case", "EXIT\none\n", false, nil, 0},
		{"blank lines ignored", "\n  \none\n", false, []string{"you said: one"}, 1},
		{"terminal shows a prompt", "one\n", true, []string{"> ", "you said: one"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &echo{}
			var out bytes.Buffer
			a := &console.Adapter{Handler: h, In: strings.NewReader(tt.in), Out: &out, Prompt: tt.prompt, User: "alice", Channel: "C9"}
			if err := a.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output %q lacks %q", out.String(), w)
				}
			}
			if !tt.prompt && strings.Contains(out.String(), ">") {
				t.Errorf("prompt on a pipe: %q", out.String())
			}
			if len(h.got) != tt.handled {
				t.Fatalf("handled %d lines, want %d", len(h.got), tt.handled)
			}
			for _, m := range h.got {
				if m.User != "alice" || m.Address.Channel != "C9" || m.Address.Platform != console.Platform {
					t.Errorf("message %+v lacks the user or channel", m)
				}
				// Whoever runs the terminal has the data anyway.
				if !m.Admin {
					t.Errorf("message %+v not vouched for as an admin's", m)
				}
			}
		})
	}
}

func TestSend(t *testing.T) {
	var out bytes.Buffer
	a := &console.Adapter{Handler: &echo{}, Out: &out}
	b := checklist.Binding{Platform: a.Platform(), Team: "local", Channel: "terminal"}
	if err := a.Send(context.Background(), b, bot.Reply{Title: "Stand-up", Blocks: []bot.Block{{Type: bot.List, Items: []string{"point 3"}}}}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "Stand-up\n  • point 3") {
		t.Errorf("notice printed as %q", got)
	}
}

// TestSendDirect: a direct message is printed marked as one, and its
// binding is the terminal's own conversation, where the answer is typed.
func TestSendDirect(t *testing.T) {
	var out bytes.Buffer
	a := &console.Adapter{Handler: &echo{}, Out: &out}
	b, err := a.SendDirect(context.Background(), "local", "ana", bot.Text(bot.ReplyNotice, "What moved?"))
	if err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "To ana (direct message): What moved?") {
		t.Errorf("direct message printed as %q", got)
	}
	if b != (checklist.Binding{Platform: console.Platform, Team: "local", Channel: "terminal"}) {
		t.Errorf("binding %+v", b)
	}
}

// TestLongLine: a line over MaxLine is answered with an error, whole and
// once, and the session goes on; a line of exactly MaxLine is read.
func TestLongLine(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		handled  []int // the lengths of the lines the core saw
		tooLongs int
	}{
		{"one byte over, then more", strings.Repeat("x", console.MaxLine+1) + "\nnext\n", []int{4}, 1},
		{"several MiB, then more", strings.Repeat("y", 5*console.MaxLine) + "\r\nnext\n", []int{4}, 1},
		{"over the limit at the end of the input", "first\n" + strings.Repeat("z", console.MaxLine+10), []int{5}, 1},
		{"exactly the limit", strings.Repeat("x", console.MaxLine) + "\r\nnext", []int{console.MaxLine, 4}, 0},
		{"two long lines", strings.Repeat("x", console.MaxLine+1) + "\n" + strings.Repeat("x", console.MaxLine+1) + "\nquit\nnot read\n", nil, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &echo{}
			var out bytes.Buffer
			a := &console.Adapter{Handler: h, In: strings.NewReader(tt.in), Out: &out}
			if err := a.Run(context.Background()); err != nil {
				t.Fatalf("the session ended with %v", err)
			}
			var lens []int
			for _, m := range h.got {
				lens = append(lens, len(m.Text))
			}
			if fmt.Sprint(lens) != fmt.Sprint(tt.handled) {
				t.Errorf("the core saw lines of %v bytes, want %v", lens, tt.handled)
			}
			if n := strings.Count(out.String(), "That line is longer than 1 MiB, the most I read at once, so I did not read it."); n != tt.tooLongs {
				t.Errorf("%d errors for long lines, want %d:\n%.300s", n, tt.tooLongs, out.String())
			}
		})
	}
}
