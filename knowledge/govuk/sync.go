package govuk

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
)

// DefaultSyncTimeout bounds a whole sync: about 250 requests at five a
// second take under a minute; a sync that has not finished in five is
// stopped, and what it fetched is kept.
const DefaultSyncTimeout = 5 * time.Minute

// SyncOptions configures Sync.
type SyncOptions struct {
	// Timeout bounds the whole sync; 0: DefaultSyncTimeout.
	Timeout time.Duration
	// Progress, when set, is called before each guide is fetched and once
	// at the end, with the guide's title.
	Progress func(done, total int, title string)
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

// Result says what a sync did.
type Result struct {
	// Guides is how many guides the kept copy holds now.
	Guides int
	// Fetched are the titles of the guides fetched, new or changed.
	Fetched []string
	// Unchanged counts guides whose listing date matched the kept copy's,
	// which were not fetched.
	Unchanged int
	// Failed are the guides that could not be fetched; those kept before
	// keep their last copy.
	Failed []Failure
	// Removed counts guides GOV.UK no longer lists, dropped from the copy.
	Removed int
	// Incomplete names the parts of the manual's contents that could not be
	// read: their guides are kept as they were, and none is removed.
	Incomplete []string
	// Took is how long the sync took.
	Took time.Duration
}

// Changed reports whether the kept copy's guides changed.
func (r *Result) Changed() bool { return len(r.Fetched) > 0 || r.Removed > 0 }

// Failure is a guide that could not be fetched.
type Failure struct {
	Title, BasePath string
	Err             error
	// Kept is true when the copy still has the guide from an earlier sync.
	Kept bool
}

// Sync brings the copy of the Service Manual kept in dir up to date with
// GOV.UK: it reads the manual's contents (the home page's topics, each
// topic's guides, the Service Standard's point pages) and fetches the
// guides that are new or whose public_updated_at changed (a listing
// without dates has every guide fetched). Each file is
// written whole, the guide's file before the manifest that names it, so a
// crash at any moment leaves a copy that reads, and what was fetched
// before it is not fetched again.
//
// A guide that cannot be fetched keeps its last copy and is named in the
// Result. When GOV.UK cannot be reached, or the sync runs out of time, it
// keeps what it fetched and returns the Result with an error that says so
// in one line.
func Sync(ctx context.Context, f Fetcher, dir string, opt SyncOptions) (*Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultSyncTimeout
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	start := opt.Now()
	res := &Result{}
	defer func() { res.Took = opt.Now().Sub(start) }()
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	contentapi.CleanTemps(dir)
	m, _ := readManifest(dir) // a damaged manifest is replaced: the guides are fetched again

	listing, complete, err := discover(ctx, f, res)
	if err != nil {
		res.Guides = len(m.Guides)
		return res, stopped(ctx, opt.Timeout, err, "read the Service Manual's contents")
	}
	var todo []link
	for _, g := range listing {
		if e := m.Guides[g.BasePath]; e != nil && g.PublicUpdatedAt != "" && e.PublicUpdatedAt == g.PublicUpdatedAt && m.has(dir, g.BasePath) {
			e.Title = g.Title
			res.Unchanged++
			continue
		}
		todo = append(todo, g)
	}
	stop, err := fetchGuides(ctx, f, dir, m, todo, opt, res)
	if err != nil {
		return res, err
	}
	if opt.Progress != nil && stop == nil {
		opt.Progress(len(todo), len(todo), "")
	}
	var removed []string
	if complete && stop == nil {
		removed = m.prune(listing)
		res.Removed = len(removed)
	}
	if stop == nil {
		m.FetchedAt = opt.Now()
	}
	res.Guides = len(m.Guides)
	if err := m.write(dir); err != nil {
		return res, err
	}
	// Files go after the manifest stops naming them, so a crash in between
	// leaves a stray file rather than a manifest naming a missing one.
	for _, file := range removed {
		os.Remove(filepath.Join(dir, guidesDir, file))
	}
	return res, stop
}

// fetchGuides fetches the guides in todo into dir, recording each in m and
// res. stop says why the sync ended early (GOV.UK out of reach or out of
// time); err is a manifest that could not be written.
func fetchGuides(ctx context.Context, f Fetcher, dir string, m *manifest, todo []link, opt SyncOptions, res *Result) (stop, err error) {
	for i, g := range todo {
		if opt.Progress != nil {
			opt.Progress(i, len(todo), g.Title)
		}
		if err := fetchGuide(ctx, f, dir, m, g, opt.Now()); err != nil {
			if stops(ctx, err) {
				return stopped(ctx, opt.Timeout, err, fmt.Sprintf("fetch the Service Manual (%d of %d changed guides fetched; the rest keep their last copy)", i, len(todo))), nil
			}
			_, kept := m.Guides[g.BasePath]
			res.Failed = append(res.Failed, Failure{Title: g.Title, BasePath: g.BasePath, Err: err, Kept: kept})
			continue
		}
		res.Fetched = append(res.Fetched, g.Title)
		// Kept after each guide, so a sync stopped part way (killed, or
		// out of time) does not fetch again what it already kept. At five
		// requests a second this is a small file a fifth of a second.
		if err := m.write(dir); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

// stops reports whether an error ends the sync rather than one guide:
// GOV.UK out of reach, still asking us to slow down after the client's
// retries (a 429), or the sync out of time.
func stops(ctx context.Context, err error) bool {
	var se *contentapi.StatusError
	return ctx.Err() != nil || contentapi.IsUnreachable(err) || (errors.As(err, &se) && se.Code == http.StatusTooManyRequests)
}

// stopped explains why a sync stopped early, in one line.
func stopped(ctx context.Context, timeout time.Duration, err error, doing string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%s: stopped after %s", doing, timeout)
	}
	return fmt.Errorf("%s: %w", doing, err)
}

// discover lists the manual's guides, point pages first, each once.
// complete is false when a topic or the Service Standard's page could not
// be read. An error means the home page could not be read, or GOV.UK
// stopped answering.
func discover(ctx context.Context, f Fetcher, res *Result) (guides []link, complete bool, err error) {
	home, err := getItem(ctx, f, homePath)
	if err != nil {
		return nil, false, err
	}
	complete = true
	seen := map[string]bool{}
	add := func(ls []link) {
		for _, l := range ls {
			if strings.HasPrefix(l.BasePath, homePath+"/") && !seen[l.BasePath] {
				seen[l.BasePath] = true
				guides = append(guides, l)
			}
		}
	}
	pages := append([]link{{BasePath: standardPath, Title: "The Service Standard"}}, home.Links.Children...)
	read := map[string]bool{}
	for _, p := range pages {
		if read[p.BasePath] {
			continue // the home page may list the standard among its topics
		}
		read[p.BasePath] = true
		it, err := getItem(ctx, f, p.BasePath)
		if err != nil {
			if stops(ctx, err) {
				return nil, false, err
			}
			complete = false
			res.Incomplete = append(res.Incomplete, fmt.Sprintf("%s (%v)", p.Title, err))
			continue
		}
		add(it.Links.Children)
		add(it.Links.LinkedItems)
	}
	return guides, complete, nil
}

func getItem(ctx context.Context, f Fetcher, basePath string) (*contentItem, error) {
	data, err := f.Content(ctx, basePath)
	if err != nil {
		return nil, err
	}
	return parseItem(data)
}

// fetchGuide fetches one guide, checks it is one, and keeps it.
func fetchGuide(ctx context.Context, f Fetcher, dir string, m *manifest, g link, now time.Time) error {
	data, err := f.Content(ctx, g.BasePath)
	if err != nil {
		return err
	}
	it, err := parseItem(data)
	if err != nil {
		return err
	}
	if _, err := it.guideBody(); err != nil {
		return err
	}
	file := fileFor(g.BasePath)
	if err := contentapi.WriteFile(filepath.Join(dir, guidesDir, file), data); err != nil {
		return err
	}
	m.Guides[g.BasePath] = &entry{Title: firstOf(g.Title, it.Title), PublicUpdatedAt: g.PublicUpdatedAt, File: file, FetchedAt: now}
	return nil
}

// prune drops the guides the listing no longer has and returns their
// files.
func (m *manifest) prune(listing []link) []string {
	listed := make(map[string]bool, len(listing))
	for _, g := range listing {
		listed[g.BasePath] = true
	}
	var files []string
	for bp, e := range m.Guides {
		if !listed[bp] {
			files = append(files, e.File)
			delete(m.Guides, bp)
		}
	}
	return files
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
