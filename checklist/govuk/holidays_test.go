package govuk

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

// fixture serves testdata/bank-holidays.json, GOV.UK's document as it is
// published (three divisions, 2026 to 2029), and returns a client of it.
func fixture(t *testing.T) (*govuktest.Site, *contentapi.Client) {
	doc, err := os.ReadFile("testdata/bank-holidays.json")
	if err != nil {
		t.Fatal(err)
	}
	site := govuktest.Serve(t, map[string][]byte{Path: doc})
	c, err := contentapi.New(contentapi.Options{BaseURL: site.URL, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return site, c
}

func TestFetchAndLoad(t *testing.T) {
	site, c := fixture(t)
	path := filepath.Join(t.TempDir(), "govuk", "bank-holidays.json")
	if days, at, err := Load(path); days != nil || !at.IsZero() || err != nil {
		t.Fatalf("nothing kept: %v %v %v", days, at, err)
	}
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	if err := Fetch(context.Background(), c, path, now); err != nil {
		t.Fatal(err)
	}
	days, at, err := Load(path)
	if err != nil || !at.Equal(now) {
		t.Fatalf("load: %v, fetched at %s", err, at)
	}
	for _, tt := range []struct {
		div  checklist.Division
		d    checklist.Date
		want string
	}{
		{checklist.EnglandAndWales, checklist.Date{Year: 2029, Month: 12, Day: 25}, "Christmas Day"},
		{checklist.EnglandAndWales, checklist.Date{Year: 2029, Month: 1, Day: 2}, ""},
		{checklist.EnglandAndWales, checklist.Date{Year: 2029, Month: 4, Day: 2}, "Easter Monday"},
		{checklist.Scotland, checklist.Date{Year: 2029, Month: 1, Day: 2}, "2nd January"},
		{checklist.Scotland, checklist.Date{Year: 2029, Month: 4, Day: 2}, ""},
		{checklist.Scotland, checklist.Date{Year: 2029, Month: 11, Day: 30}, "St Andrew's Day"},
		{checklist.Scotland, checklist.Date{Year: 2027, Month: 1, Day: 4}, "2nd January (substitute day)"},
		{checklist.NorthernIreland, checklist.Date{Year: 2029, Month: 7, Day: 12}, "Battle of the Boyne (Orangemen's Day)"},
		{checklist.NorthernIreland, checklist.Date{Year: 2029, Month: 3, Day: 19}, "St Patrick's Day (substitute day)"},
	} {
		if got := days[tt.div][tt.d]; got != tt.want {
			t.Errorf("%s on %s: %q, want %q", tt.div, tt.d, got, tt.want)
		}
	}
	if r := site.Requests(); len(r) != 1 || r[0].Path != "/bank-holidays.json" || !strings.HasPrefix(r[0].UserAgent, "standardbot/test ") {
		t.Errorf("requests = %+v", r)
	}
}

// TestKeptMatchesBuiltIn: for the years both cover, GOV.UK's document
// and the built-in tables agree, day for day and name for name, in every
// division, so taking one or the other changes no stand-up.
func TestKeptMatchesBuiltIn(t *testing.T) {
	_, c := fixture(t)
	path := filepath.Join(t.TempDir(), "bank-holidays.json")
	if err := Fetch(context.Background(), c, path, time.Now()); err != nil {
		t.Fatal(err)
	}
	days, _, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	checklist.SetBankHolidays(nil)
	for _, div := range checklist.Divisions {
		n := 0
		for d := (checklist.Date{Year: 2026, Month: 1, Day: 1}); d.Year <= 2028; d = d.AddDays(1) {
			if got, want := checklist.BankHoliday(div, d), days[div][d]; got != want {
				t.Errorf("%s on %s: built in %q, GOV.UK %q", div, d, got, want)
			}
			if days[div][d] != "" {
				n++
			}
		}
		if n == 0 {
			t.Errorf("%s: nothing compared", div)
		}
	}
}

func TestFetchRefusesAnotherDocument(t *testing.T) {
	docs := map[string][]byte{"/bank-holidays.json": []byte(`{"scotland":{"events":[{"title":"x","date":"2029-01-02"}]}}`)}
	site := govuktest.Serve(t, docs)
	c, _ := contentapi.New(contentapi.Options{BaseURL: site.URL})
	path := filepath.Join(t.TempDir(), "bank-holidays.json")
	keep(t, path)
	if err := Fetch(context.Background(), c, path, time.Now()); err == nil {
		t.Fatal("a document without England and Wales was kept")
	}
	wantKept(t, path)
}

// TestUnreachableKeepsTheCopy: GOV.UK out of reach is an error, and the
// copy kept before stays as it was.
func TestUnreachableKeepsTheCopy(t *testing.T) {
	gone := httptest.NewServer(nil)
	gone.Close()
	c, _ := contentapi.New(contentapi.Options{BaseURL: gone.URL})
	path := filepath.Join(t.TempDir(), "bank-holidays.json")
	keep(t, path)
	err := Fetch(context.Background(), c, path, time.Now())
	if err == nil || !contentapi.IsUnreachable(err) {
		t.Fatalf("fetch from a closed server: %v, want unreachable", err)
	}
	wantKept(t, path)
}

const keptDoc = `{"fetched_at":"2026-01-01T00:00:00Z","bank_holidays":{
	"england-and-wales":{"events":[{"title":"Boxing Day","date":"2026-12-28","notes":"Substitute day"}]},
	"scotland":{"events":[{"title":"St Andrew’s Day","date":"2026-11-30","notes":""}]},
	"northern-ireland":{"events":[{"title":"Battle of the Boyne (Orangemen’s Day)","date":"2026-07-13","notes":"Substitute day"}]}}}`

func keep(t *testing.T, path string) {
	if err := os.WriteFile(path, []byte(keptDoc), 0o644); err != nil {
		t.Fatal(err)
	}
}

func wantKept(t *testing.T, path string) {
	t.Helper()
	days, _, err := Load(path)
	if err != nil || days[checklist.EnglandAndWales][checklist.Date{Year: 2026, Month: 12, Day: 28}] != "Boxing Day (substitute day)" ||
		days[checklist.Scotland][checklist.Date{Year: 2026, Month: 11, Day: 30}] != "St Andrew's Day" {
		t.Errorf("the last copy was lost: %v %v", days, err)
	}
}
