package govuk

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/standardbot/standardbot/knowledge"
)

// Origin names the Service Manual's sections in a corpus's hash
// (knowledge.Corpus.AddSections).
const Origin = "govuk-service-manual"

// readerVersion changes whenever guides are read into sections
// differently, so an index built from the same files is rebuilt.
const readerVersion = "1"

// Copy is the kept Service Manual, read into sections.
type Copy struct {
	Sections []knowledge.Section
	// Hash identifies the guides' content and how they were read.
	Hash string
	// Guides counts the guides read.
	Guides int
	// FetchedAt is when the copy was last fetched in full; zero when
	// nothing is kept.
	FetchedAt time.Time
	// Unreadable names the kept guides that could not be read (a file
	// missing or damaged); the others are used.
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
	paths := make([]string, 0, len(m.Guides))
	for bp := range m.Guides {
		paths = append(paths, bp)
	}
	sort.Strings(paths)
	h := sha256.New()
	fmt.Fprintf(h, "service manual reader %s\n", readerVersion)
	for _, bp := range paths {
		e := m.Guides[bp]
		data, err := os.ReadFile(filepath.Join(dir, guidesDir, e.File))
		if err != nil {
			c.Unreadable = append(c.Unreadable, e.Title)
			continue
		}
		secs, err := readGuide(data)
		if err != nil {
			c.Unreadable = append(c.Unreadable, e.Title)
			continue
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s %s\n", bp, hex.EncodeToString(sum[:]))
		c.Sections = append(c.Sections, secs...)
		c.Guides++
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// readGuide reads one kept guide into sections.
func readGuide(data []byte) ([]knowledge.Section, error) {
	it, err := parseItem(data)
	if err != nil {
		return nil, err
	}
	body, err := it.guideBody()
	if err != nil {
		return nil, err
	}
	return guideSections(it, body)
}
