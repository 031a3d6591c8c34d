package knowledge

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// DocType says whether a search document is a point of a standard or a
// section of guidance; the index keeps it in the field "type".
type DocType string

// The types of search document.
const (
	PointDoc    DocType = "point"
	GuidanceDoc DocType = "guidance"
)

// Doc is one searchable unit: a point of a standard or a guidance section.
// Docs are kept in memory beside the bleve index, which stores nothing, so
// answers can quote the original text exactly.
type Doc struct {
	ID       string
	Type     DocType
	Standard string // points only
	Point    int    // points only
	Title    string // the point's title, or the guidance document's title
	Heading  string // guidance only
	URL      string
	Keywords string
	Summary  string
	Prompts  string
	Body     string
	// Supports lists the points a guidance section helps meet.
	Supports []PointRef
	// LooksFor is what a panel looks for in each phase (points only).
	LooksFor map[Phase]string
	// Review is what a review looks for, for a point checked in reviews
	// rather than at phase assessments (the Technology Code of Practice).
	Review string
	// Origin is the guidance section's Source: its file, URL or origin.
	Origin string
	// Collection is the guidance section's Collection.
	Collection string
	// SourceName is the guidance section's SourceName.
	SourceName string

	// analysed holds the document's terms and quotable passages, worked
	// out on first use: answering reads them for every hit, and analysing
	// text is most of an answer's cost.
	analysed     sync.Once
	vocab        *vocabulary
	passageCache []passage
	// fieldPairs are the neighbouring term pairs of the fields no passage
	// quotes (title, heading, keywords, prompts), sorted: with the
	// passages' own pairs they say whether the document holds two of a
	// question's words side by side (proximity.go).
	fieldPairs []uint64
}

// termSet is a set of analysed terms.
type termSet map[string]struct{}

// analyse fills the document's vocabulary and passages once.
func (d *Doc) analyse(ix *Index) {
	d.analysed.Do(func() {
		passages := d.splitPassages()
		terms := make([][]string, len(passages))
		for i := range passages {
			terms[i] = ix.terms(passages[i].text)
		}
		d.vocab = newVocabulary(ix.terms(d.allText()), terms)
		for i := range passages {
			passages[i].terms, passages[i].pairs = d.vocab.encode(terms[i])
		}
		d.passageCache = passages
		// Keywords are a list: words either side of a comma are not
		// neighbours.
		spans := append([]string{d.Title, d.Heading, d.Prompts}, strings.Split(d.Keywords, ",")...)
		for _, f := range spans {
			_, pairs := d.vocab.encode(ix.terms(f))
			d.fieldPairs = append(d.fieldPairs, pairs...)
		}
		slices.Sort(d.fieldPairs)
		d.fieldPairs = slices.Clip(slices.Compact(d.fieldPairs))
	})
}

// indexDoc is the shape bleve indexes; field names match the mapping.
type indexDoc struct {
	Type     string `json:"type"`
	Standard string `json:"standard"`
	Title    string `json:"title"`
	Heading  string `json:"heading"`
	Keywords string `json:"keywords"`
	Summary  string `json:"summary"`
	Prompts  string `json:"prompts"`
	Body     string `json:"body"`
	All      string `json:"all"`
	Words    string `json:"words"`
}

func (d *Doc) indexed() indexDoc {
	all := d.allText()
	return indexDoc{
		Type: string(d.Type), Standard: d.Standard, Title: d.Title, Heading: d.Heading,
		Keywords: d.Keywords, Summary: d.Summary, Prompts: d.Prompts, Body: d.Body,
		All: all, Words: all,
	}
}

// pointDoc turns a point into a search document.
func pointDoc(s *Standard, p Point) *Doc {
	var prompts []string
	looksFor := map[Phase]string{}
	for _, ph := range AssessedPhases {
		g, ok := p.Phases[ph]
		if !ok {
			continue
		}
		looksFor[ph] = strings.TrimSpace(g.LooksFor)
		prompts = append(prompts, looksFor[ph])
		prompts = append(prompts, g.Prompts...)
	}
	review := ""
	if r := p.Review; r != nil {
		review = strings.TrimSpace(r.LooksFor)
		prompts = append(prompts, review)
		prompts = append(prompts, r.Prompts...)
	}
	keywords := append([]string(nil), p.Keywords...)
	body := []string{p.Guidance}
	for _, pr := range p.Practices {
		keywords = append(keywords, pr.Topic)
		keywords = append(keywords, pr.Keywords...)
		body = append(body, strings.TrimSpace(pr.Text))
	}
	url := p.URL
	if url == "" {
		// A standard loaded from a file with no url is cited by its path.
		url = s.Path
	}
	return &Doc{
		ID:       pointDocID(s.ID, p.Number),
		Type:     PointDoc,
		Standard: s.ID,
		Point:    p.Number,
		Title:    p.Title,
		URL:      url,
		Keywords: strings.Join(keywords, ", "),
		Summary:  p.Summary,
		Prompts:  strings.Join(prompts, "\n"),
		LooksFor: looksFor,
		Review:   review,
		Body:     strings.Join(body, "\n\n"),
	}
}

// sectionDoc turns a guidance section into a search document.
func sectionDoc(s Section) *Doc {
	return &Doc{
		ID:         "guidance:" + s.ID,
		Type:       GuidanceDoc,
		Title:      s.Title,
		Heading:    s.Heading,
		URL:        s.URL,
		Keywords:   s.Keywords,
		Body:       s.Text,
		Supports:   s.Supports,
		Origin:     s.Source,
		Collection: s.Collection,
		SourceName: sourceName(s),
	}
}

// docsFor lists every search document of the library and corpus, points
// first, then the built-in assessment guidance, in a stable order.
func docsFor(lib *Library, corpus *Corpus) []*Doc {
	var docs []*Doc
	for _, s := range lib.Standards() {
		for _, p := range s.Points {
			docs = append(docs, pointDoc(s, p))
		}
	}
	for _, sec := range processSections() {
		docs = append(docs, sectionDoc(sec))
	}
	if corpus != nil {
		for _, sec := range corpus.Sections {
			docs = append(docs, sectionDoc(sec))
		}
	}
	return docs
}

// pointDocID is the search document id of a point.
func pointDocID(standard string, n int) string {
	return "point:" + standard + ":" + strconv.Itoa(n)
}

// sourceName is a section's SourceName; the built-in assessment guidance
// is ProcessSource.
func sourceName(s Section) string {
	if s.SourceName == "" && s.Source == ProcessOrigin {
		return ProcessSource
	}
	return s.SourceName
}
