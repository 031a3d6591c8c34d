package source

import (
	"context"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
)

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

// stripDocExt removes a supported extension; other dots are part of the
// name ("version-1.2", "www.gov.uk").
func stripDocExt(name string) string {
	if ext := path.Ext(name); formatOfExt(ext) != formatUnknown {
		return strings.TrimSuffix(name, ext)
	}
	return name
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
	source string    // the name of the spec it was listed from (SourceName)
}

// SourceName is the name a channel's sources setting gives the guidance
// of one --source spec: the base name of its path, or of its URL's path,
// without a document extension ("our-guidance", "hosting"); a URL with no
// path is named by its host ("intranet.example.gov.uk"). Lower case.
func SourceName(spec string) string {
	spec = strings.TrimRight(strings.TrimSpace(spec), "/")
	name := filepath.Base(spec)
	if _, rest, ok := strings.Cut(spec, "://"); ok {
		host, p, _ := strings.Cut(rest, "/")
		name = path.Base("/" + p)
		if name == "/" {
			name = strings.TrimPrefix(host, "www.")
		}
	}
	return strings.ToLower(strings.ReplaceAll(stripDocExt(name), " ", "-"))
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
func (r *docRef) read(ctx context.Context, opt Options) ([]byte, error) {
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
