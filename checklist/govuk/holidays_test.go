package govuk

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist"
	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

func TestFetchAndLoad(t *testing.T) {
	site := govuktest.NewSite(t)
	c, err := contentapi.New(contentapi.Options{BaseURL: site.URL, Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
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
	if days[checklist.Date{Year: 2029, Month: 12, Day: 25}] != "Christmas Day" || days[checklist.Date{Year: 2029, Month: 1, Day: 2}] != "" {
		t.Errorf("days = %v: want England and Wales only, 2029 included", days)
	}
	if r := site.Requests(); len(r) != 1 || r[0].Path != "/bank-holidays.json" || !strings.HasPrefix(r[0].UserAgent, "standardbot/test ") {
		t.Errorf("requests = %+v", r)
	}
}

func TestFetchRefusesAnotherDocument(t *testing.T) {
	docs := map[string][]byte{"/bank-holidays.json": []byte(`{"scotland":{"events":[{"title":"x","date":"2029-01-02"}]}}`)}
	site := govuktest.Serve(t, docs)
	c, _ := contentapi.New(contentapi.Options{BaseURL: site.URL})
	path := filepath.Join(t.TempDir(), "bank-holidays.json")
	os.WriteFile(path, []byte(`{"fetched_at":"2026-01-01T00:00:00Z","bank_holidays":{"england-and-wales":{"events":[{"title":"Boxing Day","date":"2026-12-28"}]}}}`), 0o644)
	if err := Fetch(context.Background(), c, path, time.Now()); err == nil {
		t.Fatal("a document without England and Wales was kept")
	}
	if days, _, err := Load(path); err != nil || days[checklist.Date{Year: 2026, Month: 12, Day: 28}] != "Boxing Day" {
		t.Errorf("the last copy was lost: %v %v", days, err)
	}
}
