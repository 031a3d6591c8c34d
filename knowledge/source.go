package knowledge

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Defaults of LoadOptions: long enough for a slow government site, small
// enough that a wrong URL (a video, an archive) fails fast.
const (
	defaultSourceTimeout  = 15 * time.Second
	defaultSourceMaxBytes = 10 << 20
)

// sourcesHint ends errors about a path, saying where the user set it.
const sourcesHint = "check the path in --source or STANDARDBOT_SOURCES"

// LoadOptions configures LoadSources.
type LoadOptions struct {
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
}

// LoadSources reads files, folders (recursively: .md, .markdown, .html,
// .htm, .txt; skip hidden files/dirs and other extensions) and http(s)
// URLs.
//
// A Markdown file whose level-2 headings are numbered points becomes a
// Standard; every other document becomes guidance Sections. Every source is
// listed before anything is read, so a mistyped path fails at once and
// Progress knows the total. Errors name the source and say what to do.
func LoadSources(ctx context.Context, specs []string, opt LoadOptions) (*Corpus, error) {
	if opt.HTTPClient == nil {
		opt.HTTPClient = &http.Client{Timeout: defaultSourceTimeout}
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = defaultSourceMaxBytes
	}
	var kept *keptSources
	if opt.Keep != "" {
		kept = openKept(opt.Keep)
	}
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
		refs = append(refs, rs...)
	}
	// Sorted by name, so sections come in the same order whatever the order
	// of the specs, and a file named twice (directly and in its folder) is
	// read once.
	sort.Slice(refs, func(i, j int) bool { return refs[i].name < refs[j].name })
	refs = uniqueRefs(refs)

	c := &Corpus{}
	h := sha256.New()
	for i, r := range refs {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("load sources: %w", err)
		}
		data, err := readOrKept(ctx, &r, opt, kept)
		if err == nil {
			err = c.addDocument(r, cleanSourceText(data))
		}
		if err != nil {
			if opt.Warn == nil {
				return nil, err
			}
			opt.Warn(err)
			continue
		}
		// Length-prefixed, so moving bytes between name and content changes the hash.
		fmt.Fprintf(h, "%s\x00%d\x00", r.name, len(data))
		h.Write(data)
		c.Files++
		if opt.Progress != nil {
			opt.Progress(i+1, len(refs), r.name)
		}
	}
	if kept != nil {
		if err := kept.save(); err != nil && opt.Warn != nil {
			opt.Warn(err)
		}
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// docFormat is how a document is parsed.
type docFormat int

const (
	formatUnknown docFormat = iota
	formatMarkdown
	formatHTML
	formatText
)

// formatOfExt maps a file extension to its format.
func formatOfExt(ext string) docFormat {
	switch strings.ToLower(ext) {
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm":
		return formatHTML
	case ".txt":
		return formatText
	}
	return formatUnknown
}

// docRef is one document to read: a file or a URL.
type docRef struct {
	// name is the document's Section.Source: the path as given joined with
	// the file's path inside it, or the URL.
	name   string
	isURL  bool
	base   string    // file or last URL path segment, for ids and titles
	format docFormat // for a URL, known only once fetched
	kept   bool      // read from its kept copy: the source is unreadable
}

// resolveSpec lists the documents of one spec.
func resolveSpec(spec string) ([]docRef, error) {
	if scheme, _, ok := strings.Cut(spec, "://"); ok {
		return resolveURL(spec, strings.ToLower(scheme))
	}
	fi, err := os.Stat(spec)
	if err != nil {
		return nil, fileError(spec, err)
	}
	if !fi.IsDir() {
		name := filepath.Clean(spec)
		f := formatOfExt(filepath.Ext(name))
		if f == formatUnknown {
			return nil, &sourceError{spec: spec, msg: "not a .md, .markdown, .html, .htm or .txt file (convert it or leave it out of --source or STANDARDBOT_SOURCES)"}
		}
		return []docRef{{name: name, base: filepath.Base(name), format: f}}, nil
	}
	var refs []docRef
	err = filepath.WalkDir(spec, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fileError(p, err)
		}
		if p != spec && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if f := formatOfExt(filepath.Ext(p)); !d.IsDir() && f != formatUnknown {
			refs = append(refs, docRef{name: p, base: d.Name(), format: f})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(refs) == 0 {
		return nil, &sourceError{spec: spec, msg: "no .md, .html or .txt files in the folder (add some, or " + sourcesHint + ")"}
	}
	return refs, nil
}

func resolveURL(spec, scheme string) ([]docRef, error) {
	if scheme != "http" && scheme != "https" {
		return nil, &sourceError{spec: spec, msg: "only http and https URLs can be loaded (download the file and give its path)"}
	}
	// A fragment names a place in the page, not a document; anchors are
	// added per section.
	spec, _, _ = strings.Cut(spec, "#")
	u, err := url.Parse(spec)
	if err != nil || u.Host == "" {
		return nil, &sourceError{spec: spec, msg: "not a valid URL (give a full address such as https://example.org/guide)", err: err}
	}
	base := path.Base(u.Path)
	if base == "/" || base == "." {
		base = u.Host
	}
	return []docRef{{name: spec, isURL: true, base: base}}, nil
}

func uniqueRefs(refs []docRef) []docRef {
	out := refs[:0]
	for i, r := range refs {
		if i == 0 || r.name != refs[i-1].name {
			out = append(out, r)
		}
	}
	return out
}

// read returns a document's bytes and, for a URL, settles its format.
func (r *docRef) read(ctx context.Context, opt LoadOptions) ([]byte, error) {
	if r.isURL {
		data, f, err := fetchSource(ctx, opt.HTTPClient, r.name, opt.MaxBytes)
		r.format = f
		return data, err
	}
	f, err := os.Open(r.name)
	if err != nil {
		return nil, fileError(r.name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, opt.MaxBytes+1))
	if err != nil {
		return nil, fileError(r.name, err)
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, tooLargeError(r.name, opt.MaxBytes)
	}
	return data, nil
}

// addDocument parses a document into a standard or guidance sections.
func (c *Corpus) addDocument(r docRef, text string) error {
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

// readOrKept reads a document, keeping a copy of what it read; when it
// cannot be read, and a caller accepts warnings, its kept copy is used.
func readOrKept(ctx context.Context, r *docRef, opt LoadOptions, kept *keptSources) ([]byte, error) {
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

// fallbackError says what was done about a source that could not be read.
func fallbackError(err error, usedKept bool) error {
	if usedKept {
		return fmt.Errorf("%w; using the copy kept from the last time it was read", err)
	}
	return fmt.Errorf("%w; left out for now", err)
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

// stripDocExt removes a supported extension; other dots are part of the
// name ("version-1.2", "www.gov.uk").
func stripDocExt(name string) string {
	if ext := path.Ext(name); formatOfExt(ext) != formatUnknown {
		return strings.TrimSuffix(name, ext)
	}
	return name
}

// sourceError is a source that could not be loaded: which one, what went
// wrong in words a user can act on, and the cause for errors.Is.
type sourceError struct {
	spec string
	msg  string
	err  error
}

func (e *sourceError) Error() string { return "source " + strconv.Quote(e.spec) + ": " + e.msg }

func (e *sourceError) Unwrap() error { return e.err }

// fileError explains a failed file operation. The *PathError is unwrapped
// for the message because its own text repeats the path.
func fileError(spec string, err error) error {
	cause := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		cause = pe.Err
	}
	hint := sourcesHint
	if errors.Is(err, fs.ErrPermission) {
		hint = "check the file's permissions"
	}
	return &sourceError{spec: spec, msg: cause.Error() + " (" + hint + ")", err: err}
}

func tooLargeError(spec string, limit int64) error {
	return &sourceError{spec: spec, msg: "larger than " + limitText(limit) + " limit (split it into smaller documents)"}
}

// limitText writes a limit the way people say it: "10 MiB", "512 KiB".
func limitText(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
