package checklist_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/standardbot/standardbot/checklist"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain text is kept", "12 interviews & a survey <done>", "12 interviews & a survey <done>"},
		{"newlines and tabs are kept", "one\n\ttwo", "one\n\ttwo"},
		{"CRLF is one newline, a lone CR a newline", "a\r\nb\rc", "a\nb\nc"},
		{"colour sequence goes whole", "\x1b[31mred\x1b[0m", "red"},
		{"CSI with private parameters", "\x1b[?25lhidden cursor\x1b[2J", "hidden cursor"},
		{"window title (OSC to BEL)", "\x1b]0;owned\x07after", "after"},
		{"hyperlink (OSC to ST)", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"unterminated OSC leaves the text", "\x1b]0;no end", "0;no end"},
		{"two-character escape", "a\x1bcb\x1b7c", "abc"},
		{"ESC with intermediates", "a\x1b(Bb", "ab"},
		{"C1 CSI", "a\u009b31mb", "ab"},
		{"C1 OSC with ST", "a\u009d0;t\u009cb", "ab"},
		{"other C0 and DEL", "a\x00b\x07c\x08d\x7fe", "abcde"},
		{"bidi overrides", "admin\u202e\u2066txt.exe", "admintxt.exe"},
		{"invalid UTF-8", "a\xffb", "a\ufffdb"},
		{"Welsh, emoji and accents are text", "Gwasanaeth ✅ café", "Gwasanaeth ✅ café"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := checklist.CleanText(tt.in); got != tt.want {
				t.Errorf("CleanText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCleanLine(t *testing.T) {
	if got := checklist.CleanLine("a\nb\tc\x1b[1m"); got != "a b c" {
		t.Errorf("CleanLine = %q", got)
	}
}

// TestCleanTextIsLinear: a string of unterminated control-string
// introducers is cleaned in one pass, not one search per introducer.
func TestCleanTextIsLinear(t *testing.T) {
	in := strings.Repeat("\x1b]", 200_000)
	allocs := testing.AllocsPerRun(1, func() { checklist.CleanText(in) })
	if got := checklist.CleanText(in); got != "" {
		t.Errorf("cleaned to %d bytes, want none", len(got))
	}
	if allocs > 5 {
		t.Errorf("%.0f allocations", allocs)
	}
}

func TestValidItem(t *testing.T) {
	if got, err := checklist.ValidItem("note", 5, "  \x1b[31mdone\x1b[0m  "); err != nil || got != "done" {
		t.Errorf("ValidItem = %q, %v", got, err)
	}
	long := strings.Repeat("é", checklist.MaxItemLength+1)
	_, err := checklist.ValidItem("evidence", 5, long)
	if checklist.ErrorCode(err) != checklist.EINVALID || !strings.Contains(err.Error(), "That evidence is 2,001 characters; the most is 2,000") {
		t.Errorf("over-long evidence: %v", err)
	}
	if got, err := checklist.ValidItem("note", 5, strings.Repeat("é", checklist.MaxItemLength)); err != nil || utf8.RuneCountInString(got) != checklist.MaxItemLength {
		t.Errorf("a note of exactly the limit: %v", err)
	}
	if _, err := checklist.ValidItem("note", 5, "\x1b[0m\x07"); checklist.ErrorCode(err) != checklist.EINVALID {
		t.Errorf("a note of control characters only: %v", err)
	}
}

func TestValidName(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"  Apply  for a\tblue badge ", "Apply for a blue badge", ""},
		{"\x1b[31mRed\x1b[0m team", "Red team", ""},
		{"\x1b[0m", "", "give the project a name"},
		{strings.Repeat("x", 101), "", "That name is 101 characters; project names are at most 100. Try a shorter one: project new NAME"},
		{strings.Repeat("é", 100), strings.Repeat("é", 100), ""},
	}
	for _, tt := range tests {
		got, err := checklist.ValidName(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ValidName(%.20q) err = %v, want %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ValidName(%.20q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzCleanText: whatever the text, the clean copy is valid UTF-8 with no
// control character but newline and tab and no bidirectional override,
// cleaning it again changes nothing, and clean text is left as it is.
func FuzzCleanText(f *testing.F) {
	for _, s := range payloads {
		f.Add(s)
	}
	f.Add("\x1b]\x1b]\x1b]0;x\u009c\u009b1;2\x1bP\x07\r\r\n\xff")
	f.Fuzz(func(t *testing.T, s string) {
		c := checklist.CleanText(s)
		if p := checkNoControl(c); p != nil {
			t.Fatalf("CleanText(%q) = %q: %v", s, c, p)
		}
		if again := checklist.CleanText(c); again != c {
			t.Fatalf("cleaning %q twice: %q, then %q", s, c, again)
		}
		if checkNoControl(s) == nil && !strings.Contains(s, "\r") && c != s {
			t.Fatalf("clean text %q changed to %q", s, c)
		}
		if l := checklist.CleanLine(s); strings.ContainsAny(l, "\n\t") {
			t.Fatalf("CleanLine(%q) = %q", s, l)
		}
	})
}
