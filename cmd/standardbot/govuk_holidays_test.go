package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// holidaysKeeper is a keeper of the bank holidays alone, as serve wires
// it, over dir and GOV.UK at url, logging to log, at the clock *now.
func holidaysKeeper(t *testing.T, dir, url string, log *bytes.Buffer, now *time.Time) *govukKeeper {
	t.Helper()
	cfg := &Config{DataDir: dir, GovUK: GovUKConfig{BankHolidays: true, URL: url}}
	g, err := newGovUKKeeper(cfg, slog.New(slog.NewTextHandler(log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	g.now = func() time.Time { return *now }
	return g
}

func day(y int, m time.Month, d int) checklist.Date { return checklist.Date{Year: y, Month: m, Day: d} }

// TestBankHolidaysKeptAcrossARestart: the chore fetches GOV.UK's bank
// holidays from a fixture server and stand-ups follow them in each
// division; restarted with GOV.UK out of reach, the kept copy is used;
// with nothing kept, the built-in tables.
func TestBankHolidaysKeptAcrossARestart(t *testing.T) {
	t.Cleanup(func() { checklist.SetBankHolidays(nil) })
	doc, err := os.ReadFile("../../checklist/govuk/testdata/bank-holidays.json")
	if err != nil {
		t.Fatal(err)
	}
	site := govuktest.Serve(t, map[string][]byte{"/bank-holidays.json": doc})
	dir, now := t.TempDir(), time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	var log bytes.Buffer
	g := holidaysKeeper(t, dir, site.URL, &log, &now)
	g.applyHolidays()
	if err := g.chore(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantHolidays := func(when string, want map[checklist.Date]string) {
		t.Helper()
		for d, name := range want {
			if got := checklist.BankHoliday(checklist.Scotland, d); got != name {
				t.Errorf("%s: Scotland on %s: %q, want %q", when, d, got, name)
			}
		}
	}
	fetched := map[checklist.Date]string{day(2029, 11, 30): "St Andrew's Day", day(2029, 4, 2): "", day(2029, 8, 6): "Summer bank holiday"}
	wantHolidays("fetched", fetched)
	if got := checklist.BankHoliday(checklist.NorthernIreland, day(2029, 7, 12)); got != "Battle of the Boyne (Orangemen's Day)" {
		t.Errorf("Northern Ireland on 12 July 2029: %q", got)
	}

	gone := httptest.NewServer(nil)
	gone.Close()
	checklist.SetBankHolidays(nil) // a new process
	now = now.Add(48 * time.Hour)
	g = holidaysKeeper(t, dir, gone.URL, &log, &now)
	g.applyHolidays()
	if err := g.chore(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "cannot fetch from GOV.UK") {
		t.Errorf("GOV.UK out of reach was not said:\n%s", log.String())
	}
	wantHolidays("restarted, GOV.UK out of reach", fetched)

	checklist.SetBankHolidays(nil)
	g = holidaysKeeper(t, t.TempDir(), gone.URL, &log, &now)
	g.applyHolidays()
	if err := g.chore(context.Background()); err != nil {
		t.Fatal(err)
	}
	wantHolidays("nothing kept", map[checklist.Date]string{day(2028, 11, 30): "St Andrew's Day", day(2029, 11, 30): "", day(2028, 4, 17): ""})
}

// TestCalendarRunsOutWarning: within 60 days of the end of a division's
// calendar in use, a warning is logged once a day for each.
func TestCalendarRunsOutWarning(t *testing.T) {
	t.Cleanup(func() { checklist.SetBankHolidays(nil) })
	gone := httptest.NewServer(nil)
	gone.Close()
	var log bytes.Buffer
	now := time.Date(2028, 10, 1, 8, 0, 0, 0, time.UTC) // 91 days before the tables end
	g := holidaysKeeper(t, t.TempDir(), gone.URL, &log, &now)
	// The process's divisions in use are every test's; these are this one's.
	inUse := []checklist.Division{checklist.EnglandAndWales}
	g.inUse = func() []checklist.Division { return inUse }
	warnings := func() []string {
		var out []string
		for l := range strings.Lines(log.String()) {
			if strings.Contains(l, "calendar runs out soon") {
				out = append(out, l)
			}
		}
		log.Reset()
		return out
	}
	g.applyHolidays()
	if w := warnings(); len(w) != 0 {
		t.Fatalf("91 days ahead: %q", w)
	}
	now = time.Date(2028, 11, 15, 8, 0, 0, 0, time.UTC)
	g.applyHolidays()
	w := warnings()
	if len(w) != 1 || !strings.Contains(w[0], "level=WARN") || !strings.Contains(w[0], "division=england-and-wales") ||
		!strings.Contains(w[0], "ends=2028-12-31") || !strings.Contains(w[0], "days_left=46") {
		t.Fatalf("46 days ahead: %q, want one warning for England and Wales", w)
	}
	inUse = append(inUse, checklist.Scotland) // a Scottish project's stand-up
	_ = g.chore(context.Background())
	if w := warnings(); len(w) != 1 || !strings.Contains(w[0], "division=scotland") {
		t.Errorf("later the same day: %q, want Scotland's alone", w)
	}
	now = now.Add(24 * time.Hour)
	_ = g.chore(context.Background())
	if w := warnings(); len(w) != 2 {
		t.Errorf("the next day: %q, want both again", w)
	}
	// A kept calendar reaching into 2029 ends the warnings.
	checklist.SetBankHolidays(map[checklist.Division]map[checklist.Date]string{
		checklist.EnglandAndWales: {day(2029, 1, 1): "New Year's Day"}, checklist.Scotland: {day(2029, 1, 1): "New Year's Day"},
	})
	now = now.Add(24 * time.Hour)
	_ = g.chore(context.Background())
	if w := warnings(); len(w) != 0 {
		t.Errorf("with 2029 kept: %q", w)
	}
}

// TestHolidaysSetting: STANDARDBOT_HOLIDAYS is the default division, in
// chat; a word it does not know stops the start with what is allowed.
func TestHolidaysSetting(t *testing.T) {
	c := newCLI(t)
	t.Setenv("STANDARDBOT_GOVUK", "off")
	t.Setenv("STANDARDBOT_HOLIDAYS", "Scotland")
	t.Cleanup(func() { checklist.SetDefaultDivision("") })
	code, out, errOut := c.run("project new Renew a licence\nholidays\n", "chat")
	if code != 0 || !strings.Contains(out, "stand-ups skip the bank holidays of Scotland (the default)") {
		t.Errorf("chat with STANDARDBOT_HOLIDAYS=Scotland: %d\n%s\n%s", code, out, errOut)
	}
	t.Setenv("STANDARDBOT_HOLIDAYS", "ireland")
	code, _, errOut = c.run("", "chat")
	if code != 2 || !strings.Contains(errOut, `STANDARDBOT_HOLIDAYS="ireland" is not a bank holiday division (use england-and-wales, scotland or northern-ireland)`) {
		t.Errorf("STANDARDBOT_HOLIDAYS=ireland: %d %s", code, errOut)
	}
}
