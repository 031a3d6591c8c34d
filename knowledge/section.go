package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Section is one part of a guidance document, indexed and cited on its own.
type Section struct {
	// ID is stable across loads: the source path or URL, '#', and the
	// heading's anchor (empty for text before the first heading).
	ID string `json:"id"`
	// Source is the file path or URL the section came from.
	Source string `json:"source"`
	// Title is the document's title (front matter, <title>, first heading,
	// or the file name).
	Title string `json:"title"`
	// Heading is the section's heading, empty for a document's opening text.
	Heading string `json:"heading,omitempty"`
	// URL is where a reader follows the citation: the document's url from
	// front matter or the URL it was fetched from, plus #anchor; for a plain
	// file with no url, the file path.
	URL string `json:"url"`
	// Text is the section's visible text, Markdown syntax removed.
	Text string `json:"text"`
	// Collection names the body of guidance the section belongs to, when
	// it is not the document itself ("GOV.UK Service Manual"); citations
	// lead with it.
	Collection string `json:"collection,omitempty"`
	// Supports lists the points of a standard this guidance helps meet (a
	// Service Manual guide's "Meeting the Service Standard" links). An
	// answer citing the section names these points too.
	Supports []PointRef `json:"supports,omitempty"`
	// Keywords are other words people use for the section's subject,
	// comma-separated: searched with a boost, never quoted.
	Keywords string `json:"keywords,omitempty"`
	// SourceName names the source the section was loaded from, as a
	// channel's `sources` setting names it: the base name of the path or
	// URL given to --source ("our-guidance"), "manual" for the Service
	// Manual, "reports" for assessment reports, "process" for the
	// built-in guidance on assessments.
	SourceName string `json:"source_name,omitempty"`
}

// PointRef names one point of one standard.
type PointRef struct {
	Standard string `yaml:"standard" json:"standard"`
	Point    int    `yaml:"point" json:"point"`
}

// Corpus is everything loaded from the configured sources.
type Corpus struct {
	// Standards are Markdown files whose level-2 headings are numbered points.
	Standards []*Standard
	// Sections are the guidance, split by heading.
	Sections []Section
	// Hash identifies the sources' content, so an index is rebuilt only when
	// it changes.
	Hash string
	// Files counts the documents read.
	Files int
}

// AddSections adds guidance that came from elsewhere than the configured
// sources (a kept copy of the GOV.UK Service Manual), with a hash of its
// content, so the index is rebuilt when it changes. origin names it in the
// hash. The built-in assessment guidance needs no adding: every index has it.
func (c *Corpus) AddSections(origin, hash string, secs []Section) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", c.Hash, origin, hash)
	c.Hash = hex.EncodeToString(h.Sum(nil))
	c.Sections = append(c.Sections, secs...)
}
