package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/standardbot/standardbot/checklist/postgres"
	"github.com/standardbot/standardbot/checklist/postgres/pgtest"
	"github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/govuktest"
	govukpg "github.com/standardbot/standardbot/internal/govuk/postgres"
	manual "github.com/standardbot/standardbot/knowledge/govuk"
)

func govukEnv(site *govuktest.Site) []string {
	return []string{"STANDARDBOT_GOVUK=service-manual,bank-holidays", "STANDARDBOT_GOVUK_URL=" + site.URL}
}

var readySections = regexp.MustCompile(`(\d+) sections`)

// sections is how many guidance sections serve's index holds now.
func (p *serveProc) sections(t *testing.T) int {
	t.Helper()
	resp, err := http.Get(p.url + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := readySections.FindSubmatch(body)
	if m == nil {
		t.Fatalf("readyz: %s", body)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// waitSections waits until serve's index holds more than n sections.
func (p *serveProc) waitSections(t *testing.T, n int, within time.Duration) int {
	t.Helper()
	for deadline := time.Now().Add(within); ; {
		if got := p.sections(t); got > n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("the index still holds %d sections after %s:\n%s", n, within, p.stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// guideRequests counts the requests for each guide.
func guideRequests(site *govuktest.Site) map[string]int {
	n := map[string]int{}
	for _, r := range site.Requests() {
		if bp := strings.TrimPrefix(r.Path, "/api/content"); slices.Contains(site.Guides(), bp) {
			n[bp]++
		}
	}
	return n
}

// TestServeFetchesTheManualInTheBackground starts serve with nothing kept:
// it is ready at once, fetches through the scheduler, reindexes, and then
// answers from the manual.
func TestServeFetchesTheManualInTheBackground(t *testing.T) {
	bin := buildBinary(t)
	site := govuktest.NewSite(t)
	slack := newFakeSlack(t, 0)
	p := startServe(t, bin, append(slackEnv(t.TempDir(), slack), govukEnv(site)...)...)
	before := p.sections(t)
	p.waitSections(t, before, 20*time.Second)
	p.mention(t, "C1", pentestQuestion)
	slack.waitPosts(t, "C1", govuktest.GuideURL(pentestGuide)+pentestAnchor, 1, 10*time.Second)
	for bp, n := range guideRequests(site) {
		if n != 1 {
			t.Errorf("%s requested %d times", bp, n)
		}
	}
	for _, r := range site.Requests() {
		if r.UserAgent != userAgent {
			t.Errorf("User-Agent %q", r.UserAgent)
		}
	}
	p.stop(t)
}

// TestServeWithGOVUKUnreachable: ready at once, one log line, answers.
func TestServeWithGOVUKUnreachable(t *testing.T) {
	bin := buildBinary(t)
	site := govuktest.NewSite(t)
	site.Close()
	slack := newFakeSlack(t, 0)
	p := startServe(t, bin, append(slackEnv(t.TempDir(), slack), append(govukEnv(site), "STANDARDBOT_TICK=200ms")...)...)
	p.mention(t, "C1", "how do we make our service accessible?")
	slack.waitPosts(t, "C1", "point 5", 1, 10*time.Second)
	for deadline := time.Now().Add(15 * time.Second); !strings.Contains(p.stderr.String(), "GOV.UK unreachable"); {
		if time.Now().After(deadline) {
			t.Fatalf("no log line says GOV.UK is unreachable:\n%s", p.stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(time.Second) // several more ticks: still one line
	p.stop(t)
	if n := strings.Count(p.stderr.String(), "GOV.UK unreachable"); n != 1 {
		t.Errorf("%d log lines say GOV.UK is unreachable, want 1:\n%s", n, p.stderr.String())
	}
}

// TestPostgresReplicasFetchOnceAndShare runs two replicas on one database
// with nothing kept: one fetches each guide, once; both answer from it.
func TestPostgresReplicasFetchOnceAndShare(t *testing.T) {
	url := pgtest.FreshSchema(t)
	bin := buildBinary(t)
	site := govuktest.NewSite(t)
	env := append(govukEnv(site), "STANDARDBOT_DATABASE="+url, "STANDARDBOT_TICK=300ms")
	a := startServe(t, bin, append(env, "STANDARDBOT_DATA_DIR="+t.TempDir())...)
	b := startServe(t, bin, append(env, "STANDARDBOT_DATA_DIR="+t.TempDir())...)
	before := a.sections(t)
	want := a.waitSections(t, before, 30*time.Second)
	if got := b.waitSections(t, before, 30*time.Second); got != want {
		t.Errorf("replicas index %d and %d sections", want, got)
	}
	requests := guideRequests(site)
	if len(requests) != len(site.Guides()) {
		t.Errorf("guides requested: %v, want all %d", requests, len(site.Guides()))
	}
	for bp, n := range requests {
		if n != 1 {
			t.Errorf("%s requested %d times across the replicas, want once", bp, n)
		}
	}
	took := strings.Count(a.stderr.String(), "took the GOV.UK copy another replica fetched") +
		strings.Count(b.stderr.String(), "took the GOV.UK copy another replica fetched")
	if took != 1 {
		t.Errorf("%d replicas took the shared copy, want the one that did not fetch", took)
	}
	a.stop(t)
	b.stop(t)
}

// replica is a keeper as serve wires it, with its own data folder and a
// clock the test moves.
type replica struct {
	keeper  *govukKeeper
	cfg     *Config
	reloads int
}

func newReplica(t *testing.T, site *govuktest.Site, shelf govuk.Shelf, now *time.Time) *replica {
	t.Helper()
	cfg := &Config{DataDir: t.TempDir(), GovUK: GovUKConfig{ServiceManual: true, BankHolidays: true, URL: site.URL}}
	g, err := newGovUKKeeper(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{keeper: g, cfg: cfg}
	g.shelf = shelf
	g.now = func() time.Time { return *now }
	g.reload = func(context.Context) (bool, error) { r.reloads++; return true, nil }
	return r
}

func (r *replica) text(t *testing.T) string {
	t.Helper()
	c, err := manual.Load(manualDir(r.cfg))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, s := range c.Sections {
		b.WriteString(s.Text)
	}
	return b.String()
}

// TestReplicasShareTheDailyRefresh follows two replicas over two days:
// the chore fetches once a day on whichever replica runs it, only what
// changed, and the other takes the copy from the database.
func TestReplicasShareTheDailyRefresh(t *testing.T) {
	url := pgtest.FreshSchema(t)
	ctx := context.Background()
	store, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	shelf, err := govukpg.New(ctx, store.Pool())
	if err != nil {
		t.Fatal(err)
	}
	site := govuktest.NewSite(t)
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	a, b := newReplica(t, site, shelf, &now), newReplica(t, site, shelf, &now)

	// Day 1: A runs the chore and fetches everything; B pulls.
	if err := a.keeper.chore(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.keeper.pull(ctx); err != nil {
		t.Fatal(err)
	}
	if a.text(t) != b.text(t) || !strings.Contains(b.text(t), "IT health check") || b.reloads != 1 {
		t.Fatalf("B does not hold A's copy (reloads %d)", b.reloads)
	}
	// Later the same day the chore, on either replica, asks GOV.UK nothing.
	site.Reset()
	now = now.Add(6 * time.Hour)
	b.keeper.chore(ctx)
	a.keeper.chore(ctx)
	if n := len(site.Requests()); n != 0 {
		t.Errorf("a copy fetched six hours ago was fetched again: %d requests", n)
	}

	// Day 2: a guide changed; B runs the chore, fetching only that guide.
	site.Revise(pentestGuide, "Fixture revision: retest after every major release.")
	site.Reset()
	now = now.Add(24 * time.Hour)
	if err := b.keeper.chore(ctx); err != nil {
		t.Fatal(err)
	}
	var guides []string
	for bp, n := range guideRequests(site) {
		guides = append(guides, bp+" x"+strconv.Itoa(n))
	}
	if !slices.Equal(guides, []string{pentestGuide + " x1"}) {
		t.Errorf("day 2 fetched %v, want only the revised guide, once", guides)
	}
	if err := a.keeper.pull(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.text(t), "retest after every major release") {
		t.Error("A did not take the refreshed copy")
	}
	st, _ := shelf.Stamp(ctx)
	if st.Version != 2 || !st.FetchedAt.Equal(now) {
		t.Errorf("shelf stamp %+v, want version 2 fetched now", st)
	}
	// A pull with nothing new does nothing.
	reloads := a.reloads
	a.keeper.pull(ctx)
	if a.reloads != reloads {
		t.Error("A reloaded an unchanged copy")
	}
}

// TestKeeperWithoutShelfRefreshesDaily is the chore on SQLite: one process,
// its own copy.
func TestKeeperWithoutShelfRefreshesDaily(t *testing.T) {
	site := govuktest.NewSite(t)
	now := time.Date(2026, 11, 30, 6, 0, 0, 0, time.UTC)
	r := newReplica(t, site, nil, &now)
	ctx := context.Background()
	r.keeper.chore(ctx)
	if r.reloads != 1 || !strings.Contains(r.text(t), "IT health check") {
		t.Fatalf("first chore: reloads %d", r.reloads)
	}
	site.Reset()
	now = now.Add(23 * time.Hour)
	r.keeper.chore(ctx)
	if n := len(site.Requests()); n != 0 {
		t.Errorf("fetched %d times within the day", n)
	}
	now = now.Add(2 * time.Hour)
	r.keeper.chore(ctx)
	if got := slices.Sorted(slices.Values(paths(site.Requests()))); !slices.Equal(got, treeRequests) {
		t.Errorf("the next day fetched %v, want only the tree", got)
	}

	// GOV.UK out of reach: one warning, and no new try for an hour.
	site.Close()
	site.Reset()
	now = now.Add(25 * time.Hour)
	r.keeper.chore(ctx)
	r.keeper.chore(ctx)
	if r.keeper.nextTry.Sub(now) != retryFetchAfter {
		t.Errorf("next try %s, want in an hour", r.keeper.nextTry)
	}
	if _, err := filepath.Abs(manualDir(r.cfg)); err != nil || !strings.Contains(r.text(t), "IT health check") {
		t.Error("the kept copy was lost")
	}
}
