package slack

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripMention(t *testing.T) {
	tests := []struct {
		name, text, self, want string
	}{
		{"leading mention", "<@UBOT> help", "UBOT", "help"},
		{"mention with name", "<@UBOT|standardbot>   status", "UBOT", "status"},
		{"mention later on", "hey <@UBOT> point 5", "UBOT", "hey  point 5"},
		{"other people stay", "<@UBOT> ask <@UALICE> about it", "UBOT", "ask <@UALICE> about it"},
		{"unknown self: first mention only", "<@UXYZ> help <@UALICE>", "", "help <@UALICE>"},
		{"unknown self, no leading mention", "help <@UALICE>", "", "help <@UALICE>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stripMention(tt.text, tt.self); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"link with label", "evidence 5 <https://example.org/a?b=1&amp;c=2|the audit>", "evidence 5 https://example.org/a?b=1&c=2"},
		{"bare link", "see <https://example.org>", "see https://example.org"},
		{"mail link", "ask <mailto:team@example.org|team@example.org>", "ask team@example.org"},
		{"channel", "in <#C123|project-x>", "in #project-x"},
		{"entities", "R&amp;D &lt;3 &gt; 2", "R&D <3 > 2"},
		{"plain", "how do we make our service accessible?", "how do we make our service accessible?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plainText(tt.text); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, s string
		max     int
		want    string
	}{
		{"fits", "short", 10, "short"},
		{"cut with ellipsis", "abcdefghij", 5, "abcd…"},
		{"counts characters not bytes", "ééééé", 5, "ééééé"},
		{"never inside an entity", "ab &amp; cd", 6, "ab…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := truncate(tt.s, tt.max)
			if got != tt.want || utf8.RuneCountInString(got) > tt.max {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestChunks(t *testing.T) {
	s := strings.Repeat("line of text\n", 500)
	parts := chunks(s, 3000)
	if len(parts) < 2 {
		t.Fatalf("%d parts", len(parts))
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) > 3000 || strings.HasPrefix(p, "\n") {
			t.Errorf("part of %d characters starting %q", utf8.RuneCountInString(p), p[:5])
		}
	}
	if got := strings.Join(parts, "\n"); got != s {
		t.Errorf("joined parts lost text")
	}
	if got := chunks("", 10); len(got) != 1 || got[0] != "" {
		t.Errorf("empty text = %q", got)
	}
}
