package panels

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/standardbot/standardbot/checklist"
	"github.com/standardbot/standardbot/internal/govuk/reports"
	"github.com/standardbot/standardbot/knowledge"
)

// Origin names the reports' sections in a corpus's hash
// (knowledge.Corpus.AddSections).
const Origin = "govuk-assessment-reports"

// readerVersion changes whenever reports are read into sections
// differently, so an index built from the same files is rebuilt.
const readerVersion = "1"

// Remark is what one panel said about one point: the report's outcome on
// it, with the report it is from.
type Remark struct {
	checklist.PointOutcome
	// Report is the report's title; URL its www.gov.uk address.
	Report, URL string
	Date        checklist.Date
	Stage       checklist.Stage
	// Result is the assessment's overall rating.
	Result checklist.Rating
	// Standard is the point's standard ("govuk", "dss2015"), "" for the
	// 26-point standard, which is not mapped.
	Standard string
	// StandardPoints is how many points the report's standard has.
	StandardPoints int
}

// Copy is the kept reports, read.
type Copy struct {
	// Remarks are every point's remarks, of every report, newest report
	// first.
	Remarks []Remark
	// Sections are the remarks as knowledge, one per point.
	Sections []knowledge.Section
	// Hash identifies the reports' content and how they were read.
	Hash string
	// Reports counts the reports read; ByTheme those of them that give the
	// panel's view by theme rather than by point, which have no sections.
	Reports, ByTheme int
	// FetchedAt is when the copy was last fetched in full; zero when
	// nothing is kept.
	FetchedAt time.Time
	// Unreadable names the kept reports that could not be read.
	Unreadable []string
}

// Load reads the copy kept in dir. Nothing kept is an empty Copy, not an
// error; an unreadable manifest is an error.
func Load(dir string) (*Copy, error) {
	m, err := readManifest(dir)
	if err != nil {
		return nil, err
	}
	c := &Copy{FetchedAt: m.FetchedAt}
	paths := make([]string, 0, len(m.Reports))
	for bp := range m.Reports {
		paths = append(paths, bp)
	}
	sort.Strings(paths)
	h := sha256.New()
	fmt.Fprintf(h, "assessment reports reader %s\n", readerVersion)
	for _, bp := range paths {
		e := m.Reports[bp]
		data, err := os.ReadFile(filepath.Join(dir, reportsDir, e.File))
		if err != nil {
			c.Unreadable = append(c.Unreadable, e.Title)
			continue
		}
		a, err := reports.FromContent(data)
		if err != nil {
			c.Unreadable = append(c.Unreadable, e.Title)
			continue
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %s\n", bp, hex.EncodeToString(sum[:]))
		c.Reports++
		c.add(a, firstOf(a.Title, e.Title), reports.WWW+bp)
	}
	sort.SliceStable(c.Remarks, func(i, j int) bool { return newer(c.Remarks[i], c.Remarks[j]) })
	for _, r := range c.Remarks {
		c.Sections = append(c.Sections, section(r))
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// add keeps the remarks of one report: its points that say what went
// well or what to explore.
func (c *Copy) add(a *checklist.Assessment, title, url string) {
	n := 0
	for _, p := range a.Points {
		if len(p.WellDone) == 0 && len(p.Explore) == 0 {
			continue
		}
		c.Remarks = append(c.Remarks, Remark{
			PointOutcome: p, Report: title, URL: url, Date: a.Date, Stage: a.Stage, Result: a.Result,
			Standard: a.Standard, StandardPoints: a.StandardPoints,
		})
		n++
	}
	if n == 0 {
		c.ByTheme++
	}
}

// newer orders remarks newest first (undated last), then by report and
// point, so the order does not depend on the files'.
func newer(a, b Remark) bool {
	if a.Date != b.Date {
		return b.Date.IsZero() || (!a.Date.IsZero() && a.Date.String() > b.Date.String())
	}
	if a.URL != b.URL {
		return a.URL < b.URL
	}
	return a.Point < b.Point
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
