package panels

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

func client(t testing.TB, base string) *contentapi.Client {
	t.Helper()
	c, err := contentapi.New(contentapi.Options{BaseURL: base, Version: "test", Rate: 1000, Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// listedReports are the fixture site's reports (not its page that is a
// guide).
var listedReports = []string{govuktest.Report18, govuktest.ReportThemes, govuktest.Report2021, govuktest.ReportToday, govuktest.Report26}

func syncOK(t *testing.T, f Fetcher, dir string) *Result {
	t.Helper()
	res, err := Sync(context.Background(), f, dir, SyncOptions{PageSize: 2})
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

func TestSyncListsPageByPageAndFetchesOnlyWhatChanged(t *testing.T) {
	site := govuktest.NewReportSite(t)
	dir := t.TempDir()
	var progress []int
	res, err := Sync(context.Background(), client(t, site.URL), dir, SyncOptions{PageSize: 2, Progress: func(done, total int, _ string) { progress = append(progress, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Reports != 5 || len(res.Fetched) != 5 || res.Unchanged != 0 || len(res.Failed) != 0 || !slices.Equal(progress, []int{0, 1, 2, 3, 4, 5}) {
		t.Fatalf("first sync = %+v, progress %v", res, progress)
	}
	var searches []string
	for _, r := range site.Requests() {
		if strings.HasPrefix(r, "/api/search.json?") {
			searches = append(searches, r)
		}
	}
	// Five reports, two a page: three pages, each asking for reports only.
	if len(searches) != 3 || !strings.Contains(searches[2], "start=4") {
		t.Errorf("listing requests %q, want three pages of two", searches)
	}
	for _, s := range searches {
		if !strings.Contains(s, "filter_format=service_standard_report") || !strings.Contains(s, "fields=link%2Ctitle%2Cpublic_timestamp") {
			t.Errorf("listing request %q does not ask for reports' link, title and date", s)
		}
	}
	for _, bp := range listedReports {
		if _, err := os.Stat(filepath.Join(dir, reportsDir, fileFor(bp))); err != nil {
			t.Errorf("report %s not kept: %v", bp, err)
		}
	}
	if at, n := Kept(dir); at.IsZero() || n != 5 {
		t.Errorf("Kept = %s, %d", at, n)
	}

	site.Reset()
	res = syncOK(t, client(t, site.URL), dir)
	if len(res.Fetched) != 0 || res.Unchanged != 5 || res.Changed() {
		t.Errorf("second sync with nothing changed = %+v", res)
	}
	for _, r := range site.Requests() {
		if strings.HasPrefix(r, "/api/content/") {
			t.Errorf("an unchanged report was fetched again: %s", r)
		}
	}

	site.Revise(govuktest.Report2021, "<p>Corrected.</p>")
	site.Withdraw(govuktest.ReportThemes)
	res = syncOK(t, client(t, site.URL), dir)
	if !slices.Equal(res.Fetched, []string{"Register a fishing boat alpha assessment"}) || res.Removed != 1 || res.Reports != 4 {
		t.Errorf("sync after a revision and a withdrawal = %+v", res)
	}
	if _, err := os.Stat(filepath.Join(dir, reportsDir, fileFor(govuktest.ReportThemes))); !os.IsNotExist(err) {
		t.Errorf("the withdrawn report's file is still kept: %v", err)
	}
}

func TestSyncFailuresKeepTheLastCopy(t *testing.T) {
	site := govuktest.NewReportSite(t)
	dir := t.TempDir()
	syncOK(t, client(t, site.URL), dir)
	before, _ := Load(dir)

	site.Revise(govuktest.ReportToday, "<p>Revised.</p>")
	site.Fail("/api/content"+govuktest.ReportToday, http.StatusInternalServerError, -1)
	res := syncOK(t, client(t, site.URL), dir)
	if len(res.Failed) != 1 || res.Failed[0].BasePath != govuktest.ReportToday || !res.Failed[0].Kept || res.Reports != 5 {
		t.Fatalf("sync with one report failing = %+v", res)
	}
	if after, _ := Load(dir); after.Hash != before.Hash || len(after.Sections) != len(before.Sections) {
		t.Error("a report that failed to fetch lost its last copy")
	}

	site.Close()
	res, err := Sync(context.Background(), client(t, site.URL), dir, SyncOptions{PageSize: 2})
	if err == nil || !contentapi.IsUnreachable(err) || strings.Contains(err.Error(), "\n") || !strings.HasPrefix(err.Error(), "list GOV.UK's assessment reports") {
		t.Fatalf("sync with GOV.UK out of reach: %v", err)
	}
	if res.Reports != 5 {
		t.Errorf("GOV.UK out of reach left %d reports kept, want 5", res.Reports)
	}
	if after, _ := Load(dir); after.Hash != before.Hash {
		t.Error("GOV.UK out of reach changed the kept copy")
	}
}

// brokenPage fails the listing's requests from one start on.
type brokenPage struct {
	Fetcher
	from string
}

func (b brokenPage) Get(ctx context.Context, path string) ([]byte, error) {
	if strings.Contains(path, b.from) {
		return nil, &contentapi.StatusError{Path: path, Code: http.StatusBadGateway}
	}
	return b.Fetcher.Get(ctx, path)
}

func TestSyncWithPartOfTheListingRemovesNothing(t *testing.T) {
	site := govuktest.NewReportSite(t)
	dir := t.TempDir()
	syncOK(t, client(t, site.URL), dir)
	res := syncOK(t, brokenPage{Fetcher: client(t, site.URL), from: "start=2"}, dir)
	if len(res.Incomplete) != 1 || res.Removed != 0 || res.Reports != 5 || res.Unchanged != 2 {
		t.Errorf("sync with the second page failing = %+v", res)
	}
	_, err := Sync(context.Background(), brokenPage{Fetcher: client(t, site.URL), from: "start=0"}, dir, SyncOptions{PageSize: 2})
	var se *contentapi.StatusError
	if !errors.As(err, &se) {
		t.Errorf("sync with the first page failing: %v, want its error", err)
	}
}
