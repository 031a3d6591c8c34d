package bot_test

import (
	"strings"
	"testing"

	"github.com/standardbot/standardbot/bot/bottest"
)

// TestHolidaysWord: `holidays` says whose bank holidays the stand-ups
// skip, why, and the next three; `holidays scotland` chooses Scotland's,
// in the history; `holidays default` goes back to what the time zone
// says. The clock is bottest.Now, Friday 27 November 2026.
func TestHolidaysWord(t *testing.T) {
	b := bottest.NewBot(t)
	b.Expect("project new Renew a licence", "Created project")
	b.Expect("holidays", "Renew a licence's stand-ups skip the bank holidays of England and Wales (the default).",
		"Next: Christmas Day Friday 25 December 2026; Boxing Day (substitute day) Monday 28 December 2026; New Year's Day Friday 1 January 2027.",
		"Change it with: holidays england-and-wales|scotland|northern-ireland")
	b.Expect("holidays Scotland", "now skip the bank holidays of Scotland (chosen with the holidays word).",
		"Next: St Andrew's Day Monday 30 November 2026; Christmas Day Friday 25 December 2026;")
	b.Expect("holidays northern-ireland", "Northern Ireland (chosen")
	b.Expect("timezone Europe/Belfast", "now uses Europe/Belfast")
	b.Expect("holidays default", "Northern Ireland (from its time zone, Europe/Belfast)")
	b.Expect("history", "bank holidays the default → Scotland", "bank holidays Scotland → Northern Ireland",
		"bank holidays Northern Ireland → the default")
	before := b.Say("history")
	got := b.Expect("holidays ireland", `"ireland" is not a bank holiday division: use england-and-wales, scotland or northern-ireland`)
	if strings.Contains(strings.TrimSpace(got), "\n") {
		t.Errorf("the reason is not one line: %q", got)
	}
	if after := b.Say("history"); after != before {
		t.Errorf("a refused division changed the history:\n%s", after)
	}
}
