package govuk

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Stamp identifies a copy on a Shelf.
type Stamp struct {
	// Version goes up by one each time the copy's content changes.
	Version int64 `json:"version"`
	// SHA256 is the packed copy's hash: replicas compare it with the one
	// they last unpacked.
	SHA256 string `json:"sha256"`
	// FetchedAt is when the copy was last fetched from GOV.UK (or found
	// unchanged there).
	FetchedAt time.Time `json:"fetched_at"`
}

// IsZero reports whether the stamp is of no copy at all.
func (s Stamp) IsZero() bool { return s.SHA256 == "" }

// Shelf is the shared place where the replica that fetched from GOV.UK
// leaves a packed copy (see Pack) for the other replicas, so only one of
// them asks GOV.UK. internal/govuk/postgres keeps it in the shared database.
type Shelf interface {
	// Stamp describes the copy on the shelf, the zero Stamp when there is
	// none. It is cheap: every replica calls it on every tick.
	Stamp(ctx context.Context) (Stamp, error)
	// Get returns the copy on the shelf and its stamp; a zero Stamp and nil
	// when there is none.
	Get(ctx context.Context) (Stamp, []byte, error)
	// Put publishes a packed copy fetched at fetchedAt, unless the shelf
	// holds one fetched later, and returns the stamp of what it holds.
	Put(ctx context.Context, packed []byte, fetchedAt time.Time) (Stamp, error)
}

// Hash is the SHA256 a Shelf stamps a packed copy with.
func Hash(packed []byte) string {
	sum := sha256.Sum256(packed)
	return hex.EncodeToString(sum[:])
}

// maxUnpacked bounds what Unpack writes, so a damaged or hostile row
// cannot fill the disk.
const maxUnpacked = 256 << 20

// manifestName is written last when unpacking, so a crash part way leaves
// the old manifest naming files that are all there.
const manifestName = "manifest.json"

// Pack makes one gzipped tar of the files under dir, except hidden ones
// (temporary files, the shelf mark). The same files give the same bytes:
// names are sorted, times and owners left out. Manifests come last.
func Pack(dir string) ([]byte, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			names = append(names, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("pack %s: %w", dir, err)
	}
	sort.Slice(names, func(i, j int) bool {
		mi, mj := path.Base(names[i]) == manifestName, path.Base(names[j]) == manifestName
		if mi != mj {
			return mj
		}
		return names[i] < names[j]
	})
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("pack %s: %w", name, err)
		}
		hdr := &tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), ModTime: time.Unix(0, 0), Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, fmt.Errorf("pack %s: %w", name, err)
		}
		if _, err := tw.Write(data); err != nil {
			return nil, fmt.Errorf("pack %s: %w", name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("pack: %w", err)
	}
	return buf.Bytes(), nil
}

// Unpack writes a packed copy into dir, each file whole (WriteFile) and
// manifests last, then removes the files the copy no longer has. A crash
// part way leaves every manifest naming files that are all there.
func Unpack(dir string, packed []byte) error {
	zr, err := gzip.NewReader(bytes.NewReader(packed))
	if err != nil {
		return fmt.Errorf("unpack: %w", err)
	}
	tr := tar.NewReader(zr)
	keep := map[string]bool{}
	var total int64
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("unpack: %w", err)
		}
		name := filepath.FromSlash(hdr.Name)
		if hdr.Typeflag != tar.TypeReg || !filepath.IsLocal(name) || strings.HasPrefix(filepath.Base(name), ".") {
			return fmt.Errorf("unpack: unexpected entry %q", hdr.Name)
		}
		total += hdr.Size
		if total > maxUnpacked {
			return fmt.Errorf("unpack: more than %d bytes", maxUnpacked)
		}
		data, err := io.ReadAll(io.LimitReader(tr, hdr.Size))
		if err != nil {
			return fmt.Errorf("unpack %s: %w", hdr.Name, err)
		}
		if err := WriteFile(filepath.Join(dir, name), data); err != nil {
			return err
		}
		keep[name] = true
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		if rel, rerr := filepath.Rel(dir, p); rerr == nil && !keep[rel] {
			os.Remove(p)
		}
		return nil
	})
}

// markName is the hidden file recording which shelf copy dir holds.
const markName = ".shelf.json"

// ReadMark returns the stamp of the shelf copy last published from dir or
// unpacked into it; the zero Stamp when none is recorded.
func ReadMark(dir string) Stamp {
	var s Stamp
	if data, err := os.ReadFile(filepath.Join(dir, markName)); err == nil {
		json.Unmarshal(data, &s)
	}
	return s
}

// WriteMark records that dir holds the shelf copy s.
func WriteMark(dir string, s Stamp) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("shelf mark: %w", err)
	}
	return WriteFile(filepath.Join(dir, markName), data)
}
