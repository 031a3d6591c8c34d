package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/standardbot/standardbot/bot"
	"github.com/standardbot/standardbot/bot/bottest"
	"github.com/standardbot/standardbot/bot/console"
	"github.com/standardbot/standardbot/knowledge"
)

// FuzzHandle types fuzzed lines into the terminal (the console adapter
// driving the real core over SQLite) and presses fuzzed buttons, one
// conversation across all inputs, so projects, walks and schedules build
// up. Whatever is typed: no panic, no internal error, a reply to every
// line and every press, and no control character in what the terminal
// shows.
func FuzzHandle(f *testing.F) {
	for _, s := range []struct{ lines, command, note string }{
		{"help", "", ""},
		{"project new Apply for a blue badge\nphase alpha\nassessment 2027-01-15", "", ""},
		{"mark 1 met 12 interviews\nevidence 1 https://example.gov.uk/research\nnote 2 draft", "", ""},
		{"checklist\nmet done\nskip\nnot met\nstop", "", ""},
		{"status\nhistory\nhistory 3\nreport\nproject", "", ""},
		{"standup at 09:30 weekdays\nreminders 28,14,7\ntimezone Europe/Belfast\nstandup\nstandup off", "", ""},
		{"point 5\npoint 15 localgov\nstandards\nmap govuk 5 localgov\nwhich govuk point matches localgov 9?", "", ""},
		{"use localgov\nhow do we make our service accessible?\nfeedback", "", ""},
		{"", "mark 3 partly", "waiting on the DPIA"},
		{"", "note 4", "\x1b[31m<script>alert(1)</script>"},
		{"", "feedback no ref abc", ""},
		{"@SUM(1+1)\n=cmd|' /C calc'!A0\n[x](javascript:alert(1))", "", ""},
	} {
		f.Add(s.lines, s.command, s.note)
	}
	ix := bottest.NewIndex(f)
	core := &bot.Bot{
		Answerer: &knowledge.Answerer{Index: ix}, Library: ix.Library(), Store: bottest.NewStore(f),
		DefaultStandard: "govuk", DefaultTimeZone: "Europe/London",
		Now: func() time.Time { return bottest.Now },
	}
	terminal := &console.Adapter{Handler: core, User: "alice", Channel: "C1"}
	f.Fuzz(func(t *testing.T, lines, command, note string) {
		ctx := context.Background()
		for i, line := range strings.Split(lines, "\n") {
			if i == 8 {
				break
			}
			if strings.TrimSpace(line) == "" {
				continue
			}
			out := terminal.Line(ctx, line)
			if out == "" {
				t.Fatalf("no reply to %q", line)
			}
			if i := strings.IndexFunc(out, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }); i >= 0 {
				t.Fatalf("%q: the reply shows a control character: %q", line, out)
			}
			if !utf8.ValidString(out) {
				t.Fatalf("%q: the reply is not valid UTF-8: %q", line, out)
			}
		}
		if strings.TrimSpace(command) == "" {
			return
		}
		msg := bot.Message{Address: bot.Address{Platform: console.Platform, Team: "local", Channel: "C1"}, User: "alice", UserName: "alice",
			Action: &bot.Action{Command: command, Note: note, Ref: "card"}, Direct: true, Admin: true}
		replies, err := core.Handle(ctx, msg)
		if err != nil {
			t.Fatalf("press %q (note %q): %v", command, note, err)
		}
		if len(replies) == 0 {
			t.Fatalf("no reply to a press of %q", command)
		}
	})
}
