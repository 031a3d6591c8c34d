// Package console is the terminal adapter: one line in, replies out. It is
// how a new user first tries the bot and, through bot/bottest, how the
// conversation is tested.
package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/checklist"
)

// Handler is the part of the bot the adapter needs.
type Handler interface {
	Handle(ctx context.Context, msg bot.Message) ([]bot.Reply, error)
}

var _ bot.DirectSender = (*Adapter)(nil)

// Adapter connects a Handler to a reader and a writer.
type Adapter struct {
	Handler Handler
	In      io.Reader
	Out     io.Writer
	// Prompt shows "> " before each line; on for a terminal, off for a pipe
	// so piped output is only the replies.
	Prompt bool
	// User and Channel are who is typing and where, so projects bound to a
	// channel work in the terminal too.
	User    string
	Channel string
	// Log receives the failures the Handler returns (the user sees its
	// apology); nil is slog.Default().
	Log *slog.Logger

	mu sync.Mutex // one writer at a time: replies and scheduled notices
}

// Platform is the name the terminal's channels carry in a bot.Address and
// a checklist.Binding.
const Platform = "console"

// MaxLine is the longest line the terminal reads, in bytes. A longer one
// is answered with an error and the session goes on.
const MaxLine = 1 << 20

// tooLong answers a line over MaxLine.
var tooLong = bot.Errorf("That line is longer than 1 MiB, the most I read at once, so I did not read it. Type a shorter question; long guidance can be added with --source FILE.")

// input is one line read, or the news that a line was too long.
type input struct {
	text    string
	tooLong bool
}

// Run reads lines until EOF, "quit" or "exit", or until ctx is done.
func (a *Adapter) Run(ctx context.Context) error {
	lines := make(chan input)
	errc := make(chan error, 1)
	go func() {
		r := bufio.NewReaderSize(a.In, 64*1024)
		for {
			in, err := readLine(r, MaxLine)
			if err == nil || in.text != "" || in.tooLong {
				select {
				case lines <- in:
				case <-ctx.Done():
					return
				}
			}
			if err != nil {
				if err == io.EOF {
					err = nil
				}
				errc <- err
				close(lines)
				return
			}
		}
	}()
	a.prompt()
	for {
		select {
		case <-ctx.Done():
			return nil
		case in, ok := <-lines:
			if !ok {
				return <-errc
			}
			if in.tooLong {
				a.write(Render([]bot.Reply{tooLong}))
				a.prompt()
				continue
			}
			switch strings.ToLower(strings.TrimSpace(in.text)) {
			case "quit", "exit", "/quit":
				return nil
			case "":
				a.prompt()
				continue
			}
			a.write(a.Line(ctx, in.text))
			a.prompt()
		}
	}
}

// readLine reads one line, without its line ending, holding at most max
// bytes of it: the rest of a longer line is read and dropped, and the
// line comes back marked too long. At the end of the input it returns what
// was left and io.EOF.
func readLine(r *bufio.Reader, max int) (input, error) {
	var buf []byte
	long := false
	for {
		chunk, err := r.ReadSlice('\n')
		if !long && len(buf)+len(chunk) <= max+len("\r\n") {
			buf = append(buf, chunk...)
		} else {
			long, buf = true, nil
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		text := strings.TrimSuffix(strings.TrimSuffix(string(buf), "\n"), "\r")
		if len(text) > max {
			long, text = true, ""
		}
		return input{text: text, tooLong: long}, err
	}
}

// Line handles one line and returns what the terminal shows for it.
func (a *Adapter) Line(ctx context.Context, line string) string {
	msg := bot.Message{
		Address: bot.Address{Platform: Platform, Team: "local", Channel: a.channel()},
		User:    a.user(), UserName: a.user(),
		Text:   line,
		Direct: true,
		// Whoever runs the terminal has the data anyway.
		Admin: true,
	}
	replies, err := a.Handler.Handle(ctx, msg)
	if err != nil {
		a.log().Error("could not handle a line", "err", err)
	}
	return Render(replies)
}

// Platform is "console": the terminal's channels in a binding.
func (a *Adapter) Platform() string { return Platform }

// Send prints a message that arrives on its own, such as a stand-up, for
// a project in any of the terminal's channels: one person types in them
// all.
func (a *Adapter) Send(_ context.Context, _ checklist.Binding, r bot.Reply) error {
	a.write(Render([]bot.Reply{r}))
	a.prompt()
	return nil
}

// SendDirect prints a message meant for one person, such as their
// stand-up questions, marked as a direct message: in the terminal the
// person typing answers it in the terminal's own conversation.
func (a *Adapter) SendDirect(_ context.Context, team, user string, r bot.Reply) (checklist.Binding, error) {
	a.write("To " + user + " (direct message): " + Render([]bot.Reply{r}))
	a.prompt()
	return checklist.Binding{Platform: Platform, Team: team, Channel: a.channel()}, nil
}

// Render turns replies into terminal text, separated by blank lines.
func Render(replies []bot.Reply) string {
	parts := make([]string, 0, len(replies))
	for _, r := range replies {
		parts = append(parts, bot.PlainText(r))
	}
	return strings.Join(parts, "\n\n")
}

func (a *Adapter) write(s string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.Prompt {
		fmt.Fprint(a.Out, "\n")
	}
	fmt.Fprintln(a.Out, s)
	if !a.Prompt {
		// A blank line between replies keeps piped output readable.
		fmt.Fprintln(a.Out)
	}
}

func (a *Adapter) prompt() {
	if !a.Prompt {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	fmt.Fprint(a.Out, "\n> ")
}

func (a *Adapter) log() *slog.Logger {
	if a.Log != nil {
		return a.Log
	}
	return slog.Default()
}

func (a *Adapter) user() string {
	if a.User != "" {
		return a.User
	}
	return "you"
}

func (a *Adapter) channel() string {
	if a.Channel != "" {
		return a.Channel
	}
	return "terminal"
}
