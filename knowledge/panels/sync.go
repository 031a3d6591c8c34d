package panels

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/reports"
)

// Fetcher is what Sync needs of a GOV.UK client (internal/govuk.Client):
// a path of GOV.UK (the Search API) and a page's Content API JSON. An
// error for which internal/govuk.IsUnreachable holds means GOV.UK did not
// answer at all, and Sync stops.
type Fetcher interface {
	Get(ctx context.Context, path string) ([]byte, error)
	Content(ctx context.Context, basePath string) ([]byte, error)
}

// DefaultSyncTimeout bounds a whole sync: about 465 requests at five a
// second take about a minute and a half; a sync not done in five minutes
// is stopped, and what it fetched is kept.
const DefaultSyncTimeout = 5 * time.Minute

// SyncOptions configures Sync.
type SyncOptions struct {
	// Timeout bounds the whole sync; 0: DefaultSyncTimeout.
	Timeout time.Duration
	// PageSize is how many reports a listing request asks for; 0:
	// DefaultPageSize.
	PageSize int
	// Progress, when set, is called before each report is fetched and once
	// at the end, with the report's title.
	Progress func(done, total int, title string)
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

// Result says what a sync did.
type Result struct {
	// Reports is how many reports the kept copy holds now.
	Reports int
	// Fetched are the titles of the reports fetched, new or changed.
	Fetched []string
	// Unchanged counts reports whose listing date matched the kept copy's.
	Unchanged int
	// Failed are the reports that could not be fetched; those kept before
	// keep their last copy.
	Failed []Failure
	// Removed counts reports GOV.UK no longer lists, dropped from the copy.
	Removed int
	// Incomplete names the parts of the listing that could not be read:
	// no report is removed then.
	Incomplete []string
	// Took is how long the sync took.
	Took time.Duration
}

// Changed reports whether the kept copy's reports changed.
func (r *Result) Changed() bool { return len(r.Fetched) > 0 || r.Removed > 0 }

// Failure is a report that could not be fetched.
type Failure struct {
	Title, BasePath string
	Err             error
	// Kept is true when the copy still has the report from an earlier sync.
	Kept bool
}

// Sync brings the copy of the published assessment reports kept in dir up
// to date with GOV.UK: it lists them through the Search API and fetches,
// through the Content API, those that are new or whose public_timestamp
// changed. Each file is written whole, the report's before the manifest
// that names it, so a crash at any moment leaves a copy that reads.
//
// A report that cannot be fetched keeps its last copy and is named in the
// Result. When GOV.UK cannot be reached, keeps asking to slow down, or the
// sync runs out of time, it keeps what it fetched and returns the Result
// with an error that says so in one line.
func Sync(ctx context.Context, f Fetcher, dir string, opt SyncOptions) (*Result, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultSyncTimeout
	}
	if opt.PageSize <= 0 {
		opt.PageSize = DefaultPageSize
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
	m, _ := readManifest(dir) // a damaged manifest is replaced: the reports are fetched again

	listing, complete, err := list(ctx, f, opt.PageSize, res)
	if err != nil {
		res.Reports = len(m.Reports)
		return res, stopped(ctx, opt.Timeout, err, "list GOV.UK's assessment reports")
	}
	stop := fetchChanged(ctx, f, dir, m, listing, res, opt)
	var removed []string
	if complete && stop == nil {
		removed = m.prune(listing)
		res.Removed = len(removed)
	}
	if stop == nil {
		m.FetchedAt = opt.Now()
	}
	res.Reports = len(m.Reports)
	if err := m.write(dir); err != nil {
		return res, err
	}
	// Files go after the manifest stops naming them, so a crash in between
	// leaves a stray file rather than a manifest naming a missing one.
	for _, file := range removed {
		os.Remove(filepath.Join(dir, reportsDir, file))
	}
	return res, stop
}

// fetchChanged fetches the listed reports that are new or changed, and
// returns the error that stopped it, if one did.
func fetchChanged(ctx context.Context, f Fetcher, dir string, m *manifest, listing []listed, res *Result, opt SyncOptions) error {
	var todo []listed
	for _, l := range listing {
		if e := m.Reports[l.Link]; e != nil && l.PublicTimestamp != "" && e.PublicTimestamp == l.PublicTimestamp && m.has(dir, l.Link) {
			e.Title = l.Title
			res.Unchanged++
			continue
		}
		todo = append(todo, l)
	}
	for i, l := range todo {
		if opt.Progress != nil {
			opt.Progress(i, len(todo), l.Title)
		}
		if err := fetchReport(ctx, f, dir, m, l, opt.Now()); err != nil {
			if stops(ctx, err) {
				return stopped(ctx, opt.Timeout, err, fmt.Sprintf("fetch GOV.UK's assessment reports (%d of %d new or changed fetched; the rest keep their last copy)", i, len(todo)))
			}
			_, kept := m.Reports[l.Link]
			res.Failed = append(res.Failed, Failure{Title: l.Title, BasePath: l.Link, Err: err, Kept: kept})
			continue
		}
		res.Fetched = append(res.Fetched, l.Title)
		// Kept after each report, so a sync stopped part way does not
		// fetch again what it already kept.
		if err := m.write(dir); err != nil {
			return err
		}
	}
	if opt.Progress != nil {
		opt.Progress(len(todo), len(todo), "")
	}
	return nil
}

// fetchReport fetches one report, checks it is one, and keeps it.
func fetchReport(ctx context.Context, f Fetcher, dir string, m *manifest, l listed, now time.Time) error {
	data, err := f.Content(ctx, l.Link)
	if err != nil {
		return err
	}
	var d struct {
		Title        string `json:"title"`
		DocumentType string `json:"document_type"`
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return fmt.Errorf("not Content API JSON: %w", err)
	}
	if d.DocumentType != reports.DocumentType {
		return fmt.Errorf("a %s, not an assessment report", d.DocumentType)
	}
	file := fileFor(l.Link)
	if err := contentapi.WriteFile(filepath.Join(dir, reportsDir, file), data); err != nil {
		return err
	}
	title := l.Title
	if title == "" {
		title = d.Title
	}
	m.Reports[l.Link] = &entry{Title: title, PublicTimestamp: l.PublicTimestamp, File: file, FetchedAt: now}
	return nil
}

// prune drops the reports the listing no longer has and returns their
// files.
func (m *manifest) prune(listing []listed) []string {
	listedNow := make(map[string]bool, len(listing))
	for _, l := range listing {
		listedNow[l.Link] = true
	}
	var files []string
	for bp, e := range m.Reports {
		if !listedNow[bp] {
			files = append(files, e.File)
			delete(m.Reports, bp)
		}
	}
	return files
}

// stops reports whether an error ends the sync rather than one report:
// GOV.UK out of reach, still asking to slow down after the client's
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
