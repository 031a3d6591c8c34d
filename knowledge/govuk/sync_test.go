package govuk

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
)

const (
	pentest    = "/service-manual/technology/vulnerability-and-penetration-testing"
	openSource = "/service-manual/technology/making-source-code-open-and-reusable"
	hosting    = "/service-manual/technology/choosing-how-to-host-your-service"
	point1     = "/service-manual/service-standard/point-1-understand-user-needs"
)

// treePaths are the requests that read the manual's contents.
var treePaths = []string{
	"/api/content/service-manual",
	"/api/content/service-manual/service-standard",
	"/api/content/service-manual/technology",
	"/api/content/service-manual/user-research",
}

// fastClient is a client of the site without the five-a-second pace, so
// these tests run quickly; the pace is tested in internal/govuk and by
// `standardbot index` in cmd/standardbot.
func fastClient(t testing.TB, site *govuktest.Site) *contentapi.Client {
	c, err := contentapi.New(contentapi.Options{BaseURL: site.URL, Version: "test", Rate: 10000, Backoff: time.Millisecond, Retries: 2})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func requested(site *govuktest.Site) []string {
	var out []string
	for _, r := range site.Requests() {
		out = append(out, r.Path)
	}
	slices.Sort(out)
	return out
}

func sync(t *testing.T, site *govuktest.Site, dir string) *Result {
	t.Helper()
	res, err := Sync(context.Background(), fastClient(t, site), dir, SyncOptions{})
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

func TestSyncFetchesEachGuideOnceThenOnlyTheTree(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	var progress []int
	res, err := Sync(context.Background(), fastClient(t, site), dir, SyncOptions{Progress: func(done, total int, _ string) { progress = append(progress, done) }})
	if err != nil {
		t.Fatal(err)
	}
	guides := site.Guides()
	if res.Guides != len(guides) || len(res.Fetched) != len(guides) || res.Unchanged != 0 || len(res.Failed) != 0 {
		t.Fatalf("first sync = %+v, want all %d guides fetched", res, len(guides))
	}
	want := append([]string(nil), treePaths...)
	for _, g := range guides {
		want = append(want, "/api/content"+g) // once, though one is listed under two topics
	}
	slices.Sort(want)
	if got := requested(site); !slices.Equal(got, want) {
		t.Errorf("first sync requested\n%v\nwant\n%v", got, want)
	}
	if len(progress) != len(guides)+1 || progress[len(progress)-1] != len(guides) {
		t.Errorf("progress calls %v", progress)
	}

	site.Reset()
	res = sync(t, site, dir)
	if len(res.Fetched) != 0 || res.Unchanged != len(guides) || res.Changed() {
		t.Errorf("second sync = %+v, want nothing fetched", res)
	}
	if got := requested(site); !slices.Equal(got, treePaths) {
		t.Errorf("second sync requested %v, want only the tree %v", got, treePaths)
	}

	site.Revise(hosting, "Fixture revision: think about data residency.")
	site.Reset()
	res = sync(t, site, dir)
	if !slices.Equal(res.Fetched, []string{"Choosing how to host your service"}) {
		t.Errorf("after a revision fetched %v", res.Fetched)
	}
	c, _ := Load(dir)
	if !strings.Contains(allText(c), "data residency") {
		t.Error("the revised guide's new text is not in the kept copy")
	}
}

func TestFailedGuideKeepsItsLastCopy(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	sync(t, site, dir)
	before, _ := Load(dir)

	site.Revise(pentest, "Fixture revision that never arrives.")
	site.Revise(openSource, "Fixture revision that arrives.")
	site.Fail(pentest, 500, -1, "")
	site.Fail(hosting, 404, -1, "") // unchanged, so not asked for
	res := sync(t, site, dir)
	if len(res.Failed) != 1 || res.Failed[0].Title != "Vulnerability and penetration testing" || !res.Failed[0].Kept {
		t.Fatalf("failed = %+v, want the pen testing guide, kept", res.Failed)
	}
	var se *contentapi.StatusError
	if !errors.As(res.Failed[0].Err, &se) || se.Code != 500 {
		t.Errorf("failure's error = %v", res.Failed[0].Err)
	}
	after, _ := Load(dir)
	if after.Guides != before.Guides || !strings.Contains(allText(after), "IT health check") {
		t.Error("the failed guide's last copy was lost")
	}
	if strings.Contains(allText(after), "never arrives") || !strings.Contains(allText(after), "that arrives") {
		t.Error("the kept copy does not hold what was fetched")
	}

	// Healed, the next sync fetches the guide it missed.
	site.Heal()
	site.Reset()
	res = sync(t, site, dir)
	if !slices.Equal(res.Fetched, []string{"Vulnerability and penetration testing"}) {
		t.Errorf("after healing fetched %v", res.Fetched)
	}
}

func TestUnreachableKeepsTheCopy(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	sync(t, site, dir)
	before, _ := Load(dir)
	client := fastClient(t, site)
	site.Close()
	res, err := Sync(context.Background(), client, dir, SyncOptions{})
	if err == nil || !strings.Contains(err.Error(), "GOV.UK unreachable at http://127.0.0.1") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("err = %v, want one line saying GOV.UK is unreachable", err)
	}
	after, _ := Load(dir)
	if res.Guides != before.Guides || after.Hash != before.Hash || !after.FetchedAt.Equal(before.FetchedAt) {
		t.Errorf("an unreachable GOV.UK changed the kept copy: %+v", res)
	}
}

func TestSyncIsBoundedInTime(t *testing.T) {
	site := govuktest.NewSite(t)
	site.Slow(150 * time.Millisecond)
	dir := t.TempDir()
	start := time.Now()
	res, err := Sync(context.Background(), fastClient(t, site), dir, SyncOptions{Timeout: time.Second})
	if err == nil || !strings.Contains(err.Error(), "stopped after 1s") {
		t.Fatalf("err = %v, want a stop after 1s", err)
	}
	// The stop, not the end of the guides, ended the sync: some guides
	// are left. The bound only tells a hang from a stop.
	if took := time.Since(start); took > time.Minute {
		t.Errorf("took %s", took)
	}
	if res.Guides >= len(site.Guides()) {
		t.Errorf("fetched %d of %d guides: the sync was not stopped", res.Guides, len(site.Guides()))
	}
	c, lerr := Load(dir)
	if lerr != nil || c.Guides != res.Guides || c.Guides == 0 || !c.FetchedAt.IsZero() {
		t.Errorf("after the stop: load %+v %v, result %+v; want the guides fetched so far, not marked fresh", c, lerr, res)
	}
}

func TestWithdrawnGuideIsDropped(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	sync(t, site, dir)
	site.Withdraw(hosting)
	res := sync(t, site, dir)
	if res.Removed != 1 || res.Guides != len(site.Guides()) {
		t.Errorf("result %+v, want one removed", res)
	}
	if _, err := os.Stat(filepath.Join(dir, guidesDir, fileFor(hosting))); !os.IsNotExist(err) {
		t.Error("the withdrawn guide's file was kept")
	}

	// A topic that cannot be read removes nothing.
	site.Fail("/service-manual/user-research", 500, -1, "")
	res = sync(t, site, dir)
	if res.Removed != 0 || len(res.Incomplete) != 1 {
		t.Errorf("with a topic unreadable: %+v", res)
	}
}

func allText(c *Copy) string {
	var b strings.Builder
	for _, s := range c.Sections {
		b.WriteString(s.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestTooManyRequestsStopsTheSync(t *testing.T) {
	site := govuktest.NewSite(t)
	dir := t.TempDir()
	sync(t, site, dir)
	for _, g := range site.Guides() {
		site.Revise(g, "Fixture revision.")
	}
	site.Fail(site.Guides()[0], http.StatusTooManyRequests, -1, "1")
	site.Reset()
	res, err := Sync(context.Background(), fastClient(t, site), dir, SyncOptions{})
	if err == nil || !strings.Contains(err.Error(), "HTTP 429") {
		t.Fatalf("err = %v, want the sync stopped by a 429", err)
	}
	if len(res.Fetched) != 0 || len(guideRequested(site)) != 1 {
		t.Errorf("after GOV.UK kept asking to slow down: fetched %v, requested %v", res.Fetched, guideRequested(site))
	}
}

// guideRequested lists the guides requested.
func guideRequested(site *govuktest.Site) []string {
	var out []string
	for _, p := range requested(site) {
		if bp := strings.TrimPrefix(p, "/api/content"); slices.Contains(site.Guides(), bp) {
			out = append(out, bp)
		}
	}
	return slices.Compact(out)
}
