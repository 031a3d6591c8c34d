// Package source reads what a team points the bot at (files, folders and
// web pages in Markdown, HTML or plain text) into the knowledge.Corpus that
// package knowledge indexes. A Markdown file whose level-2 headings are
// numbered points becomes a knowledge.Standard; every other document is
// split at its headings into guidance knowledge.Sections that remember
// their file, heading and URL for citations.
//
// A long-running bot keeps the last good copy of every document it read
// (Options.Keep, the data folder's "sources"), so a source that is down at
// a restart is answered from its kept copy with a warning, not lost.
//
// It imports knowledge for the types it produces; knowledge never imports
// it, and cmd wires the two together.
package source

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/standardbot/standardbot/knowledge"
)

// Defaults of Options: long enough for a slow government site, small
// enough that a wrong URL (a video, an archive) fails fast.
const (
	defaultTimeout  = 15 * time.Second
	defaultMaxBytes = 10 << 20
)

// Options configures Load.
type Options struct {
	HTTPClient *http.Client                       // nil: a client with a 15 s timeout
	MaxBytes   int64                              // per file or URL; 0: 10 MiB
	Progress   func(done, total int, name string) // optional, called per document
	// Keep, when set, is a folder where the last good copy of every
	// document read is kept.
	Keep string
	// Warn, when set, makes a source that cannot be read a warning, not
	// an error: it is told why (once per source) and the source's kept
	// copy is used, or the source is left out when there is none. A
	// long-running bot comes up whatever its sources do.
	Warn func(error)
	// Now stamps kept copies; nil: time.Now.
	Now func() time.Time
}

// Load reads files, folders (recursively: .md, .markdown, .html, .htm,
// .txt; skip hidden files/dirs and other extensions) and http(s) URLs.
//
// A Markdown file whose level-2 headings are numbered points becomes a
// Standard; every other document becomes guidance Sections. Every source is
// listed before anything is read, so a mistyped path fails at once and
// Progress knows the total. Errors name the source and say what to do.
func Load(ctx context.Context, specs []string, opt Options) (*knowledge.Corpus, error) {
	if opt.HTTPClient == nil {
		opt.HTTPClient = &http.Client{Timeout: defaultTimeout}
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = defaultMaxBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	var kept *keptSources
	if opt.Keep != "" {
		kept = openKept(opt.Keep, opt.Now)
	}
	refs, err := listSpecs(specs, opt, kept)
	if err != nil {
		return nil, err
	}
	c, err := readAll(ctx, refs, opt, kept)
	if err != nil {
		return nil, err
	}
	if kept != nil {
		if err := kept.save(); err != nil && opt.Warn != nil {
			opt.Warn(err)
		}
	}
	return c, nil
}

// listSpecs lists the documents of every spec, sorted by name, so sections
// come in the same order whatever the order of the specs, and a file named
// twice (directly and in its folder) is read once. A spec that cannot be
// listed is an error, or with Warn its documents as last kept.
func listSpecs(specs []string, opt Options, kept *keptSources) ([]docRef, error) {
	var refs []docRef
	for _, spec := range specs {
		spec = strings.TrimSpace(spec)
		if spec == "" {
			continue
		}
		rs, err := resolveSpec(spec)
		switch {
		case err == nil:
			if kept != nil {
				kept.keepSpec(spec, rs)
			}
		case opt.Warn == nil:
			return nil, err
		default:
			if kept != nil {
				rs = kept.specRefs(spec)
			}
			opt.Warn(fallbackError(err, len(rs) > 0))
			for i := range rs {
				rs[i].kept = true
			}
		}
		for i := range rs {
			rs[i].source = SourceName(spec)
		}
		refs = append(refs, rs...)
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].name < refs[j].name })
	return uniqueRefs(refs), nil
}

// readAll reads and parses every document into a corpus whose Hash covers
// every name and byte read.
func readAll(ctx context.Context, refs []docRef, opt Options, kept *keptSources) (*knowledge.Corpus, error) {
	c := &knowledge.Corpus{}
	h := sha256.New()
	for i, r := range refs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load sources: %w", err)
		}
		data, err := readOrKept(ctx, &r, opt, kept)
		if err == nil {
			err = addDocument(c, r, cleanSourceText(data))
		}
		if err != nil {
			if opt.Warn == nil {
				return nil, err
			}
			opt.Warn(err)
			continue
		}
		hashDocument(h, r.name, data)
		c.Files++
		if opt.Progress != nil {
			opt.Progress(i+1, len(refs), r.name)
		}
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// hashDocument adds a document to the corpus hash, length-prefixed, so
// moving bytes between name and content changes the hash.
func hashDocument(h hash.Hash, name string, data []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
	h.Write(data)
}

// readOrKept reads a document, keeping a copy of what it read; when it
// cannot be read, and a caller accepts warnings, its kept copy is used.
func readOrKept(ctx context.Context, r *docRef, opt Options, kept *keptSources) ([]byte, error) {
	if !r.kept {
		data, err := r.read(ctx, opt)
		if err == nil {
			if kept != nil {
				if kerr := kept.keep(*r, data); kerr != nil && opt.Warn != nil {
					opt.Warn(kerr)
				}
			}
			return data, nil
		}
		if opt.Warn == nil || kept == nil {
			return nil, err
		}
		if data, d, ok := kept.copyOf(r.name); ok {
			r.format = d.Format
			opt.Warn(fallbackError(err, true))
			return data, nil
		}
		return nil, fallbackError(err, false)
	}
	data, d, ok := kept.copyOf(r.name)
	if !ok {
		return nil, &sourceError{spec: r.name, msg: "its kept copy is missing (read it again with the source available)"}
	}
	r.format = d.Format
	return data, nil
}

// addDocument parses a document into a standard or guidance sections,
// each named after the source it came from.
func addDocument(c *knowledge.Corpus, r docRef, text string) error {
	from := len(c.Sections)
	defer func() {
		for i := from; i < len(c.Sections); i++ {
			c.Sections[i].SourceName = r.source
		}
	}()
	fetched := ""
	if r.isURL {
		fetched = r.name
	}
	switch r.format {
	case formatMarkdown:
		info, bs := parseMarkdown(text)
		docURL := firstText(info.url, fetched)
		if s := markdownStandard(bs, info.title, stripDocExt(r.base), docURL); s != nil {
			s.Path = r.name
			c.Standards = append(c.Standards, s)
			return nil
		}
		title := firstText(info.title, firstHeading(bs), prettyName(r.base))
		c.Sections = append(c.Sections, sectionsOf(bs, title, r.name, docURL)...)
	case formatHTML:
		info, bs, err := parseHTML(text)
		if err != nil {
			return &sourceError{spec: r.name, msg: "not readable as HTML: " + err.Error() + " (check the file is a web page)", err: err}
		}
		// A fetched page is cited where it was fetched; a saved page where
		// its canonical link says it lives.
		docURL := firstText(fetched, info.url)
		title := firstText(info.title, firstHeading(bs), prettyName(r.base))
		c.Sections = append(c.Sections, sectionsOf(bs, title, r.name, docURL)...)
	default:
		c.Sections = append(c.Sections, sectionsOf(parsePlain(text), prettyName(r.base), r.name, fetched)...)
	}
	return nil
}

// firstHeading is the text of the first level-1 heading, or empty.
func firstHeading(bs []textBlock) string {
	for _, b := range bs {
		if b.level == 1 {
			return b.text
		}
	}
	return ""
}
