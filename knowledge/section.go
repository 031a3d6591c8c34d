package knowledge

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
