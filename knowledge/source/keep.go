package source

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// keptSources is the last good copy of every source document read, kept
// in a folder (the data folder's "sources"), so a restart while a file is
// unreadable or an intranet page is down still knows what it knew.
type keptSources struct {
	dir   string
	Docs  map[string]keptDoc    `json:"docs"`  // by document name
	Refs  map[string][]keptSpec `json:"specs"` // the documents a spec listed when last read
	dirty bool
	now   func() time.Time // stamps KeptAt
}

// keptDoc is where one document's copy is, and when it was kept.
type keptDoc struct {
	File   string    `json:"file"`
	Hash   string    `json:"hash"`
	Format docFormat `json:"format"`
	KeptAt time.Time `json:"kept_at"`
}

// keptSpec is one document of a spec, enough to read it back.
type keptSpec struct {
	Name  string `json:"name"`
	IsURL bool   `json:"is_url"`
	Base  string `json:"base"`
}

const keptManifest = "manifest.json"

// openKept reads the kept copies' manifest; a folder with none is empty.
func openKept(dir string, now func() time.Time) *keptSources {
	k := &keptSources{dir: dir, now: now, Docs: map[string]keptDoc{}, Refs: map[string][]keptSpec{}}
	data, err := os.ReadFile(filepath.Join(dir, keptManifest))
	if err == nil {
		_ = json.Unmarshal(data, k)
	}
	if k.Docs == nil {
		k.Docs = map[string]keptDoc{}
	}
	if k.Refs == nil {
		k.Refs = map[string][]keptSpec{}
	}
	return k
}

// keepSpec records the documents a spec lists now.
func (k *keptSources) keepSpec(spec string, refs []docRef) {
	var ks []keptSpec
	for _, r := range refs {
		ks = append(ks, keptSpec{Name: r.name, IsURL: r.isURL, Base: r.base})
	}
	k.Refs[spec] = ks
	k.dirty = true
}

// specRefs are the documents a spec listed when last read.
func (k *keptSources) specRefs(spec string) []docRef {
	var out []docRef
	for _, s := range k.Refs[spec] {
		if d, ok := k.Docs[s.Name]; ok {
			out = append(out, docRef{name: s.Name, isURL: s.IsURL, base: s.Base, format: d.Format})
		}
	}
	return out
}

// keep saves a document's bytes when they changed.
func (k *keptSources) keep(r docRef, data []byte) error {
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	if d, ok := k.Docs[r.name]; ok && d.Hash == hash && d.Format == r.format {
		return nil
	}
	name := sha256.Sum256([]byte(r.name))
	file := hex.EncodeToString(name[:12]) + ".doc"
	if err := writeWhole(filepath.Join(k.dir, file), data); err != nil {
		return err
	}
	k.Docs[r.name] = keptDoc{File: file, Hash: hash, Format: r.format, KeptAt: k.now().UTC()}
	k.dirty = true
	return nil
}

// copyOf is a document's kept bytes, and when they were kept.
func (k *keptSources) copyOf(name string) ([]byte, keptDoc, bool) {
	d, ok := k.Docs[name]
	if !ok {
		return nil, d, false
	}
	data, err := os.ReadFile(filepath.Join(k.dir, d.File))
	if err != nil {
		return nil, d, false
	}
	return data, d, true
}

// save writes the manifest when anything changed.
func (k *keptSources) save() error {
	if !k.dirty {
		return nil
	}
	data, err := json.Marshal(k)
	if err != nil {
		return fmt.Errorf("keep sources: %w", err)
	}
	return writeWhole(filepath.Join(k.dir, keptManifest), data)
}

// writeWhole writes a file through a temporary one renamed into place, so
// a crash leaves the old file or the new, never half of one.
func writeWhole(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("keep sources: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".keep-*")
	if err != nil {
		return fmt.Errorf("keep sources: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("keep sources: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("keep sources: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("keep sources: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("keep sources: %w", err)
	}
	return nil
}
