package panels

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	contentapi "github.com/standardbot/standardbot/internal/govuk"
	"github.com/standardbot/standardbot/internal/govuk/reports"
)

// The kept copy's layout: manifest.json lists the reports, each kept as
// the JSON fetched, under reports/.
const (
	manifestFile = "manifest.json"
	reportsDir   = "reports"
)

// manifest says what the kept copy holds and when it was fetched.
type manifest struct {
	// FetchedAt is when the reports were last listed in full and every
	// new or changed one tried.
	FetchedAt time.Time `json:"fetched_at"`
	// Reports are by base path.
	Reports map[string]*entry `json:"reports"`
}

// entry is one kept report.
type entry struct {
	Title string `json:"title"`
	// PublicTimestamp is the date the Search API's listing gave when the
	// report was fetched: a listing with another date means it changed.
	PublicTimestamp string    `json:"public_timestamp,omitempty"`
	File            string    `json:"file"`
	FetchedAt       time.Time `json:"fetched_at"`
}

// readManifest reads the kept copy's manifest; an empty one when nothing
// is kept.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{Reports: map[string]*entry{}}
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read the kept assessment reports: %w", err)
	}
	if err := json.Unmarshal(data, m); err != nil {
		return &manifest{Reports: map[string]*entry{}}, fmt.Errorf("read the kept assessment reports: %s: %w", manifestFile, err)
	}
	if m.Reports == nil {
		m.Reports = map[string]*entry{}
	}
	return m, nil
}

// write replaces the manifest whole.
func (m *manifest) write(dir string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write the assessment reports' manifest: %w", err)
	}
	return contentapi.WriteFile(filepath.Join(dir, manifestFile), data)
}

// has reports whether the report's file is there.
func (m *manifest) has(dir, basePath string) bool {
	e, ok := m.Reports[basePath]
	if !ok {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, reportsDir, e.File))
	return err == nil
}

// fileFor names a report's file after its slug: the listing's links are
// checked to be /service-standard-reports/<slug>, lower case letters,
// digits and hyphens.
func fileFor(basePath string) string {
	return strings.TrimPrefix(basePath, reports.Prefix) + ".json"
}

// Kept says when the reports in dir were last fetched in full and how
// many are kept; zero and 0 when nothing is.
func Kept(dir string) (time.Time, int) {
	m, err := readManifest(dir)
	if err != nil {
		return time.Time{}, 0
	}
	return m.FetchedAt, len(m.Reports)
}
