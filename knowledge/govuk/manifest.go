package govuk

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
)

// The kept copy's layout: manifest.json lists the guides, each kept as
// the JSON fetched, under guides/.
const (
	manifestFile = "manifest.json"
	guidesDir    = "guides"
)

// manifest says what the kept copy holds and when it was fetched.
type manifest struct {
	// FetchedAt is when the manual was last read from GOV.UK in full: the
	// whole tree, and every guide that had changed tried.
	FetchedAt time.Time `json:"fetched_at"`
	// Guides are by base path.
	Guides map[string]*entry `json:"guides"`
}

// entry is one kept guide.
type entry struct {
	Title string `json:"title"`
	// PublicUpdatedAt is the date GOV.UK's listing gave when the guide was
	// fetched: a listing with another date means it changed.
	PublicUpdatedAt string    `json:"public_updated_at,omitempty"`
	File            string    `json:"file"`
	FetchedAt       time.Time `json:"fetched_at"`
}

// readManifest reads the kept copy's manifest; an empty one when nothing
// is kept.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{Guides: map[string]*entry{}}
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read the kept Service Manual: %w", err)
	}
	if err := json.Unmarshal(data, m); err != nil {
		return &manifest{Guides: map[string]*entry{}}, fmt.Errorf("read the kept Service Manual: %s: %w", manifestFile, err)
	}
	if m.Guides == nil {
		m.Guides = map[string]*entry{}
	}
	return m, nil
}

// write replaces the manifest whole.
func (m *manifest) write(dir string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("write the Service Manual's manifest: %w", err)
	}
	return contentapi.WriteFile(filepath.Join(dir, manifestFile), data)
}

// has reports whether the guide's file is there.
func (m *manifest) has(dir, basePath string) bool {
	e, ok := m.Guides[basePath]
	if !ok {
		return false
	}
	_, err := os.Stat(filepath.Join(dir, guidesDir, e.File))
	return err == nil
}

// fileFor names a guide's file after its path in the manual:
// /service-manual/technology/code-in-the-open is
// technology--code-in-the-open.json.
func fileFor(basePath string) string {
	p := strings.Trim(strings.TrimPrefix(basePath, homePath), "/")
	var b strings.Builder
	for _, r := range p {
		switch {
		case r == '/':
			b.WriteString("--")
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String() + ".json"
}

// Kept says when the copy in dir was last fetched in full and how many
// guides it holds; zero and 0 when nothing is kept.
func Kept(dir string) (time.Time, int) {
	m, err := readManifest(dir)
	if err != nil {
		return time.Time{}, 0
	}
	return m.FetchedAt, len(m.Guides)
}
